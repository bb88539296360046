"""Trips, planned visits and receptions on the calendar and in the feed: each role sees the trips it is on (the
group's for a leader, all for directors) and never another group's; trips are all-day spans, timed visits and
receptions carry Asia/Shanghai; a cancelled trip and its visits are marked cancelled."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from calendars import services
from fieldwork.models import PlannedVisit, Reception, Trip

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def field(center):
    """Group A: recruiter_a leads a trip to 丽水 (a timed visit on it) and hosts a reception; a colleague leads
    another trip; recruiter_a's trip to 衢州 was cancelled yesterday. Group B: a trip and a reception."""
    today, people = center.today, center.people
    a, colleague, b = people["recruiter_a"], people["colleague_a"], people["recruiter_b"]
    project_a = center.follow_ups["all_day"].project
    project_b = center.follow_ups["other_group"].project

    def trip(member, destinations, start, days, **extra):
        return Trip.objects.create(
            destinations=destinations, start_date=today + timedelta(days=start),
            end_date=today + timedelta(days=start + days - 1), lead=member.user, team=member.team,
            purpose="拜访投资方", status=extra.pop("status", Trip.Status.APPROVED), created_by=member.user, **extra,
        )  # fmt: skip

    def reception(member, project, day, hour):
        row = Reception.objects.create(
            company=project.company, project=project, visitors="刘振宇, 总经理", headcount=4,
            starts_at=datetime.combine(today + timedelta(days=day), time(hour), tzinfo=SHANGHAI),
            team=member.team, status=Reception.Status.CONFIRMED, created_by=member.user,
        )  # fmt: skip
        row.hosts.add(member.user)
        return row

    lishui = trip(a, "丽水", 8, 3)
    visit = PlannedVisit.objects.create(
        trip=lishui, company=project_a.company, project=project_a, date=lishui.start_date, time=time(9, 30),
        created_by=a.user,
    )  # fmt: skip
    cancelled = trip(a, "衢州", 15, 2, status=Trip.Status.CANCELLED, cancel_reason="客商改期",
                     cancelled_at=timezone.now() - timedelta(days=1))  # fmt: skip
    cancelled_visit = PlannedVisit.objects.create(
        trip=cancelled, company=project_a.company, project=project_a, date=cancelled.start_date, created_by=a.user
    )
    return {
        "trip": lishui, "visit": visit, "cancelled_trip": cancelled, "cancelled_visit": cancelled_visit,
        "colleague_trip": trip(colleague, "温州", 9, 2), "reception": reception(a, project_a, 5, 14),
        "other_trip": trip(b, "宁波", 8, 2), "other_reception": reception(b, project_b, 5, 10),
        "old_cancelled": trip(a, "杭州", 20, 1, status=Trip.Status.CANCELLED, cancel_reason="取消",
                              cancelled_at=timezone.now() - timedelta(days=60)),
    }  # fmt: skip


def _uid(row) -> str:
    prefix = {Trip: "trip", PlannedVisit: "visit", Reception: "reception"}[type(row)]
    return f"{prefix}-{row.pk}@juneng"


def _feed(center, who: str) -> dict:
    token = services.feed_create(actor=center.people[who].user)
    response = Client().get(reverse("calendars:feed", args=[token]))
    assert response.status_code == 200
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def _events(center, who: str, **query) -> dict:
    client = Client()
    client.force_login(center.people[who].user)
    days = {"start": center.today.isoformat(), "end": (center.today + timedelta(days=42)).isoformat()}
    response = client.get(reverse("calendars:calendar_events"), days | query)
    assert response.status_code == 200
    return {event["id"]: event for event in response.json()["events"]}


OWN = {"trip", "visit", "cancelled_trip", "cancelled_visit", "reception"}
GROUP_A = OWN | {"colleague_trip"}
GROUP_B = {"other_trip", "other_reception"}


@pytest.mark.parametrize(
    ("who", "sees", "not_sees"),
    [
        ("recruiter_a", OWN, GROUP_B | {"colleague_trip", "old_cancelled"}),
        ("leader_a", GROUP_A, GROUP_B | {"old_cancelled"}),
        ("recruiter_b", GROUP_B, GROUP_A),
        ("leader_b", GROUP_B, GROUP_A),
        ("director", GROUP_A | GROUP_B, {"old_cancelled"}),
    ],
)
def test_each_role_sees_its_field_work_in_the_feed_and_on_the_page(center, field, who, sees, not_sees):
    for uids in (set(_feed(center, who)), set(_events(center, who))):
        assert {_uid(field[key]) for key in sees} <= uids
        assert not {_uid(field[key]) for key in not_sees} & uids


def test_trips_are_all_day_spans_and_visits_and_receptions_are_timed_in_asia_shanghai(center, field):
    events = _feed(center, "recruiter_a")
    trip = events[_uid(field["trip"])]
    assert type(trip.decoded("DTSTART")) is date and trip.decoded("DTSTART") == field["trip"].start_date
    assert trip.decoded("DTEND") == field["trip"].end_date + timedelta(days=1)
    visit = events[_uid(field["visit"])]
    assert visit["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert visit.decoded("DTSTART").replace(tzinfo=None) == datetime.combine(field["trip"].start_date, time(9, 30))
    reception = events[_uid(field["reception"])]
    assert reception["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert reception.decoded("DTSTART").hour == 14  # stored in UTC, shown at the center's 14:00
    assert reception.decoded("DTEND") - reception.decoded("DTSTART") == timedelta(hours=2)
    assert str(events[_uid(field["cancelled_trip"])]["STATUS"]) == "CANCELLED"
    assert str(events[_uid(field["cancelled_visit"])]["STATUS"]) == "CANCELLED"
    assert str(trip["URL"]).endswith(field["trip"].get_absolute_url())


def test_a_director_narrows_field_work_by_group_and_kind(center, field):
    group_b = center.people["leader_b"].team_id
    other_follow_up = f"followup-{center.follow_ups['other_group'].pk}@juneng"
    expected = {_uid(field["other_trip"]), _uid(field["other_reception"]), other_follow_up}
    assert set(_events(center, "director", group=group_b)) == expected
    trips = _events(center, "director", kind="trip")
    assert trips and all(uid.startswith("trip-") for uid in trips)
    receptions = _events(center, "director", kind="reception")
    assert set(receptions) == {_uid(field["reception"]), _uid(field["other_reception"])}
    timed = receptions[_uid(field["reception"])]
    assert timed["allDay"] is False and timed["start"].endswith("T14:00:00")
