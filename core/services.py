from django.db.models import F
from django.utils import timezone

from core.models import Heartbeat


def heartbeat_record(*, name: str) -> Heartbeat:
    """Record that `name` is alive now. Safe to run twice or concurrently: one row per name, the counter
    is incremented in SQL."""
    now = timezone.now()
    heartbeat, created = Heartbeat.objects.get_or_create(name=name, defaults={"last_seen": now, "count": 1})
    if not created:
        Heartbeat.objects.filter(pk=heartbeat.pk).update(last_seen=now, count=F("count") + 1)
        heartbeat.refresh_from_db()
    return heartbeat
