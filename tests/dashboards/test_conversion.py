"""Conversion between stages and median days per stage, hand-computed from moves made at known times."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from dashboards import selectors, stage_times
from projects import services, stays
from projects.models import StageRequest
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(month, day, hour=10):
    return datetime(2026, month, day, hour, tzinfo=SHANGHAI)


def _move(director, project, stage, when):
    with time_machine.travel(when, tick=False):
        services.project_request_stage(actor=director.user, project=project, to_stage=stage, comment="推进")


@pytest.fixture
def history(db):
    leader = make_member(Membership.Role.TEAM_LEADER)
    director = make_member(Membership.Role.DIRECTOR)
    projects = []
    for index in range(4):
        with time_machine.travel(at(1, 1 + index), tick=False):
            projects.append(make_project(leader, name=f"项目{index}"))
    a, b, c, _d = projects
    # a: 线索 10 days, 接洽 20 days, 洽谈 from then on
    _move(director, a, Stage.CONTACT, at(1, 11))
    _move(director, a, Stage.NEGOTIATION, at(1, 31))
    # b: 线索 30 days, 接洽 40 days, then back to 接洽 after reaching 洽谈 (furthest stays 洽谈)
    _move(director, b, Stage.CONTACT, at(2, 1))
    _move(director, b, Stage.NEGOTIATION, at(3, 13))
    _move(director, b, Stage.CONTACT, at(3, 20))
    # c: 线索 20 days, then still in 接洽
    _move(director, c, Stage.CONTACT, at(1, 23))
    # d: still a lead
    with time_machine.travel(at(2, 1), tick=False):  # one project from another year does not count
        old = make_project(leader, name="去年项目")
    type(old).objects.filter(pk=old.pk).update(created_at=datetime(2025, 12, 31, 23, 0, tzinfo=SHANGHAI))
    return {"director": director, "leader": leader}


def test_conversion_of_the_years_projects(client, history):
    scope = selectors.Scope(year=2026)
    rows = {row["stage"]: row for row in selectors.conversion(scope)}
    assert (rows[Stage.LEAD]["reached"], rows[Stage.CONTACT]["reached"], rows[Stage.NEGOTIATION]["reached"]) == (
        4, 3, 2,
    )  # fmt: skip
    assert rows[Stage.SITE_VISIT]["reached"] == 0
    assert (rows[Stage.LEAD]["on_percent"], rows[Stage.CONTACT]["on_percent"]) == (75, 67)
    assert rows[Stage.NEGOTIATION]["on_percent"] == 0 and rows[Stage.PRODUCTION]["on_percent"] is None
    client.force_login(history["director"].user)
    for row in rows.values():
        assert client.get(row["url"]).context["page"].paginator.count == row["reached"], row["stage"]


def test_median_days_per_stage(history):
    medians = stage_times.median_days_in_stage(selectors.Scope(year=2026))
    # 线索: a 10 days (Jan 1 → 11), b 30 (Jan 2 → Feb 1), c 20 (Jan 3 → 23)
    assert medians[Stage.LEAD] == 20.0
    # 接洽: a 20 (Jan 11 → 31), b 40 (Feb 1 → Mar 13)
    assert medians[Stage.CONTACT] == 30.0
    # 洽谈: b 7 (Mar 13 → 20)
    assert medians[Stage.NEGOTIATION] == 7.0
    assert Stage.SITE_VISIT not in medians
    group = stage_times.median_days_in_stage(
        selectors.Scope(year=2026, team=make_member(Membership.Role.TEAM_LEADER).team)
    )
    assert group == {}
    assert stage_times.median_days_in_stage(selectors.Scope(year=2026, team=history["leader"].team)) == medians


def test_a_groups_medians_keep_the_moves_asked_for_while_it_owned_the_project(history):
    """A move counts for the group that owned the project when it was asked for (as a contact log counts
    for its author's group): handing the project to another group later leaves the earlier stays where they
    were, and the new group's medians start with its own moves."""
    first = history["leader"].team
    before = stage_times.median_days_in_stage(selectors.Scope(year=2026, team=first))
    other = make_member(Membership.Role.TEAM_LEADER)
    project = make_project(history["leader"], name="转组项目")
    type(project).objects.filter(pk=project.pk).update(created_at=at(4, 1))
    _move(history["director"], project, Stage.CONTACT, at(4, 5))  # 4 days a lead, in the first group
    type(project).objects.filter(pk=project.pk).update(owner_team=other.team, owner=other.user)
    project.refresh_from_db()
    _move(history["director"], project, Stage.NEGOTIATION, at(4, 25))  # 20 days in 接洽, in the other group
    assert set(StageRequest.objects.filter(project=project).values_list("team_id", flat=True)) == {
        first.pk, other.team_id,
    }  # fmt: skip
    mine = stage_times.median_days_in_stage(selectors.Scope(year=2026, team=first))
    assert mine[Stage.LEAD] == 15.0  # 10, 20, 30 and the handed-over project's 4 days
    assert mine[Stage.CONTACT] == before[Stage.CONTACT]
    assert stage_times.median_days_in_stage(selectors.Scope(year=2026, team=other.team)) == {Stage.CONTACT: 20.0}


def test_moves_of_other_years_leave_the_medians_alone_and_are_not_windowed(history):
    """Only the year's approved moves are windowed; a stay that began the year before still starts at
    the move into it."""
    leader, director = history["leader"], history["director"]
    before = stage_times.median_days_in_stage(selectors.Scope(year=2026))
    # moves wholly in 2025 and in 2027 (many of them) change nothing in 2026
    for year in (2025, 2027):
        for index in range(3):
            with time_machine.travel(datetime(year, 3, 1 + index, 10, tzinfo=SHANGHAI), tick=False):
                other = make_project(leader, name=f"{year}项目{index}")
            _move(director, other, Stage.CONTACT, datetime(year, 4, 1, 10, tzinfo=SHANGHAI))
            _move(director, other, Stage.NEGOTIATION, datetime(year, 5, 1, 10, tzinfo=SHANGHAI))
    assert stage_times.median_days_in_stage(selectors.Scope(year=2026)) == before

    # a stay from 2025-12-21 to 2026-02-19 (60 days in 接洽) counts in 2026 with its real start
    with time_machine.travel(datetime(2025, 12, 1, 10, tzinfo=SHANGHAI), tick=False):
        spanning = make_project(leader, name="跨年项目")
    _move(director, spanning, Stage.CONTACT, datetime(2025, 12, 21, 10, tzinfo=SHANGHAI))
    _move(director, spanning, Stage.NEGOTIATION, datetime(2026, 2, 19, 10, tzinfo=SHANGHAI))
    medians = stage_times.median_days_in_stage(selectors.Scope(year=2026))
    assert medians[Stage.CONTACT] == 40.0  # a 20, b 40, the spanning project 60
    assert medians[Stage.LEAD] == before[Stage.LEAD]

    # the query reads the 2026 moves only (a 2, b 3, c 1 and the spanning project's 1), each with its start
    sql, params = stage_times._stays(selectors.Scope(year=2026), "r.stay_started_at")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert len(cursor.fetchall()) == 7


def test_stays_recomputed_from_the_moves_equal_those_kept_at_each_decision(history):
    """What the migration backfills and the demo rewrites (projects/stays.py) is what approvals write."""
    kept = dict(StageRequest.objects.filter(status="approved").values_list("pk", "stay_started_at"))
    assert len(kept) == 6 and all(kept.values())
    StageRequest.objects.update(stay_started_at=None)
    stays.recompute_stays()
    assert dict(StageRequest.objects.filter(status="approved").values_list("pk", "stay_started_at")) == kept
    StageRequest.objects.update(stay_started_at=None)
    some = list(StageRequest.objects.values_list("project_id", flat=True).distinct()[:1])
    stays.recompute_stays(some)
    assert set(StageRequest.objects.filter(stay_started_at__isnull=False).values_list("project_id", flat=True)) == set(
        some
    )
