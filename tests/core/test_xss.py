"""Stored and reflected markup is shown as text: every free-text column of every model of the center
(their audit-history copies too) is filled with script payloads, then every page of the URL resolver —
full pages, htmx partials and autocomplete answers — is rendered for each role and must carry none of
them as live markup, nor a javascript: link.

The columns are found from the models, so a text field added later is covered without touching this test.
Values are written with `update()`, as an import or an older version could have stored them: what the
forms accept is tested elsewhere; here only what the pages make of it."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.db.models import CharField, TextField, URLField, Value
from django.db.models.functions import Cast, Concat
from django.test import Client

from teams.models import Membership
from tests.core.test_bad_input import page_urls
from tests.core.test_untranslated import NOT_PAGES, _objects

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SVG = "</textarea><svg onload=alert(1)>"
TEMPLATE = "{{7*7}}"
LONG = SCRIPT + IMG + SVG + TEMPLATE
JAVASCRIPT_URL = "javascript:alert(1)"
PAYLOADS = [SCRIPT, IMG, SVG]

# What a payload looks like once the browser would run it: the tags themselves, or a javascript: link.
LIVE = [
    re.compile(r"<script>alert\(1\)"),
    re.compile(r"<img src=x onerror=alert\(1\)>"),
    re.compile(r"<svg onload=alert\(1\)>"),
    re.compile(r"""(?:href|src|action|hx-get|hx-post)\s*=\s*["']?\s*javascript:""", re.IGNORECASE),
]
# Text columns that are codes or machinery, never shown as text someone wrote.
NOT_FREE_TEXT = {"code", "normalized_name", "credit_code", "phone", "password", "secret", "content_type",
                 "object_type", "period", "history_type", "history_change_reason", "file", "key", "kind",
                 "channel", "status", "stage", "from_stage", "to_stage", "role", "language"}  # fmt: skip
VIEWERS = ["maxiang", "zhoujianguo", "xulei", "admin"]  # director, group leader, recruiter, administrator
QUERIES = {
    "activities:project_autocomplete": {"q": "alert"}, "crm:company_autocomplete": {"q": "alert"},
    "teams:member_autocomplete": {"q": "alert"}, "projects:referrer_autocomplete": {"q": "alert"},
    "projects:project_autocomplete": {"q": "alert"}, "crm:company_suggest": {"name": LONG},
}  # fmt: skip


def live_markup(html: str) -> list[str]:
    found = []
    for pattern in LIVE:
        for match in pattern.finditer(html):
            found.append(html[max(0, match.start() - 60) : match.end() + 20].replace("\n", " "))
    return found


def test_the_detector_tells_live_markup_from_escaped():
    from django.utils.html import escape

    assert len(live_markup(LONG + '<a href="javascript:alert(1)">')) == 4
    assert live_markup(escape(LONG) + f'<input value="{escape(IMG)}"><p>{JAVASCRIPT_URL}</p>') == []


def _payload_for(field: models.Field, row_unique: bool):
    """The payload a column can hold, made unique per row where the column must be."""
    if isinstance(field, URLField) or field.name in {"url", "website"}:
        return Value(JAVASCRIPT_URL)
    limit = field.max_length or 10_000
    text = LONG if limit >= len(LONG) + 12 else next((p for p in PAYLOADS if len(p) + 12 <= limit), None)
    if text is None:
        return None
    if row_unique:
        return Concat(Value(text), Cast("pk", CharField()), output_field=field.__class__(max_length=limit))
    return Value(text)


def store_payloads() -> list[str]:
    """Every free-text column of every row filled with a payload; returns the columns written."""
    written = []
    ours = [
        config
        for config in apps.get_app_configs()
        if config.path.startswith(str(settings.BASE_DIR)) and "site-packages" not in config.path
    ]
    for config in ours:
        for model in config.get_models():
            updates = {}
            for field in model._meta.concrete_fields:
                if not isinstance(field, CharField | TextField) or field.choices or field.name in NOT_FREE_TEXT:
                    continue
                if field.primary_key or field.name.endswith("_id"):
                    continue
                payload = _payload_for(field, row_unique=field.unique)
                if payload is not None:
                    updates[field.name] = payload
            # a unique pair (e.g. a chain's link names) cannot take one value on every row
            for constraint in model._meta.total_unique_constraints:
                for name in constraint.fields:
                    if name in updates and isinstance(updates[name], Value):
                        text = updates[name].value
                        updates[name] = Concat(Value(text), Cast("pk", CharField()), output_field=TextField())
            for together in model._meta.unique_together:
                for name in together:
                    if name in updates and isinstance(updates[name], Value):
                        text = updates[name].value
                        updates[name] = Concat(Value(text), Cast("pk", CharField()), output_field=TextField())
            if updates:
                model._default_manager.update(**updates)
                written += [f"{model._meta.label}.{name}" for name in updates]
    return written


@pytest.fixture
def poisoned_center():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    objects = _objects()  # before the names change: it looks people up by login, groups by member
    columns = store_payloads()
    return {"objects": objects, "columns": columns}


def test_every_page_shows_stored_payloads_as_text(poisoned_center):
    columns = poisoned_center["columns"]
    for expected in [
        "teams.Team.name", "teams.Membership.display_name", "crm.Company.name", "crm.Contact.notes",
        "crm.Contact.title", "projects.Project.name", "projects.Project.product", "activities.ContactLog.summary",
        "activities.ContactLog.outcome", "activities.ContactLog.next_step", "activities.FollowUp.title",
        "projects.IndustryChain.name", "projects.ChainLink.name", "crm.ConflictClaim.reason",
        "projects.StageRequest.comment", "reminders.Notification.title", "crm.Company.website",
    ]:  # fmt: skip
        assert expected in columns, f"{expected} was not filled (columns: {columns})"
    urls = [(name, url) for name, url in page_urls(poisoned_center["objects"]) if name not in NOT_PAGES]
    problems, shown = [], 0
    for username in VIEWERS:
        client = Client(raise_request_exception=False)
        client.force_login(Membership.objects.get(user__username=username).user)
        for name, url in urls:
            variants = [({}, {})]
            variants.append((QUERIES.get(name, {"q": LONG}), {}))  # what was searched, echoed back
            variants.append(({}, {"HTTP_HX_REQUEST": "true"}))  # the htmx partial of the page
            for params, headers in variants:
                response = client.get(url, params, **headers)
                assert response.status_code < 500, f"{username} {url} {params}: {response.status_code}"
                if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                    continue
                html = response.content.decode()
                shown += any(marker in html for marker in ("alert(1)", "alert%281%29"))
                problems += [f"{username} {url} {list(params)} {list(headers)}: …{live}…" for live in live_markup(html)]
    assert not problems, "\n".join(sorted(set(problems)))
    assert shown >= 100, "the payloads should be on most pages"


def test_the_excel_export_is_not_a_page_but_keeps_names_as_text(poisoned_center):
    from io import BytesIO

    from openpyxl import load_workbook

    client = Client()
    client.force_login(Membership.objects.get(user__username="maxiang").user)
    book = load_workbook(BytesIO(client.get("/dashboard/export.xlsx").content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any(SCRIPT in str(cell.value) for cell in cells)
    assert not [cell.value for cell in cells if cell.data_type == "f"]
