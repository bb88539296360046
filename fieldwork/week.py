"""The week's plan (周安排): for each active group and each day Monday–Sunday of an ISO week, who is out
(trips, where) and who receives (receptions, at what time) — read from trips and receptions, nothing entered
twice. A fixed number of queries whatever the data; each cell shows at most CELL_ITEMS items and "+N"."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from core.dates import days_range
from fieldwork import permissions, selectors
from fieldwork.models import FieldworkPolicy, Reception, Trip
from teams.models import Team

CELL_ITEMS = 3
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(value: str | None, today: date | None = None) -> date:
    """The Monday of an ISO week written 2026-W10; this week's for anything else."""
    today = today or timezone.localdate()
    match = WEEK_PATTERN.match((value or "").strip()[:10])
    if match:
        try:
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            monday = None
        if monday is not None and 2000 <= monday.year <= 2100:
            return monday
    return monday_of(today)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def trips_out(monday: date):
    """The trips that make their group "out" in the week from this Monday: approved (or done), of an
    active group, on at least one of its days."""
    return Trip.objects.filter(
        status__in=Trip.OUT_STATUSES, team__is_active=True, start_date__lte=monday + timedelta(days=6),
        end_date__gte=monday,
    )  # fmt: skip


def week_label(monday: date) -> str:
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class CellItem:
    kind: str  # "trip" or "reception"
    text: str
    url: str = ""  # empty when the viewer may not open it
    time: datetime | None = None
    status: str = ""


@dataclass
class Cell:
    day: date
    items: list[CellItem] = field(default_factory=list)
    more: int = 0

    @property
    def is_out(self) -> bool:
        return any(item.kind == "trip" for item in self.items)


@dataclass
class Row:
    team: Team
    cells: list[Cell]
    is_out: bool = False


@dataclass
class WeekPlan:
    monday: date
    days: list[date]
    rows: list[Row]
    groups_out: int
    min_groups_out: int
    show_warning: bool
    label: str
    previous: str
    next: str
    is_this_week: bool

    @property
    def by_day(self) -> list[tuple[date, list[tuple[Team, Cell]]]]:
        """The same cells day by day, only the groups with something on (the phone's layout)."""
        return [
            (day, [(row.team, row.cells[n]) for row in self.rows if row.cells[n].items])
            for n, day in enumerate(self.days)
        ]


def _add(cell: Cell, item: CellItem) -> None:
    if len(cell.items) < CELL_ITEMS:
        cell.items.append(item)
    else:
        cell.more += 1


def week_plan(user: User, monday: date) -> WeekPlan:
    days = [monday + timedelta(days=n) for n in range(7)]
    sunday = days[-1]
    teams = list(Team.objects.filter(is_active=True).order_by("code"))
    rows = {team.pk: Row(team=team, cells=[Cell(day=day) for day in days]) for team in teams}
    trips = list(
        Trip.objects.filter(team_id__in=rows, start_date__lte=sunday, end_date__gte=monday)
        .exclude(status__in=(Trip.Status.DRAFT, Trip.Status.CANCELLED))
        .order_by("start_date", "pk")
    )
    visible_trips = set(
        selectors.trip_list_for_user(user).filter(pk__in=[t.pk for t in trips]).values_list("pk", flat=True)
    )
    out_teams = set()
    for trip in trips:
        row = rows[trip.team_id]
        if trip.status in Trip.OUT_STATUSES:
            out_teams.add(trip.team_id)
            row.is_out = True
        url = trip.get_absolute_url() if trip.pk in visible_trips else ""
        for cell in row.cells:
            if trip.start_date <= cell.day <= trip.end_date:
                _add(cell, CellItem("trip", trip.destinations, url, status=trip.current_status))
    first, last = days_range(monday, sunday)
    receptions = list(
        Reception.objects.filter(team_id__in=rows, starts_at__gte=first, starts_at__lt=last)
        .exclude(status=Reception.Status.CANCELLED)
        .select_related("company", "project")
        .order_by("starts_at", "pk")
    )
    visible_receptions = set(
        selectors.reception_list_for_user(user).filter(pk__in=[r.pk for r in receptions]).values_list("pk", flat=True)
    )
    for reception in receptions:
        local = timezone.localtime(reception.starts_at)
        cell = rows[reception.team_id].cells[(local.date() - monday).days]
        url = reception.get_absolute_url() if reception.pk in visible_receptions else ""
        name = reception.project.name if reception.project else reception.company.name
        _add(cell, CellItem("reception", name, url, time=local, status=reception.status))
    policy = FieldworkPolicy.current()
    today = timezone.localdate()
    return WeekPlan(
        monday=monday, days=days, rows=list(rows.values()), groups_out=len(out_teams),
        min_groups_out=policy.min_groups_out,
        show_warning=permissions.sees_groups_out_warning(user) and len(out_teams) < policy.min_groups_out,
        label=week_label(monday), previous=week_label(monday - timedelta(days=7)),
        next=week_label(monday + timedelta(days=7)), is_this_week=monday <= today <= sunday,
    )  # fmt: skip
