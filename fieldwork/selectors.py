"""Reads of the fieldwork app, always scoped to what the user may see (fieldwork/permissions.py in SQL)."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.models import User
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import ContactLog, FollowUp
from core.dates import day_start
from fieldwork.models import PlannedVisit, Reception, Trip, TripEvent
from projects.models import ProjectEvent
from teams.models import Membership
from teams.permissions import is_leadership, role_of, team_id_of


def _group_id(user: User) -> int | None:
    return team_id_of(user) if role_of(user) in Membership.TEAM_ROLES else None


def trip_list_for_user(user: User) -> QuerySet[Trip]:
    """Trips of the user's group, those they are on, or all of them for the leadership."""
    if role_of(user) is None:
        return Trip.objects.none()
    trips = Trip.objects.select_related("lead__membership", "team")
    if is_leadership(user):
        return trips
    joined = Trip.members.through.objects.filter(user_id=user.pk).values("trip_id")
    visible = Q(lead_id=user.pk) | Q(pk__in=joined)
    if (team_id := _group_id(user)) is not None:
        visible |= Q(team_id=team_id)
    return trips.filter(visible)


def trip_get_for_user(user: User, pk: int) -> Trip:
    """The trip with its people, or 404 for anyone who may not see it."""
    trips = trip_list_for_user(user).prefetch_related("members__membership")
    return get_object_or_404(trips, pk=pk)


def planned_visit_list_for_user(user: User) -> QuerySet[PlannedVisit]:
    """Visits of the trips the user may see."""
    return PlannedVisit.objects.filter(trip__in=trip_list_for_user(user).values("pk")).select_related(
        "trip", "company", "project"
    )


def planned_visit_get_for_user(user: User, pk: int) -> PlannedVisit:
    visit = get_object_or_404(planned_visit_list_for_user(user).prefetch_related("people"), pk=pk)
    visit.trip = trip_get_for_user(user, visit.trip_id)  # with its members, for the permission checks
    return visit


def trip_visits(trip: Trip) -> QuerySet[PlannedVisit]:
    return trip.visits.select_related("company", "project", "contact_log").prefetch_related("people__membership")


def trip_events(trip: Trip) -> QuerySet[TripEvent]:
    return trip.events.select_related("actor__membership")


@dataclass
class TripListFilters:
    status: str = ""
    team: int | None = None
    mine: bool = False


def trip_filter(user: User, trips: QuerySet[Trip], filters: TripListFilters) -> QuerySet[Trip]:
    today = timezone.localdate()
    if filters.status == Trip.Status.IN_PROGRESS:
        trips = trips.filter(status=Trip.Status.APPROVED, start_date__lte=today)
    elif filters.status == Trip.Status.APPROVED:
        trips = trips.filter(status=Trip.Status.APPROVED, start_date__gt=today)
    elif filters.status:
        trips = trips.filter(status=filters.status)
    if filters.team:
        trips = trips.filter(team_id=filters.team)
    if filters.mine:
        joined = Trip.members.through.objects.filter(user_id=user.pk).values("trip_id")
        trips = trips.filter(Q(lead_id=user.pk) | Q(pk__in=joined))
    return trips.annotate(visit_count=Count("visits", distinct=True)).order_by("-start_date", "-pk")


# --- the report --------------------------------------------------------------------------------------------


@dataclass
class ReportDraft:
    """What the trip produced, read from its visits' logs: the draft the lead edits into the report."""

    visits: list[PlannedVisit]
    follow_ups: list[FollowUp]
    stage_moves: list[ProjectEvent]
    logged: int = 0
    summary: str = ""
    unplanned: int = 0
    projects: list = field(default_factory=list)
    new_leads: list[PlannedVisit] = field(default_factory=list)


STAGE_MOVE_KINDS = (ProjectEvent.Kind.STAGE_APPROVED, ProjectEvent.Kind.STAGE_MOVED)
REPORT_ITEMS_AT_MOST = 200  # visits, follow-ups and moves a report lists (a trip has a few dozen at most)


def trip_report_draft(trip: Trip) -> ReportDraft:
    """Each visit with its log's outcome, the follow-ups created from those logs, and the projects of the
    visits whose stage moved between the trip's start and the report (or now, before it is filed)."""
    visits = list(trip_visits(trip)[:REPORT_ITEMS_AT_MOST])
    log_ids = [visit.contact_log_id for visit in visits if visit.contact_log_id]
    follow_ups = list(
        FollowUp.objects.filter(source_log_id__in=log_ids)
        .select_related("owner__membership", "project", "company")
        .order_by("due_date", "pk")[:REPORT_ITEMS_AT_MOST]
    )
    project_ids = {visit.project_id for visit in visits if visit.project_id}
    until = trip.report.filed_at if hasattr(trip, "report") else timezone.now()
    stage_moves = list(
        ProjectEvent.objects.filter(
            project_id__in=project_ids, kind__in=STAGE_MOVE_KINDS, created_at__gte=day_start(trip.start_date),
            created_at__lte=until,
        )
        .select_related("project")
        .order_by("created_at", "pk")[:REPORT_ITEMS_AT_MOST]
    )  # fmt: skip
    draft = ReportDraft(visits=visits, follow_ups=follow_ups, stage_moves=stage_moves)
    draft.logged = len(log_ids)
    draft.unplanned = sum(1 for visit in visits if visit.is_unplanned)
    draft.new_leads = [visit for visit in visits if visit.is_new_lead and visit.project_id]
    draft.summary = _summary_text(trip, visits, stage_moves, draft.new_leads)
    return draft


