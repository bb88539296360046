"""Writes of trips, their visits and reports. Each state change locks its row, checks the policy
(fieldwork/permissions.py), validates everything before writing, and writes in one transaction with its
history entry (fieldwork/events.py): nothing half-saved."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.dates import date_bounds_error
from fieldwork import events, permissions, selectors
from fieldwork.models import MAX_TRIP_DAYS, FieldworkPolicy, Trip, TripReport
from teams.models import Membership
from teams.permissions import role_of, team_id_of

TRIP_FIELDS = ("destinations", "start_date", "end_date", "purpose", "transport_notes", "budget_notes")


def _name(user: User) -> str:
    membership = getattr(user, "membership", None)
    return membership.display_name if membership else user.get_username()


def span_text(first: date, last: date) -> str:
    return f"{date_format(first)}–{date_format(last)}"


def _check_trip_fields(values: dict, errors: dict) -> None:
    if not values["destinations"].strip():
        errors["destinations"] = _("Say where the trip goes (the cities).")
    if not values["purpose"].strip():
        errors["purpose"] = _("Say what the trip is for (whom you visit, what you want to achieve).")
    start, end = values["start_date"], values["end_date"]
    for name, value in (("start_date", start), ("end_date", end)):
        if error := date_bounds_error(value):
            errors[name] = error
    if "start_date" in errors or "end_date" in errors:
        return
    if end < start:
        errors["end_date"] = _("The return date cannot be before the start date.")
    elif (end - start).days + 1 > MAX_TRIP_DAYS:
        errors["end_date"] = _("A trip lasts at most %(days)d days.") % {"days": MAX_TRIP_DAYS}


def _check_people(lead: User, members: list[User], errors: dict) -> None:
    if not permissions.can_lead_trip(lead):
        errors["lead"] = _("The lead must be an active colleague who visits investors.")
    if any(not permissions.can_lead_trip(member) for member in members):
        errors["members"] = _("Travel companions must be active colleagues who visit investors.")


def _check_overlaps(trip: Trip | None, people: list[User], start: date, end: date, errors: dict) -> None:
    """Nobody can be on two trips at once: the people's rows are locked, so two plans saved at the same
    moment cannot both pass."""
    ids = [person.pk for person in people]
    list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    clashes = selectors.busy_elsewhere(user_ids=ids, starts=start, ends=end, exclude_trip=trip.pk if trip else None)
    clashing = clashes.prefetch_related("members").select_related("lead__membership").first()
    if clashing is None:
        return
    on_it = {clashing.lead_id, *(member.pk for member in clashing.members.all())}
    person = next(person for person in people if person.pk in on_it)
    errors.setdefault("__all__", []).append(
        _("%(name)s is already on the trip to %(destinations)s (%(dates)s).")
        % {"name": _name(person), "destinations": clashing.destinations,
           "dates": span_text(clashing.start_date, clashing.end_date)}
    )  # fmt: skip


def _check_visits_inside(trip: Trip, start: date, end: date, errors: dict) -> None:
    outside = trip.visits.exclude(date__range=(start, end)).select_related("company", "project").first()
    if outside is not None:
        errors.setdefault("__all__", []).append(
            _("The visit to %(name)s on %(date)s would fall outside the trip: move or remove it first.")
            % {"name": outside.project or outside.company, "date": date_format(outside.date)}
        )


def _save(trip: Trip, actor: User) -> None:
    trip._history_user = actor
    trip.full_clean()
    trip.save()


def _team_of(lead: User) -> int | None:
    return team_id_of(lead) if role_of(lead) in Membership.TEAM_ROLES else None


@transaction.atomic
def trip_create(
    *,
    actor: User,
    destinations: str,
    start_date: date,
    end_date: date,
    purpose: str,
    lead: User | None = None,
    members: Iterable[User] = (),
    transport_notes: str = "",
    budget_notes: str = "",
) -> Trip:
    """Plan a trip (a draft): the lead (the actor unless given) and members must be free on those days."""
    if not permissions.can_create_trip(actor):
        raise PermissionDenied(_("You cannot plan trips."))
    lead = lead or actor
    members = [member for member in dict.fromkeys(members) if member.pk != lead.pk]
    values = {"destinations": destinations, "start_date": start_date, "end_date": end_date, "purpose": purpose}
    errors: dict = {}
    _check_trip_fields(values, errors)
    _check_people(lead, members, errors)
    if not errors:
        _check_overlaps(None, [lead, *members], start_date, end_date, errors)
    if errors:
        raise ValidationError(errors)
    trip = Trip(
        destinations=destinations.strip(), start_date=start_date, end_date=end_date, purpose=purpose.strip(),
        transport_notes=transport_notes.strip(), budget_notes=budget_notes.strip(), lead=lead,
        team_id=_team_of(lead), created_by=actor,
    )  # fmt: skip
    _save(trip, actor)
    trip.members.set(members)
    events.trip_created(trip, actor)
    return trip


def locked_trip(trip: Trip) -> Trip:
    return Trip.objects.select_for_update(of=("self",)).select_related("team").get(pk=trip.pk)


@transaction.atomic
def trip_update(
    *, actor: User, trip: Trip, lead: User | None = None, members: Iterable[User] | None = None, **fields
) -> Trip:
    """Change a draft: where, when, who, why. Visits must stay inside the dates; nobody may be double-booked."""
    trip = locked_trip(trip)
    if not permissions.can_edit_trip(actor, trip):
        raise PermissionDenied(_("Only a trip that is still being planned can be changed, by the people on it."))
    before = {name: getattr(trip, name) for name in TRIP_FIELDS}
    for name in TRIP_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(trip, name, value.strip() if isinstance(value, str) else value)
    lead = lead or trip.lead
    members = list(trip.members.all()) if members is None else list(dict.fromkeys(members))
    members = [member for member in members if member.pk != lead.pk]
    errors: dict = {}
    _check_trip_fields({name: getattr(trip, name) for name in TRIP_FIELDS}, errors)
    _check_people(lead, members, errors)
    if not errors:
        _check_visits_inside(trip, trip.start_date, trip.end_date, errors)
        _check_overlaps(trip, [lead, *members], trip.start_date, trip.end_date, errors)
    if errors:
        raise ValidationError(errors)
    changed = [
        str(Trip._meta.get_field(name).verbose_name) for name in TRIP_FIELDS if getattr(trip, name) != before[name]
    ]
    if lead.pk != trip.lead_id:
        changed.append(str(Trip._meta.get_field("lead").verbose_name))
    trip.lead, trip.team_id = lead, _team_of(lead)
    _save(trip, actor)
    trip.members.set(members)
    events.trip_updated(trip, actor, ", ".join(changed))
    return trip


@transaction.atomic
def trip_submit(*, actor: User, trip: Trip) -> Trip:
    trip = locked_trip(trip)
    if not permissions.can_submit_trip(actor, trip):
        raise PermissionDenied(_("Only a trip being planned can be submitted, by the people on it."))
    trip.status = Trip.Status.SUBMITTED
    _save(trip, actor)
    events.trip_submitted(trip, actor)
    return trip


@transaction.atomic
def trip_approve(*, actor: User, trip: Trip, comment: str = "") -> Trip:
    """A director or deputy director approves any trip; the group's leader trips of up to two days."""
    trip = locked_trip(trip)
    if not permissions.can_approve_trip(actor, trip):
        raise PermissionDenied(
            _("A director or deputy director approves trips; a group leader only their group's trips of up to "
              "%(days)d days that they are not on.") % {"days": permissions.LEADER_APPROVES_UP_TO_DAYS}
        )  # fmt: skip
    trip.status, trip.approved_by, trip.approved_at = Trip.Status.APPROVED, actor, timezone.now()
    _save(trip, actor)
    events.trip_approved(trip, actor, comment.strip())
    return trip


