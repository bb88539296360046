"""A path under /api/v1/ that no route matches (a negative or non-numeric id) answers JSON like every API
answer; elsewhere the site's 404 page stays."""

import pytest
from django.test import Client

from teams.models import Membership
from tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.parametrize("url", ["/api/v1/projects/-1/", "/api/v1/companies/abc/contacts/", "/api/v1/nowhere/"])
def test_unmatched_api_paths_answer_json_404(url):
    client = Client()
    client.force_login(make_member(Membership.Role.DIRECTOR).user)
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json" and response.json()["detail"]
    assert Client().get(url).status_code == 404  # nothing behind it to protect, nothing told


def test_other_unknown_pages_keep_the_html_404():
    client = Client()
    client.force_login(make_member(Membership.Role.DIRECTOR).user)
    response = client.get("/projects/-1/nowhere/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
