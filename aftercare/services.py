"""Writes of aftercare: opening a service request (its due date from the type's service level in working
days), editing it, taking it up (待办 → 处理中), resolving it with notes (→ 已解决), and the service levels.
Each change locks the request's row and is kept in its history with who, when and the note."""

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aftercare import permissions
from aftercare.models import MAX_SLA_DAYS, RequestKind, ServiceLevel, ServiceRequest
from aftercare.workdays import add_working_days
from crm.models import Company
from projects.models import Project
from teams.models import Membership

Status = ServiceRequest.Status
# Which status may follow which: a resolved request stays resolved.
TRANSITIONS: dict[str, set[str]] = {
    Status.OPEN: {Status.IN_PROGRESS, Status.RESOLVED},
    Status.IN_PROGRESS: {Status.RESOLVED},
    Status.RESOLVED: set(),
}
MAX_DUE_DAYS = 366  # a due date set by hand: from the opening day to a year after
MAX_NOTE = 2000
MAX_RESOLUTION = 5000


def sla_due_on(kind: str, opened_on: date) -> tuple[int, date]:
    """The type's service level and the due date it gives a request opened on `opened_on`."""
    days = ServiceLevel.days_by_kind().get(kind, ServiceLevel._meta.get_field("working_days").default)
    return days, add_working_days(opened_on, days)


def _check_responsible(user: User | None) -> None:
    if user is None or not user.is_active:
        raise ValidationError({"responsible": _("Choose an active member of the center.")})
    role = Membership.objects.filter(user=user).values_list("role", flat=True).first()
    if role is None or role == Membership.Role.ADMIN:
        raise ValidationError({"responsible": _("Choose a member of the center who works with companies.")})


def _check_due_on(due_on: date, opened_on: date) -> None:
    latest = opened_on + timedelta(days=MAX_DUE_DAYS)
    if not opened_on <= due_on <= latest:
        raise ValidationError(
            {"due_on": _("Set a due date from %(first)s to %(last)s.")
             % {"first": date_format(opened_on), "last": date_format(latest)}}
        )  # fmt: skip


def _clean_text(value: str, limit: int, field: str, *, required: bool, message: str = "") -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: message or _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return text


@transaction.atomic
def service_request_open(
    *, actor: User, company: Company, kind: str, title: str, responsible: User, description: str = "",
    project: Project | None = None, due_on: date | None = None,
) -> ServiceRequest:  # fmt: skip
    """Open a request for a landed company; due `sla_days` working days after today unless a date is given."""
    if not permissions.landed_projects(company).exists():
        raise ValidationError(_("Service requests are for companies with a project at 签约 or later."))
    if not permissions.can_open_request(actor, company):
        raise PermissionDenied(_("You cannot open service requests for this company."))
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Choose a type.")})
    if project is not None and project.company_id != company.pk:
        raise ValidationError({"project": _("Choose one of this company's projects.")})
    _check_responsible(responsible)
    today = timezone.localdate()
    sla_days, sla_due = sla_due_on(kind, today)
    if due_on is not None:
        _check_due_on(due_on, today)
    request = ServiceRequest(
        company=company, project=project, kind=kind, title=_clean_text(title, 200, "title", required=True),
        description=_clean_text(description, 20_000, "description", required=False), responsible=responsible,
        opened_on=today, sla_days=sla_days, due_on=due_on or sla_due, created_by=actor,
    )  # fmt: skip
    request._history_user = actor
    request.full_clean()
    request.save()
    return request


def _locked(request: ServiceRequest) -> ServiceRequest:
    return ServiceRequest.objects.select_for_update().select_related("company").get(pk=request.pk)


@transaction.atomic
def service_request_update(
    *, actor: User, request: ServiceRequest, title: str, responsible: User, description: str = "",
    due_on: date | None = None, note: str = "",
) -> ServiceRequest:  # fmt: skip
    """Change the title, description, person responsible or due date of a request not yet resolved."""
    request = _locked(request)
    permissions.check_can_change_request(actor, request)
    if request.is_resolved:
        raise ValidationError(_("This request is resolved; it can no longer be changed."))
    _check_responsible(responsible)
    if due_on is not None and due_on != request.due_on:
        _check_due_on(due_on, request.opened_on)
        request.due_on = due_on
    request.title = _clean_text(title, 200, "title", required=True)
    request.description = _clean_text(description, 20_000, "description", required=False)
    request.responsible = responsible
    request._history_user = actor
    request._change_reason = _clean_text(note, MAX_NOTE, "note", required=False)
    request.full_clean()
    request.save()
    return request


def _move(request: ServiceRequest, to: str) -> None:
    if to not in TRANSITIONS.get(request.status, set()):
        raise ValidationError(
            _("A request that is %(status)s cannot become %(to)s.")
            % {"status": request.get_status_display(), "to": Status(to).label},
            code="transition",
        )


@transaction.atomic
def service_request_start(*, actor: User, request: ServiceRequest, note: str = "") -> ServiceRequest:
    """待办 → 处理中: someone is on it (the note says what was done, e.g. whom they called)."""
    request = _locked(request)
    permissions.check_can_change_request(actor, request)
    _move(request, Status.IN_PROGRESS)
    request.status = Status.IN_PROGRESS
    request._history_user = actor
    request._change_reason = _clean_text(note, MAX_NOTE, "note", required=False)
    request.save()
    return request


@transaction.atomic
def service_request_resolve(*, actor: User, request: ServiceRequest, resolution: str) -> ServiceRequest:
    """→ 已解决, with notes saying how it was solved (required); the day counts against the due date."""
    request = _locked(request)
    permissions.check_can_change_request(actor, request)
    _move(request, Status.RESOLVED)
    request.resolution = _clean_text(
        resolution, MAX_RESOLUTION, "resolution", required=True, message=_("Say how the request was resolved.")
    )
    request.status = Status.RESOLVED
    request.resolved_at = timezone.now()
    request.resolved_on = timezone.localdate()
    request.resolved_by = actor
    request._history_user = actor
    request._change_reason = _("Resolved")
    request.save()
    return request


@transaction.atomic
def service_levels_update(*, actor: User, days: dict[str, int]) -> dict[str, int]:
    """Set each type's working days (1 … MAX_SLA_DAYS). Open requests keep the due date they were given."""
    if not permissions.can_manage_service_levels(actor):
        raise PermissionDenied(_("Only administrators set the service levels."))
    errors = {}
    for kind, value in days.items():
        if kind not in RequestKind.values:
            errors[kind] = _("Unknown type.")
        elif not isinstance(value, int) or not 1 <= value <= MAX_SLA_DAYS:
            errors[kind] = _("From 1 to %(max)d working days.") % {"max": MAX_SLA_DAYS}
    if errors:
        raise ValidationError(errors)
    for kind, value in days.items():
        level = ServiceLevel.objects.select_for_update().filter(kind=kind).first() or ServiceLevel(kind=kind)
        if level.pk is None or level.working_days != value:
            level.working_days = value
            level._history_user = actor
            level.save()
    return ServiceLevel.days_by_kind()
