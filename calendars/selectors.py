"""Reads of the calendar: its items for a user and a range of days (from every provider), the feed's window,
and the feed behind a token."""

import hmac
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from calendars.models import CalendarFeed
from calendars.permissions import can_filter_by_group, can_use_calendar
from calendars.providers import CalendarItem, Window
from calendars.registry import PROVIDERS
from teams.models import Team

EVENTS_LIMIT = 500  # items one request of the calendar page gets at most (it says so when there are more)
FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 180
FEED_LIMIT = 500
TOKEN_MAX_LENGTH = 100


@dataclass(frozen=True)
class CalendarPage:
    items: list[CalendarItem]
    truncated: bool


def calendar_items_for_user(
    user: User,
    *,
    first: date,
    last: date,
    group_id: int | None = None,
    kinds: frozenset[str] | None = None,
    limit: int | None = None,
) -> CalendarPage:
    """Every provider's items for days `first`..`last`, in order of start, at most `limit` (one query per
    provider, whatever the data). `group_id` narrows to one group; `kinds` to some providers."""
    limit = EVENTS_LIMIT if limit is None else limit
    if not can_use_calendar(user):
        return CalendarPage(items=[], truncated=False)
    window = Window(first=first, last=last, limit=limit + 1, group_id=group_id)
    items = [
        item
        for kind, provider in PROVIDERS.items()
        if kinds is None or kind in kinds
        for item in provider(user, window)
    ]
    items.sort(key=lambda item: item.sort_key)
    return CalendarPage(items=items[:limit], truncated=len(items) > limit)


def feed_items_for_user(user: User, *, today: date | None = None, limit: int | None = None) -> list[CalendarItem]:
    """The feed's items: FEED_PAST_DAYS back to FEED_FUTURE_DAYS ahead, at most `limit`. Upcoming items come
    first; what room is left goes to the most recent past ones (a truncated feed loses the oldest)."""
    today = today or timezone.localdate()
    limit = FEED_LIMIT if limit is None else limit
    if not can_use_calendar(user):
        return []
    upcoming: list[CalendarItem] = []
    past: list[CalendarItem] = []
    ahead = Window(first=today, last=today + timedelta(days=FEED_FUTURE_DAYS), limit=limit)
    behind = Window(
        first=today - timedelta(days=FEED_PAST_DAYS), last=today - timedelta(days=1), limit=limit, newest_first=True
    )
    for provider in PROVIDERS.values():
        upcoming += provider(user, ahead)
        past += provider(user, behind)
    upcoming.sort(key=lambda item: item.sort_key)
    past.sort(key=lambda item: item.sort_key, reverse=True)
    kept = upcoming[:limit]
    kept += past[: limit - len(kept)]
    return sorted(kept, key=lambda item: item.sort_key)


def calendar_groups(user: User) -> QuerySet[Team]:
    """The groups the calendar can be narrowed to: all active ones for the center's leadership, none otherwise
    (a recruiter's and a leader's calendars are already their own and their group's)."""
    if not can_filter_by_group(user):
        return Team.objects.none()
    return Team.objects.filter(is_active=True).order_by("code")


def feed_of_user(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def feed_get_by_token(token: str) -> CalendarFeed:
    """The feed whose token this is, or 404: for an unknown or revoked token, and for a person who may no
    longer use the calendar (deactivated, or now an administrator). Looked up by the token's hash (an
    attacker cannot steer a SHA-256 value, so the index lookup reveals nothing), then compared in constant time."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise Http404
    digest = CalendarFeed.hash_token(token)
    feed = CalendarFeed.objects.select_related("user__membership").filter(token_hash=digest).first()
    if feed is None or not hmac.compare_digest(feed.token_hash, digest) or not can_use_calendar(feed.user):
        raise Http404
    return feed
