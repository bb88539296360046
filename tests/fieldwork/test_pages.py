"""The pages: bad input gives form errors and saves nothing; lists filter and paginate; the policy page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from fieldwork.models import FieldworkPolicy, Trip
from tests.fieldwork.conftest import approved_trip, plan_trip, today

pytestmark = pytest.mark.django_db


def _trip_data(**changes) -> dict:
    start = today() + timedelta(days=7)
    return {"destinations": "丽水, 衢州", "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=2)).isoformat(), "purpose": "拜访UTG项目方"} | changes  # fmt: skip


def test_planning_a_trip_from_the_form(client, center):
    client.force_login(center["wangshuai"].user)
    response = client.post(reverse("fieldwork:trip_create"), _trip_data(members=[center["fengxue"].user.pk]))
    trip = Trip.objects.get()
    assert response.status_code == 302 and response.url == trip.get_absolute_url()
    assert trip.lead == center["wangshuai"].user and list(trip.members.all()) == [center["fengxue"].user]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_date": (today() + timedelta(days=6)).isoformat()}, "end_date"),  # back before leaving
        ({"start_date": "1999-12-31"}, "start_date"),
        ({"end_date": "2999-01-01"}, "end_date"),
        ({"start_date": "not a date"}, "start_date"),
        ({"destinations": " "}, "destinations"),
        ({"purpose": ""}, "purpose"),
    ],
)
def test_bad_trip_input_gives_form_errors_and_saves_nothing(client, center, changes, field):
    client.force_login(center["wangshuai"].user)
    response = client.post(reverse("fieldwork:trip_create"), _trip_data(**changes))
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not Trip.objects.exists()


def test_an_overlap_is_shown_on_the_form(client, center):
    plan_trip(center["fengxue"], start=today() + timedelta(days=8), destinations="宁波")
    client.force_login(center["wangshuai"].user)
    response = client.post(reverse("fieldwork:trip_create"), _trip_data(members=[center["fengxue"].user.pk]))
    assert response.status_code == 400 and "冯雪" in response.content.decode()
    assert Trip.objects.count() == 1


def test_a_visit_outside_the_dates_stays_on_the_trip_page_with_its_error(client, center):
    trip = plan_trip(center["wangshuai"], start=today(), days=2)
    client.force_login(center["wangshuai"].user)
    response = client.post(
        reverse("fieldwork:trip_visit_add", args=[trip.pk]),
        {"project": center["glass"].pk, "date": (today() + timedelta(days=5)).isoformat()},
    )
    assert response.status_code == 400 and "date" in response.context["visit_form"].errors
    assert not trip.visits.exists()


def test_the_trip_list_filters_by_status_group_and_mine(client, center):
    mine = approved_trip(center["wangshuai"], center["director"], start=today(), days=2)
    plan_trip(center["liuyang"], start=today())
    client.force_login(center["director"].user)
    url = reverse("fieldwork:trip_list")
    assert client.get(url).context["page"].paginator.count == 2
    assert list(client.get(url, {"status": "in_progress"}).context["page"]) == [mine]
    assert list(client.get(url, {"team": center["wangshuai"].team_id}).context["page"]) == [mine]
    assert client.get(url, {"team": "9" * 30, "status": "nonsense"}).status_code == 200  # ignored
    client.force_login(center["wangshuai"].user)
    assert list(client.get(url, {"mine": "on"}).context["page"]) == [mine]
    client.force_login(center["liuyang"].user)  # another group's trip is not listed
    assert [t.lead for t in client.get(url).context["page"]] == [center["liuyang"].user]


def test_administrators_set_the_policy(client, center):
    client.force_login(center["admin"].user)
    url = reverse("fieldwork:policy_edit")
    assert client.post(url, {"report_due_days": 0, "min_groups_out": 3}).status_code == 400
    assert client.post(url, {"report_due_days": 10, "min_groups_out": 2}).status_code == 302
    policy = FieldworkPolicy.current()
    assert (policy.report_due_days, policy.min_groups_out) == (10, 2)
    client.force_login(center["director"].user)
    assert client.get(url).status_code == 403


def test_the_report_page_prints_and_shows_the_overdue_warning(client, center):
    trip = approved_trip(center["wangshuai"], center["director"], start=today() - timedelta(days=20), days=2)
    client.force_login(center["leader"].user)
    page = client.get(reverse("fieldwork:trip_report", args=[trip.pk])).content.decode()
    assert "data-print" in page and "alert-danger" in page
    assert 'name="summary"' not in page  # only the lead (or a director) files it
