"""Writes of 督办: issuing an order, acknowledging it, reporting progress, closing it. Each transition locks
the order's row (select_for_update), checks the policy on the locked row — so of two people acting at once
the second sees the first's change and gets a clear error — and appends its note."""

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects.models import Project
from supervision import permissions
from supervision.models import MAX_DUE_DAYS, MAX_NOTE, MAX_TEXT, SupervisionNote, SupervisionOrder

Status = SupervisionOrder.Status


def responsible_candidates(project: Project) -> list[User]:
    """Whom an order on this project may go to: its owner and its group's leader (active ones)."""
    team = project.owner_team
    people = [project.owner, team.leader if team is not None and team.leader_id else None]
    return [user for n, user in enumerate(people) if user is not None and user.is_active and user not in people[:n]]


def _clean_text(value: str, limit: int, field: str, *, required: bool) -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return text


def _check_dates(due_on: date, first_report_on: date | None, today: date) -> None:
    latest = today + timedelta(days=MAX_DUE_DAYS)
    if due_on < today:
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    if due_on > latest:
        raise ValidationError({"due_on": _("Set a due date by %(last)s.") % {"last": date_format(latest)}})
    if first_report_on is not None and not today <= first_report_on <= due_on:
        raise ValidationError({"first_report_on": _("The first report date must be from today to the due date.")})


def _note(order: SupervisionOrder, kind: str, author: User, text: str = "") -> SupervisionNote:
    return SupervisionNote.objects.create(order=order, kind=kind, author=author, text=text)


@transaction.atomic
def order_issue(
    *, actor: User, project: Project, required: str, due_on: date, responsible: User,
    first_report_on: date | None = None,
) -> SupervisionOrder:  # fmt: skip
    """Issue a 督办单 on the project to its owner or its group's leader."""
    project = Project.objects.select_related("owner", "owner_team__leader").get(pk=project.pk)
    permissions.check_can_issue_order(actor, project)
    if responsible not in responsible_candidates(project):
        raise ValidationError({"responsible": _("Choose the project's owner or its group's leader.")})
    today = timezone.localdate()
    _check_dates(due_on, first_report_on, today)
    order = SupervisionOrder(
        project=project, required=_clean_text(required, MAX_TEXT, "required", required=True), due_on=due_on,
        first_report_on=first_report_on, responsible=responsible, issued_by=actor, issued_on=today,
    )  # fmt: skip
    order.full_clean()
    order.save()
    _note(order, SupervisionNote.Kind.ISSUED, actor)
    return order


def _locked(order: SupervisionOrder) -> SupervisionOrder:
    return SupervisionOrder.objects.select_for_update().select_related("project").get(pk=order.pk)


@transaction.atomic
def order_acknowledge(*, actor: User, order: SupervisionOrder, note: str = "") -> SupervisionOrder:
    """The person responsible signs for the order (已下达 → 已签收); once."""
    order = _locked(order)
    permissions.check_can_acknowledge(actor, order)
    order.status, order.acknowledged_at = Status.ACKNOWLEDGED, timezone.now()
    order.save(update_fields=["status", "acknowledged_at"])
    _note(order, SupervisionNote.Kind.ACKNOWLEDGED, actor, _clean_text(note, MAX_NOTE, "note", required=False))
    return order


@transaction.atomic
def order_report(*, actor: User, order: SupervisionOrder, text: str) -> SupervisionOrder:
    """A progress report by the person responsible, on an acknowledged order."""
    order = _locked(order)
    permissions.check_can_report(actor, order)
    text = _clean_text(text, MAX_NOTE, "text", required=True)
    order.reported_at = timezone.now()
    order.save(update_fields=["reported_at"])
    _note(order, SupervisionNote.Kind.PROGRESS, actor, text)
    return order


@transaction.atomic
def order_close(*, actor: User, order: SupervisionOrder, note: str = "") -> SupervisionOrder:
    """A director closes the order (→ 已办结); on time when closed on or before its due date."""
    order = _locked(order)
    permissions.check_can_close(actor, order)
    now = timezone.now()
    order.status, order.closed_at, order.closed_by = Status.CLOSED, now, actor
    order.closed_on_time = timezone.localtime(now).date() <= order.due_on
    order.save(update_fields=["status", "closed_at", "closed_by", "closed_on_time"])
    _note(order, SupervisionNote.Kind.CLOSED, actor, _clean_text(note, MAX_NOTE, "note", required=False))
    return order
