"""Where calendar items come from: one small function (a *provider*) per kind of item, each returning plain
`CalendarItem`s for a user and a window of days, already scoped to what that user may see.

The calendar page's JSON, the iCal feed and any later view read the same providers, so an item is shown in
one place exactly when it is shown in the others. A provider

- starts from its app's own visibility selector (`follow_up_list_for_user`, …), so the calendar can never
  show more than the app itself would;
- narrows it to the calendar's scope (permissions.calendar_scope: own, group, center), the window's days,
  the optional group, and at most `window.limit` rows in one query (no query per item);
- returns cancelled items only when they were cancelled within the last CANCELLED_SHOWN_DAYS days, marked
  `cancelled`, so that a subscribed calendar learns of the cancellation and older ones do not clutter it.

Providers are listed in calendars/registry.py (PROVIDERS, KIND_LABELS); the form, the views, the feed and the
JavaScript take their kinds from there, so a new source of items is one function plus one line there.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import FollowUp
from activities.selectors import follow_up_list_for_user
from calendars.permissions import Scope, calendar_scope
from teams.permissions import team_id_of

CANCELLED_SHOWN_DAYS = 30
TIMED_ITEM_MINUTES = 30  # a timed follow-up is a moment; calendars draw it as half an hour
FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class CalendarItem:
    """One thing on the calendar, whatever app it comes from. `start`/`end` are dates for all-day items
    (`end` exclusive, as in iCalendar) and aware datetimes otherwise; `url` is a path on this site."""

    uid: str
    kind: str
    title: str
    detail: str
    start: date | datetime
    end: date | datetime
    all_day: bool
    url: str
    status: str
    status_label: str
    cancelled: bool
    group_id: int | None
    group_name: str
    owner_id: int | None
    owner_name: str

    @property
    def sort_key(self) -> tuple[datetime, str]:
        start = self.start
        if not isinstance(start, datetime):
            start = datetime(start.year, start.month, start.day, tzinfo=ZoneInfo(settings.TIME_ZONE))
        return start, self.uid


@dataclass(frozen=True)
class Window:
    """Days `first`..`last` (both included), optionally one group's items only, at most `limit` items
    (the earliest, or the latest with `newest_first`)."""

    first: date
    last: date
    limit: int
    group_id: int | None = None
    newest_first: bool = False

    @property
    def cancelled_since(self) -> datetime:
        return timezone.now() - timedelta(days=CANCELLED_SHOWN_DAYS)


Provider = Callable[[User, Window], list[CalendarItem]]


def _local_time_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def display_name(user: User | None) -> str:
    if user is None:
        return ""
    membership = getattr(user, "membership", None)
    return membership.display_name if membership else user.get_username()


# --- follow-ups (activities) ------------------------------------------------------------------------------


def _scoped_follow_ups(user: User):
    follow_ups = follow_up_list_for_user(user)
    scope = calendar_scope(user)
    if scope == Scope.OWN:
        return follow_ups.filter(owner=user)
    if scope == Scope.GROUP:
        return follow_ups.filter(Q(team_id=team_id_of(user)) | Q(owner=user))
    if scope == Scope.CENTER:
        return follow_ups
    return follow_ups.none()


def follow_up_items(user: User, window: Window) -> list[CalendarItem]:
    """The user's follow-ups (their group's for a leader, everyone's for directors) due in the window:
    dated ones all day, timed ones at their time in the center's zone."""
    recently_cancelled = FollowUp.history.model.objects.filter(
        id=OuterRef("pk"), status=FollowUp.Status.CANCELLED, history_date__gte=window.cancelled_since
    )
    follow_ups = (
        _scoped_follow_ups(user)
        .filter(due_date__gte=window.first, due_date__lte=window.last)
        .filter(~Q(status=FollowUp.Status.CANCELLED) | Exists(recently_cancelled))
    )
    if window.group_id is not None:
        follow_ups = follow_ups.filter(team_id=window.group_id)
    order = ("-due_date", "-due_time", "-pk") if window.newest_first else ("due_date", "due_time", "pk")
    zone = _local_time_zone()
    items = []
    for follow_up in follow_ups.order_by(*order)[: window.limit]:
        if follow_up.due_time is None:
            start: date | datetime = follow_up.due_date
            end: date | datetime = follow_up.due_date + timedelta(days=1)
        else:
            start = datetime.combine(follow_up.due_date, follow_up.due_time, tzinfo=zone)
            end = start + timedelta(minutes=TIMED_ITEM_MINUTES)
        target = follow_up.project or follow_up.company
        items.append(
            CalendarItem(
                uid=f"followup-{follow_up.pk}@juneng",
                kind=FOLLOW_UP,
                title=follow_up.title,
                detail=str(target),
                start=start,
                end=end,
                all_day=follow_up.due_time is None,
                url=target.get_absolute_url(),
                status="overdue" if follow_up.is_overdue else follow_up.status,
                status_label=str(_("Overdue")) if follow_up.is_overdue else follow_up.get_status_display(),
                cancelled=follow_up.status == FollowUp.Status.CANCELLED,
                group_id=follow_up.team_id,
                group_name=follow_up.team.name if follow_up.team else "",
                owner_id=follow_up.owner_id,
                owner_name=display_name(follow_up.owner),
            )
        )
    return items
