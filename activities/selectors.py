"""Reads of the activities app, scoped to what the user may see: visibility follows the project's."""

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property

from activities import permissions
from activities.models import Attachment, ContactLog, FollowUp
from core.counting import count_of
from core.dates import day_start, days_range
from core.query import IdField, QueryForm, YearField
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
    projects = project_selectors.visible_projects_q(user, through="project")
    held = Registration.objects.filter(
        team_id=team_id_of(user), status=Registration.Status.ACTIVE, expires_at__gt=timezone.now()
    ).values("company_id")
    return logs.filter(projects | Q(project__isnull=True, company__in=held) | Q(author=user))


def contact_log_search(user: User, query: str) -> QuerySet[ContactLog]:
    """The logs the person may see whose summary (纪要) contains `query`, newest first (the global search)."""
    logs = _visible_logs(user).filter(is_deleted=False, summary__icontains=query)
    return logs.select_related("project", "company", "author__membership").order_by("-occurred_at", "-pk")


def with_ordinals(logs: QuerySet[ContactLog], *, by_channel: bool = True) -> QuerySet[ContactLog]:
    """Annotate 第 N 次: the ordinal of each log among the same project's logs of its month (Asia/Shanghai),
    overall and (unless `by_channel` is False: a page that shows only the first) for its channel. Counted
    over all the project's logs, whatever filters the list uses. Months are compared as truncated local
    months on both sides (a truncated month is a naive local timestamp: compared with an aware time it
    would be read as UTC)."""
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

    logs = logs.annotate(month_start=month).annotate(month_ordinal=count(earlier_this_month))
    if by_channel:
        logs = logs.annotate(channel_month_ordinal=count(earlier_this_month.filter(channel=OuterRef("channel"))))
    return logs


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


def _sees_whole_project(user: User, project: Project) -> bool:
    """Whether `project_list_for_user` holds the project for this user, told without a query (leadership, or
    the project of the user's own group); a collaborator's case is left to the visibility filter."""
    return role_of(user) is not None and (is_leadership(user) or team_id_of(user) == project.owner_team_id)


