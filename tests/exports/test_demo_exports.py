import pytest

from exports.demo import seed_demo_exports
from exports.models import ExportLog
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


def test_the_demo_exports_are_recorded_once_with_the_rows_their_lists_hold():
    make_member(Membership.Role.DIRECTOR, user__username="maxiang")
    wangshuai = make_member(Membership.Role.RECRUITER, user__username="wangshuai")
    make_project(wangshuai, planned_investment=150000)  # ≥ 10亿
    make_project(wangshuai, planned_investment=5000)
    assert seed_demo_exports() == seed_demo_exports() == 2
    full = ExportLog.objects.get(masked=False)
    assert (full.user.username, full.kind, full.row_count) == ("maxiang", "projects", 1)
