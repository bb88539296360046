"""Trips: the state machine, who approves, overlapping trips, visits inside the dates, bad input."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fieldwork import services, visit_services
from fieldwork.models import Trip, TripEvent
from fieldwork.permissions import can_approve_trip, can_view_trip
from tests.fieldwork.conftest import approved_trip, plan_trip, today

pytestmark = pytest.mark.django_db
Status = Trip.Status


def test_a_trip_goes_from_planning_through_approval_to_in_progress(center):
    trip = plan_trip(center["wangshuai"], start=today() + timedelta(days=3), members=[center["fengxue"]])
    assert trip.status == Status.DRAFT and trip.team == center["wangshuai"].team
    services.trip_submit(actor=center["fengxue"].user, trip=trip)  # any member may submit the plan
    trip = services.trip_approve(actor=center["director"].user, trip=trip)
    assert trip.status == Status.APPROVED and trip.current_status == Status.APPROVED
    Trip.objects.filter(pk=trip.pk).update(start_date=today(), end_date=today() + timedelta(days=2))
    trip.refresh_from_db()
    assert trip.status == Status.APPROVED and trip.current_status == Status.IN_PROGRESS
    kinds = list(trip.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == [TripEvent.Kind.CREATED, TripEvent.Kind.SUBMITTED, TripEvent.Kind.APPROVED]


def test_the_group_leader_approves_trips_of_up_to_two_days_only(center):
    short = plan_trip(center["wangshuai"], days=2)
    long = plan_trip(center["tanxu"], days=3)
    for trip in (short, long):
        services.trip_submit(actor=trip.lead, trip=trip)
    leader = center["leader"].user
    assert services.trip_approve(actor=leader, trip=short).status == Status.APPROVED
    with pytest.raises(PermissionDenied):
        services.trip_approve(actor=leader, trip=long)
    assert services.trip_approve(actor=center["deputy"].user, trip=long).status == Status.APPROVED


def test_recruiters_other_leaders_and_administrators_do_not_approve(center):
    trip = plan_trip(center["wangshuai"], days=1)
    trip = services.trip_submit(actor=center["wangshuai"].user, trip=trip)
    for who in ("wangshuai", "tanxu", "other_leader", "liuyang", "admin"):
        assert not can_approve_trip(center[who].user, trip), who
        with pytest.raises(PermissionDenied):
            services.trip_approve(actor=center[who].user, trip=trip)
    assert Trip.objects.get(pk=trip.pk).status == Status.SUBMITTED


def test_a_leader_does_not_approve_a_trip_they_are_on(center):
    trip = plan_trip(center["wangshuai"], days=1, members=[center["leader"]])
    trip = services.trip_submit(actor=center["wangshuai"].user, trip=trip)
    assert not can_approve_trip(center["leader"].user, trip)
    assert can_approve_trip(center["director"].user, trip)


def test_sending_back_needs_a_comment_and_returns_the_trip_to_planning(center):
    trip = plan_trip(center["wangshuai"])
    trip = services.trip_submit(actor=center["wangshuai"].user, trip=trip)
    with pytest.raises(ValidationError):
        services.trip_reject(actor=center["director"].user, trip=trip, comment=" ")
    trip = services.trip_reject(actor=center["director"].user, trip=trip, comment="请补充拜访对象")
    assert trip.status == Status.DRAFT
    assert trip.events.filter(kind=TripEvent.Kind.REJECTED, comment="请补充拜访对象").exists()


def test_only_a_draft_can_be_changed_and_an_approved_trip_not_submitted_again(center):
    trip = approved_trip(center["wangshuai"], center["director"])
    with pytest.raises(PermissionDenied):
        services.trip_update(actor=center["wangshuai"].user, trip=trip, destinations="宁波")
    with pytest.raises(PermissionDenied):
        services.trip_submit(actor=center["wangshuai"].user, trip=trip)


def test_cancelling_needs_a_reason_and_frees_the_dates(center):
    trip = approved_trip(center["wangshuai"], center["director"])
    with pytest.raises(ValidationError):
        services.trip_cancel(actor=center["wangshuai"].user, trip=trip, reason="")
    with pytest.raises(PermissionDenied):
        services.trip_cancel(actor=center["liuyang"].user, trip=trip, reason="不去了")
    trip = services.trip_cancel(actor=center["wangshuai"].user, trip=trip, reason="项目方临时出国")
    assert trip.status == Status.CANCELLED and trip.cancelled_at and not trip.is_open
    assert plan_trip(center["wangshuai"]).status == Status.DRAFT  # the days are free again


def test_overlapping_trips_of_one_person_are_refused_naming_the_other_trip(center):
    first = plan_trip(center["wangshuai"], start=today(), days=3, destinations="丽水")
    with pytest.raises(ValidationError) as error:
        plan_trip(
            center["tanxu"], start=today() + timedelta(days=2), members=[center["wangshuai"]], destinations="宁波"
        )
    message = " ".join(error.value.messages)
    assert "王帅" in message and "丽水" in message
    assert Trip.objects.count() == 1
    # the day after the return is free
    plan_trip(center["wangshuai"], start=first.end_date + timedelta(days=1), destinations="衢州")


def test_changing_dates_into_another_trip_is_refused(center):
    plan_trip(center["wangshuai"], start=today(), days=2, destinations="丽水")
    later = plan_trip(center["wangshuai"], start=today() + timedelta(days=5), days=2, destinations="衢州")
    with pytest.raises(ValidationError):
        services.trip_update(actor=center["wangshuai"].user, trip=later, start_date=today() + timedelta(days=1))
    later.refresh_from_db()
    assert later.start_date == today() + timedelta(days=5)


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (date(2026, 3, 5), date(2026, 3, 4), "end_date"),  # back before leaving
        (date(1999, 12, 31), date(2000, 1, 2), "start_date"),  # before 2000
        (date(2026, 3, 1), date(2026, 6, 1), "end_date"),  # longer than 60 days
    ],
)
def test_implausible_dates_are_refused_and_nothing_is_saved(center, start, end, field):
    with pytest.raises(ValidationError) as error:
        services.trip_create(
            actor=center["wangshuai"].user, destinations="丽水", purpose="拜访", start_date=start, end_date=end
        )
    assert field in error.value.error_dict
    assert not Trip.objects.exists() and not TripEvent.objects.exists()


def test_visits_lie_inside_the_trip_and_are_made_by_people_on_it(center):
    trip = plan_trip(center["wangshuai"], start=today(), days=2, members=[center["fengxue"]])
    visit = visit_services.planned_visit_add(
        actor=center["fengxue"].user, trip=trip, project=center["glass"], date=today() + timedelta(days=1)
    )
    assert visit.company == center["glass"].company
    assert set(visit.people.all()) == {center["wangshuai"].user, center["fengxue"].user}
    with pytest.raises(ValidationError) as error:
        visit_services.planned_visit_add(actor=center["wangshuai"].user, trip=trip, project=center["glass"],
                                   date=today() + timedelta(days=2))  # fmt: skip
    assert "date" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        visit_services.planned_visit_add(actor=center["wangshuai"].user, trip=trip, project=center["glass"],
                                         date=today(), people=[center["tanxu"].user])  # fmt: skip
    assert "people" in error.value.error_dict
    with pytest.raises(PermissionDenied):  # another group's project
        visit_services.planned_visit_add(
            actor=center["wangshuai"].user, trip=trip, project=center["other"], date=today()
        )
    assert trip.visits.count() == 1


def test_a_visit_outside_new_dates_blocks_the_change(center):
    trip = plan_trip(center["wangshuai"], start=today(), days=3)
    visit_services.planned_visit_add(actor=center["wangshuai"].user, trip=trip, project=center["glass"],
                               date=today() + timedelta(days=2))  # fmt: skip
    with pytest.raises(ValidationError):
        services.trip_update(actor=center["wangshuai"].user, trip=trip, end_date=today() + timedelta(days=1))


def test_who_sees_a_trip(center):
    trip = plan_trip(center["wangshuai"], members=[center["liuyang"]])  # someone of another group travels along
    trip = Trip.objects.prefetch_related("members").get(pk=trip.pk)
    seen = {who: can_view_trip(center[who].user, trip) for who in center if hasattr(center[who], "user")}
    assert seen == {
        "leader": True, "wangshuai": True, "tanxu": True, "fengxue": True, "other_leader": False, "liuyang": True,
        "director": True, "deputy": True, "admin": True,
    }  # fmt: skip
