"""Reads of the activities app, scoped to what the user may see: visibility follows the project's."""

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from activities import permissions
from activities.models import Attachment, ContactLog, FollowUp
from core.dates import day_start, days_range
from crm.models import Registration
from projects import selectors as project_selectors
from projects.models import Project
from teams.models import Membership
from teams.permissions import is_leadership, role_of, team_id_of

STALE_AFTER_DAYS = 14


def _visible_logs(user: User) -> QuerySet[ContactLog]:
    if role_of(user) is None:
        return ContactLog.objects.none()
    logs = ContactLog.objects.all()
    if is_leadership(user):
        return logs
    projects = project_selectors.project_list_for_user(user).values("pk")
    held = Registration.objects.filter(
        team_id=team_id_of(user), status=Registration.Status.ACTIVE, expires_at__gt=timezone.now()
    ).values("company_id")
    return logs.filter(Q(project__in=projects) | Q(project__isnull=True, company__in=held) | Q(author=user))


def with_ordinals(logs: QuerySet[ContactLog]) -> QuerySet[ContactLog]:
    """Annotate 第 N 次: the ordinal of each log among the same project's logs of its month (Asia/Shanghai),
    overall and for its channel. Counted over all the project's logs, whatever filters the list uses.
    Months are compared as truncated local months on both sides (a truncated month is a naive local
    timestamp: compared with an aware time it would be read as UTC)."""
    month = TruncMonth("occurred_at", tzinfo=ZoneInfo(settings.TIME_ZONE))
    earlier_this_month = (
        ContactLog.objects.annotate(month=month)
        .filter(project=OuterRef("project"), is_deleted=False, month=OuterRef("month_start"))
        .filter(
            Q(occurred_at__lt=OuterRef("occurred_at")) | Q(occurred_at=OuterRef("occurred_at"), pk__lte=OuterRef("pk"))
        )
    )

    def count(queryset):
        return Subquery(queryset.order_by().values("project").annotate(n=Count("pk")).values("n")[:1])

    return logs.annotate(month_start=month).annotate(
        month_ordinal=count(earlier_this_month),
        channel_month_ordinal=count(earlier_this_month.filter(channel=OuterRef("channel"))),
    )


def _decorated(logs: QuerySet[ContactLog]) -> QuerySet[ContactLog]:
    return with_ordinals(
        logs.select_related("project", "company", "author__membership", "team").prefetch_related(
            "contacts",
            Prefetch("participants", queryset=User.objects.select_related("membership")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("created_at")),
        )
    )


def contact_log_list_for_user(user: User, *, include_deleted: bool = False) -> QuerySet[ContactLog]:
    logs = _visible_logs(user)
    if not include_deleted:
        logs = logs.filter(is_deleted=False)
    return _decorated(logs).order_by("-occurred_at", "-pk")


def contact_log_get_for_user(user: User, pk: int) -> ContactLog:
    """The log, or 404; a deleted log only for directors (who may restore it)."""
    log = get_object_or_404(contact_log_list_for_user(user, include_deleted=True), pk=pk)
    if log.is_deleted and not permissions.can_restore_contact_log(user, log):
        raise Http404
    return log


def attachment_get_for_user(user: User, pk: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("log__project"), pk=pk)
    log = attachment.log
    if not permissions.can_view_contact_log(user, log) or (
        log.is_deleted and not permissions.can_restore_contact_log(user, log)
    ):
        raise Http404
    return attachment


@dataclass
class ActivityFilters:
    channel: str = ""
    member: int | None = None
    team: int | None = None
    project: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def activity_filter(logs: QuerySet[ContactLog], filters: ActivityFilters) -> QuerySet[ContactLog]:
    if filters.channel:
        logs = logs.filter(channel=filters.channel)
    if filters.member:
        joined = ContactLog.participants.through.objects.filter(contactlog_id=OuterRef("pk"), user_id=filters.member)
        logs = logs.filter(Q(author_id=filters.member) | Exists(joined))
    if filters.team:
        logs = logs.filter(team_id=filters.team)
    if filters.project:
        logs = logs.filter(project_id=filters.project)
    if filters.date_from:
        logs = logs.filter(occurred_at__gte=day_start(filters.date_from))
    if filters.date_to:
        logs = logs.filter(occurred_at__lt=day_start(filters.date_to + timedelta(days=1)))
    return logs


