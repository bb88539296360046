"""The calendar's JSON (all kinds, and each kind alone) and the iCal feed stay the same size and run the same
queries at a center ten times larger (people, projects, follow-ups, trips, visits, receptions): each asks one
query per provider and stops at its cap. The caps are lowered here so that the small center already fills them,
as the bounded-pages test does with its pages."""

from datetime import time, timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import FollowUp
from calendars import selectors, services
from calendars.registry import PROVIDERS
from crm.identity import normalize_company_name
from crm.models import Company
from fieldwork.models import PlannedVisit, Reception, Trip
from projects.models import Project
from projects.stages import Stage
from teams.models import Membership
from tests.factories import TeamFactory, make_member

pytestmark = pytest.mark.django_db
Role = Membership.Role
TEAMS = 3
CAP = 5  # below what each group holds on its first day at the small center
TOLERANCE = 0.05


def _build(scale: int) -> dict[str, Membership]:
    today = timezone.localdate()
    people = {"director": make_member(Role.DIRECTOR)}
    recruiters = []
    for _ in range(TEAMS):
        team = TeamFactory()
        people.setdefault("leader", make_member(Role.TEAM_LEADER, team=team))
        recruiters += [make_member(Role.RECRUITER, team=team) for _ in range(6 * scale)]
    people["recruiter"] = next(r for r in recruiters if r.team_id == people["leader"].team_id)
    companies = Company.objects.bulk_create(
        Company(name=f"测试{n}号投资有限公司", normalized_name=normalize_company_name(f"测试{n}号投资有限公司"),
                created_by=people["director"].user)
        for n in range(len(recruiters))
    )  # fmt: skip
    projects = Project.objects.bulk_create(
        Project(name=f"项目{n}", company=companies[n], owner_team_id=member.team_id, owner=member.user,
                created_by=member.user, stage=Stage.NEGOTIATION, stage_entered_at=timezone.now(),
                furthest_stage_index=2)
        for n, member in enumerate(recruiters)
    )  # fmt: skip
    FollowUp.objects.bulk_create(
        FollowUp(title=f"跟进{k}", due_date=today + timedelta(days=1 + k * 3), due_time=time(9 + k) if k % 2 else None,
                 owner_id=p.owner_id, team_id=p.owner_team_id, project=p, company_id=p.company_id,
                 created_by_id=p.owner_id, status=FollowUp.Status.CANCELLED if k == 4 else FollowUp.Status.OPEN)
        for p in projects for k in range(5)
    )  # fmt: skip
    trips = Trip.objects.bulk_create(
        Trip(destinations="丽水", start_date=today + timedelta(days=2), end_date=today + timedelta(days=3),
             lead_id=p.owner_id, team_id=p.owner_team_id, purpose="拜访", status=Trip.Status.APPROVED,
             created_by_id=p.owner_id)
        for p in projects
    )  # fmt: skip
    PlannedVisit.objects.bulk_create(
        PlannedVisit(trip=trip, company_id=p.company_id, project=p, date=trip.start_date, time=time(10),
                     created_by_id=p.owner_id)
        for trip, p in zip(trips, projects, strict=True)
    )  # fmt: skip
    receptions = Reception.objects.bulk_create(
        Reception(company_id=p.company_id, project=p, visitors="刘总", headcount=3, team_id=p.owner_team_id,
                  starts_at=timezone.now() + timedelta(days=5), created_by_id=p.owner_id)
        for p in projects
    )  # fmt: skip
    Reception.hosts.through.objects.bulk_create(
        Reception.hosts.through(reception_id=r.pk, user_id=r.created_by_id) for r in receptions
    )
    return people


def _measure(scale: int) -> dict[tuple[str, str], tuple[int, int]]:
    people = _build(scale)
    today = timezone.localdate()
    query = {"start": today.isoformat(), "end": (today + timedelta(days=42)).isoformat()}
    results = {}
    for role in ("recruiter", "leader", "director"):
        user = people[role].user
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        client.force_login(user)
        feed_url = reverse("calendars:feed", args=[services.feed_create(actor=user)])
        events_url = reverse("calendars:calendar_events")
        asked = [("events", events_url, query), ("feed", feed_url, {})]
        asked += [(f"events-{kind}", events_url, query | {"kind": kind}) for kind in PROVIDERS]
        for what, url, params in asked:
            target = Client(HTTP_ACCEPT_LANGUAGE="zh-hans") if what == "feed" else client
            target.get(url, params)  # warm (session, the feed's last-fetched time)
            with CaptureQueriesContext(connection) as queries:
                response = target.get(url, params)
            assert response.status_code == 200, (role, what, response.content[:200])
            results[(role, what)] = (len(queries), len(response.content))
    return results


def _measure_and_undo(scale: int):
    with transaction.atomic():
        results = _measure(scale)
        transaction.set_rollback(True)
    return results


def test_events_and_feed_keep_their_queries_and_size_at_ten_times_the_data(monkeypatch):
    monkeypatch.setattr(selectors, "EVENTS_LIMIT", CAP)
    monkeypatch.setattr(selectors, "FEED_LIMIT", CAP)
    small, large = _measure_and_undo(1), _measure_and_undo(10)
    problems = []
    for key, (queries, size) in small.items():
        big_queries, big_size = large[key]
        if big_queries != queries:
            problems.append(f"{key}: {queries} → {big_queries} queries")
        if abs(big_size - size) > TOLERANCE * size:
            problems.append(f"{key}: {size} → {big_size} bytes")
    assert not problems, "\n".join(problems)
    assert small[("director", "events")][0] <= 6 + len(PROVIDERS)  # session, user, then one query per provider
    assert small[("director", "feed")][0] <= 1 + 2 * len(PROVIDERS)  # the token, one per provider and direction
