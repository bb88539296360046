"""Crafted query strings never break an export (the file is read to its end, so a failure while streaming
counts too): a bad filter is ignored as on the list page, a bad format or masking value falls back to the
masked xlsx."""

import pytest
from django.urls import reverse

from exports.models import ExportLog
from tests.exports.conftest import client_for
from tests.exports.helpers import content, xlsx_rows

pytestmark = pytest.mark.django_db
ROUTES = ["exports:project_export", "exports:company_export", "exports:activity_export", "exports:follow_up_export"]
PARAMETERS = ["q", "stage", "status", "team", "owner", "project", "member", "date_from", "date_to", "due",
              "year", "overdue", "on_time", "channel", "size", "sort", "company", "referrer", "signed_year",
              "page"]  # fmt: skip
VALUES = ["99999-01-01", "9" * 25, "-1", "²", "a\x00b", "x" * 5000, "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("route", ROUTES)
def test_crafted_filters_never_break_an_export(center, route):
    client = client_for(center["director"])
    for value in VALUES:
        for file_format in ("csv", "xlsx"):
            response = client.get(reverse(route), {**dict.fromkeys(PARAMETERS, value), "format": file_format})
            assert response.status_code == 200, value
            assert content(response)
    assert ExportLog.objects.filter(row_count__gte=0).count() == 2 * len(VALUES)
    assert all(len(log.query) <= 1000 for log in ExportLog.objects.all())


def test_a_bad_format_or_masking_value_gives_the_masked_workbook(center):
    response = client_for(center["director"]).get(reverse("exports:company_export"), {"format": "pdf", "masked": "²"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx_rows(response)[0][0] == "企业"
    assert ExportLog.objects.get().masked is True