def project_timeline(user: User, project: Project, *, limit: int = 100) -> list[dict]:
    """Contact logs, stage moves and sign-offs of a project, newest first, as one list of
    {"kind": "log"|"event", "when": …, "item": …}."""
    logs = contact_log_list_for_user(user).filter(project=project)[:limit]
    events = project_selectors.project_events(project)[:limit]
    merged = [{"kind": "log", "when": log.occurred_at, "item": log} for log in logs]
    merged += [{"kind": "event", "when": event.created_at, "item": event} for event in events]
    merged.sort(key=lambda entry: entry["when"], reverse=True)
    return merged[:limit]


def follow_up_list_for_user(user: User) -> QuerySet[FollowUp]:
    role = role_of(user)
    if role is None:
        return FollowUp.objects.none()
    follow_ups = FollowUp.objects.select_related("project", "company", "owner__membership", "team")
    if is_leadership(user):
        return follow_ups
    projects = project_selectors.project_list_for_user(user).values("pk")
    scope = Q(owner=user) | Q(project__in=projects)
    if role == Membership.Role.TEAM_LEADER:
        scope |= Q(team_id=team_id_of(user))
    return follow_ups.filter(scope)


MY_DAY_ROWS = 10  # each list of My day shows this many; its count links to the full list


@dataclass
class MyDay:
    """Each list holds at most MY_DAY_ROWS rows, so the page stays the same size however much there is;
    the counts are the whole numbers and link to the full lists."""

    scope: str  # "mine" or "group"
    due_today: list[FollowUp]
    overdue: list[FollowUp]
    upcoming: list[FollowUp]
    logged_today: list[ContactLog]
    stale_projects: list[Project]
    counts: dict[str, int]


def my_day(user: User, *, today: date | None = None) -> MyDay:
    """The recruiter's landing page: follow-ups due today, overdue and in the next 7 days, what was logged
    today, and the projects longest without contact (14+ days). A group leader sees the same for the group."""
    today = today or timezone.localdate()
    group_id = team_id_of(user) if role_of(user) == Membership.Role.TEAM_LEADER else None
    follow_ups = follow_up_list_for_user(user).filter(status=FollowUp.Status.OPEN)
    follow_ups = follow_ups.filter(team_id=group_id) if group_id else follow_ups.filter(owner=user)
    follow_ups = follow_ups.order_by("due_date", "due_time", "pk")
    overdue = Q(due_date__lt=today)
    due_today = Q(due_date=today)
    upcoming = Q(due_date__gt=today, due_date__lte=today + timedelta(days=7))

    day_from, day_to = days_range(today, today)
    logs = contact_log_list_for_user(user).filter(occurred_at__gte=day_from, occurred_at__lt=day_to)
    logs = logs.filter(team_id=group_id) if group_id else logs.filter(author=user)

    projects = project_selectors.project_list_for_user(user).filter(status=Project.Status.ACTIVE)
    projects = projects.filter(owner_team_id=group_id) if group_id else projects.filter(owner=user)
    stale = stale_projects(projects)
    counts = follow_ups.aggregate(
        overdue=Count("pk", filter=overdue), due_today=Count("pk", filter=due_today),
        upcoming=Count("pk", filter=upcoming),
    )  # fmt: skip
    counts["logged_today"] = logs.count()
    counts["stale_projects"] = stale.count()
    rows = MY_DAY_ROWS
    return MyDay(
        scope="group" if group_id else "mine",
        due_today=list(follow_ups.filter(due_today)[:rows]),
        overdue=list(follow_ups.filter(overdue)[:rows]),
        upcoming=list(follow_ups.filter(upcoming)[:rows]),
        logged_today=list(logs[:rows]),
        stale_projects=list(stale.order_by(F("last_contact_at").asc(nulls_first=True), "pk")[:rows]),
        counts=counts,
    )


def stale_projects(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Of these projects, those with no contact log for STALE_AFTER_DAYS days (or never, if older than
    that), by the `last_contact_at` the contact-log services keep on each project."""
    cutoff = timezone.now() - timedelta(days=STALE_AFTER_DAYS)
    return projects.filter(Q(last_contact_at__lt=cutoff) | Q(last_contact_at__isnull=True, created_at__lt=cutoff))


def last_channel_of(user: User) -> str:
    """The channel of the user's latest log, to preselect it in the next one."""
    return (
        ContactLog.objects.filter(author=user, is_deleted=False)
        .order_by("-created_at")
        .values_list("channel", flat=True)
        .first()
        or "phone"
    )
