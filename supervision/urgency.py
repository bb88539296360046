"""Urgency colours (督办 颜色), one rule written twice — in Python for one row, in SQL for lists and counts
(tests/supervision/test_urgency.py checks they agree):

- red: an open order past its due date;
- yellow: an open order due within YELLOW_WITHIN_DAYS days, or whose first-report date passed without a
  progress report;
- blue: any other open order (as issued). A closed order has no colour (None).

The same colours flag projects (`project_urgency` for one, `projects_with_urgency` in SQL — for the board's
cards, board/flags.py, and any page that lists projects), by the rules the reminders apply: red when an
active project is stuck in its stage (the reminder policy's `stuck_after_days`, 60 by default — the
dashboard's 60+ days), yellow when it is stale (no contact for activities.selectors.STALE_AFTER_DAYS, 14
days, `stale_q`), None otherwise."""

from datetime import date, datetime, timedelta

from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.selectors import STALE_AFTER_DAYS, stale_q
from projects.models import Project
from reminders.models import ReminderPolicy
from supervision.models import YELLOW_WITHIN_DAYS, SupervisionOrder

BLUE, YELLOW, RED = "blue", "yellow", "red"
COLOURS = (RED, YELLOW, BLUE)
LABELS = {RED: _("Red: overdue"), YELLOW: _("Yellow: due soon"), BLUE: _("Blue: issued")}
BADGE = {RED: "text-bg-danger", YELLOW: "text-bg-warning", BLUE: "text-bg-primary"}


def urgency(order: SupervisionOrder, today: date | None = None) -> str | None:
    today = today or timezone.localdate()
    if not order.is_open:
        return None
    if order.due_on < today:
        return RED
    first_report_missed = order.first_report_on is not None and order.first_report_on < today and not order.reported_at
    if order.due_on <= today + timedelta(days=YELLOW_WITHIN_DAYS) or first_report_missed:
        return YELLOW
    return BLUE


def urgency_q(colour: str, today: date) -> Q:
    """The filter of open orders of this colour."""
    open_ = ~Q(status=SupervisionOrder.Status.CLOSED)
    red = Q(due_on__lt=today)
    yellow = Q(due_on__lte=today + timedelta(days=YELLOW_WITHIN_DAYS)) | Q(
        first_report_on__lt=today, reported_at__isnull=True
    )
    if colour == RED:
        return open_ & red
    if colour == YELLOW:
        return open_ & ~red & yellow
    return open_ & ~red & ~yellow


def urgency_expression(today: date) -> Case:
    """The colour as an SQL expression ("" for a closed order), to annotate, group by or order by."""
    return Case(*(When(urgency_q(colour, today), then=Value(colour)) for colour in COLOURS), default=Value(""),
                output_field=CharField())  # fmt: skip


def urgency_rank(today: date) -> Case:
    """0 red, 1 yellow, 2 blue, 3 closed: to list red first. The colours' filters (`urgency_q`) written as
    CASE branches taken in order, so that each needs only its own test (every order list is sorted by it)."""
    return Case(
        When(status=SupervisionOrder.Status.CLOSED, then=Value(3)),
        When(due_on__lt=today, then=Value(0)),
        When(Q(due_on__lte=today + timedelta(days=YELLOW_WITHIN_DAYS)) | Q(first_report_on__lt=today,
             reported_at__isnull=True), then=Value(1)),
        default=Value(2),
    )  # fmt: skip


def project_urgency(
    project: Project, now: datetime | None = None, *, stuck_after_days: int | None = None
) -> str | None:
    """A project's flag by the reminder rules: red stuck (`stuck_after_days` in one stage, the reminder
    policy's unless given), yellow stale (no contact for STALE_AFTER_DAYS), None otherwise or when the project
    is not active."""
    now = now or timezone.now()
    if project.status != Project.Status.ACTIVE:
        return None
    stuck_after_days = stuck_after_days or ReminderPolicy.current().stuck_after_days
    if project.stage_entered_at and project.stage_entered_at < now - timedelta(days=stuck_after_days):
        return RED
    last = project.last_contact_at or project.created_at
    if last and last < now - timedelta(days=STALE_AFTER_DAYS):
        return YELLOW
    return None


def projects_with_urgency(projects: QuerySet[Project], *, stuck_after_days: int | None = None) -> QuerySet[Project]:
    """The same flag in SQL, as `urgency` ("" for none) on each project of the queryset."""
    stuck_after_days = stuck_after_days or ReminderPolicy.current().stuck_after_days
    active = Q(status=Project.Status.ACTIVE)
    stuck = Q(stage_entered_at__lt=timezone.now() - timedelta(days=stuck_after_days))
    return projects.annotate(
        urgency=Case(
            When(active & stuck, then=Value(RED)), When(active & stale_q(), then=Value(YELLOW)),
            default=Value(""), output_field=CharField(),
        )
    )  # fmt: skip
