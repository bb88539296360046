"""The iCal feed (RFC 5545) of a person's calendar items, written with the `icalendar` library.

All-day items are DATE values (DTEND the day after, exclusive); timed ones carry TZID=Asia/Shanghai (the
center's zone) with its VTIMEZONE. UIDs come from the providers (`followup-<pk>@juneng`) and never change, so
a subscribed calendar updates an item in place; cancelled items stay in the feed as STATUS:CANCELLED."""

from datetime import date, timedelta

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.providers import CalendarItem
from calendars.registry import KIND_LABELS

REFRESH_INTERVAL = timedelta(hours=1)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _event(item: CalendarItem, stamp) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("summary", f"{item.title} · {item.detail}" if item.detail else item.title)
    event.add("dtstart", item.start)
    event.add("dtend", item.end)
    event.add("url", _absolute(item.url))
    lines = [item.detail, f"{_('Status')}: {item.status_label}"]
    if item.owner_name:
        lines.append(f"{_('Owner')}: {item.owner_name}")
    if item.group_name:
        lines.append(f"{_('Group')}: {item.group_name}")
    lines.append(_absolute(item.url))
    event.add("description", "\n".join(line for line in lines if line))
    event.add("categories", [str(KIND_LABELS.get(item.kind, item.kind))])
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if item.all_day else "OPAQUE")
    return event


def feed_calendar(items: list[CalendarItem], *, name: str, today: date | None = None) -> bytes:
    """The VCALENDAR of `items` as bytes (UTF-8, CRLF lines)."""
    today = today or timezone.localdate()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Juneng//Calendar//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    stamp = timezone.now()
    for item in items:
        calendar.add_component(_event(item, stamp))
    calendar.add_missing_timezones(
        first_date=today.replace(year=today.year - 1, day=1), last_date=today.replace(year=today.year + 2, day=1)
    )
    return calendar.to_ical()
