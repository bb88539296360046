"""Trips, receptions and buildings through the API (read only): the pages' selectors and filters, 404 for a
trip or reception the caller may not see, bounded pages and constant queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.services import token_create
from projects.stages import Stage
from teams.models import Membership
from tests.api.builders import make_building, make_reception, make_trip
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _client(member) -> Client:
    raw = token_create(user=member.user, name="r", scope="read", days=9)[1]
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.fixture
def world():
    leader_a, leader_b = make_member(Role.TEAM_LEADER, display_name="周建国"), make_member(Role.TEAM_LEADER)
    people = {
        "recruiter_own": make_member(Role.RECRUITER, team=leader_a.team, display_name="徐磊"),
        "recruiter_other": make_member(Role.RECRUITER, team=leader_b.team),
        "leader_own": leader_a, "leader_other": leader_b,
        "deputy": make_member(Role.DEPUTY_DIRECTOR), "director": make_member(Role.DIRECTOR),
        "admin": make_member(Role.ADMIN),
    }  # fmt: skip
    project = make_project(people["recruiter_own"], stage=Stage.NEGOTIATION, name="智能底盘项目")
    trip = make_trip(people["recruiter_own"], project)
    reception = make_reception(people["recruiter_own"], project)
    building = make_building(people["admin"])
    return people, {"trip": trip, "reception": reception, "building": building, "project": project}


SEES = {  # as on the trip and reception pages: the own group and the leadership; buildings: everyone
    "recruiter_own": True, "recruiter_other": False, "leader_own": True, "leader_other": False, "deputy": True,
    "director": True, "admin": True,
}  # fmt: skip


@pytest.mark.parametrize("role", list(SEES))
def test_trips_receptions_and_buildings_are_read_as_on_the_pages(world, role):
    people, objects = world
    client = _client(people[role])
    for kind in ("trip", "reception"):
        detail = client.get(f"/api/v1/{kind}s/{objects[kind].pk}/")
        listed = [row["id"] for row in client.get(f"/api/v1/{kind}s/").json()["results"]]
        assert detail.status_code == (200 if SEES[role] else 404), kind
        assert (objects[kind].pk in listed) is SEES[role], kind
    assert client.get(f"/api/v1/buildings/{objects['building'].pk}/").status_code == 200
    assert [row["id"] for row in client.get("/api/v1/buildings/").json()["results"]] == [objects["building"].pk]


def test_the_details_name_people_visits_and_hosts(world):
    people, objects = world
    client = _client(people["director"])
    trip = client.get(f"/api/v1/trips/{objects['trip'].pk}/").json()
    assert trip["lead_name"] == "徐磊" and trip["status"] == "draft" and trip["visit_count"] == 1
    assert [visit["project_name"] for visit in trip["visits"]] == ["智能底盘项目"]
    reception = client.get(f"/api/v1/receptions/{objects['reception'].pk}/").json()
    assert [host["name"] for host in reception["hosts"]] == ["徐磊"] and reception["project_name"] == "智能底盘项目"
    building = client.get(f"/api/v1/buildings/{objects['building'].pk}/").json()
    assert building["name"] == "园区三号厂房" and building["status"] == "vacant"


def test_lists_filter_like_the_list_pages(world):
    people, objects = world
    tall = make_building(people["admin"], name="园区九号厂房", ceiling_height_m=18, status="occupied")
    client = _client(people["recruiter_own"])
    assert [row["id"] for row in client.get("/api/v1/buildings/", {"min_height": "15"}).json()["results"]] == [tall.pk]
    assert [row["id"] for row in client.get("/api/v1/buildings/", {"status": "vacant"}).json()["results"]] == [
        objects["building"].pk
    ]
    assert len(client.get("/api/v1/buildings/", {"min_height": "nonsense"}).json()["results"]) == 2  # ignored
    assert client.get("/api/v1/trips/", {"status": "done"}).json()["results"] == []
    assert [row["id"] for row in client.get("/api/v1/trips/", {"mine": "true"}).json()["results"]] == [
        objects["trip"].pk
    ]
    assert client.get("/api/v1/receptions/", {"status": "cancelled"}).json()["results"] == []
    assert len(client.get("/api/v1/buildings/", {"page_size": 1}).json()["results"]) == 1


def test_no_writes_and_no_strangers(world):
    people, objects = world
    raw = token_create(user=people["director"].user, name="w", scope="write", days=9)[1]
    writer = Client(headers={"authorization": f"Bearer {raw}"})
    for url in ["/api/v1/trips/", f"/api/v1/trips/{objects['trip'].pk}/", "/api/v1/buildings/"]:
        assert writer.post(url, {}, content_type="application/json").status_code == 405
        assert Client().get(url).status_code in (401, 403)


@pytest.mark.parametrize("role", ["recruiter_own", "director"])
def test_queries_do_not_grow_with_rows(world, role):
    people, objects = world
    client = _client(people[role])
    urls = ["/api/v1/trips/", f"/api/v1/trips/{objects['trip'].pk}/", "/api/v1/receptions/",
            f"/api/v1/receptions/{objects['reception'].pk}/", "/api/v1/buildings/",
            f"/api/v1/buildings/{objects['building'].pk}/"]  # fmt: skip
    client.get(urls[0])

    def counts() -> dict:
        result = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            result[url] = len(queries)
        return result

    small = counts()
    for index in range(10):
        for role_ in ("recruiter_own", "recruiter_other"):
            project = make_project(people[role_], stage=Stage.NEGOTIATION)
            make_trip(people[role_], project, start_in_days=3 * index + 5)
            make_reception(people[role_], project)
        make_building(people["admin"], name=f"厂房{index}")
    assert counts() == small
