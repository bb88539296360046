"""On the road: a new lead met on a trip becomes a project of the group (registered, 撞单-checked, its
history naming the trip) and a visit of the trip that counts in the report; a visit that did not happen
comes off the trip, a logged one stays."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from crm import services as crm_services
from crm.models import Registration
from crm.services import RegistrationConflict
from fieldwork import selectors, visit_services
from fieldwork.models import PlannedVisit, Trip, TripEvent
from projects.models import Project, ProjectEvent
from tests.fieldwork.conftest import approved_trip, plan_trip, today
from tests.projects.builders import make_company

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip(center):
    return approved_trip(center["wangshuai"], center["director"], start=today() - timedelta(days=1), days=3,
                         members=[center["fengxue"]], destinations="丽水")  # fmt: skip


def _new_lead(center, trip, **fields):
    values = {"company_name": "丽水氢能缆车装备有限公司", "name": "氢能缆车项目", "date": today()} | fields
    return visit_services.trip_new_lead(actor=center["fengxue"].user, trip=trip, **values)


def test_a_new_lead_is_a_registered_project_of_the_group_that_names_the_trip(center, trip):
    visit = _new_lead(center, trip, product="氢能缆车整车", note="展会上认识的刘总")
    project = visit.project
    assert project.owner_team == center["fengxue"].team and project.owner == center["fengxue"].user
    assert project.product == "氢能缆车整车" and project.company.name == "丽水氢能缆车装备有限公司"
    assert Registration.objects.filter(company=project.company, team=center["fengxue"].team).exists()
    created = ProjectEvent.objects.get(project=project, kind=ProjectEvent.Kind.CREATED)
    assert created.comment == f"来源：外出招商 {trip}"
    assert visit.trip == trip and visit.is_new_lead and visit.is_unplanned and visit.date == today()
    assert list(visit.people.all()) == [center["fengxue"].user]
    draft = selectors.trip_report_draft(Trip.objects.get(pk=trip.pk))
    assert draft.new_leads == [visit] and "新线索：氢能缆车项目" in draft.summary


def test_another_groups_protected_investor_is_refused_and_nothing_is_left(center, trip):
    company = make_company("衢州光电科技有限公司", created_by=center["liuyang"].user)
    crm_services.registration_create(actor=center["liuyang"].user, company=company, team=center["liuyang"].team)
    projects_before = Project.objects.count()
    with pytest.raises(RegistrationConflict):
        _new_lead(center, trip, company_name="衢州光电科技有限公司", name="光电项目")
    assert Project.objects.count() == projects_before and not trip.visits.exists()


def test_dates_and_people_are_checked(center, trip):
    with pytest.raises(ValidationError) as error:
        _new_lead(center, trip, date=today() + timedelta(days=1))  # not met yet
    assert "date" in error.value.error_dict
    with pytest.raises(ValidationError):
        _new_lead(center, trip, date=trip.start_date - timedelta(days=1))
    with pytest.raises(PermissionDenied):  # not on the trip
        visit_services.trip_new_lead(actor=center["tanxu"].user, trip=trip, company_name="某公司", name="某项目",
                                     date=today())  # fmt: skip
    draft = plan_trip(center["wangshuai"], start=today() + timedelta(days=30))
    with pytest.raises(PermissionDenied):  # not approved
        visit_services.trip_new_lead(actor=center["wangshuai"].user, trip=draft, company_name="某公司",
                                     name="某项目", date=today() + timedelta(days=30))  # fmt: skip


def test_the_page_creates_the_lead_and_goes_on_to_log_the_meeting(client, center, trip):
    client.force_login(center["fengxue"].user)
    url = reverse("fieldwork:trip_new_lead", args=[trip.pk])
    assert "新线索" in client.get(trip.get_absolute_url()).content.decode()
    bad = client.post(url, {"company_name": "", "name": "氢能缆车项目", "date": today().isoformat()})
    assert bad.status_code == 400 and "这个字段是必填项" in bad.content.decode()
    response = client.post(
        url, {"company_name": "丽水氢能缆车装备有限公司", "name": "氢能缆车项目", "date": today().isoformat()}
    )
    visit = PlannedVisit.objects.get(is_new_lead=True)
    assert response.status_code == 302 and response.url == reverse("fieldwork:trip_visit_log", args=[visit.pk])
    company = make_company("衢州光电科技有限公司", created_by=center["liuyang"].user)
    crm_services.registration_create(actor=center["liuyang"].user, company=company, team=center["liuyang"].team)
    conflict = client.post(
        url, {"company_name": "衢州光电科技有限公司", "name": "光电项目", "date": today().isoformat()}
    )
    assert conflict.status_code == 400 and "撞单" in conflict.content.decode()


def test_a_planned_visit_comes_off_the_trip_but_a_logged_one_stays(client, center, trip):
    planned = visit_services.planned_visit_add(actor=center["wangshuai"].user, trip=trip, project=center["glass"],
                                               date=today() + timedelta(days=1))  # fmt: skip
    logged = visit_services.planned_visit_add(actor=center["wangshuai"].user, trip=trip, project=center["powder"],
                                              date=today())  # fmt: skip
    visit_services.planned_visit_log(actor=center["wangshuai"].user, visit=logged, channel="visit", summary="面谈")
    client.force_login(center["tanxu"].user)  # in the group, not on the trip, not its leader
    assert client.post(reverse("fieldwork:trip_visit_remove", args=[planned.pk])).status_code == 403
    client.force_login(center["wangshuai"].user)
    assert client.post(reverse("fieldwork:trip_visit_remove", args=[planned.pk])).status_code == 302
    assert not PlannedVisit.objects.filter(pk=planned.pk).exists()
    assert trip.events.filter(kind=TripEvent.Kind.VISIT_REMOVED, comment__contains="UTG柔性玻璃项目").exists()
    assert client.post(reverse("fieldwork:trip_visit_remove", args=[logged.pk])).status_code == 403
    with pytest.raises(ValidationError):
        visit_services.planned_visit_remove(actor=center["wangshuai"].user, visit=logged)
    assert PlannedVisit.objects.filter(pk=logged.pk).exists()
    assert client.get(reverse("fieldwork:trip_visit_remove", args=[logged.pk])).status_code == 405
