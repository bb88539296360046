"""Aftercare's reminders (registered in AftercareConfig.ready(), see reminders/registry.py), once the
morning's due time has passed, through the reminders' delivery rows:

- due: on the working day before a request is due (and on the due day, if that was missed) the person
  responsible is told once (period `before-<due date>`: a new due date is a new notice);
- overdue: from the day after the due date, the person responsible (kind REQUEST_OVERDUE) and, as an
  escalation (REQUEST_ESCALATION), the leader of their group and the group's robot — or, when they have
  no (active) group leader above them, the directors and deputy directors — once a week (period
  `overdue-<due date>-<week>`) until the request is resolved. The Delivery rows' unique key makes each
  exactly once per period.

The directors' weekly digest gets a line: requests open and overdue, resolved in the last week."""

from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aftercare.models import ServiceRequest
from aftercare.selectors import OPEN_STATUSES
from aftercare.workdays import add_working_days
from reminders.models import Kind, ReminderPolicy
from reminders.services import Reminder
from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES

OVERDUE_REPEAT_DAYS = 7
LOOK_BACK_DAYS = 366  # an open request overdue for longer than a year is no longer chased by reminders


def _reminder(kind: str, request: ServiceRequest, period: str) -> Reminder:
    values = {"title": request.title, "date": date_format(request.due_on)}
    titles = {
        Kind.REQUEST_DUE: _("Service request due %(date)s: %(title)s"),
        Kind.REQUEST_OVERDUE: _("Service request overdue (due %(date)s): %(title)s"),
        Kind.REQUEST_ESCALATION: _("Overdue service request in your group (due %(date)s): %(title)s"),
    }
    body = _("%(company)s · %(kind)s · responsible %(person)s") % {
        "company": request.company.name, "kind": request.get_kind_display(),
        "person": request.responsible.membership.display_name,
    }  # fmt: skip
    return Reminder(kind, "service_request", request.pk, period, titles[kind] % values, body,
                    reverse("aftercare:request_detail", args=[request.pk]))  # fmt: skip


def _escalation_recipients(request: ServiceRequest, directors: list[User]) -> list[User]:
    team = request.responsible.membership.team
    leader = team.leader if team is not None and team.leader_id else None
    if leader is not None and leader.is_active and leader.pk != request.responsible_id:
        return [leader]
    return [director for director in directors if director.pk != request.responsible_id]


def sweep_service_requests(now: datetime) -> list[tuple[Reminder, list[User]]]:
    local = timezone.localtime(now)
    if local.time() < ReminderPolicy.current().due_time:
        return []
    today = local.date()
    requests = ServiceRequest.objects.filter(
        status__in=OPEN_STATUSES, due_on__lte=add_working_days(today, 1),
        due_on__gte=today - timedelta(days=LOOK_BACK_DAYS), responsible__membership__isnull=False,
    ).select_related("company", "responsible__membership__team__leader")  # fmt: skip
    pairs = []
    directors = None
    for request in requests:
        if request.due_on >= today:
            pairs.append((_reminder(Kind.REQUEST_DUE, request, f"before-{request.due_on}"), [request.responsible]))
            continue
        week = ((today - request.due_on).days - 1) // OVERDUE_REPEAT_DAYS
        period = f"overdue-{request.due_on}-{week}"
        pairs.append((_reminder(Kind.REQUEST_OVERDUE, request, period), [request.responsible]))
        if directors is None:
            directors = [
                member.user for member in
                Membership.objects.filter(role__in=DIRECTOR_ROLES, user__is_active=True).select_related("user")
            ]  # fmt: skip
        escalation = _reminder(Kind.REQUEST_ESCALATION, request, period)
        escalation.robot_team_id = request.responsible.membership.team_id
        pairs.append((escalation, _escalation_recipients(request, directors)))
    return pairs


def weekly_digest_line(today: date) -> str:
    """One line for the directors' weekly digest: requests open (and overdue) now, resolved in the last 7
    days (and how many of those by their due date); none when there are neither."""
    open_now = ServiceRequest.objects.filter(status__in=OPEN_STATUSES).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )
    resolved = ServiceRequest.objects.filter(
        status=ServiceRequest.Status.RESOLVED, resolved_on__gt=today - timedelta(days=7), resolved_on__lte=today
    ).aggregate(total=Count("pk"), within=Count("pk", filter=Q(resolved_on__lte=F("due_on"))))
    if not open_now["open"] and not resolved["total"]:
        return ""  # nothing to report: no line
    return _("Service requests: %(open)d open (%(overdue)d overdue) · resolved in 7 days: %(resolved)d "
             "(%(within)d on time)") % {"open": open_now["open"], "overdue": open_now["overdue"],
                                        "resolved": resolved["total"], "within": resolved["within"]}  # fmt: skip
