"""The field half of a benchmark center (used by page_benchmark.py's fill): trips with their planned visits,
receptions, aftercare requests and supervision orders, so that the dashboard's field-work, aftercare and
supervision cards are measured over a year of records rather than empty tables.

Sizes follow the article's center: each of the 5 groups is out about twice a week (≈ 480 trips in a year,
4 visits each, 60% of them recorded by one of the group's visit logs, 1 in 10 a new lead) and receives
about one and a half delegations a week (≈ 350); aftercare requests and supervision orders grow with the
landed and active projects (one request per 50 projects, one order per 100)."""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from activities.models import Channel, ContactLog
from aftercare.models import RequestKind, ServiceRequest
from fieldwork.models import PlannedVisit, Reception, Trip
from projects.models import Project
from projects.stages import LANDED_STAGES
from supervision.models import SupervisionOrder
from teams.models import Membership, Team

CITIES = ["丽水", "衢州", "苏州", "宁波", "合肥", "深圳", "东莞", "上海", "无锡", "常州", "温州", "南京"]
TRIPS_PER_WEEK, VISITS_PER_TRIP, RECEPTIONS_PER_WEEK = 2, 4, 1.5


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def fill_field_work(rng: random.Random, today: date) -> dict[str, int]:
    director = User.objects.get(username="director")
    year_start = date(today.year, 1, 1)
    weeks = (today - year_start).days // 7 + 2  # up to next week, for the week plan and the warning
    trips, receptions = [], []
    members = {team.pk: list(Membership.objects.filter(team=team).values_list("user_id", flat=True))
               for team in Team.objects.filter(is_active=True)}  # fmt: skip
    for team_id, people in members.items():
        for week in range(weeks):
            monday = year_start - timedelta(days=year_start.weekday()) + timedelta(weeks=week)
            for _ in range(TRIPS_PER_WEEK):
                start = monday + timedelta(days=rng.randrange(5))
                lead = rng.choice(people)
                trips.append(Trip(
                    destinations="、".join(rng.sample(CITIES, rng.randint(1, 3))), start_date=start,
                    end_date=start + timedelta(days=rng.randint(0, 3)), lead_id=lead, team_id=team_id,
                    purpose="拜访产业链重点企业", status=Trip.Status.DONE if start < today else Trip.Status.APPROVED,
                    approved_by=director, approved_at=_aware(start - timedelta(days=3), 9), created_by_id=lead,
                ))  # fmt: skip
            for _ in range(int(RECEPTIONS_PER_WEEK) + (rng.random() < RECEPTIONS_PER_WEEK % 1)):
                day = monday + timedelta(days=rng.randrange(5))
                receptions.append((team_id, rng.choice(people), day))
    Trip.objects.bulk_create(trips, batch_size=1000)
    _visits(rng, members, today)
    companies = list(Project.objects.order_by("?").values_list("company_id", flat=True)[: len(receptions)])
    Reception.objects.bulk_create([
        Reception(
            company_id=companies[index % len(companies)], visitors="刘振宇, 总经理\n王芳, 财务总监",
            headcount=rng.randint(1, 8), starts_at=_aware(day, rng.choice((9, 10, 14, 15))), team_id=team_id,
            status=Reception.Status.DONE if day < today else Reception.Status.CONFIRMED, created_by_id=host,
        )
        for index, (team_id, host, day) in enumerate(receptions)
    ], batch_size=1000)  # fmt: skip
    return {
        "trips": len(trips), "visits": PlannedVisit.objects.count(), "receptions": len(receptions),
        "requests": _service_requests(rng, today), "orders": _supervision_orders(rng, today, director),
    }  # fmt: skip


def _visits(rng: random.Random, members: dict[int, list[int]], today: date) -> None:
    """Each trip's visits to its group's projects; 60% of those on the road so far are recorded by a visit
    log of the group (each log records at most one visit)."""
    visits = []
    for team_id in members:
        projects = list(Project.objects.filter(owner_team_id=team_id).values_list("pk", "company_id")[:5000])
        logs = ContactLog.objects.filter(team_id=team_id, channel=Channel.VISIT, is_deleted=False)
        logs = list(logs.values_list("pk", flat=True)[:5000])
        rng.shuffle(logs)
        for trip in Trip.objects.filter(team_id=team_id).only("pk", "start_date", "end_date", "lead_id"):
            for _ in range(VISITS_PER_TRIP):
                project_id, company_id = rng.choice(projects)
                day = trip.start_date + timedelta(days=rng.randint(0, (trip.end_date - trip.start_date).days))
                logged = day < today and logs and rng.random() < 0.6
                visits.append(PlannedVisit(
                    trip=trip, company_id=company_id, project_id=project_id, date=day,
                    is_new_lead=rng.random() < 0.1, contact_log_id=logs.pop() if logged else None,
                    created_by_id=trip.lead_id,
                ))  # fmt: skip
    PlannedVisit.objects.bulk_create(visits, batch_size=2000)


def _service_requests(rng: random.Random, today: date) -> int:
    landed = list(
        Project.objects.filter(stage__in=LANDED_STAGES).order_by("?")
        .values_list("pk", "company_id", "owner_id")[: Project.objects.count() // 50]
    )  # fmt: skip
    requests = []
    for project_id, company_id, owner_id in landed:
        opened = today - timedelta(days=rng.randrange(365))
        resolved = rng.random() < 0.7 and opened < today
        resolved_on = min(opened + timedelta(days=rng.randint(1, 20)), today) if resolved else None
        requests.append(ServiceRequest(
            company_id=company_id, project_id=project_id, kind=rng.choice(RequestKind.values), title="用地指标协调",
            responsible_id=owner_id, opened_on=opened, due_on=opened + timedelta(days=14), created_by_id=owner_id,
            status=ServiceRequest.Status.RESOLVED if resolved else rng.choice(
                (ServiceRequest.Status.OPEN, ServiceRequest.Status.IN_PROGRESS)),
            resolved_on=resolved_on, resolved_at=_aware(resolved_on, 16) if resolved else None,
            resolved_by_id=owner_id if resolved else None, resolution="已协调解决" if resolved else "",
        ))  # fmt: skip
    ServiceRequest.objects.bulk_create(requests, batch_size=2000)
    return len(requests)


def _supervision_orders(rng: random.Random, today: date, director: User) -> int:
    active = list(
        Project.objects.filter(status=Project.Status.ACTIVE).order_by("?")
        .values_list("pk", "owner_id")[: Project.objects.count() // 100]
    )  # fmt: skip
    orders = []
    for project_id, owner_id in active:
        issued = today - timedelta(days=rng.randrange(300))
        due = issued + timedelta(days=rng.randint(5, 40))
        closed_on = issued + timedelta(days=rng.randint(3, 50)) if rng.random() < 0.6 else None
        closed = closed_on is not None and closed_on < today
        orders.append(SupervisionOrder(
            project_id=project_id, required="两周内落实用地方案并报进展", due_on=due, responsible_id=owner_id,
            issued_by=director, issued_on=issued,
            status=SupervisionOrder.Status.CLOSED if closed else SupervisionOrder.Status.ACKNOWLEDGED,
            closed_at=_aware(closed_on, 17) if closed else None, closed_by=director if closed else None,
            closed_on_time=closed_on <= due if closed else None,
        ))  # fmt: skip
    SupervisionOrder.objects.bulk_create(orders, batch_size=2000)
    return len(orders)
