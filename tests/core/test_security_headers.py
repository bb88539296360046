"""Content-Security-Policy with no inline script, private pages never cached, sessions that end after
inactivity and after a maximum age."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_pages_carry_a_policy_that_allows_no_inline_script(client, director_member):
    client.force_login(director_member.user)
    response = client.get(reverse("activities:my_day"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", directives["script-src"])  # a nonce when a page uses one
    assert directives["object-src"] == "'none'" and directives["form-action"] == "'self'"


def test_no_template_has_an_inline_handler_or_an_unmarked_inline_script():
    offenders = []
    for path in [*TEMPLATES.rglob("*.html"), *(Path(settings.BASE_DIR) / "core").rglob("*.html")]:
        text = path.read_text()
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path}: on* attribute")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "nonce=" not in tag:
                offenders.append(f"{path}: {tag}")
        if "hx-on" in text or "js:" in text:
            offenders.append(f"{path}: htmx code in an attribute")
    assert offenders == []


def test_htmx_is_told_never_to_evaluate_attribute_code(client, director_member):
    client.force_login(director_member.user)
    page = client.get(reverse("activities:my_day")).content.decode()
    assert '"allowEval": false' in page


def test_signed_in_pages_are_not_stored_by_browsers_or_proxies(client, director_member):
    company = CompanyFactory()
    client.force_login(director_member.user)
    for url in (
        reverse("crm:company_detail", args=[company.pk]),
        reverse("teams:team_list"),
        reverse("projects:project_list"),
    ):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_a_session_ends_after_the_idle_time(client, recruiter_member, settings):
    settings.SESSION_IDLE_TIMEOUT = 8 * 3600
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(recruiter_member.user)
        assert client.get(reverse("activities:my_day")).status_code == 200
    with time_machine.travel(start + timedelta(hours=7, minutes=59), tick=False):
        assert client.get(reverse("activities:my_day")).status_code == 200  # still active: the clock restarts
    with time_machine.travel(start + timedelta(hours=15, minutes=58), tick=False):
        assert client.get(reverse("activities:my_day")).status_code == 200
    with time_machine.travel(start + timedelta(hours=24), tick=False):
        response = client.get(reverse("activities:my_day"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        assert client.get(reverse("activities:my_day")).status_code == 302  # signed out for good


def test_a_session_ends_after_its_maximum_age_even_when_active(client, recruiter_member, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT = 24 * 3600
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(recruiter_member.user)
        client.get(reverse("activities:my_day"))
    for hours in range(4, 24, 4):
        with time_machine.travel(start + timedelta(hours=hours), tick=False):
            assert client.get(reverse("activities:my_day")).status_code == 200
    with time_machine.travel(start + timedelta(hours=24, minutes=1), tick=False):
        assert client.get(reverse("activities:my_day")).status_code == 302
