"""What field work adds to the reminders (registered in FieldworkConfig.ready(), see reminders/registry.py).

- The trip report (出差报告): REPORT_NOTICE_DAYS before its due date the lead is told once; from the day after
  the due date it is overdue: the lead, the group's leader and the group's robot are told once, then again
  every OVERDUE_REPEAT_DAYS until it is filed. Each reminder's period names its due date (and the overdue
  week), so the Delivery rows' unique key makes it exactly once per period, whatever the sweeps and workers.
- The directors' weekly digest gets next week's plan: which groups are out where, how many receptions,
  and a warning when fewer groups than the policy asks for are out."""

from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.dates import days_range
from fieldwork.models import FieldworkPolicy, Reception, Trip
from fieldwork.week import monday_of, trips_out
from reminders.models import Kind, ReminderPolicy
from reminders.services import Reminder

REPORT_NOTICE_DAYS = 3
OVERDUE_REPEAT_DAYS = 7


def _report_reminder(kind: str, trip: Trip, due_on: date, period: str) -> Reminder:
    values = {"trip": str(trip), "date": date_format(due_on)}
    if kind == Kind.TRIP_REPORT_DUE:
        title = _("Trip report due %(date)s: %(trip)s") % values
    else:
        title = _("Trip report overdue (due %(date)s): %(trip)s") % values
    body = _("%(destinations)s · back %(end)s · lead %(lead)s") % {
        "destinations": trip.destinations, "end": date_format(trip.end_date), "lead": trip.lead.membership.display_name,
    }  # fmt: skip
    url = reverse("fieldwork:trip_report", args=[trip.pk])
    return Reminder(kind, "trip", trip.pk, period, title, body, url)


def sweep_trip_reports(now: datetime) -> list[tuple[Reminder, list[User]]]:
    """Reports coming due and overdue, once the morning's due time has passed (as for follow-ups)."""
    local = timezone.localtime(now)
    if local.time() < ReminderPolicy.current().due_time:
        return []
    today = local.date()
    due_days = FieldworkPolicy.current().report_due_days
    # Approved and back (a filed report makes the trip done; a cancelled one needs none).
    trips = Trip.objects.filter(
        status=Trip.Status.APPROVED, end_date__lt=today, end_date__gte=today - timedelta(days=due_days + 366)
    ).select_related("lead__membership", "team__leader")
    pairs = []
    for trip in trips:
        due_on = trip.report_due_on(due_days)
        if today > due_on:
            week = ((today - due_on).days - 1) // OVERDUE_REPEAT_DAYS
            reminder = _report_reminder(Kind.TRIP_REPORT_OVERDUE, trip, due_on, f"overdue-{due_on.isoformat()}-{week}")
            reminder.robot_team_id = trip.team_id
            leader = trip.team.leader if trip.team_id and trip.team.leader_id else None
            pairs.append((reminder, [trip.lead, leader]))
        elif (due_on - today).days <= REPORT_NOTICE_DAYS:
            reminder = _report_reminder(Kind.TRIP_REPORT_DUE, trip, due_on, f"before-{due_on.isoformat()}")
            pairs.append((reminder, [trip.lead]))
    return pairs


def next_week_plan_line(today: date) -> str:
    """One line for the weekly digest: next week's groups out (where) and receptions, and the warning."""
    monday = monday_of(today) + timedelta(days=7)
    sunday = monday + timedelta(days=6)
    trips = trips_out(monday).select_related("team").order_by("team__code", "start_date", "pk")
    out: dict[str, list[str]] = {}
    for trip in trips:
        out.setdefault(trip.team.name, []).append(trip.destinations)
    first, last = days_range(monday, sunday)
    receptions = (
        Reception.objects.filter(starts_at__gte=first, starts_at__lt=last)
        .exclude(status=Reception.Status.CANCELLED)
        .aggregate(n=Count("pk"))["n"]
    )
    year, week, _weekday = monday.isocalendar()
    groups = "; ".join(f"{team} {'、'.join(places)}" for team, places in out.items()) or "—"
    line = _("Next week (%(week)s): %(out)d groups out (%(groups)s) · %(receptions)d receptions") % {
        "week": f"{year}-W{week:02d}", "out": len(out), "groups": groups, "receptions": receptions,
    }  # fmt: skip
    minimum = FieldworkPolicy.current().min_groups_out
    if len(out) < minimum:
        line += " · " + _("fewer than %(min)d groups out") % {"min": minimum}
    return line
