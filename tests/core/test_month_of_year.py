"""MonthOfYear: the local (Asia/Shanghai) month of a timestamp, by the month starts on PostgreSQL and by
ExtractMonth on SQLite, the same at every month's edges."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db.models import DateTimeField, Value

from core.dates import MonthOfYear
from teams.models import Team

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("moment", "month"),
    [
        (datetime(2026, 1, 1, 0, 0, tzinfo=SHANGHAI), 1),
        (datetime(2026, 1, 31, 23, 59, 59, tzinfo=SHANGHAI), 1),
        (datetime(2026, 1, 31, 16, 0, tzinfo=UTC), 2),  # midnight of 1 February in Shanghai
        (datetime(2026, 1, 31, 15, 59, 59, tzinfo=UTC), 1),
        (datetime(2026, 6, 15, 12, 0, tzinfo=SHANGHAI), 6),
        (datetime(2026, 12, 1, 0, 0, tzinfo=SHANGHAI), 12),
        (datetime(2026, 12, 31, 23, 59, 59, tzinfo=SHANGHAI), 12),
    ],
)
def test_the_local_month_of_a_moment_of_the_year(moment, month):
    Team.objects.create(name="招商一组", code="G1")
    value = Value(moment, output_field=DateTimeField())
    assert Team.objects.annotate(month=MonthOfYear(value, 2026)).values_list("month", flat=True).get() == month
