"""Local (Asia/Shanghai) calendar days as aware datetime ranges, so that filters on timestamps use their
indexes instead of converting every row's time zone (`__date` lookups do that)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def days_range(first: date, last: date) -> tuple[datetime, datetime]:
    """[start of `first`, start of the day after `last`) in the current time zone."""
    return day_start(first), day_start(last + timedelta(days=1))
