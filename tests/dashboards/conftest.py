"""A small center whose every dashboard number is computed by hand in the tests."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from activities.models import ContactLog
from dashboards import services
from projects.models import Project
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 26)  # a Thursday


@pytest.fixture
def center(db):
    one = make_member(Membership.Role.TEAM_LEADER, display_name="周建国")
    two = make_member(Membership.Role.TEAM_LEADER, display_name="孙浩")
    director = make_member(Membership.Role.DIRECTOR)
    # group one: two landed this year (one ≥10亿 and provincial major), one landed last year, three open
    make_project(one, stage=Stage.SIGNED, signed_on=date(2026, 1, 1), planned_investment=200000,
                 contracted_amount=180000, is_provincial_major=True)  # fmt: skip
    make_project(one, stage=Stage.CONSTRUCTION, signed_on=date(2026, 12, 31), planned_investment=50000)
    make_project(one, stage=Stage.PRODUCTION, signed_on=date(2025, 12, 31), planned_investment=300000)
    make_project(one, stage=Stage.LEAD, planned_investment=1000)
    make_project(one, stage=Stage.LEAD, planned_investment=2000)
    make_project(one, stage=Stage.INTENTION, planned_investment=120000, status=Project.Status.PAUSED,
                 status_reason="资金未到位")  # fmt: skip
    # group two: one landed this year, one open
    make_project(two, stage=Stage.SIGNED, signed_on=date(2026, 6, 1), planned_investment=100000,
                 is_provincial_major=True)  # fmt: skip
    make_project(two, stage=Stage.NEGOTIATION, planned_investment=8000)
    # contacts: this week is Mon 23 … Sun 29 November (Shanghai)
    project = Project.objects.filter(owner_team=one.team).first()
    for when in (datetime(2026, 11, 23, 0, 5), datetime(2026, 11, 29, 23, 55), datetime(2026, 11, 22, 23, 55)):
        ContactLog.objects.create(project=project, company=project.company, channel="phone", author=one.user,
                                  team=one.team, summary="电话", occurred_at=when.replace(tzinfo=SHANGHAI))  # fmt: skip
    figures = {"signed_projects": 5, "billion_projects": 5, "provincial_major_projects": 1,
               "signed_investment": Decimal("500000"), "contacts_per_week": 10}  # fmt: skip
    services.target_save(actor=director.user, year=2026, team=None, **figures)
    return {"one": one, "two": two, "director": director}
