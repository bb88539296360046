"""The director dashboard's first part: targets against what landed, the funnel, waiting decisions —
hand-computed on a small fixture, each number equal to the count of the list it links to."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import ContactLog
from dashboards import selectors
from dashboards.models import Target
from projects.models import Project
from projects.stages import Stage
from teams.models import Membership
from tests.dashboards.conftest import TODAY
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


def _progress(scope) -> dict:
    return {row["key"]: row for row in selectors.target_progress(scope)}


def test_center_progress_against_its_targets(center):
    rows = _progress(selectors.Scope(year=2026, today=TODAY))
    assert (rows["signed"]["done"], rows["signed"]["target"], rows["signed"]["gap"]) == (3, 5, 2)
    assert rows["billion"]["done"] == 2  # 20亿 (Jan 1) and exactly 10亿 (Jun 1); not last year's 30亿
    assert rows["major"]["done"] == 2 and rows["major"]["gap"] == 0 and rows["major"]["percent"] == 100
    assert rows["investment"]["done"] == Decimal("330000")  # 180000 contracted + 50000 + 100000 planned
    assert rows["contacts"]["done"] == 2  # Monday 00:05 and Sunday 23:55 Shanghai; not the Sunday before


def test_a_group_sees_its_own_figures(center):
    rows = _progress(selectors.Scope(year=2026, team=center["one"].team, today=TODAY))
    assert (rows["signed"]["done"], rows["billion"]["done"], rows["major"]["done"]) == (2, 1, 1)
    assert rows["signed"]["target"] == 0 and rows["signed"]["percent"] is None  # no group target set
    assert rows["contacts"]["done"] == 2


def test_funnel_counts_active_projects_by_stage(center):
    funnel = {row["stage"]: row for row in selectors.funnel(selectors.Scope(year=2026, today=TODAY))}
    assert funnel[Stage.LEAD]["count"] == 2 and funnel[Stage.LEAD]["investment"] == 3000
    assert funnel[Stage.INTENTION]["count"] == 0  # paused
    assert funnel[Stage.SIGNED]["count"] == 2 and funnel[Stage.NEGOTIATION]["count"] == 1


def test_every_number_links_to_a_list_with_that_many_rows(client, center):
    client.force_login(center["director"].user)
    scope = selectors.Scope(year=2026, today=TODAY)
    rows = {row["key"]: row for row in selectors.target_progress(scope)}
    for key in ("signed", "billion", "major"):
        assert client.get(rows[key]["url"]).context["page"].paginator.count == rows[key]["done"], key
    # the signed investment links to the projects it adds up
    assert client.get(rows["investment"]["url"]).context["page"].paginator.count == rows["signed"]["done"]
    activity = client.get(rows["contacts"]["url"])
    assert activity.context["page"].paginator.count == rows["contacts"]["done"]
    for row in selectors.funnel(scope):
        assert client.get(row["url"]).context["page"].paginator.count == row["count"], row["stage"]


def test_group_leaders_see_only_their_group(client, center):
    client.force_login(center["one"].user)
    page = client.get(reverse("dashboards:dashboard"))
    assert page.status_code == 200 and page.context["scope"].team == center["one"].team
    assert client.get(reverse("dashboards:dashboard") + f"?team={center['two'].team.pk}").status_code == 403
    recruiter = make_member(Membership.Role.RECRUITER, team=center["one"].team)
    client.force_login(recruiter.user)
    page = client.get(reverse("dashboards:dashboard") + f"?team={center['two'].team.pk}")
    assert page.status_code == 200 and "stats" in page.context and "scope" not in page.context  # own figures only
    assert client.get(reverse("dashboards:dashboard_export")).status_code == 403


def test_only_directors_and_admins_set_targets(client, center):
    client.force_login(center["one"].user)
    assert client.get(reverse("dashboards:target_edit", args=[2026])).status_code == 403
    client.force_login(center["director"].user)
    data = {f"t0-{name}": value for name, value in [("signed_projects", 6), ("billion_projects", 5),
            ("provincial_major_projects", 1), ("signed_investment", "600000"), ("contacts_per_week", 40)]}  # fmt: skip
    for team in (center["one"].team, center["two"].team):
        data |= {f"t{team.pk}-{name}": 2 for name in ("signed_projects", "billion_projects",
                 "provincial_major_projects", "signed_investment", "contacts_per_week")}  # fmt: skip
    assert client.post(reverse("dashboards:target_edit", args=[2026]), data).status_code == 302
    assert Target.objects.get(year=2026, team=None).signed_projects == 6
    assert Target.objects.filter(year=2026, team__isnull=False).count() == 2
    data["t0-signed_projects"] = -1
    assert client.post(reverse("dashboards:target_edit", args=[2026]), data).status_code == 200
    assert Target.objects.get(year=2026, team=None).signed_projects == 6


def _bulk_projects(leader, count: int) -> None:
    """`count` projects over every stage, status, channel and chain, signed across two years, with logs."""
    from django.utils import timezone

    from projects.models import IndustryChain

    template = make_project(leader, name="模板")
    chains = list(IndustryChain.objects.all())
    now = timezone.now()
    projects = Project.objects.bulk_create(
        [
            Project(
                name=f"批量{i}", company=template.company, owner_team=leader.team, owner=leader.user,
                created_by=leader.user, stage=list(Stage)[i % 8], stage_entered_at=now - timedelta(days=i % 90),
                status=["active", "active", "paused", "dropped"][i % 4], status_reason="x",
                channel=["industry_chain", "fund", "ambassador", "other"][i % 4], chain=chains[i % len(chains)],
                planned_investment=1000 + i, signed_on=date(2025 + i % 2, 1 + i % 12, 1) if i % 8 >= 5 else None,
            )
            for i in range(count)
        ]
    )  # fmt: skip
    ContactLog.objects.bulk_create(
        [ContactLog(project=p, company=p.company, channel="phone", author=leader.user, team=leader.team,
                    summary="x", occurred_at=now - timedelta(hours=i)) for i, p in enumerate(projects)]
    )  # fmt: skip


@pytest.mark.parametrize("who", ["director", "one", "recruiter"])
def test_dashboard_queries_are_the_same_at_10_and_1000_projects(client, center, who):
    recruiter = make_member(Membership.Role.RECRUITER, team=center["one"].team)
    person = recruiter if who == "recruiter" else center[who]
    client.force_login(person.user)
    _bulk_projects(center["one"], 2)  # about 10 in all with the fixture's
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("dashboards:dashboard")).status_code == 200
    _bulk_projects(center["one"], 1000)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("dashboards:dashboard")).status_code == 200
    assert len(large) == len(small)


@pytest.mark.parametrize("year", [1, 1999, 2101, 99999, 10**25])
def test_targets_of_an_implausible_year_are_not_found(client, year):
    from teams.models import Membership
    from tests.factories import make_member

    client.force_login(make_member(Membership.Role.DIRECTOR).user)
    assert client.get(f"/dashboard/targets/{year}/").status_code == 404
    assert client.post(f"/dashboard/targets/{year}/").status_code == 404