ACTIVITY_COUNT_CAP = 1_000


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` rows (and at least to the end of the page asked for), so that a
    list of hundreds of thousands of rows costs a bounded count: an exact count would read every row.
    `is_capped` tells that there are more than `count` (the page shows "more than …"); every page up to the
    one asked for exists, and its next page whenever more rows follow."""

    def __init__(self, object_list, per_page, *, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = ACTIVITY_COUNT_CAP if cap is None else cap
        self.is_capped = False

    def get_page(self, number):
        try:
            asked = int(number)
        except (TypeError, ValueError):
            asked = 1
        if "count" not in self.__dict__:  # count to the end of the next page at least
            self.cap = max(self.cap, min(asked, 10**9 // self.per_page) * self.per_page + 1)
        return super().get_page(number)

    @cached_property
    def count(self) -> int:
        counted = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        self.is_capped = counted > self.cap
        return min(counted, self.cap)


def project_timeline(user: User, project: Project, *, limit: int = 100) -> list[dict]:
    """Contact logs, stage moves and sign-offs of a project, newest first, as one list of
    {"kind": "log"|"event", "when": …, "item": …}."""
    if _sees_whole_project(user, project):  # every log of the project: no need to filter by visibility
        logs = _decorated(ContactLog.objects.filter(project=project, is_deleted=False)).order_by("-occurred_at", "-pk")
    else:
        logs = contact_log_list_for_user(user).filter(project=project)
    logs = logs[:limit]
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
    scope = Q(owner=user) | project_selectors.visible_projects_q(user, through="project")
    if role == Membership.Role.TEAM_LEADER:
        scope |= Q(team_id=team_id_of(user))
    return follow_ups.filter(scope)


class FollowUpListQuery(QueryForm):
    """The follow-up list's parameters (the dashboard and My day link here); a bad one is ignored."""

    status = forms.ChoiceField(required=False, choices=[("", ""), ("open", "open"), ("done", "done")])
    year = YearField()  # of completion, for done ones
    on_time = forms.BooleanField(required=False)
    team = IdField()
    owner = IdField()
    overdue = forms.BooleanField(required=False)
    due = forms.ChoiceField(required=False, choices=[("", ""), ("today", "today"), ("week", "week")])


def follow_up_filter(follow_ups: QuerySet[FollowUp], query) -> QuerySet[FollowUp]:
    """The follow-up list's filters read from its query string (open ones unless status=done), in the list's
    order: the list page and its export read the same ones."""
    params = FollowUpListQuery(query).values
    status = FollowUp.Status.DONE if params["status"] == "done" else FollowUp.Status.OPEN
    follow_ups = follow_ups.filter(status=status)
    if status == FollowUp.Status.DONE and params["year"]:
        follow_ups = follow_ups.filter(done_at__year=params["year"])
    if params["on_time"]:
        follow_ups = follow_ups.filter(done_at__date__lte=F("due_date"))
    if params["team"]:
        follow_ups = follow_ups.filter(team_id=params["team"])
    if params["owner"]:
        follow_ups = follow_ups.filter(owner_id=params["owner"])
    today = timezone.localdate()
    if params["overdue"]:
        follow_ups = follow_ups.filter(due_date__lt=today)
    if params["due"] == "today":
        follow_ups = follow_ups.filter(due_date=today)
    elif params["due"] == "week":  # My day's "next 7 days"
        follow_ups = follow_ups.filter(due_date__gt=today, due_date__lte=today + timedelta(days=7))
    return follow_ups.order_by("due_date", "due_time", "pk")


MY_DAY_ROWS = 10  # each list of My day shows this many; its count links to the full list
# What My day's rows show (templates/activities/my_day.html), and all they load
MY_DAY_FOLLOW_UP_FIELDS = (
    "title", "due_date", "due_time", "status", "owner_id", "project__name", "company__name",
    "owner__membership__display_name",
)  # fmt: skip
MY_DAY_LOG_FIELDS = ("occurred_at", "channel", "project__name", "company__name", "author__membership__display_name")


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


RANKED_FOLLOW_UPS_SQL = """
SELECT id, bucket, n FROM (
    SELECT 0 AS list, 'overdue' AS bucket, counts.overdue AS n, listed.* FROM counts, (
        SELECT id, due_date, due_time FROM activities_followup
        WHERE status = 'open' AND {scope} = %(who)s AND due_date < %(today)s
        ORDER BY due_date, due_time, id LIMIT %(rows)s
    ) AS listed
    UNION ALL
    SELECT 1, 'due_today', counts.due_today, listed.* FROM counts, (
        SELECT id, due_date, due_time FROM activities_followup
        WHERE status = 'open' AND {scope} = %(who)s AND due_date = %(today)s
        ORDER BY due_time, id LIMIT %(rows)s
    ) AS listed
    UNION ALL
    SELECT 2, 'upcoming', counts.upcoming, listed.* FROM counts, (
        SELECT id, due_date, due_time FROM activities_followup
        WHERE status = 'open' AND {scope} = %(who)s AND due_date > %(today)s AND due_date <= %(week_end)s
        ORDER BY due_date, due_time, id LIMIT %(rows)s
    ) AS listed
) AS lists
ORDER BY list, due_date, due_time, id
"""
# `counts` (a WITH clause prepended below): the three lists' sizes in one pass over the (owner or group,
# status, due date) index; each list's first rows walk the same index in order and stop at MY_DAY_ROWS.
RANKED_FOLLOW_UPS_COUNTS = """
WITH counts AS (
    SELECT COUNT(CASE WHEN due_date < %(today)s THEN 1 END) AS overdue,
        COUNT(CASE WHEN due_date = %(today)s THEN 1 END) AS due_today,
        COUNT(CASE WHEN due_date > %(today)s THEN 1 END) AS upcoming
    FROM activities_followup WHERE status = 'open' AND {scope} = %(who)s AND due_date <= %(week_end)s
)
"""


def _ranked_follow_ups(today: date, *, team_id: int | None, owner_id: int | None) -> list[tuple[int, str, int]]:
    """(id, list, the list's count) of the first MY_DAY_ROWS open follow-ups of each of My day's lists —
    overdue, due today, the next 7 days — of one person or one group, each list in its order. Each list's
    rows walk the follow-ups' index and stop at MY_DAY_ROWS (a group has thousands open, mostly overdue);
    written in SQL because this statement runs on every visit of the landing page and the ORM took longer
    to build and compile its equivalent than the database to run it."""
    scope, who = ("team_id", team_id) if team_id else ("owner_id", owner_id)
    params = {"who": who, "today": today, "week_end": today + timedelta(days=7), "rows": MY_DAY_ROWS}
    sql = (RANKED_FOLLOW_UPS_COUNTS + RANKED_FOLLOW_UPS_SQL).format(scope=scope)
    with connection.cursor() as cursor:
        # The SQL is this module's constants and a column name chosen above; values are parameters (B608).
        cursor.execute(sql, params)  # nosec B608
        return cursor.fetchall()


def my_day(user: User, *, today: date | None = None) -> MyDay:
    """The recruiter's landing page: follow-ups due today, overdue and in the next 7 days, what was logged
    today, and the projects longest without contact (14+ days). A group leader sees the same for the group.
    A fixed number of queries whatever the numbers: the three follow-up lists' first rows and counts
    (`_ranked_follow_ups`) and those rows with what they show, today's logs and the quiet projects, each
    with the whole count in the same statement (`core.counting.count_of`)."""
    today = today or timezone.localdate()
    role = role_of(user)
    group_id = team_id_of(user) if role == Membership.Role.TEAM_LEADER else None
    # Only the user's own follow-ups, or the group's for its leader: both are within what
    # `follow_up_list_for_user` lets them see (its owner and group branches), so no visibility filter here.
    ranked = [] if role is None else _ranked_follow_ups(today, team_id=group_id, owner_id=None if group_id else user.pk)
    shown = FollowUp.objects.select_related("project", "company", "owner__membership").only(*MY_DAY_FOLLOW_UP_FIELDS)
    shown = shown.in_bulk([pk for pk, _bucket, _count in ranked])
    buckets: dict[str, list[FollowUp]] = {"overdue": [], "due_today": [], "upcoming": []}
    counts = dict.fromkeys(buckets, 0)
    for pk, bucket_name, in_bucket in ranked:
        buckets[bucket_name].append(shown[pk])
        counts[bucket_name] = in_bucket

    day_from, day_to = days_range(today, today)
    today_q = Q(is_deleted=False, occurred_at__gte=day_from, occurred_at__lt=day_to)
    if group_id:
        logs = _visible_logs(user).filter(today_q, team_id=group_id)
        # The count is the group's day as the dashboard counts a group's contacts: the logs booked to the
        # group, from the live logs' (group, time) index alone. A member's log on a project the leader does
        # not see counts, though it is not listed: checking each of a group's thousand logs of the day against
        # its project's visibility took 3-4 ms at 100k projects, a third of the page's SQL.
        total = count_of(ContactLog.objects.filter(today_q, team_id=group_id))
    else:  # one's own logs: always visible to their author (`_visible_logs`), so no visibility filter to build
        logs = ContactLog.objects.none() if role is None else ContactLog.objects.filter(today_q, author=user)
        total = count_of(logs)
    # the page shows the channel, time, project (or company), author and the month's ordinal (not the
    # channel's): no contacts, participants or attachments, one ordinal subquery to plan and run
    logs = logs.select_related("project", "company", "author__membership").only(*MY_DAY_LOG_FIELDS)
    logs = with_ordinals(logs, by_channel=False)
    logs = logs.annotate(total=total).order_by("-occurred_at", "-pk")
    logged_today = list(logs[:MY_DAY_ROWS])
    counts["logged_today"] = logged_today[0].total if logged_today else 0

    if group_id:  # the group's own projects: every one of them is visible to its leader, no filter to build
        projects = Project.objects.filter(owner_team_id=group_id, status=Project.Status.ACTIVE)
    else:  # one's own projects, as far as one still sees them (an owner who moved group does not)
        projects = project_selectors.project_list_for_user(user).filter(status=Project.Status.ACTIVE, owner=user)
    # the page shows the name, stage, last contact and owner
    stale = stale_projects(projects).select_related(None)
    quiet = stale.select_related("owner__membership").only(
        "name", "stage", "last_contact_at", "owner__membership__display_name"
    )
    # a group's thousands of quiet projects: the first rows from walking the group's quiet-projects index
    # (projects 0008) and their count from the index alone, rather than all read and sorted for a window;
    # a person's few dozen: counted by a window over them, which spares building their visibility twice
    total = count_of(stale) if group_id else Window(Count("pk"))
    quiet = quiet.annotate(total=total).order_by(F("last_contact_at").asc(nulls_first=True), "pk")
    quiet = list(quiet[:MY_DAY_ROWS])
    counts["stale_projects"] = quiet[0].total if quiet else 0
    return MyDay(
        scope="group" if group_id else "mine",
        due_today=buckets["due_today"],
        overdue=buckets["overdue"],
        upcoming=buckets["upcoming"],
        logged_today=logged_today,
        stale_projects=quiet,
        counts=counts,
    )


def stale_q() -> Q:
    """No contact log for STALE_AFTER_DAYS days (or never, if older than that), by the `last_contact_at`
    the contact-log services keep on each project: a filter of projects (also an annotation, the board's)."""
    cutoff = timezone.now() - timedelta(days=STALE_AFTER_DAYS)
    return Q(last_contact_at__lt=cutoff) | Q(last_contact_at__isnull=True, created_at__lt=cutoff)


def stale_projects(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Of these projects, those with no contact for STALE_AFTER_DAYS days (`stale_q`)."""
    return projects.filter(stale_q())


def last_channel_of(user: User) -> str:
    """The channel of the user's latest log, to preselect it in the next one."""
    return (
        ContactLog.objects.filter(author=user, is_deleted=False)
        .order_by("-created_at")
        .values_list("channel", flat=True)
        .first()
        or "phone"
    )
