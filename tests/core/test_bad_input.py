"""Crafted input never makes a 500: every route of the URL resolver, over the demo center, is asked with
each query parameter it may read set to out-of-range dates, huge integers, NUL bytes and long strings,
and every form on every page is posted with each of its fields set to them. A 4xx, a form error or the
value being ignored are all fine; a 500 is not.

The parameters come from the pages themselves (the fields of their GET forms, found in the HTML) plus a
generic set every list page might read; the forms too (every `<form method="post">` of every page, with
the other fields as the page rendered them), so pages and fields added later are covered."""

import re
import sys
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import get_resolver, resolve, reverse

from teams.models import Membership
from tests.core.test_login_required import _walk
from tests.core.test_untranslated import NOT_PAGES, ROUTE_OBJECTS, _objects

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
BAD_DATES = ["0001-01-01", "9999-12-31", "99999-01-01"]
BAD_INTS = [HUGE, "-1", "²"]  # "²".isdigit() is True, int("²") fails
BAD_TEXTS = ["a\x00b", "x" * 10_000]
QUERY_VALUES = BAD_DATES + BAD_INTS + BAD_TEXTS
ONE_PER_KIND = ["99999-01-01", HUGE, "²", "a\x00b"]  # each parameter alone, one value of each kind
POST_VALUES = [HUGE, "a\x00b"]  # each field alone; BAD_DATES too for date fields, 1 MB for text
MEGABYTE = "x" * 1_000_000  # posted to text fields only, one at a time

GENERIC_PARAMETERS = [
    "q", "page", "year", "team", "owner", "project", "member", "date_from", "date_to", "status", "sort",
    "next", "name", "credit_code", "referrer", "due", "company", "exclude", "company_name",
    "company_credit_code", "mode", "channel", "stage", "chain", "role", "inactive", "overdue", "on_time",
    "signed_year", "created_year", "stage_days", "owners", "colleagues",
]  # fmt: skip
NOT_ASKED = {"logout"}  # would end the session the walk runs in


