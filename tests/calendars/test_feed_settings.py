"""Managing one's calendar link at /calendar/feed/: created and shown once, regenerated, revoked."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from calendars.models import CalendarFeed

pytestmark = pytest.mark.django_db


def _client(center, who: str = "recruiter_a") -> Client:
    client = Client()
    client.force_login(center.people[who].user)
    return client


def _shown_url(html: str) -> str:
    return re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', html).group(1)


def test_the_link_is_shown_once_on_creation_and_works(center):
    client = _client(center)
    assert 'id="feed-create"' in client.get(reverse("calendars:feed_settings")).content.decode()
    created = client.post(reverse("calendars:feed_create"))
    assert created.status_code == 200
    url = _shown_url(created.content.decode())
    assert url.startswith("http://testserver/calendar/feed/") and url.endswith(".ics")
    assert 'href="webcal://testserver/calendar/feed/' in created.content.decode()
    later = client.get(reverse("calendars:feed_settings")).content.decode()
    assert url not in later and 'id="feed-revoke"' in later
    assert Client().get(url.removeprefix("http://testserver")).status_code == 200


def test_regenerating_shows_a_new_link_and_the_old_one_stops(center):
    client = _client(center)
    old = _shown_url(client.post(reverse("calendars:feed_create")).content.decode())
    new = _shown_url(client.post(reverse("calendars:feed_create")).content.decode())
    assert old != new
    assert Client().get(old.removeprefix("http://testserver")).status_code == 404
    assert Client().get(new.removeprefix("http://testserver")).status_code == 200


def test_revoking_stops_the_link(center):
    client = _client(center)
    url = _shown_url(client.post(reverse("calendars:feed_create")).content.decode())
    response = client.post(reverse("calendars:feed_revoke"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("calendars:feed_settings")
    assert 'id="feed-create"' in response.content.decode()
    assert not CalendarFeed.objects.filter(user=center.people["recruiter_a"].user).exists()
    assert Client().get(url.removeprefix("http://testserver")).status_code == 404


def test_creating_needs_a_post(center):
    assert _client(center).get(reverse("calendars:feed_create")).status_code == 405
    assert not CalendarFeed.objects.exists()
