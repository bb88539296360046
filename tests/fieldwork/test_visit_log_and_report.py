"""The one-tap visit log links the log to the trip's visit and feeds the report draft; the report is filed
by the lead from the return date and completes the trip."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from activities.models import ContactLog, FollowUp
from fieldwork import selectors, services, visit_services
from fieldwork.models import PlannedVisit, Trip, TripEvent, TripReport
from projects import services as project_services
from projects.stages import Stage
from tests.fieldwork.conftest import approved_trip, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip(center):
    trip = approved_trip(center["wangshuai"], center["director"], start=today(), days=2, members=[center["fengxue"]])
    visit_services.planned_visit_add(actor=center["wangshuai"].user, trip=trip, project=center["glass"], date=today())
    return trip


def test_the_trip_page_offers_one_tap_to_the_preset_log_form(client, center, trip):
    visit = trip.visits.get()
    client.force_login(center["fengxue"].user)
    page = client.get(trip.get_absolute_url())
    log_url = reverse("fieldwork:trip_visit_log", args=[visit.pk])
    assert log_url in page.content.decode()
    form = client.get(log_url)
    html = form.content.decode()
    assert form.status_code == 200
    assert 'id="visit-channel-visit" value="visit" autocomplete="off" checked' in html  # 外出拜访 preset
    assert f'name="project" value="{center["glass"].pk}"' in html


def test_logging_the_visit_links_the_log_and_it_appears_in_the_report_draft(client, center, trip):
    visit = trip.visits.get()
    client.force_login(center["fengxue"].user)
    response = client.post(
        reverse("fieldwork:trip_visit_log", args=[visit.pk]),
        {"channel": "visit", "summary": "与周董面谈UTG产线扩产", "outcome": "同意下月来扬考察",
         "next_step": "安排考察行程", "follow_up_due_date": (today() + timedelta(days=7)).isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    visit.refresh_from_db()
    log = visit.contact_log
    assert log.channel == "visit" and log.project == center["glass"] and log.author == center["fengxue"].user
    assert set(log.participants.all()) == {center["wangshuai"].user, center["fengxue"].user}
    assert trip.events.filter(kind=TripEvent.Kind.VISIT_LOGGED).exists()
    draft = selectors.trip_report_draft(Trip.objects.get(pk=trip.pk))
    assert draft.logged == 1 and "同意下月来扬考察" in draft.summary
    assert [f.title for f in draft.follow_ups] == ["安排考察行程"]
    # logged once: the button is gone and a second submit is refused
    assert client.get(reverse("fieldwork:trip_visit_log", args=[visit.pk])).status_code == 403


def test_a_failing_log_leaves_the_visit_unlinked_and_writes_nothing(center, trip):
    visit = trip.visits.get()
    with pytest.raises(ValidationError):
        visit_services.planned_visit_log(actor=center["wangshuai"].user, visit=visit, channel="visit", summary=" ")
    visit.refresh_from_db()
    assert visit.contact_log is None and not ContactLog.objects.exists()


def test_only_people_on_an_approved_trip_log_its_visits(center):
    draft = services.trip_create(
        actor=center["wangshuai"].user, destinations="丽水", purpose="拜访", start_date=today(), end_date=today()
    )
    visit = visit_services.planned_visit_add(actor=center["wangshuai"].user, trip=draft, project=center["glass"],
                                       date=today())  # fmt: skip
    with pytest.raises(PermissionDenied):  # not approved yet
        visit_services.planned_visit_log(actor=center["wangshuai"].user, visit=visit, channel="visit", summary="拜访")
    services.trip_submit(actor=center["wangshuai"].user, trip=draft)
    services.trip_approve(actor=center["leader"].user, trip=draft)
    visit = PlannedVisit.objects.get(pk=visit.pk)
    with pytest.raises(PermissionDenied):  # the group's leader was not on the trip
        visit_services.planned_visit_log(actor=center["leader"].user, visit=visit, channel="visit", summary="拜访")
    assert visit_services.planned_visit_log(
        actor=center["wangshuai"].user, visit=visit, channel="visit", summary="拜访"
    )


def test_an_unplanned_visit_is_added_on_the_road_and_goes_straight_to_its_log_form(client, center, trip):
    client.force_login(center["wangshuai"].user)
    response = client.post(
        reverse("fieldwork:trip_visit_add", args=[trip.pk]),
        {"project": center["powder"].pk, "date": today().isoformat(), "unplanned": "1"},
    )
    visit = trip.visits.get(project=center["powder"])
    assert visit.is_unplanned
    assert response.status_code == 302 and response.url == reverse("fieldwork:trip_visit_log", args=[visit.pk])


def test_the_report_cannot_be_filed_before_the_return_date(center, trip):
    with pytest.raises(ValidationError) as error:
        services.trip_report_file(actor=center["wangshuai"].user, trip=trip, summary="总结")
    assert "summary" in error.value.error_dict and not TripReport.objects.exists()
    with time_machine.travel(today() + timedelta(days=1, hours=12), tick=False):
        with pytest.raises(PermissionDenied):  # a member is not the lead
            services.trip_report_file(actor=center["fengxue"].user, trip=trip, summary="总结")
        report = services.trip_report_file(actor=center["wangshuai"].user, trip=trip, summary="1家同意来扬考察")
    trip.refresh_from_db()
    assert trip.status == Trip.Status.DONE and report.due_on == trip.end_date + timedelta(days=15)
    assert report.was_on_time
    assert trip.events.filter(kind=TripEvent.Kind.REPORT_FILED).exists()


def test_the_draft_lists_the_projects_whose_stage_moved_during_the_trip(center, trip):
    project_services.project_request_stage(
        actor=center["leader"].user, project=center["glass"], to_stage=Stage.SITE_VISIT, comment="考察"
    )
    draft = selectors.trip_report_draft(trip)
    assert [(e.project, e.to_stage) for e in draft.stage_moves] == [(center["glass"], Stage.SITE_VISIT)]


def test_the_report_page_shows_the_draft_and_files_it(client, center, trip):
    visit = trip.visits.get()
    visit_services.planned_visit_log(actor=center["wangshuai"].user, visit=visit, channel="visit", summary="面谈",
                               outcome="意向明确", follow_up_title="寄送资料",
                               follow_up_due_date=today() + timedelta(days=3))  # fmt: skip
    client.force_login(center["wangshuai"].user)
    url = reverse("fieldwork:trip_report", args=[trip.pk])
    page = client.get(url).content.decode()
    assert "意向明确" in page and "寄送资料" in page
    with time_machine.travel(today() + timedelta(days=2, hours=10), tick=False):
        client.force_login(center["wangshuai"].user)  # the session went idle meanwhile
        assert client.post(url, {"summary": ""}).status_code == 400
        assert client.post(url, {"summary": "丽水一行：意向明确"}).status_code == 302
    assert Trip.objects.get(pk=trip.pk).report.summary == "丽水一行：意向明确"
    assert FollowUp.objects.count() == 1
