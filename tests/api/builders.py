"""Builders for the API tests: a client carrying a member's token; field-work and premises rows (a trip of the
recruiter's group with a visit, a reception they host, a building of the inventory)."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from api.services import token_create
from fieldwork import reception_services, visit_services
from fieldwork import services as fieldwork_services
from fieldwork.models import Reception, Trip
from premises.models import Building


def make_trip(recruiter, project, *, start_in_days: int = 0, days: int = 2) -> Trip:
    today = timezone.localdate()
    trip = fieldwork_services.trip_create(
        actor=recruiter.user, destinations="丽水", purpose="拜访投资方",
        start_date=today + timedelta(days=start_in_days), end_date=today + timedelta(days=start_in_days + days - 1),
    )  # fmt: skip
    visit_services.planned_visit_add(actor=recruiter.user, trip=trip, project=project, date=trip.start_date)
    return trip


def make_reception(recruiter, project, *, in_days: int = 10) -> Reception:
    return reception_services.reception_create(
        actor=recruiter.user, project=project, visitors="刘振宇, 总经理", hosts=[recruiter.user],
        starts_at=timezone.now() + timedelta(days=in_days), confirm_double_booking=True,
    )  # fmt: skip


def make_building(admin, name: str = "园区三号厂房", **fields) -> Building:
    defaults = {"floor_area_m2": 4300, "ceiling_height_m": 10, "structure": "steel"}
    return Building.objects.create(name=name, created_by=admin.user, **(defaults | fields))


def token_client(member, scope: str = "write") -> Client:
    """A client that sends the member's new personal access token (read-write unless `scope="read"`)."""
    raw = token_create(user=member.user, name="test", scope=scope, days=9)[1]
    return Client(headers={"authorization": f"Bearer {raw}"})
