"""The personal iCal feed, parsed back with `icalendar`: what each role gets (and never another group's), all-day
items as dates and timed ones in Asia/Shanghai, cancelled ones marked, UIDs that stay, and a token that is
stored only as a hash and stops working when revoked, regenerated or its owner deactivated."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from activities.models import FollowUp
from calendars import selectors, services
from calendars.models import CalendarFeed
from teams.models import Membership

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _fetch(token: str, client: Client | None = None):
    return (client or Client()).get(reverse("calendars:feed", args=[token]))


def _feed(center, who: str) -> icalendar.Calendar:
    token = services.feed_create(actor=center.people[who].user)
    response = _fetch(token)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _uids(calendar: icalendar.Calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def _uid(follow_up: FollowUp) -> str:
    return f"followup-{follow_up.pk}@juneng"


def _events_by_uid(calendar: icalendar.Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize(
    ("who", "sees", "not_sees"),
    [
        ("recruiter_a", {"all_day", "timed", "cancelled"}, {"colleague", "other_group", "cancelled_long_ago"}),
        ("leader_a", {"all_day", "timed", "colleague", "cancelled"}, {"other_group", "cancelled_long_ago"}),
        ("leader_b", {"other_group"}, {"all_day", "timed", "colleague", "cancelled"}),
        ("recruiter_b", {"other_group"}, {"all_day", "timed", "colleague", "cancelled"}),
        ("director", {"all_day", "timed", "colleague", "other_group", "cancelled"}, {"cancelled_long_ago"}),
        ("deputy", {"all_day", "timed", "colleague", "other_group", "cancelled"}, {"cancelled_long_ago"}),
    ],
)
def test_each_role_gets_its_own_items_and_none_of_another_groups(center, who, sees, not_sees):
    uids = _uids(_feed(center, who))
    assert {_uid(center.follow_ups[key]) for key in sees} <= uids
    assert not {_uid(center.follow_ups[key]) for key in not_sees} & uids


def test_all_day_items_are_dates_and_timed_ones_carry_asia_shanghai_with_its_vtimezone(center):
    calendar = _feed(center, "recruiter_a")
    events = _events_by_uid(calendar)
    all_day = events[_uid(center.follow_ups["all_day"])]
    due = center.follow_ups["all_day"].due_date
    assert type(all_day.decoded("DTSTART")) is date and all_day.decoded("DTSTART") == due
    assert all_day.decoded("DTEND") == due + timedelta(days=1)
    assert "VALUE=DATE" in all_day.to_ical().decode().replace("\r\n ", "")
    timed = events[_uid(center.follow_ups["timed"])]
    start = timed.decoded("DTSTART")
    assert isinstance(start, datetime) and start.tzinfo is not None
    assert timed["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert start.astimezone(SHANGHAI).replace(tzinfo=None) == datetime.combine(
        center.follow_ups["timed"].due_date, time(14, 30)
    )
    assert timed.decoded("DTEND") - start == timedelta(minutes=30)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_a_recently_cancelled_item_is_marked_cancelled_and_the_open_ones_confirmed(center):
    events = _events_by_uid(_feed(center, "recruiter_a"))
    assert str(events[_uid(center.follow_ups["cancelled"])]["STATUS"]) == "CANCELLED"
    assert str(events[_uid(center.follow_ups["all_day"])]["STATUS"]) == "CONFIRMED"


def test_items_link_to_their_project_and_say_what_they_are_about(center):
    event = _events_by_uid(_feed(center, "recruiter_a"))[_uid(center.follow_ups["all_day"])]
    project = center.follow_ups["all_day"].project
    assert str(event["URL"]).endswith(project.get_absolute_url())
    assert str(event["SUMMARY"]) == "回访刘总 · 智能底盘项目"


def test_uids_stay_the_same_across_requests_and_a_moved_item_keeps_its_uid(center):
    token = services.feed_create(actor=center.people["recruiter_a"].user)
    first = _events_by_uid(icalendar.Calendar.from_ical(_fetch(token).content))
    FollowUp.objects.filter(pk=center.follow_ups["all_day"].pk).update(due_date=center.today + timedelta(days=9))
    second = _events_by_uid(icalendar.Calendar.from_ical(_fetch(token).content))
    assert set(first) == set(second)
    moved = _uid(center.follow_ups["all_day"])
    assert second[moved].decoded("DTSTART") == center.today + timedelta(days=9)


def test_the_feed_keeps_to_its_window_of_days(center):
    a = center.people["recruiter_a"]
    inside_past, too_old, too_far = (
        FollowUp.objects.create(title=title, due_date=center.today + timedelta(days=days), owner=a.user,
                                team=a.team, company=center.follow_ups["all_day"].company, created_by=a.user)
        for title, days in (("上月回访", -selectors.FEED_PAST_DAYS), ("很久以前", -selectors.FEED_PAST_DAYS - 1),
                            ("明年", selectors.FEED_FUTURE_DAYS + 1))
    )  # fmt: skip
    uids = _uids(_feed(center, "recruiter_a"))
    assert _uid(inside_past) in uids
    assert _uid(too_old) not in uids and _uid(too_far) not in uids


def test_a_full_feed_keeps_the_upcoming_items_and_drops_the_oldest(center, monkeypatch):
    a = center.people["recruiter_a"]
    past = FollowUp.objects.create(
        title="上周", due_date=center.today - timedelta(days=7), owner=a.user, team=a.team,
        company=center.follow_ups["all_day"].company, created_by=a.user,
    )  # fmt: skip
    monkeypatch.setattr(selectors, "FEED_LIMIT", 3)
    uids = _uids(_feed(center, "recruiter_a"))
    assert len(uids) == 3
    assert _uid(past) not in uids  # three upcoming items fill it


def test_the_token_is_stored_only_as_its_sha256(center):
    user = center.people["recruiter_a"].user
    token = services.feed_create(actor=user)
    stored = CalendarFeed.objects.get(user=user).token_hash
    assert token not in stored and len(stored) == 64
    assert stored == CalendarFeed.hash_token(token)
    assert len(token) >= 40  # 256 random bits


def test_a_revoked_or_unknown_token_is_a_404(center):
    user = center.people["recruiter_a"].user
    token = services.feed_create(actor=user)
    assert _fetch(token).status_code == 200
    services.feed_revoke(actor=user)
    assert _fetch(token).status_code == 404
    assert _fetch("not-a-token").status_code == 404
    assert _fetch("x" * 500).status_code == 404


def test_regenerating_stops_the_old_url(center):
    user = center.people["recruiter_a"].user
    old = services.feed_create(actor=user)
    new = services.feed_create(actor=user)
    assert old != new
    assert _fetch(old).status_code == 404
    assert _fetch(new).status_code == 200
    assert CalendarFeed.objects.filter(user=user).count() == 1


def test_a_deactivated_persons_token_is_a_404_and_so_is_one_whose_owner_became_administrator(center):
    recruiter, colleague = center.people["recruiter_a"], center.people["colleague_a"]
    token = services.feed_create(actor=recruiter.user)
    recruiter.user.is_active = False
    recruiter.user.save()
    assert _fetch(token).status_code == 404
    other = services.feed_create(actor=colleague.user)
    Membership.objects.filter(pk=colleague.pk).update(role=Membership.Role.ADMIN, team=None)
    assert _fetch(other).status_code == 404


def test_calendar_apps_may_ask_with_head_but_not_post(center):
    url = reverse("calendars:feed", args=[services.feed_create(actor=center.people["recruiter_a"].user)])
    assert Client().head(url).status_code == 200
    assert Client().post(url).status_code == 405


def test_the_feed_needs_no_session_and_ignores_whoever_is_signed_in(center):
    token = services.feed_create(actor=center.people["recruiter_a"].user)
    signed_in = Client()
    signed_in.force_login(center.people["director"].user)
    uids = _uids(icalendar.Calendar.from_ical(_fetch(token, signed_in).content))
    assert _uid(center.follow_ups["other_group"]) not in uids  # the recruiter's feed, not the director's
    assert _uid(center.follow_ups["all_day"]) in uids


def test_administrators_cannot_have_a_feed(center):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.feed_create(actor=center.people["admin"].user)


def test_a_fetch_is_recorded_at_most_once_an_hour(center):
    user = center.people["recruiter_a"].user
    token = services.feed_create(actor=user)
    _fetch(token)
    first = CalendarFeed.objects.get(user=user).last_used_at
    assert first is not None
    _fetch(token)
    assert CalendarFeed.objects.get(user=user).last_used_at == first
