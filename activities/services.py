"""Writes of the activities app: logging contacts, their attachments and follow-ups. Everything a submit
asks for is validated before anything is written, and written in one transaction: nothing half-saved."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import permissions, uploads
from activities.models import Attachment, Channel, ContactLog, FollowUp
from core.dates import EARLIEST_DATE, date_bounds_error, earliest_moment
from crm.models import Company, Contact
from projects import services as project_services
from projects.models import Project
from projects.permissions import can_view_project
from teams.permissions import team_id_of

FUTURE_TOLERANCE = timedelta(days=1)


def _check_due(due_date: date | None, due_time: time | None, errors: dict, field: str = "follow_up_due_date") -> None:
    if due_date is None:
        return
    today = timezone.localdate()
    if due_date < today:
        errors[field] = _("A follow-up cannot be due in the past.")
    elif error := date_bounds_error(due_date):
        errors[field] = error
    elif due_date == today and due_time is not None and due_time < timezone.localtime().time().replace(second=0):
        errors[field] = _("A follow-up cannot be due in the past.")


def _resolve_company(project: Project | None, company: Company | None, errors: dict) -> Company | None:
    if project is not None:
        if company is not None and company.pk != project.company_id:
            errors["company"] = _("The project's investor is %(company)s.") % {"company": project.company.name}
        return project.company
    if company is None:
        errors["project"] = _("Choose the project (or, for a contact with no project yet, the company).")
    return company


def _check_contacts(contacts: list[Contact], company: Company | None, errors: dict) -> None:
    if company is not None and any(contact.company_id != company.pk for contact in contacts):
        errors["contacts"] = _("Choose people of %(company)s.") % {"company": company.name}


def contact_time_error(occurred_at: datetime) -> str | None:
    """Why a contact cannot have happened then (before 2000, or more than a day ahead), or None."""
    if occurred_at < earliest_moment():
        return _("A contact cannot be dated before %(year)d.") % {"year": EARLIEST_DATE.year}
    if occurred_at > timezone.now() + FUTURE_TOLERANCE:
        return _("A contact cannot be logged more than a day ahead.")
    return None


def _check_log_fields(*, occurred_at: datetime, summary: str, duration_minutes: int | None, errors: dict) -> None:
    if error := contact_time_error(occurred_at):
        errors["occurred_at"] = error
    if not (summary or "").strip():
        errors["summary"] = _("Write a short summary of what was said.")
    if duration_minutes is not None and not 1 <= duration_minutes <= 24 * 60:
        errors["duration_minutes"] = _("Enter the duration in minutes (1 to 1440).")


@transaction.atomic
def contact_log_create(
    *,
    actor: User,
    channel: str,
    summary: str,
    project: Project | None = None,
    company: Company | None = None,
    occurred_at: datetime | None = None,
    duration_minutes: int | None = None,
    contacts: Iterable[Contact] = (),
    participants: Iterable[User] = (),
    outcome: str = "",
    next_step: str = "",
    follow_up_title: str = "",
    follow_up_due_date: date | None = None,
    follow_up_due_time: time | None = None,
    follow_up_owner: User | None = None,
    attachments: Iterable[UploadedFile] = (),
    change_reason: str = "",
) -> ContactLog:
    """Log one contact and, when a follow-up date is given, its follow-up — in one submit. `change_reason`
    goes into the history of both (an import names its file and person there)."""
    errors: dict = {}
    company = _resolve_company(project, company, errors)
    if not errors and not permissions.can_log_contact(actor, project=project, company=company):
        raise PermissionDenied(_("You cannot log contacts for this project."))
    occurred_at = occurred_at or timezone.now()
    contacts, participants, attachments = list(contacts), list(participants), list(attachments)
    _check_log_fields(occurred_at=occurred_at, summary=summary, duration_minutes=duration_minutes, errors=errors)
    if channel not in Channel.values:
        errors["channel"] = _("Choose how you were in contact.")
    _check_contacts(contacts, company, errors)
    wants_follow_up = follow_up_due_date is not None or follow_up_title.strip()
    if wants_follow_up:
        if follow_up_due_date is None:
            errors["follow_up_due_date"] = _("When is the follow-up due?")
        if not (follow_up_title.strip() or next_step.strip()):
            errors["follow_up_title"] = _("Say what the follow-up is (or fill in the next step).")
        _check_due(follow_up_due_date, follow_up_due_time, errors)
    content_types = []
    for upload in attachments:
        try:
            content_types.append(uploads.check_attachment(upload))
        except ValidationError as error:
            errors.setdefault("attachments", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)

    log = ContactLog(
        project=project,
        company=company,
        channel=channel,
        occurred_at=occurred_at,
        duration_minutes=duration_minutes,
        author=actor,
        team_id=team_id_of(actor),
        summary=summary.strip(),
        outcome=outcome.strip(),
        next_step=next_step.strip(),
    )
    log._history_user = actor
    log._change_reason = change_reason[:100] or None
    log.full_clean()
    log.save()
    log.contacts.set(contacts)
    log.participants.set(participants or [actor])
    if project is not None:
        project_services.project_record_contact(project_id=project.pk, occurred_at=occurred_at)
    for upload, content_type in zip(attachments, content_types, strict=True):
        Attachment.objects.create(
            log=log,
            file=upload,
            original_name=uploads.shortened_name(upload.name),
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )
    if wants_follow_up:
        follow_up_create(
            actor=actor,
            title=follow_up_title.strip() or next_step.strip(),
            due_date=follow_up_due_date,
            due_time=follow_up_due_time,
            owner=follow_up_owner or actor,
            project=project,
            company=company,
            source_log=log,
            change_reason=change_reason,
        )
    return log


LOG_EDITABLE_FIELDS = ("channel", "occurred_at", "duration_minutes", "summary", "outcome", "next_step")


@transaction.atomic
def contact_log_update(
    *,
    actor: User,
    log: ContactLog,
    contacts: Iterable[Contact] | None = None,
    participants: Iterable[User] | None = None,
    **fields,
) -> ContactLog:
    """Change a log: its author within 24 hours, afterwards a director. Every change is in the history."""
    log = ContactLog.objects.select_for_update().get(pk=log.pk)
    if not permissions.can_edit_contact_log(actor, log):
        raise PermissionDenied(_("A log can be changed by its author for 24 hours; after that only by a director."))
    for key, value in fields.items():
        if key in LOG_EDITABLE_FIELDS:
            setattr(log, key, value.strip() if isinstance(value, str) else value)
    errors: dict = {}
    _check_log_fields(
        occurred_at=log.occurred_at, summary=log.summary, duration_minutes=log.duration_minutes, errors=errors
    )
    contacts = list(contacts) if contacts is not None else None
    if contacts is not None:
        _check_contacts(contacts, log.company, errors)
    if errors:
        raise ValidationError(errors)
    log._history_user = actor
    log.full_clean()
    log.save()
    if contacts is not None:
        log.contacts.set(contacts)
    if participants is not None:
        log.participants.set(list(participants) or [log.author])
    _refresh_last_contact(log)
    return log


def _refresh_last_contact(log: ContactLog) -> None:
    if log.project_id is not None:
        latest = ContactLog.objects.filter(project_id=log.project_id, is_deleted=False).aggregate(m=Max("occurred_at"))
        project_services.project_set_last_contact(project_id=log.project_id, last_contact_at=latest["m"])


@transaction.atomic
def contact_log_delete(*, actor: User, log: ContactLog) -> ContactLog:
    """Soft delete: hidden from lists and counts, kept, restorable by a director."""
    log = ContactLog.objects.select_for_update().get(pk=log.pk)
    if not permissions.can_delete_contact_log(actor, log):
        raise PermissionDenied(_("A log can be deleted by its author for 24 hours; after that only by a director."))
    log.is_deleted, log.deleted_at, log.deleted_by = True, timezone.now(), actor
    log._history_user = actor
    log.save()
    _refresh_last_contact(log)
    return log


@transaction.atomic
def contact_log_restore(*, actor: User, log: ContactLog) -> ContactLog:
    log = ContactLog.objects.select_for_update().get(pk=log.pk)
    if not permissions.can_restore_contact_log(actor, log):
        raise PermissionDenied(_("Only a director can restore a deleted log."))
    log.is_deleted, log.deleted_at, log.deleted_by = False, None, None
    log._history_user = actor
    log.save()
    _refresh_last_contact(log)
    return log


@transaction.atomic
def follow_up_create(
    *,
    actor: User,
    title: str,
    due_date: date,
    due_time: time | None = None,
    owner: User | None = None,
    project: Project | None = None,
    company: Company | None = None,
    source_log: ContactLog | None = None,
    change_reason: str = "",
) -> FollowUp:
    errors: dict = {}
    company = _resolve_company(project, company, errors)
    if not errors and not permissions.can_log_contact(actor, project=project, company=company):
        raise PermissionDenied(_("You cannot add follow-ups for this project."))
    if not title.strip():
        errors["title"] = _("Say what has to be done.")
    _check_due(due_date, due_time, errors, field="due_date")
    owner = owner or actor
    if not owner.is_active or (project is not None and not can_view_project(owner, project)):
        errors["owner"] = _("The owner must be an active colleague who works on this project.")
    if errors:
        raise ValidationError(errors)
    follow_up = FollowUp(
        title=title.strip()[:200],
        due_date=due_date,
        due_time=due_time,
        owner=owner,
        team_id=team_id_of(owner),
        project=project,
        company=company,
        source_log=source_log,
        created_by=actor,
    )
    follow_up._history_user = actor
    follow_up._change_reason = change_reason[:100] or None
    follow_up.full_clean()
    follow_up.save()
    return follow_up


def _locked_open_follow_up(actor: User, follow_up: FollowUp) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if not follow_up.is_open:
        raise ValidationError(
            _("This follow-up is already %(status)s.") % {"status": follow_up.get_status_display()}, code="closed"
        )
    if not permissions.can_change_follow_up(actor, follow_up):
        raise PermissionDenied(_("Only its owner, their group leader or a director can change this follow-up."))
    follow_up._history_user = actor
    return follow_up


@transaction.atomic
def follow_up_complete(*, actor: User, follow_up: FollowUp) -> FollowUp:
    follow_up = _locked_open_follow_up(actor, follow_up)
    follow_up.status, follow_up.done_at, follow_up.done_by = FollowUp.Status.DONE, timezone.now(), actor
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_snooze(*, actor: User, follow_up: FollowUp, days: int = 1) -> FollowUp:
    """Push it `days` ahead of today (or of its due date, if that is later)."""
    follow_up = _locked_open_follow_up(actor, follow_up)
    follow_up.due_date = max(follow_up.due_date, timezone.localdate()) + timedelta(days=days)
    follow_up.snooze_count += 1
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_reschedule(*, actor: User, follow_up: FollowUp, due_date: date, due_time: time | None = None) -> FollowUp:
    follow_up = _locked_open_follow_up(actor, follow_up)
    errors: dict = {}
    _check_due(due_date, due_time, errors, field="due_date")
    if errors:
        raise ValidationError(errors)
    follow_up.due_date, follow_up.due_time = due_date, due_time
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_cancel(*, actor: User, follow_up: FollowUp) -> FollowUp:
    follow_up = _locked_open_follow_up(actor, follow_up)
    follow_up.status = FollowUp.Status.CANCELLED
    follow_up.save()
    return follow_up
