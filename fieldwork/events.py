"""The only writer of TripEvent: one constructor per kind of history entry."""

from django.contrib.auth.models import User

from fieldwork.models import PlannedVisit, Trip, TripEvent

Kind = TripEvent.Kind


def _record(trip: Trip, kind: str, actor: User, **fields) -> TripEvent:
    return TripEvent.objects.create(trip=trip, kind=kind, actor=actor, **fields)


def trip_created(trip: Trip, actor: User) -> TripEvent:
    return _record(trip, Kind.CREATED, actor)


def trip_updated(trip: Trip, actor: User, changes: str) -> TripEvent:
    return _record(trip, Kind.UPDATED, actor, comment=changes)


def trip_submitted(trip: Trip, actor: User) -> TripEvent:
    return _record(trip, Kind.SUBMITTED, actor)


def trip_approved(trip: Trip, actor: User, comment: str = "") -> TripEvent:
    return _record(trip, Kind.APPROVED, actor, comment=comment)


def trip_rejected(trip: Trip, actor: User, comment: str) -> TripEvent:
    return _record(trip, Kind.REJECTED, actor, comment=comment)


def trip_cancelled(trip: Trip, actor: User, reason: str) -> TripEvent:
    return _record(trip, Kind.CANCELLED, actor, comment=reason)


def visit_added(visit: PlannedVisit, actor: User) -> TripEvent:
    return _record(visit.trip, Kind.VISIT_ADDED, actor, visit=visit, comment=str(visit.project or visit.company))


def visit_logged(visit: PlannedVisit, actor: User) -> TripEvent:
    return _record(visit.trip, Kind.VISIT_LOGGED, actor, visit=visit, comment=str(visit.project or visit.company))


def visit_removed(visit: PlannedVisit, actor: User) -> TripEvent:
    when = f"{visit.date:%m-%d}"
    return _record(visit.trip, Kind.VISIT_REMOVED, actor, comment=f"{when} {visit.project or visit.company}")


def report_filed(trip: Trip, actor: User) -> TripEvent:
    return _record(trip, Kind.REPORT_FILED, actor)
