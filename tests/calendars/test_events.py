"""The calendar page's JSON: each role's items (their own, the group's, everyone's), narrowed by group and kind,
and bad input answered with 400 and the reasons, never a 500."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from calendars import selectors

pytestmark = pytest.mark.django_db
URL = reverse("calendars:calendar_events")


def _client(center, who: str) -> Client:
    client = Client()
    client.force_login(center.people[who].user)
    return client


def _range(center) -> dict:
    return {
        "start": (center.today - timedelta(days=7)).isoformat(),
        "end": (center.today + timedelta(days=35)).isoformat(),
    }


def _get(center, who: str, **query):
    response = _client(center, who).get(URL, _range(center) | query)
    assert response.status_code == 200, response.content
    return response.json()


def _ids(data) -> set[str]:
    return {event["id"] for event in data["events"]}


def _uid(center, key: str) -> str:
    return f"followup-{center.follow_ups[key].pk}@juneng"


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("recruiter_a", {"all_day", "timed", "cancelled"}),
        ("recruiter_b", {"other_group"}),
        ("leader_a", {"all_day", "timed", "colleague", "cancelled"}),
        ("director", {"all_day", "timed", "colleague", "cancelled", "other_group"}),
        ("deputy", {"all_day", "timed", "colleague", "cancelled", "other_group"}),
    ],
)
def test_each_role_sees_its_scope_and_nothing_more(center, who, sees):
    assert _ids(_get(center, who)) == {_uid(center, key) for key in sees}


def test_a_director_narrows_by_group_and_a_leader_cannot_look_into_another_group(center):
    group_b = center.people["leader_b"].team_id
    assert _ids(_get(center, "director", group=group_b)) == {_uid(center, "other_group")}
    assert _ids(_get(center, "leader_a", group=group_b)) == set()
    assert _ids(_get(center, "recruiter_a", group=group_b)) == set()


def test_kind_filter_keeps_follow_ups(center):
    assert _uid(center, "all_day") in _ids(_get(center, "recruiter_a", kind="follow_up"))


def test_events_say_all_day_or_timed_in_wall_clock_time_link_to_the_project_and_mark_cancelled(center):
    events = {event["id"]: event for event in _get(center, "leader_a")["events"]}
    all_day = events[_uid(center, "all_day")]
    assert all_day["allDay"] is True and all_day["start"] == center.follow_ups["all_day"].due_date.isoformat()
    timed = events[_uid(center, "timed")]
    assert timed["allDay"] is False
    assert timed["start"] == f"{center.follow_ups['timed'].due_date.isoformat()}T14:30:00"
    assert all_day["url"] == center.follow_ups["all_day"].project.get_absolute_url()
    assert events[_uid(center, "cancelled")]["extendedProps"]["cancelled"] is True
    assert events[_uid(center, "colleague")]["title"].startswith("王芳：")  # a leader sees whose it is
    own = {event["id"]: event for event in _get(center, "recruiter_a")["events"]}
    assert own[_uid(center, "all_day")]["title"] == "回访刘总 · 智能底盘项目"  # one's own need no name


def test_more_items_than_the_limit_are_cut_and_say_so(center, monkeypatch):
    monkeypatch.setattr(selectors, "EVENTS_LIMIT", 2)
    data = _get(center, "director")
    assert len(data["events"]) == 2 and data["truncated"] is True and data["limit"] == 2


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"start": "2026-01-01"},
        {"start": "yesterday", "end": "2026-02-01"},
        {"start": "2026-13-01", "end": "2026-02-01"},
        {"start": "2026-02-30", "end": "2026-03-01"},
        {"start": "1999-12-01", "end": "2000-01-10"},
        {"start": "2026-03-01", "end": "2026-02-01"},
        {"start": "2026-02-01", "end": "2026-02-01"},
        {"start": "2026-01-01", "end": "2026-06-01"},
        {"start": "9999-01-01", "end": "9999-02-01"},
        {"start": "2026-01-01\x00", "end": "2026-02-01"},
        {"start": "2026-01-01", "end": "2026-02-01", "group": "abc"},
        {"start": "2026-01-01", "end": "2026-02-01", "group": "9" * 30},
        {"start": "2026-01-01", "end": "2026-02-01", "group": "-1"},
        {"start": "2026-01-01", "end": "2026-02-01", "group": "9" * 5000},
        {"start": "2026-01-01", "end": "2026-02-01", "kind": "party"},
        {"start": "2026-01-01" * 1000, "end": "2026-02-01"},
    ],
)
def test_bad_input_is_a_400_with_reasons_never_a_500(center, query):
    response = _client(center, "director").get(URL, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]


def test_fullcalendar_timestamps_are_read_as_their_local_date(center):
    start = (center.today - timedelta(days=1)).isoformat()
    end = (center.today + timedelta(days=30)).isoformat()
    for suffix in ("T00:00:00+08:00", "T00:00:00 08:00", "T00:00:00-05:00", "T00:00:00Z"):
        response = _client(center, "recruiter_a").get(URL, {"start": start + suffix, "end": end + suffix})
        assert response.status_code == 200, (suffix, response.content)
        assert _uid(center, "all_day") in _ids(response.json())


@pytest.mark.parametrize("who", ["admin"])
def test_administrators_get_no_calendar(center, who):
    client = _client(center, who)
    assert client.get(URL, _range(center)).status_code == 403
    assert client.get(reverse("calendars:calendar")).status_code == 403
    assert client.get(reverse("calendars:feed_settings")).status_code == 403


def test_the_calendar_page_passes_its_settings_as_json_not_inline_script(center):
    response = _client(center, "director").get(reverse("calendars:calendar"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<script id="calendar-config" type="application/json">' in html
    assert "js/calendar.js" in html and "vendor/fullcalendar/index.global.min.js" in html
    assert 'id="calendar-group"' in html  # directors narrow by group
    recruiter_page = _client(center, "recruiter_a").get(reverse("calendars:calendar")).content.decode()
    assert 'id="calendar-group"' not in recruiter_page