@transaction.atomic
def trip_reject(*, actor: User, trip: Trip, comment: str) -> Trip:
    """Send a submitted trip back to planning, saying why."""
    trip = locked_trip(trip)
    if not permissions.can_reject_trip(actor, trip):
        raise PermissionDenied(_("You cannot decide on this trip."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    trip.status = Trip.Status.DRAFT
    _save(trip, actor)
    events.trip_rejected(trip, actor, comment.strip())
    return trip


@transaction.atomic
def trip_cancel(*, actor: User, trip: Trip, reason: str) -> Trip:
    trip = locked_trip(trip)
    if not permissions.can_cancel_trip(actor, trip):
        raise PermissionDenied(_("Only the lead, the group leader or a director can cancel this trip."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    trip.status, trip.cancel_reason, trip.cancelled_at = Trip.Status.CANCELLED, reason.strip(), timezone.now()
    _save(trip, actor)
    events.trip_cancelled(trip, actor, trip.cancel_reason)
    return trip


# --- the report and the policy ---------------------------------------------------------------------------


@transaction.atomic
def trip_report_file(*, actor: User, trip: Trip, summary: str) -> TripReport:
    """File the report (not before the return date); filing completes the trip."""
    trip = locked_trip(trip)
    if not permissions.can_file_trip_report(actor, trip):
        raise PermissionDenied(_("The trip's lead files its report, once the trip is approved."))
    errors: dict = {}
    if timezone.localdate() < trip.end_date:
        errors["summary"] = _("The report can be filed from the return date, %(date)s.") % {
            "date": date_format(trip.end_date)
        }
    elif not summary.strip():
        errors["summary"] = _("Write the summary of the trip.")
    if errors:
        raise ValidationError(errors)
    report = TripReport(
        trip=trip, summary=summary.strip(), filed_by=actor,
        due_on=trip.report_due_on(FieldworkPolicy.current().report_due_days),
    )  # fmt: skip
    report.full_clean()
    report.save()
    trip.status = Trip.Status.DONE
    _save(trip, actor)
    events.report_filed(trip, actor)
    return report


@transaction.atomic
def fieldwork_policy_update(*, actor: User, report_due_days: int, min_groups_out: int) -> FieldworkPolicy:
    if not permissions.can_manage_fieldwork_policy(actor):
        raise PermissionDenied(_("Only administrators change the field-work policy."))
    FieldworkPolicy.objects.get_or_create(pk=1)
    policy = FieldworkPolicy.objects.select_for_update().get(pk=1)
    policy.report_due_days, policy.min_groups_out = report_due_days, min_groups_out
    policy.full_clean()
    policy.save()
    return policy
