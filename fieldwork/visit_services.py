"""Writes of a trip's visits: planned before or added on the road, logged in one tap, removed while not yet
logged, and new leads met on the road (a new project, registered and checked for 撞单 like any other, whose
history says it came from the trip). Same rules as fieldwork/services.py: lock, check, validate, write once."""

from collections.abc import Iterable
from datetime import date, time

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import services as activity_services
from activities.models import ContactLog
from crm.models import Company
from crm.permissions import can_view_company_contacts
from fieldwork import events, permissions
from fieldwork import services as trip_services
from fieldwork.models import PlannedVisit, Trip
from projects import services as project_services
from projects.models import Project
from projects.permissions import can_view_project
from teams.permissions import DIRECTOR_ROLES, role_of


def resolve_company(actor: User, project: Project | None, company: Company | None, errors: dict) -> Company | None:
    if project is not None:
        if not can_view_project(actor, project):
            raise PermissionDenied(_("You cannot plan visits for this project."))
        if company is not None and company.pk != project.company_id:
            errors["company"] = _("The project's investor is %(company)s.") % {"company": project.company.name}
        return project.company
    if company is None:
        errors["project"] = _("Choose the project (or, for an investor with no project yet, the company).")
    elif not can_view_company_contacts(actor, company):
        errors["company"] = _(
            "Your group does not hold %(company)s: register it first, or choose the project you visit."
        ) % {"company": company.name}
    return company


@transaction.atomic
def planned_visit_add(
    *,
    actor: User,
    trip: Trip,
    date: date,
    project: Project | None = None,
    company: Company | None = None,
    time: time | None = None,
    people: Iterable[User] = (),
    note: str = "",
    is_unplanned: bool = False,
) -> PlannedVisit:
    """A visit on a day of the trip, by people on it (all of them unless chosen)."""
    trip = trip_services.locked_trip(trip)
    if not permissions.can_add_visit(actor, trip):
        raise PermissionDenied(_("Only the people on an open trip can add visits to it."))
    errors: dict = {}
    company = resolve_company(actor, project, company, errors)
    if not trip.start_date <= date <= trip.end_date:
        dates = trip_services.span_text(trip.start_date, trip.end_date)
        errors["date"] = _("Choose a day of the trip (%(dates)s).") % {"dates": dates}
    on_trip = {trip.lead_id, *trip.members.values_list("pk", flat=True)}
    people = list(dict.fromkeys(people))
    if any(person.pk not in on_trip for person in people):
        errors["people"] = _("Choose people who are on the trip.")
    if errors:
        raise ValidationError(errors)
    visit = PlannedVisit(
        trip=trip, company=company, project=project, date=date, time=time, note=note.strip()[:300],
        is_unplanned=is_unplanned, created_by=actor,
    )  # fmt: skip
    visit._history_user = actor
    visit.full_clean()
    visit.save()
    visit.people.set(people or User.objects.filter(pk__in=on_trip))
    events.visit_added(visit, actor)
    return visit


@transaction.atomic
def planned_visit_log(*, actor: User, visit: PlannedVisit, **log_fields) -> ContactLog:
    """Log the visit through activities' own service (its checks, its follow-up) and link the log to the
    visit, in the same transaction: either both are saved or neither. Without participants, the visit's
    people took part."""
    visit = (
        PlannedVisit.objects.select_for_update(of=("self",))
        .select_related("trip", "project", "company")
        .get(pk=visit.pk)
    )
    if visit.is_logged:
        raise ValidationError(_("This visit is already logged."), code="logged")
    if not permissions.can_log_visit(actor, visit):
        raise PermissionDenied(_("The people on an approved trip log its visits."))
    if visit.trip.start_date > timezone.localdate():
        raise ValidationError(_("The trip has not started yet."), code="not_started")
    for name in ("project", "company"):
        log_fields.pop(name, None)
    log_fields["participants"] = list(log_fields.get("participants") or visit.people.all())  # who went
    log = activity_services.contact_log_create(
        actor=actor, project=visit.project, company=None if visit.project else visit.company, **log_fields
    )
    visit.contact_log = log
    visit._history_user = actor
    visit.save(update_fields=["contact_log"])
    events.visit_logged(visit, actor)
    return log


@transaction.atomic
def planned_visit_remove(*, actor: User, visit: PlannedVisit) -> None:
    """Take a visit that did not happen off the trip (a logged one is part of the record and stays)."""
    visit = PlannedVisit.objects.select_for_update(of=("self",)).select_related("trip").get(pk=visit.pk)
    trip = trip_services.locked_trip(visit.trip)
    if not permissions.can_add_visit(actor, trip):
        raise PermissionDenied(_("Only the people on an open trip can change its visits."))
    if visit.is_logged:
        raise ValidationError(_("This visit is logged: it stays on the trip."), code="logged")
    events.visit_removed(visit, actor)
    visit._history_user = actor
    visit.delete()


@transaction.atomic
def trip_new_lead(
    *,
    actor: User,
    trip: Trip,
    company_name: str,
    name: str,
    date: date,
    credit_code: str = "",
    product: str = "",
    note: str = "",
) -> PlannedVisit:
    """A new lead met on the road: the project (and its investor, unless it exists) is created and
    registered for the actor's group — or, for a director, the trip's group — with the usual 撞单 check
    (crm.services.RegistrationConflict), its history saying "source: trip out <trip>", and the meeting is
    an unplanned visit of the trip, ready to be logged."""
    trip = trip_services.locked_trip(trip)
    if not permissions.can_add_lead(actor, trip):
        raise PermissionDenied(_("The people on an approved trip add the leads they meet on it."))
    last_day = min(trip.end_date, timezone.localdate())
    if not trip.start_date <= date <= last_day:
        raise ValidationError(
            {"date": _("Choose a day of the trip up to today (%(dates)s).")
             % {"dates": trip_services.span_text(trip.start_date, last_day)}}
        )  # fmt: skip
    project = project_services.project_create_for_investor(
        actor=actor, company_name=company_name, credit_code=credit_code, name=name, product=product,
        owner_team=trip.team if role_of(actor) in DIRECTOR_ROLES else None,
        source=_("Source: trip out (外出招商) %(trip)s") % {"trip": trip},
    )  # fmt: skip
    visit = PlannedVisit(
        trip=trip, company=project.company, project=project, date=date, note=note.strip()[:300],
        is_unplanned=True, is_new_lead=True, created_by=actor,
    )  # fmt: skip
    visit._history_user = actor
    visit.full_clean()
    visit.save()
    visit.people.set([actor])
    events.visit_added(visit, actor)
    return visit
