"""Every page needs a session: walk the URL resolver so that pages added later are covered too."""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# The only views an anonymous visitor may reach (static files are served outside the URLconf): the login page,
# the personal calendar feed, whose secret token in the URL is the credential (calendar apps have no session),
# and the load balancer's health check, which answers only "ok" or "unavailable".
PUBLIC_URL_NAMES = {"login", "calendars:feed", "core:healthz"}
# The REST API's JSON routes answer an anonymous caller 401/403 instead of redirecting to the login page
# (a script cannot follow a login form): tests/api/test_api.py checks each of them without credentials.
API_URL_NAMES = {
    "api:project_list",
    "api:project_detail",
    "api:company_list",
    "api:company_detail",
    "api:schema",
    "api:contact_log_list",
    "api:follow_up_list",
    "api:project_stage_request",
    "api:stage_request_list",
    "api:stage_request_decide",
    "api:company_contact_list",
    "api:contact_detail",
    "api:trip_list",
    "api:trip_detail",
    "api:reception_list",
    "api:reception_detail",
    "api:building_list",
    "api:building_detail",
}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for name, route in _walk(entry.url_patterns, prefix + str(entry.pattern)):
                yield (namespace + name if name else None), route
        elif isinstance(entry, URLPattern):
            yield entry.name, prefix + str(entry.pattern)


def _concrete(route: str) -> str:
    """Fill the converters of a route with sample values: <int:pk> → 1, <slug:x>/<str:x> → sample."""
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(?:\w+:)?\w+>", "sample", route)
    route = route.lstrip("^").rstrip("$")
    return "/" + route


ALL_ROUTES = sorted({(name or "", route) for name, route in _walk(get_resolver().url_patterns)})


def test_the_walk_finds_the_app_pages():
    names = {name for name, _ in ALL_ROUTES}
    assert {"login", "activities:my_day", "teams:team_list", "teams:member_move", "set_language"} <= names
    assert len(ALL_ROUTES) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "route"), [r for r in ALL_ROUTES if r[0] not in PUBLIC_URL_NAMES | API_URL_NAMES])
def test_anonymous_visitor_is_sent_to_login(client, name, route, method):
    url = _concrete(route)
    response = getattr(client, method)(url)
    assert response.status_code == 302, f"{name} {url} answered {response.status_code}"
    assert response.url.startswith(reverse(settings.LOGIN_URL) + "?next="), f"{name} {url} → {response.url}"


@pytest.mark.django_db
def test_login_page_is_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="password"' in response.content


def test_static_files_are_not_behind_login(client):
    response = client.get(settings.STATIC_URL.rstrip("/") + "/vendor/htmx/htmx.min.js")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), [r for r in ALL_ROUTES if r[0] in API_URL_NAMES])
def test_anonymous_api_caller_is_refused(client, name, route):
    response = client.get(_concrete(route))
    assert response.status_code in (401, 403), f"{name} answered {response.status_code}"
