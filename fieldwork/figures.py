"""Field work on the dashboard (registered in FieldworkConfig.ready(), see dashboards/panels.py):

- this week, per group: where it is out (trips) and how many delegations it receives;
- per group and month of the dashboard's year: days out, visits made, receptions hosted — the monthly
  attendance (出勤) the centers report. A day out is a calendar day (up to today) on which the group has an
  approved trip under way; a visit is a contact log 外出拜访 booked to the group; a reception one it held;
- what the year's trips produced: visits logged on them, new leads met on the road, and the projects they
  visited that moved a stage afterwards (within the year);
- for directors, a warning when fewer groups are out this week or next than the policy asks for.

Always for the dashboard's scope (the center, or the one group a leader sees), in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils import timezone

from activities.models import Channel, ContactLog
from core.counting import counts
from core.dates import MonthOfYear, days_range
from dashboards.panels import Panel
from dashboards.scope import active_teams
from fieldwork import permissions
from fieldwork.models import FieldworkPolicy, PlannedVisit, Reception, Trip
from fieldwork.selectors import STAGE_MOVE_KINDS
from fieldwork.week import CELL_ITEMS, monday_of, trips_out, week_label
from projects.models import ProjectEvent
from teams.models import Team


@dataclass
class Attendance:
    days_out: int = 0
    visits: int = 0
    receptions: int = 0


def _sum(attendances) -> Attendance:
    total = Attendance()
    for item in attendances:
        total.days_out += item.days_out
        total.visits += item.visits
        total.receptions += item.receptions
    return total


@dataclass
class GroupRow:
    team: Team
    trips: list[str] = field(default_factory=list)  # this week: where (at most CELL_ITEMS)
    more_trips: int = 0
    receptions: int = 0  # this week
    months: list[Attendance] = field(default_factory=list)
    year: Attendance = field(default_factory=Attendance)


def _teams(scope) -> list[Team]:
    return [scope.team] if scope.team is not None else active_teams(scope)


def _this_week(rows: dict[int, GroupRow], today: date) -> None:
    monday = monday_of(today)
    for trip in trips_out(monday).filter(team_id__in=rows).order_by("start_date", "pk"):
        row = rows[trip.team_id]
        if len(row.trips) < CELL_ITEMS:
            row.trips.append(trip.destinations)
        else:
            row.more_trips += 1
    first, last = days_range(monday, monday + timedelta(days=6))
    receptions = (
        Reception.objects.filter(team_id__in=rows, starts_at__gte=first, starts_at__lt=last)
        .exclude(status=Reception.Status.CANCELLED)
        .order_by().values_list("team_id").annotate(n=Count("pk"))
    )  # fmt: skip
    for team_id, count in receptions:
        rows[team_id].receptions = count


def _attendance(rows: dict[int, GroupRow], year: int, months: int, today: date) -> None:
    for row in rows.values():
        row.months = [Attendance() for _month in range(months)]
    if not months:
        return
    first, last = date(year, 1, 1), min(date(year, months, 1) + timedelta(days=31), today + timedelta(days=1))
    trips = Trip.objects.filter(
        team_id__in=rows, status__in=Trip.OUT_STATUSES, start_date__lt=last, end_date__gte=first
    ).values_list("team_id", "start_date", "end_date")
    days_out: set[tuple[int, date]] = set()
    for team_id, start, end in trips:
        day = max(start, first)
        while day <= end and day < last:
            days_out.add((team_id, day))
            day += timedelta(days=1)
    for team_id, day in days_out:
        if day.month <= months:
            rows[team_id].months[day.month - 1].days_out += 1
    since, until = days_range(date(year, 1, 1), date(year, 12, 31))
    visits = (
        ContactLog.objects.visible().filter(team_id__in=rows, channel=Channel.VISIT, occurred_at__gte=since,
                                          occurred_at__lt=until)
        .annotate(month=MonthOfYear("occurred_at", year)).order_by().values_list("team_id", "month")
        .annotate(n=Count("*"))
    )  # fmt: skip
    receptions = (
        Reception.objects.filter(team_id__in=rows, status=Reception.Status.DONE, starts_at__gte=since,
                                 starts_at__lt=until)
        .annotate(month=ExtractMonth("starts_at")).order_by().values_list("team_id", "month").annotate(n=Count("pk"))
    )  # fmt: skip
    for team_id, month, count in visits:
        if month <= months:
            rows[team_id].months[month - 1].visits = count
    for team_id, month, count in receptions:
        if month <= months:
            rows[team_id].months[month - 1].receptions = count
    for row in rows.values():
        row.year = _sum(row.months)


@dataclass
class TripYield:
    trips: int
    visits: int
    new_leads: int
    projects_moved: int


def _trip_yield(team_ids: list[int], year: int) -> TripYield:
    trips = Trip.objects.filter(team_id__in=team_ids, status__in=Trip.OUT_STATUSES, start_date__year=year)
    visits = PlannedVisit.objects.filter(trip__in=trips.values("pk"))
    moved_after = ProjectEvent.objects.filter(
        project_id=OuterRef("project_id"), kind__in=STAGE_MOVE_KINDS, created_at__year=year,
        created_at__date__gte=OuterRef("date"),
    )  # fmt: skip
    return TripYield(**counts(
        trips=trips,
        visits=visits.filter(contact_log__isnull=False, contact_log__is_deleted=False),
        new_leads=visits.filter(is_new_lead=True),
        projects_moved=visits.filter(project__isnull=False, contact_log__isnull=False)
        .filter(Exists(moved_after)).values("project_id").distinct(),
    ))  # fmt: skip


def fieldwork_panel(user: User, scope) -> Panel | None:
    if not permissions.can_view_week_plan(user):
        return None
    today = timezone.localdate()
    months = 12 if scope.year < today.year else (today.month if scope.year == today.year else 0)
    rows = {team.pk: GroupRow(team=team) for team in _teams(scope)}
    _this_week(rows, today)
    _attendance(rows, scope.year, months, today)
    total = _sum(row.year for row in rows.values())
    data = {
        "rows": list(rows.values()),
        "months": [(date(scope.year, n, 1), [row.months[n - 1] for row in rows.values()])
                   for n in range(1, months + 1)],
        "total": total, "year": scope.year,
        "yield": _trip_yield(list(rows), scope.year), "week_url": reverse("fieldwork:week"),
        "trips_url": reverse("fieldwork:trip_list"),
    }  # fmt: skip
    return Panel("fieldwork/_dashboard_panel.html", data)


def groups_out_warning(user: User, scope) -> Panel | None:
    """This week's and next week's shortfall of groups out, for the directors' center view."""
    if scope.team is not None or not permissions.sees_groups_out_warning(user):
        return None
    minimum = FieldworkPolicy.current().min_groups_out
    this_monday = monday_of(timezone.localdate())
    mondays = {"this_week": this_monday, "next_week": this_monday + timedelta(days=7)}
    groups_out = counts(**{key: trips_out(monday).values("team_id").distinct() for key, monday in mondays.items()})
    weeks = []
    for key, monday in mondays.items():
        out = groups_out[key]
        if out < minimum:
            weeks.append({"label": week_label(monday), "out": out, "url": reverse("fieldwork:week") + "?week="
                          + week_label(monday), "is_this_week": monday == this_monday})  # fmt: skip
    if not weeks:
        return None
    return Panel("fieldwork/_dashboard_warning.html", {"weeks": weeks, "minimum": minimum}, top=True)
