"""The demo center opens on a dashboard with this year's targets (the article's: five ≥10亿 projects
landed and one provincial major project a year), for the center and every group; seeding is idempotent
and leaves a target a director changed alone."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from dashboards.demo import seed_demo_targets
from dashboards.models import Target
from teams.demo import seed_demo_center
from teams.models import Membership, Team

pytestmark = pytest.mark.django_db

FIELDS = ["signed_projects", "billion_projects", "provincial_major_projects", "signed_investment",
          "contacts_per_week"]  # fmt: skip


def _targets(year):
    return sorted(Target.objects.filter(year=year).values_list("team__code", *FIELDS), key=lambda row: row[0] or "")


@time_machine.travel("2026-05-20 10:00 +0800", tick=False)
def test_this_years_center_and_group_targets_are_seeded_once():
    seed_demo_center()
    assert seed_demo_targets() == 6
    center = Target.objects.get(year=2026, team=None)
    assert center.billion_projects >= 5 and center.provincial_major_projects >= 1
    assert center.signed_projects > 0 and center.signed_investment > 0 and center.contacts_per_week > 0
    groups = Target.objects.filter(year=2026, team__isnull=False)
    assert {target.team.code for target in groups} == set(Team.objects.values_list("code", flat=True))
    assert all(t.signed_projects and t.billion_projects and t.signed_investment and t.contacts_per_week
               for t in groups)  # fmt: skip
    assert sum(t.billion_projects for t in groups) >= center.billion_projects
    first = _targets(2026)
    assert seed_demo_targets() == 6 and _targets(2026) == first
    assert not Target.objects.exclude(year=2026).exists()


@time_machine.travel("2026-05-20 10:00 +0800", tick=False)
def test_a_target_the_director_changed_stays_changed():
    seed_demo_center()
    seed_demo_targets()
    Target.objects.filter(year=2026, team=None).update(signed_investment=Decimal("1500000"))
    seed_demo_targets()
    assert Target.objects.get(year=2026, team=None).signed_investment == Decimal("1500000")


@time_machine.travel("2026-05-20 10:00 +0800", tick=False)
def test_the_directors_first_dashboard_has_a_target_on_every_card(client):
    seed_demo_center()
    seed_demo_targets()
    client.force_login(Membership.objects.get(user__username="maxiang").user)
    html = client.get(reverse("dashboards:dashboard"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert html.count('id="done-') == 5
    assert "未设目标" not in html
