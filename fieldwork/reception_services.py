"""Writes of receptions (客商接待). A host already on a trip or at another reception at that time is a warning
the person confirms (`confirm_double_booking`), not a refusal; a reception in the past can only be recorded
as already held, with its contact log, in the same submit."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activities import services as activity_services
from activities.models import Channel
from core.dates import date_bounds_error
from crm.models import Company, Contact
from fieldwork import permissions, selectors
from fieldwork.models import RECEPTION_DEFAULT_HOURS, Reception
from fieldwork.services import _name, _team_of
from fieldwork.visit_services import resolve_company
from projects.models import Project

MAX_RECEPTION_DAYS = 3


def host_conflicts(
    *, hosts: list[User], starts_at: datetime, ends_at: datetime, exclude: int | None = None
) -> list[str]:
    """Why some hosts are busy then: on a trip those days, or hosting another reception at that time."""
    ids = [host.pk for host in hosts]
    names = {host.pk: _name(host) for host in hosts}
    found = []
    overlapping = Q(ends_at__isnull=False, ends_at__gt=starts_at) | Q(
        ends_at__isnull=True, starts_at__gt=starts_at - timedelta(hours=RECEPTION_DEFAULT_HOURS)
    )
    others = (
        Reception.objects.exclude(status=Reception.Status.CANCELLED)
        .exclude(pk=exclude)
        .filter(overlapping, starts_at__lt=ends_at, hosts__in=ids)
        .select_related("company", "project")
        .prefetch_related("hosts")
        .distinct()[:5]
    )
    for other in others:
        for host_id in sorted({host.pk for host in other.hosts.all()} & set(ids)):
            found.append(
                _("%(name)s hosts another reception then: %(reception)s.")
                % {"name": names[host_id], "reception": other}
            )
    first, last = timezone.localtime(starts_at).date(), timezone.localtime(ends_at).date()
    for trip in selectors.busy_elsewhere(user_ids=ids, starts=first, ends=last).prefetch_related("members")[:5]:
        for host_id in sorted({trip.lead_id, *(m.pk for m in trip.members.all())} & set(ids)):
            found.append(
                _("%(name)s is on the trip to %(destinations)s (%(first)s–%(last)s).")
                % {"name": names[host_id], "destinations": trip.destinations,
                   "first": date_format(trip.start_date), "last": date_format(trip.end_date)}
            )  # fmt: skip
    return found


def _check(values: dict, errors: dict) -> None:
    if not values["visitors"].strip():
        errors["visitors"] = _("Name the visitors (one per line: name, title).")
    if not values["hosts"]:
        errors["hosts"] = _("Choose who hosts the visitors.")
    elif any(not permissions.can_lead_trip(host) for host in values["hosts"]):
        errors["hosts"] = _("Hosts must be active colleagues who meet investors.")
    starts_at, ends_at = values["starts_at"], values["ends_at"]
    if error := date_bounds_error(timezone.localtime(starts_at).date()):
        errors["starts_at"] = error
    elif ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    elif ends_at is not None and ends_at - starts_at > timedelta(days=MAX_RECEPTION_DAYS):
        errors["ends_at"] = _("A reception lasts at most %(days)d days.") % {"days": MAX_RECEPTION_DAYS}
    if not 1 <= (values["headcount"] or 0) <= 500:
        errors["headcount"] = _("Enter how many visitors come (1 to 500).")


def _warn_double_booking(values: dict, confirmed: bool, exclude: int | None) -> None:
    if confirmed:
        return
    ends_at = values["ends_at"] or values["starts_at"] + timedelta(hours=RECEPTION_DEFAULT_HOURS)
    conflicts = host_conflicts(hosts=values["hosts"], starts_at=values["starts_at"], ends_at=ends_at, exclude=exclude)
    if conflicts:
        message = " ".join(conflicts) + " " + _("Tick “Keep these hosts” and save again if that is right.")
        raise ValidationError({"hosts": ValidationError(message, code="double_booked")})


def _save(reception: Reception, actor: User) -> None:
    reception._history_user = actor
    reception.full_clean()
    reception.save()


@transaction.atomic
def reception_create(
    *,
    actor: User,
    starts_at: datetime,
    visitors: str,
    hosts: Iterable[User],
    project: Project | None = None,
    company: Company | None = None,
    headcount: int = 1,
    ends_at: datetime | None = None,
    itinerary: str = "",
    note: str = "",
    confirm_double_booking: bool = False,
    held_summary: str = "",
    held_outcome: str = "",
) -> Reception:
    """Plan a reception; one that has already begun is recorded as held, with its contact log."""
    if not permissions.can_create_reception(actor):
        raise PermissionDenied(_("You cannot plan receptions."))
    values = {"visitors": visitors, "hosts": list(dict.fromkeys(hosts)), "starts_at": starts_at, "ends_at": ends_at,
              "headcount": headcount}  # fmt: skip
    errors: dict = {}
    company = resolve_company(actor, project, company, errors)
    _check(values, errors)
    is_past = starts_at <= timezone.now()
    if is_past and not held_summary.strip() and "starts_at" not in errors:
        errors["held_summary"] = _("This reception has already taken place: record it as held — write what was said.")
    if errors:
        raise ValidationError(errors)
    if not is_past:
        _warn_double_booking(values, confirm_double_booking, exclude=None)
    reception = Reception(
        company=company, project=project, visitors=visitors.strip(), headcount=headcount, starts_at=starts_at,
        ends_at=ends_at, itinerary=itinerary.strip(), note=note.strip(),
        team_id=project.owner_team_id if project else _team_of(actor), created_by=actor,
    )  # fmt: skip
    _save(reception, actor)
    reception.hosts.set(values["hosts"])
    if is_past:
        reception_complete(actor=actor, reception=reception, summary=held_summary, outcome=held_outcome)
        reception.refresh_from_db()
    return reception


def _locked_open(actor: User, reception: Reception) -> Reception:
    reception = (
        Reception.objects.select_for_update(of=("self",))
        .select_related("company", "project", "team")
        .get(pk=reception.pk)
    )
    if not permissions.can_edit_reception(actor, reception):
        raise PermissionDenied(_("Only its hosts, the group leader or a director can change a planned reception."))
    return reception


@transaction.atomic
def reception_update(
    *,
    actor: User,
    reception: Reception,
    starts_at: datetime,
    visitors: str,
    hosts: Iterable[User],
    headcount: int = 1,
    ends_at: datetime | None = None,
    itinerary: str = "",
    note: str = "",
    confirm_double_booking: bool = False,
    **_ignored,
) -> Reception:
    """Change when, who and the itinerary of a planned reception (its investor stays)."""
    reception = _locked_open(actor, reception)
    values = {"visitors": visitors, "hosts": list(dict.fromkeys(hosts)), "starts_at": starts_at, "ends_at": ends_at,
              "headcount": headcount}  # fmt: skip
    errors: dict = {}
    _check(values, errors)
    if starts_at <= timezone.now() and "starts_at" not in errors:
        errors["starts_at"] = _("A reception in the past can only be recorded as held.")
    if errors:
        raise ValidationError(errors)
    _warn_double_booking(values, confirm_double_booking, exclude=reception.pk)
    reception.visitors, reception.headcount, reception.starts_at = visitors.strip(), headcount, starts_at
    reception.ends_at, reception.itinerary, reception.note = ends_at, itinerary.strip(), note.strip()
    _save(reception, actor)
    reception.hosts.set(values["hosts"])
    return reception


@transaction.atomic
def reception_confirm(*, actor: User, reception: Reception) -> Reception:
    reception = _locked_open(actor, reception)
    if reception.status != Reception.Status.PLANNED:
        raise ValidationError(_("This reception is already confirmed."), code="confirmed")
    reception.status = Reception.Status.CONFIRMED
    _save(reception, actor)
    return reception


@transaction.atomic
def reception_complete(
    *,
    actor: User,
    reception: Reception,
    summary: str,
    outcome: str = "",
    next_step: str = "",
    contacts: Iterable[Contact] = (),
    follow_up_title: str = "",
    follow_up_due_date: date | None = None,
    follow_up_due_time: time | None = None,
) -> Reception:
    """Record the reception as held: its contact log (channel 来访接待, at its start, the hosts as
    participants, with the follow-up if given) and the status, in one transaction."""
    reception = _locked_open(actor, reception)
    if reception.starts_at > timezone.now():
        raise ValidationError({"summary": _("A reception can be recorded as held once it has begun.")})
    log = activity_services.contact_log_create(
        actor=actor, channel=Channel.RECEPTION, summary=summary, outcome=outcome, next_step=next_step,
        project=reception.project, company=None if reception.project else reception.company,
        occurred_at=reception.starts_at, contacts=contacts, participants=reception.hosts.all(),
        follow_up_title=follow_up_title, follow_up_due_date=follow_up_due_date, follow_up_due_time=follow_up_due_time,
    )  # fmt: skip
    reception.status, reception.contact_log = Reception.Status.DONE, log
    _save(reception, actor)
    return reception


@transaction.atomic
def reception_cancel(*, actor: User, reception: Reception, reason: str) -> Reception:
    reception = _locked_open(actor, reception)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    reception.status, reception.cancel_reason = Reception.Status.CANCELLED, reason.strip()
    reception.cancelled_at = timezone.now()
    _save(reception, actor)
    return reception
