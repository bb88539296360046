"""Writes of the calendar: a person's feed token created (or regenerated), revoked, and its use recorded."""

import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from calendars.models import CalendarFeed
from calendars.permissions import can_use_calendar

TOKEN_BYTES = 32
FETCH_RECORDED_EVERY = timedelta(hours=1)  # calendar apps poll often; the "last fetched" time need not be exact


@transaction.atomic
def feed_create(*, actor: User) -> str:
    """Give `actor` a new secret feed URL token and return it: the only time it is ever seen. An earlier
    token of theirs stops working at once (regenerating is creating again)."""
    if not can_use_calendar(actor):
        raise PermissionDenied
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarFeed.objects.update_or_create(
        user=actor,
        defaults={"token_hash": CalendarFeed.hash_token(token), "created_at": timezone.now(), "last_used_at": None},
    )
    return token


@transaction.atomic
def feed_revoke(*, actor: User) -> bool:
    """Stop `actor`'s feed URL from working; False if they had none."""
    deleted, _ = CalendarFeed.objects.filter(user=actor).delete()
    return bool(deleted)


def feed_record_fetch(*, feed: CalendarFeed) -> None:
    """Note when the feed was last fetched, at most once per FETCH_RECORDED_EVERY (one conditional UPDATE)."""
    now = timezone.now()
    if feed.last_used_at is not None and now - feed.last_used_at < FETCH_RECORDED_EVERY:
        return
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    feed.last_used_at = now
