"""督办's reminders (registered in SupervisionConfig.ready(), see reminders/registry.py), once the
morning's due time has passed, through the reminders' delivery rows (unique per object, kind, recipient or
robot, channel and period, so each goes out exactly once per period):

- due soon (SUPV_DUE): when an open order turns yellow by its due date (YELLOW_WITHIN_DAYS before it), the
  person responsible, once (period `before-<due date>`: a new due date is a new notice);
- overdue (SUPV_OVERDUE) from the day after the due date, the person responsible, and as an escalation
  (SUPV_ESCALATION) the director who issued it, the group's leader (when not the person responsible) and
  the group's robot — once a week (period `overdue-<due date>-<week>`) until it is closed;
- 晾晒 (SUPV_RED_SUMMARY): on Mondays, to each group robot, the list of the group's open red orders (period
  the ISO week); switched off with settings.SUPERVISION_RED_SUMMARY = False.

The directors' weekly digest gets a line: open orders by colour, closed in the last 7 days (on time)."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reminders.models import Kind, ReminderPolicy
from reminders.services import Reminder
from supervision.models import YELLOW_WITHIN_DAYS, SupervisionOrder
from supervision.urgency import BLUE, RED, YELLOW, urgency_q

OVERDUE_REPEAT_DAYS = 7
LOOK_BACK_DAYS = 366
MONDAY = 1
SUMMARY_ROWS = 20


def _reminder(kind: str, order: SupervisionOrder, period: str) -> Reminder:
    titles = {
        Kind.SUPV_DUE: _("Supervision order due %(date)s: %(project)s"),
        Kind.SUPV_OVERDUE: _("Supervision order overdue (due %(date)s): %(project)s"),
        Kind.SUPV_ESCALATION: _("Overdue supervision order (due %(date)s): %(project)s"),
    }
    title = titles[kind] % {"date": date_format(order.due_on), "project": order.project.name}
    body = _("%(required)s · responsible %(person)s") % {
        "required": order.required[:200], "person": order.responsible.membership.display_name,
    }  # fmt: skip
    return Reminder(kind, "supervision", order.pk, period, title, body, order.get_absolute_url())


def _escalation_recipients(order: SupervisionOrder) -> list[User]:
    team = order.project.owner_team
    leader = team.leader if team is not None and team.leader_id else None
    people = [order.issued_by] + ([leader] if leader is not None and leader.pk != order.responsible_id else [])
    return [user for user in people if user.pk != order.responsible_id]


def sweep_orders(now: datetime) -> list[tuple[Reminder, list[User]]]:
    local = timezone.localtime(now)
    if local.time() < ReminderPolicy.current().due_time:
        return []
    today = local.date()
    orders = SupervisionOrder.objects.exclude(status=SupervisionOrder.Status.CLOSED).filter(
        due_on__lte=today + timedelta(days=YELLOW_WITHIN_DAYS), due_on__gte=today - timedelta(days=LOOK_BACK_DAYS),
        responsible__membership__isnull=False,
    ).select_related("project__owner_team__leader", "responsible__membership", "issued_by")  # fmt: skip
    pairs = []
    for order in orders:
        if order.due_on >= today:
            pairs.append((_reminder(Kind.SUPV_DUE, order, f"before-{order.due_on}"), [order.responsible]))
            continue
        week = ((today - order.due_on).days - 1) // OVERDUE_REPEAT_DAYS
        period = f"overdue-{order.due_on}-{week}"
        pairs.append((_reminder(Kind.SUPV_OVERDUE, order, period), [order.responsible]))
        escalation = _reminder(Kind.SUPV_ESCALATION, order, period)
        escalation.robot_team_id = order.project.owner_team_id
        pairs.append((escalation, _escalation_recipients(order)))
    if local.isoweekday() == MONDAY and getattr(settings, "SUPERVISION_RED_SUMMARY", True):
        pairs += _red_summaries(today)
    return pairs


def _red_summaries(today: date) -> list[tuple[Reminder, list[User]]]:
    """晾晒: one robot message per group with open red orders, listing them (the longest overdue first)."""
    red = (
        SupervisionOrder.objects.filter(urgency_q(RED, today))
        .select_related("project", "responsible__membership")
        .order_by("project__owner_team_id", "due_on", "pk")
    )
    by_team: dict[int, list[SupervisionOrder]] = {}
    for order in red:
        by_team.setdefault(order.project.owner_team_id, []).append(order)
    year, week, _weekday = today.isocalendar()
    pairs = []
    for team_id, orders in by_team.items():
        lines = [
            _("%(project)s · due %(date)s · %(person)s") % {
                "project": order.project.name, "date": date_format(order.due_on),
                "person": order.responsible.membership.display_name,
            }
            for order in orders[:SUMMARY_ROWS]
        ]  # fmt: skip
        url = f"{reverse('supervision:order_list')}?colour={RED}&team={team_id}"
        title = _("Overdue supervision orders (晾晒): %(n)d") % {"n": len(orders)}
        reminder = Reminder(Kind.SUPV_RED_SUMMARY, "team", team_id, f"{year}-W{week:02d}", title, "\n".join(lines), url)
        reminder.robot_team_id = team_id
        pairs.append((reminder, []))
    return pairs


def weekly_digest_line(today: date) -> str:
    """One line for the directors' weekly digest, or "" when there is nothing open or closed lately."""
    counts = SupervisionOrder.objects.aggregate(
        **{colour: Count("pk", filter=urgency_q(colour, today)) for colour in (RED, YELLOW, BLUE)},
        closed=Count("pk", filter=Q(status="closed", closed_at__gte=timezone.now() - timedelta(days=7))),
        on_time=Count("pk", filter=Q(status="closed", closed_on_time=True,
                                     closed_at__gte=timezone.now() - timedelta(days=7))),
    )  # fmt: skip
    if not any(counts.values()):
        return ""
    return _("Supervision orders: %(red)d red, %(yellow)d yellow, %(blue)d blue · closed in 7 days: %(closed)d "
             "(%(on_time)d on time)") % counts  # fmt: skip