class _Forms(HTMLParser):
    """Every form of a page: its method, action, the values it would submit (`fields`), every name it may
    submit (`names`: unticked boxes and the chips of an empty multiple search box too) and which of them
    take text or dates."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action"), "fields": {},
                          "names": set(), "texts": set(), "dates": set()}  # fmt: skip
            self.forms.append(self._form)
        if tag == "option" and self._form is not None and self._select:
            if "selected" in a or not self._form["fields"].get(self._select):
                self._form["fields"][self._select] = a.get("value") or ""
        if self._form is not None and a.get("data-name"):  # AutocompleteSelectMultiple: chips named so
            self._form["names"].add(a["data-name"])
        if self._form is None or not a.get("name"):
            return
        name, fields = a["name"], self._form["fields"]
        kind = (a.get("type") or "text").lower()
        if tag == "input" and kind in {"submit", "button", "file", "image", "reset"}:
            return
        if not name.startswith("initial-"):  # Django's show_hidden_initial copies
            self._form["names"].add(name)
        if tag == "input":
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    fields.setdefault(name, a.get("value") or "on")
                return
            fields[name] = a.get("value") or ""
            if kind in {"text", "search", "email", "url", "tel"}:
                self._form["texts"].add(name)
            if kind in {"date", "datetime-local", "time"} or re.search(r"date|_on$|_at$|due", name):
                self._form["dates"].add(name)
        elif tag == "select":
            self._select = name
            fields.setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            fields[name] = ""
            self._form["texts"].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data


def page_forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _login(username: str) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(Membership.objects.get(user__username=username).user)
    return client


@contextmanager
def _parameters_read():
    """The names our code looks up in a query string (through get, [], getlist or `in`) while a view runs;
    Django's own lookups (forms, copies for pagination links) do not count: the forms are found in the
    page instead."""
    read: set[str] = set()
    originals = {name: getattr(QueryDict, name) for name in ("get", "__getitem__", "getlist", "__contains__")}

    def recording(original):
        def lookup(self, key, *args, **kwargs):
            caller = sys._getframe(1).f_code.co_filename
            if str(settings.BASE_DIR) in caller and "site-packages" not in caller:
                read.add(key)
            return original(self, key, *args, **kwargs)

        return lookup

    for name, original in originals.items():
        setattr(QueryDict, name, recording(original))
    try:
        yield read
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


def _failed(response) -> bool:
    return response.status_code >= 500


def _ask(client: Client, method: str, url: str, data=None):
    """One request in a savepoint rolled back afterwards: a POST that succeeds leaves the demo center as
    it was for the next one, and a database error cannot poison the requests after it."""
    with transaction.atomic():
        response = getattr(client, method)(url, data or {})
        transaction.set_rollback(True)
    return response


def page_urls(objects: dict) -> list[tuple[str, str]]:
    """(name, URL) of every named route, its parameters filled from `objects` by test_untranslated's
    ROUTE_OBJECTS; a route that table does not map yet (a page being built) is left to that test."""
    urls = []
    for name, route in sorted({(name or "", route) for name, route in _walk(get_resolver().url_patterns)}):
        if not name or name == "login":
            continue
        parameters = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if parameters and name not in ROUTE_OBJECTS:
            continue
        urls.append((name, reverse(name, kwargs={p: objects[ROUTE_OBJECTS[name]] for p in parameters})))
    return urls


def _routes() -> list[tuple[str, str]]:
    return [(name, url) for name, url in page_urls(_objects()) if name not in NOT_ASKED]


def _raw_routes() -> list[tuple[str, str]]:
    """Every route with its integer parameters set to a number no database column holds."""
    routes = sorted({(name or "", route) for name, route in _walk(get_resolver().url_patterns)})
    return [(name, "/" + re.sub(r"<int:\w+>", HUGE, route)) for name, route in routes if "<int:" in route]


def test_the_form_finder_reads_fields_values_and_text_inputs():
    forms = page_forms("""<form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken" value="t">
        <input name="title" value="a"><select name="s"><option value="1">1</option><option value="2" selected>2</option>
        </select><textarea name="notes">hi</textarea><input type="checkbox" name="c" value="1">
        <input type="submit" name="go"></form><form><input type="search" name="q"></form>""")
    assert forms[0]["fields"] == {"csrfmiddlewaretoken": "t", "title": "a", "s": "2", "notes": "hi"}
    assert forms[0]["names"] == {"csrfmiddlewaretoken", "title", "s", "notes", "c"}
    assert forms[0]["texts"] == {"title", "notes"} and forms[1]["method"] == "get"


def test_crafted_query_strings_never_make_a_500():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    routes = _routes()
    problems: list[str] = []
    for username, alone in [("maxiang", ONE_PER_KIND), ("xulei", ["a\x00b"])]:
        client = _login(username)
        for _name, url in routes:
            page = _ask(client, "get", url)
            if _failed(page):
                problems.append(f"{username} GET {url}: {page.status_code}")
                continue
            form_fields = set()
            if page.status_code == 200 and page["Content-Type"].startswith("text/html"):
                for form in page_forms(page.content.decode()):
                    if form["method"] == "get":
                        form_fields |= form["names"]
            parameters = set(GENERIC_PARAMETERS) | form_fields
            with _parameters_read() as read:  # which of them the view looks at, when all are given
                _ask(client, "get", url, dict.fromkeys(parameters, "1"))
            read |= form_fields
            for value in QUERY_VALUES:  # every parameter at once
                response = _ask(client, "get", url, dict.fromkeys(parameters, value))
                if _failed(response):
                    problems.append(f"{username} GET {url} all={value[:30]!r}: {response.status_code}")
            for parameter in sorted(read):  # and each the view reads, alone
                for value in alone:
                    response = _ask(client, "get", url, {parameter: value})
                    if _failed(response):
                        problems.append(f"{username} GET {url}?{parameter}={value[:30]!r}: {response.status_code}")
    assert not problems, "\n".join(problems)


def _ask_raw_routes(names) -> list[str]:
    client = Client(raise_request_exception=False)
    client.force_login(Membership.objects.get(role=Membership.Role.DIRECTOR).user)
    problems = []
    for name, url in _raw_routes():
        if name not in names:
            continue
        for method in ("get", "post"):
            response = _ask(client, method, url)
            if _failed(response):
                problems.append(f"{method.upper()} {url}: {response.status_code}")
    return problems


def test_ids_no_database_column_holds_never_make_a_500(director_member):
    names = {name for name, _url in _raw_routes()}
    assert len(names) >= 30
    problems = _ask_raw_routes(names)
    assert not problems, "\n".join(problems)


def _post_forms(client: Client, routes) -> dict[tuple, dict]:
    """The POST forms of the pages, once each (by action and field names)."""
    found: dict[tuple, dict] = {}
    for name, url in routes:
        if name in NOT_PAGES:
            continue
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        for form in page_forms(page.content.decode()):
            action = form["action"] or url
            if form["method"] != "post" or urlsplit(action).path == reverse("logout"):
                continue
            found.setdefault((resolve(urlsplit(action).path).url_name, tuple(sorted(form["names"]))),
                             form | {"action": action})  # fmt: skip
    return found


def _post_each_field(client: Client, username: str, forms: dict[tuple, dict]) -> list[str]:
    """Each form with all its fields set to each bad value at once (form fields are cleaned independently,
    so one refusal hides no other), then each field alone set to the values that may pass the form and
    reach a service or the database: dates for date fields, a huge number and a NUL byte for any, 1 MB
    for text."""
    problems = []
    for form in forms.values():
        action, fields = form["action"], form["fields"]
        attacked = sorted(form["names"] - {"csrfmiddlewaretoken"})
        for value in [*BAD_DATES, *BAD_INTS, "a\x00b"]:
            response = _ask(client, "post", action, fields | dict.fromkeys(attacked, value))
            if _failed(response):
                problems.append(f"{username} POST {action} all={value[:30]!r}: {response.status_code}")
        for field in attacked:
            values = (
                POST_VALUES
                + (BAD_DATES if field in form["dates"] else [])
                + ([MEGABYTE] if field in form["texts"] else [])
            )
            for value in values:
                response = _ask(client, "post", action, fields | {field: value})
                if _failed(response):
                    problems.append(f"{username} POST {action} {field}={value[:30]!r}: {response.status_code}")
    return problems


def test_crafted_form_posts_never_make_a_500():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    routes = _routes()
    director = _login("maxiang")
    problems = _post_each_field(director, "maxiang", _post_forms(director, routes))
    recruiter = _login("xulei")
    subset = {"activities:contact_log_create", "projects:project_create", "crm:company_create", "activities:my_day"}
    problems += _post_each_field(recruiter, "xulei", _post_forms(recruiter, [r for r in routes if r[0] in subset]))
    assert not problems, "\n".join(problems)


# --- the issue's cases, one by one ------------------------------------------------------------------------

ISSUE_URLS = [
    "/dashboard/?year=9999", f"/dashboard/?year={'1' * 25}", "/dashboard/export.xlsx?year=9999",
    f"/dashboard/export.xlsx?year={'1' * 25}&team={'1' * 25}", f"/follow-ups/?year={'1' * 25}&status=done",
    f"/follow-ups/?team={'1' * 25}&owner=²", "/companies/?q=a%00b", "/teams/members/?q=%00&team=²",
    "/log/projects/?q=%00", "/companies/suggest/?name=%00&exclude=²", "/quiet-projects/?team=²",
    "/log/?project=²", "/projects/new/?company=²", f"/projects/?company={'1' * 25}", "/activity/?member=²",
]  # fmt: skip


@pytest.mark.parametrize("url", ISSUE_URLS)
def test_the_crafted_urls_of_the_issue_answer_without_a_500(director_member, url):
    client = Client(raise_request_exception=False)
    client.force_login(director_member.user)
    assert client.get(url).status_code < 500


def test_a_bad_parameter_is_ignored_and_the_good_ones_still_apply(director_member):
    from datetime import timedelta

    from django.utils import timezone

    from activities.models import FollowUp
    from tests.factories import make_member
    from tests.projects.builders import make_company

    recruiter = make_member()
    company = make_company()
    today = timezone.localdate()
    for title, due in (("今天的", today), ("下周的", today + timedelta(days=3)), ("过期的", today - timedelta(days=2))):
        FollowUp.objects.create(title=title, due_date=due, owner=recruiter.user, team=recruiter.team,
                                company=company, created_by=recruiter.user)  # fmt: skip
    client = Client(raise_request_exception=False)
    client.force_login(director_member.user)
    page = client.get("/follow-ups/", {"due": "today", "team": recruiter.team_id, "year": "9" * 25}).content.decode()
    assert "今天的" in page and "下周的" not in page and "过期的" not in page
    page = client.get("/follow-ups/", {"overdue": "1", "owner": "²"}).content.decode()
    assert "过期的" in page and "今天的" not in page
    page = client.get("/follow-ups/", {"due": "week", "team": str(recruiter.team_id + 1000)}).content.decode()
    assert "下周的" not in page  # a group with none


def test_a_next_that_is_not_a_path_of_this_site_falls_back():
    from django.test import RequestFactory

    from core.redirects import redirect_back

    for target in ["-1", "abc", "a\x00b", "/ok\x00/", "//evil.example/", "https://evil.example/"]:
        request = RequestFactory().post("/x/", {"next": target})
        assert redirect_back(request, "/fallback/").url == "/fallback/", target
    assert redirect_back(RequestFactory().post("/x/", {"next": "/projects/?page=2"}), "/f/").url == "/projects/?page=2"


# --- planned and capital-increase dates of projects -------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("expected_signing_date", "1999-12-31", "之前"),
        ("expected_signing_date", "9999-12-31", "之后"),
        ("planned_construction_date", "0001-01-01", "之前"),
        ("planned_construction_date", "2099-01-01", "之后"),
    ],
)
def test_planned_dates_outside_the_window_get_a_field_error(client, field, value, message):
    from projects.forms import ProjectForm

    form = ProjectForm({field: value})
    assert not form.is_valid()
    assert message in " ".join(form.errors[field]), form.errors.get(field)
    assert 'min="2000-01-01"' in str(form[field])


def test_the_project_services_refuse_implausible_planned_dates_too():
    from datetime import date

    from django.core.exceptions import ValidationError

    from projects import services
    from tests.factories import make_member
    from tests.projects.builders import make_company, make_project

    recruiter = make_member()
    with pytest.raises(ValidationError) as refused:
        services.project_create(
            actor=recruiter.user, company=make_company(), name="新项目", planned_investment=1000,
            channel="other", expected_signing_date=date(1999, 1, 1),
        )  # fmt: skip
    assert "expected_signing_date" in refused.value.error_dict
    project = make_project(recruiter)
    with pytest.raises(ValidationError) as refused:
        services.project_update(
            actor=recruiter.user, project=project, version=project.version, planned_construction_date=date(9999, 1, 1)
        )
    assert "planned_construction_date" in refused.value.error_dict


def test_a_capital_increase_cannot_be_signed_in_the_future_or_before_2000():
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from projects import services
    from projects.forms import IncrementForm
    from projects.stages import Stage
    from tests.factories import make_member
    from tests.projects.builders import make_project

    tomorrow = timezone.localdate() + timedelta(days=1)
    form = IncrementForm({"amount": "100", "signed_on": tomorrow.isoformat()})
    assert not form.is_valid() and "signed_on" in form.errors
    assert not IncrementForm({"amount": "100", "signed_on": "1999-01-01"}).is_valid()
    recruiter = make_member()
    project = make_project(recruiter, stage=Stage.SIGNED, signed_on=timezone.localdate())
    for day in (tomorrow, timezone.localdate().replace(year=1999)):
        with pytest.raises(ValidationError) as refused:
            services.project_record_increment(actor=recruiter.user, project=project, amount=100, signed_on=day)
        assert "signed_on" in refused.value.error_dict
