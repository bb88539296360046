"""Local (Asia/Shanghai) calendar days as aware datetime ranges, so that filters on timestamps use their
indexes instead of converting every row's time zone (`__date` lookups do that)."""

from datetime import date, datetime, time, timedelta

from django.db.models import Func, IntegerField, Value
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def days_range(first: date, last: date) -> tuple[datetime, datetime]:
    """[start of `first`, start of the day after `last`) in the current time zone."""
    return day_start(first), day_start(last + timedelta(days=1))


class MonthOfYear(Func):
    """The local month (1–12) of a timestamp within `year`, to group a year's rows by month. On PostgreSQL
    the timestamp is placed among the year's twelve local month starts (`width_bucket`, a binary search of
    timestamps) instead of each row's time being converted to local time to extract its month, which took
    twice as long (a year's visits at 100k projects: 57 → 30 ms). Elsewhere (SQLite) it is ExtractMonth's.
    For rows within the year only: earlier ones read 0, later ones 12."""

    function = "width_bucket"
    output_field = IntegerField()

    def __init__(self, expression, year: int):
        starts = [day_start(date(year, month, 1)) for month in range(1, 13)]
        super().__init__(expression, Value(starts))

    def as_sqlite(self, compiler, connection, **extra_context):
        return ExtractMonth(self.source_expressions[0]).as_sql(compiler, connection)


# Plausible dates for what people type: nothing before 2000 (the center's records start later; PostgreSQL
# would even store year 1 in Asia/Shanghai's local mean time as year 0 BC, which Python cannot read back),
# nothing planned more than PLANNING_YEARS ahead. Forms check them (with min/max on the inputs) and the
# services check them again, so an import or an API call cannot slip past.
EARLIEST_DATE = date(2000, 1, 1)
PLANNING_YEARS = 10


def latest_plan_date(today: date | None = None) -> date:
    """The last date a plan (follow-up, expected signing, planned construction) may be set to."""
    today = today or timezone.localdate()
    return today.replace(year=today.year + PLANNING_YEARS, day=min(today.day, 28))


def earliest_moment() -> datetime:
    return day_start(EARLIEST_DATE)


def date_bounds_error(value: date, *, latest: date | None = None) -> str | None:
    """A translated reason why `value` is not plausible, or None."""
    latest = latest or latest_plan_date()
    if value < EARLIEST_DATE:
        return _("Dates before %(date)s are not accepted.") % {"date": date_format(EARLIEST_DATE)}
    if value > latest:
        return _("Dates after %(date)s are not accepted.") % {"date": date_format(latest)}
    return None


def date_input_bounds(latest: date | None = None) -> dict[str, str]:
    """min/max attributes for a date input, matching date_bounds_error."""
    return {"min": EARLIEST_DATE.isoformat(), "max": (latest or latest_plan_date()).isoformat()}
