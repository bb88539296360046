"""Calendar providers for field work (the `fieldwork` app): trips out (外出招商), the visits planned on them, and
receptions of visiting delegations (客商接待). Each starts from fieldwork's own visibility selector and narrows it
to the calendar's scope, as providers.py describes; registered in providers.PROVIDERS.

- A trip is an all-day item from its start date to its return date (inclusive), `trip-<pk>@juneng`; trips
  still being planned or awaiting approval are shown with that status.
- A planned visit is all day, or an hour from its time, `visit-<pk>@juneng`; it follows its trip's fate (a
  visit of a cancelled trip is cancelled with it).
- A reception runs from `starts_at` to its end (RECEPTION_DEFAULT_HOURS without one), `reception-<pk>@juneng`.
Cancelled trips and receptions are shown (marked cancelled) for CANCELLED_SHOWN_DAYS after `cancelled_at`."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from calendars.permissions import Scope, calendar_scope
from calendars.providers import CalendarItem, Window, display_name
from core.dates import day_start
from fieldwork.models import Reception, Trip
from fieldwork.selectors import planned_visit_list_for_user, reception_list_for_user, trip_list_for_user
from teams.permissions import team_id_of

TRIP, VISIT, RECEPTION = "trip", "visit", "reception"
VISIT_MINUTES = 60


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _on_trip(user: User, prefix: str = "") -> Q:
    joined = Trip.members.through.objects.filter(user_id=user.pk).values("trip_id")
    return Q(**{f"{prefix}lead_id": user.pk}) | Q(**{f"{prefix}pk__in": joined})


def _scoped_trips(user: User, trips, prefix: str = ""):
    """Trips (or, with prefix "trip__", visits) narrowed to the calendar's scope: the trips one is on; the
    group's for a leader; all for directors."""
    scope = calendar_scope(user)
    if scope == Scope.OWN:
        return trips.filter(_on_trip(user, prefix))
    if scope == Scope.GROUP:
        return trips.filter(Q(**{f"{prefix}team_id": team_id_of(user)}) | _on_trip(user, prefix))
    return trips if scope == Scope.CENTER else trips.none()


def _not_long_cancelled(window: Window, prefix: str = "") -> Q:
    return ~Q(**{f"{prefix}status": "cancelled"}) | Q(**{f"{prefix}cancelled_at__gte": window.cancelled_since})


def _status_label(trip: Trip) -> str:
    return trip.get_current_status_display()


def trip_items(user: User, window: Window) -> list[CalendarItem]:
    trips = _scoped_trips(user, trip_list_for_user(user)).filter(
        _not_long_cancelled(window), start_date__lte=window.last, end_date__gte=window.first
    )
    if window.group_id is not None:
        trips = trips.filter(team_id=window.group_id)
    order = ("-start_date", "-pk") if window.newest_first else ("start_date", "pk")
    return [
        CalendarItem(
            uid=f"trip-{trip.pk}@juneng",
            kind=TRIP,
            title=_("Trip to %(destinations)s") % {"destinations": trip.destinations},
            detail="",
            start=trip.start_date,
            end=trip.end_date + timedelta(days=1),
            all_day=True,
            url=trip.get_absolute_url(),
            status=trip.current_status,
            status_label=_status_label(trip),
            cancelled=trip.status == Trip.Status.CANCELLED,
            group_id=trip.team_id,
            group_name=trip.team.name if trip.team else "",
            owner_id=trip.lead_id,
            owner_name=display_name(trip.lead),
        )
        for trip in trips.order_by(*order)[: window.limit]
    ]


def visit_items(user: User, window: Window) -> list[CalendarItem]:
    visits = (
        _scoped_trips(user, planned_visit_list_for_user(user), prefix="trip__")
        .filter(_not_long_cancelled(window, prefix="trip__"), date__gte=window.first, date__lte=window.last)
        .select_related("trip__team", "trip__lead__membership")
    )
    if window.group_id is not None:
        visits = visits.filter(trip__team_id=window.group_id)
    order = ("-date", "-time", "-pk") if window.newest_first else ("date", "time", "pk")
    zone = _zone()
    items = []
    for visit in visits.order_by(*order)[: window.limit]:
        trip = visit.trip
        if visit.time is None:
            start: date | datetime = visit.date
            end: date | datetime = visit.date + timedelta(days=1)
        else:
            start = datetime.combine(visit.date, visit.time, tzinfo=zone)
            end = start + timedelta(minutes=VISIT_MINUTES)
        logged = visit.contact_log_id is not None
        items.append(
            CalendarItem(
                uid=f"visit-{visit.pk}@juneng",
                kind=VISIT,
                title=_("Visit: %(target)s") % {"target": visit.project or visit.company},
                detail=trip.destinations,
                start=start,
                end=end,
                all_day=visit.time is None,
                url=visit.get_absolute_url(),
                status="done" if logged else trip.current_status,
                status_label=_("Logged") if logged else _status_label(trip),
                cancelled=trip.status == Trip.Status.CANCELLED,
                group_id=trip.team_id,
                group_name=trip.team.name if trip.team else "",
                owner_id=trip.lead_id,
                owner_name=display_name(trip.lead),
            )
        )
    return items


def _scoped_receptions(user: User, receptions):
    """The receptions one hosts or entered; the receiving group's for a leader; all for directors."""
    scope = calendar_scope(user)
    hosting = Reception.hosts.through.objects.filter(user_id=user.pk).values("reception_id")
    own = Q(created_by_id=user.pk) | Q(pk__in=hosting)
    if scope == Scope.OWN:
        return receptions.filter(own)
    if scope == Scope.GROUP:
        return receptions.filter(Q(team_id=team_id_of(user)) | own)
    return receptions if scope == Scope.CENTER else receptions.none()


def reception_items(user: User, window: Window) -> list[CalendarItem]:
    receptions = (
        _scoped_receptions(user, reception_list_for_user(user))
        .filter(_not_long_cancelled(window))
        .filter(starts_at__gte=day_start(window.first), starts_at__lt=day_start(window.last + timedelta(days=1)))
        .select_related("created_by__membership")
    )
    if window.group_id is not None:
        receptions = receptions.filter(team_id=window.group_id)
    order = ("-starts_at", "-pk") if window.newest_first else ("starts_at", "pk")
    zone = _zone()
    return [
        CalendarItem(
            uid=f"reception-{reception.pk}@juneng",
            kind=RECEPTION,
            title=_("Reception: %(target)s") % {"target": reception.project or reception.company},
            detail=ngettext("%(count)s visitor", "%(count)s visitors", reception.headcount)
            % {"count": reception.headcount},
            start=reception.starts_at.astimezone(zone),
            end=reception.effective_end.astimezone(zone),
            all_day=False,
            url=reception.get_absolute_url(),
            status=reception.status,
            status_label=reception.get_status_display(),
            cancelled=reception.status == Reception.Status.CANCELLED,
            group_id=reception.team_id,
            group_name=reception.team.name if reception.team else "",
            owner_id=reception.created_by_id,
            owner_name=display_name(reception.created_by),
        )
        for reception in receptions.order_by(*order)[: window.limit]
    ]