def _summary_text(
    trip: Trip, visits: list[PlannedVisit], stage_moves: list[ProjectEvent], new_leads: list[PlannedVisit]
) -> str:
    """A first version of the summary, one line per visit, for the lead to edit."""
    lines = []
    for number, visit in enumerate(visits, start=1):
        name = visit.project.name if visit.project else visit.company.name
        log: ContactLog | None = visit.contact_log
        said = (log.outcome or log.summary) if log is not None and not log.is_deleted else "—"
        lines.append(f"{number}. {visit.date:%m-%d} {name}：{said}")
    for event in stage_moves:
        lines.append(f"· {event.project.name}：{event.get_from_stage_display()} → {event.get_to_stage_display()}")
    if new_leads:
        lines.append(_("New leads: %(projects)s") % {"projects": "、".join(visit.project.name for visit in new_leads)})
    return "\n".join(lines)


# --- receptions -------------------------------------------------------------------------------------------


def reception_list_for_user(user: User) -> QuerySet[Reception]:
    if role_of(user) is None:
        return Reception.objects.none()
    receptions = Reception.objects.select_related("company", "project", "team")
    if is_leadership(user):
        return receptions
    hosting = Reception.hosts.through.objects.filter(user_id=user.pk).values("reception_id")
    visible = Q(created_by_id=user.pk) | Q(pk__in=hosting)
    if (team_id := _group_id(user)) is not None:
        visible |= Q(team_id=team_id)
    return receptions.filter(visible)


def reception_get_for_user(user: User, pk: int) -> Reception:
    receptions = reception_list_for_user(user).prefetch_related(
        "hosts__membership", Prefetch("contact_log", queryset=ContactLog.objects.all())
    )
    return get_object_or_404(receptions, pk=pk)


def receptions_upcoming_first(receptions: QuerySet[Reception], *, status: str = "") -> QuerySet[Reception]:
    """Today's and those still to come (soonest first), then the past ones (latest first)."""
    if status:
        receptions = receptions.filter(status=status)
    cutoff = day_start(timezone.localdate())
    return receptions.annotate(
        is_past=Case(When(starts_at__lt=cutoff, then=Value(1)), default=Value(0), output_field=IntegerField()),
        upcoming_at=Case(When(starts_at__gte=cutoff, then=F("starts_at")), default=None),
    ).order_by("is_past", F("upcoming_at").asc(nulls_last=True), "-starts_at", "-pk")


RECEPTION_HISTORY_FIELDS = ("status", "starts_at", "ends_at", "company", "project", "visitors", "headcount",
                            "itinerary", "note", "cancel_reason")  # fmt: skip


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    created: bool = False
    status: tuple[str, str] | None = None  # (from, to) labels
    changed: list[str] = field(default_factory=list)  # labels of the other fields that changed


def reception_history(reception: Reception, *, limit: int = 20) -> list[HistoryEntry]:
    """The reception's changes, newest first, from its historical records (one query): created, each status
    change, and which other fields were edited."""
    records = list(
        reception.history.select_related("history_user__membership").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    labels = dict(Reception.Status.choices)
    entries = []
    for record, older in zip(records[:limit], [*records[1:], None], strict=False):
        user = record.history_user
        membership = getattr(user, "membership", None) if user is not None else None
        entry = HistoryEntry(when=record.history_date, who=membership.display_name if membership else "—")
        if older is None:
            entry.created = record.history_type == "+"
        else:
            for name in RECEPTION_HISTORY_FIELDS:
                attribute = f"{name}_id" if name in ("company", "project") else name
                if getattr(record, attribute) == getattr(older, attribute):
                    continue
                if name == "status":
                    entry.status = (
                        str(labels.get(older.status, older.status)),
                        str(labels.get(record.status, record.status)),
                    )
                else:
                    entry.changed.append(str(Reception._meta.get_field(name).verbose_name))
        if entry.created or entry.status or entry.changed:
            entries.append(entry)
    return entries


def busy_elsewhere(*, user_ids: list[int], starts: date, ends: date, exclude_trip: int | None = None) -> QuerySet[Trip]:
    """Open or finished trips of these people overlapping the days [starts, ends]."""
    joined = Trip.members.through.objects.filter(user_id__in=user_ids).values("trip_id")
    trips = Trip.objects.exclude(status=Trip.Status.CANCELLED).filter(
        Q(lead_id__in=user_ids) | Q(pk__in=joined), start_date__lte=ends, end_date__gte=starts
    )
    return trips.exclude(pk=exclude_trip) if exclude_trip else trips
