"""Text that a spreadsheet would read as a formula stays text, in xlsx and in CSV; and every export holds
exactly the rows its list page counts, for the same filters."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exports.models import ExportLog
from projects.stages import Stage
from tests.exports.conftest import client_for
from tests.exports.helpers import csv_rows, xlsx_rows
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
TRIGGERS = ['=HYPERLINK("http://evil","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tindented", "\rreturn"]


@pytest.fixture
def formula_projects(center):
    return [make_project(center["recruiter"], name=f"{text}项目") for text in TRIGGERS]


def test_xlsx_cells_starting_like_a_formula_stay_text(center, formula_projects):
    from openpyxl import load_workbook

    from tests.exports.helpers import content

    response = client_for(center["recruiter"]).get(reverse("exports:project_export"), {"format": "xlsx"})
    sheet = load_workbook(__import__("io").BytesIO(content(response))).active
    names = {row[0].value: row[0] for row in sheet.iter_rows(min_row=2)}
    for text in TRIGGERS:
        cell = names[f"{text}项目".replace("\r", "\n")]  # as typed (XML reads a CR back as LF)
        assert cell.data_type == "s" and cell.quotePrefix
    assert names["智能底盘项目"].quotePrefix is False
    amounts = [row[8].value for row in sheet.iter_rows(min_row=2)]
    assert 150000 in amounts  # numbers stay numbers Excel can sum


def test_xlsx_written_formula_summary_of_a_log_stays_text(center):
    rows = xlsx_rows(client_for(center["recruiter"]).get(reverse("exports:activity_export"), {"format": "xlsx"}))
    assert '=HYPERLINK("http://x")' in [row[10] for row in rows[1:]]


def test_csv_text_starting_like_a_formula_gets_an_apostrophe(center, formula_projects):
    rows = csv_rows(client_for(center["recruiter"]).get(reverse("exports:project_export"), {"format": "csv"}))
    names = [row[0] for row in rows[1:]]
    for text in TRIGGERS:
        assert f"'{text}项目" in names
    assert "智能底盘项目" in names
    assert not any(name.startswith(("=", "+", "-", "@", "\t", "\r")) for name in names)


def _list_count(client, url_name: str, query: dict) -> int:
    return client.get(reverse(url_name), query).context["page"].paginator.count


def _export_count(client, url_name: str, query: dict, file_format: str) -> int:
    response = client.get(reverse(url_name), {**query, "format": file_format})
    assert response.status_code == 200
    rows = xlsx_rows(response) if file_format == "xlsx" else csv_rows(response)
    return len(rows) - 1  # without the header


CASES = [
    ("projects:project_list", "exports:project_export",
     [{}, {"stage": Stage.NEGOTIATION}, {"q": "项目"}, {"high_tech": "on"}, {"size": "10"}, {"stage": "nonsense"},
      {"sort": "name", "status": "active"}]),
    ("crm:company_list", "exports:company_export", [{}, {"q": "扬州"}, {"q": "没有这家"}]),
    ("activities:activity_list", "exports:activity_export",
     [{}, {"channel": "video"}, {"date_from": "2000-01-01"}, {"channel": "phone", "date_to": "2099-01-01"},
      {"date_from": "garbage"}]),
    ("activities:follow_up_list", "exports:follow_up_export",
     [{}, {"due": "week"}, {"status": "done"}, {"overdue": "1"}, {"owner": "999999"}]),
]  # fmt: skip


@pytest.mark.parametrize(("list_url", "export_url", "queries"), CASES)
@pytest.mark.parametrize("who", ["recruiter", "other", "leader", "director"])
def test_an_export_holds_exactly_the_rows_its_list_counts(center, list_url, export_url, queries, who):
    client = client_for(center[who])
    seen = set()
    for query in queries:
        listed = _list_count(client, list_url, query)
        seen.add(listed)
        assert _export_count(client, export_url, query, "csv") == listed, query
        assert _export_count(client, export_url, query, "xlsx") == listed, query
    assert len(seen) > 1 or who == "other"  # the filters do change the lists


def test_the_team_filter_of_the_follow_up_list_is_the_exports(center):
    client = client_for(center["director"])
    for team in (center["recruiter"].team, center["other"].team):
        query = {"team": str(team.pk)}
        assert _export_count(client, "exports:follow_up_export", query, "csv") == _list_count(
            client, "activities:follow_up_list", query
        ) == 1  # fmt: skip


def test_each_export_is_logged_with_who_filter_and_rows(center):
    client = client_for(center["recruiter"])
    client.get(reverse("exports:project_export"), {"stage": Stage.NEGOTIATION, "format": "csv", "page": "2"})
    log = ExportLog.objects.get()
    assert (log.user, log.kind, log.format, log.masked, log.row_count) == (
        center["recruiter"].user, "projects", "csv", True, 1
    )  # fmt: skip
    assert log.query == "stage=negotiation"
    assert timezone.now() - log.created_at < timedelta(minutes=1)


def test_more_rows_than_the_cap_are_refused_with_a_message(center, settings):
    settings.EXPORT_MAX_ROWS = 1
    client = client_for(center["recruiter"])
    response = client.get(reverse("exports:project_export"), {"format": "xlsx", "q": "项目"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("projects:project_list") + "?q=%E9%A1%B9%E7%9B%AE"
    assert "1" in response.text and "export-masked" in response.text
    assert not ExportLog.objects.exists()
    assert client.get(reverse("exports:project_export"), {"stage": Stage.NEGOTIATION}).status_code == 200


def test_the_export_log_shows_directors_everything_and_others_their_own(center):
    client_for(center["recruiter"]).get(reverse("exports:company_export"))
    client_for(center["other"]).get(reverse("exports:activity_export"))
    mine = client_for(center["recruiter"]).get(reverse("exports:export_log")).context["page"].object_list
    assert [log.user for log in mine] == [center["recruiter"].user]
    for who in ("director", "admin"):
        everything = client_for(center[who]).get(reverse("exports:export_log")).context["page"].object_list
        assert {log.user for log in everything} == {center["recruiter"].user, center["other"].user}


def test_a_login_without_a_role_may_not_export(db):
    from tests.factories import TEST_PASSWORD, UserFactory

    user = UserFactory()
    from django.test import Client

    client = Client()
    client.login(username=user.username, password=TEST_PASSWORD)
    assert client.get(reverse("exports:project_export")).status_code == 403
