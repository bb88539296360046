"""Companies through the API: every member sees the basics, contacts only as on the company page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.services import token_create
from crm.models import Contact, Registration
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _bearer(member) -> Client:
    raw = token_create(user=member.user, name="s", scope="read", days=9)[1]
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.fixture
def world():
    leader_a = make_member(Role.TEAM_LEADER)
    people = {
        "recruiter_own": make_member(Role.RECRUITER, team=leader_a.team),
        "recruiter_other": make_member(Role.RECRUITER),
        "director": make_member(Role.DIRECTOR),
        "admin": make_member(Role.ADMIN),
    }
    company = make_company("浙江智驰汽车科技有限公司", created_by=people["recruiter_own"].user)
    Contact.objects.create(company=company, name="刘振宇", title="总经理", phone="13905710001")
    Registration.objects.create(
        company=company, team=leader_a.team, registered_by=people["recruiter_own"].user,
        registered_at=timezone.now(), expires_at=timezone.now() + timedelta(days=180),
    )  # fmt: skip
    return people, company


CONTACTS = {"recruiter_own": True, "recruiter_other": False, "director": True, "admin": True}


@pytest.mark.parametrize("role", list(CONTACTS))
def test_company_detail_shows_contacts_as_the_page_does(world, role):
    people, company = world
    body = _bearer(people[role]).get(f"/api/v1/companies/{company.pk}/").json()
    assert body["name"] == company.name
    assert body["contacts_visible"] is CONTACTS[role]
    assert [c["name"] for c in body["contacts"]] == (["刘振宇"] if CONTACTS[role] else [])


def test_company_list_searches_and_is_bounded(world):
    people, company = world
    make_company("江苏储能电池有限公司")
    client = _bearer(people["recruiter_other"])
    rows = client.get("/api/v1/companies/", {"q": "智驰"}).json()["results"]
    assert [row["id"] for row in rows] == [company.pk] and rows[0]["contact_count"] == 1
    assert len(client.get("/api/v1/companies/", {"page_size": 1}).json()["results"]) == 1
    assert Client().get("/api/v1/companies/").status_code in (401, 403)


def test_company_list_queries_do_not_grow(world):
    people, _company = world
    client = _bearer(people["director"])
    client.get("/api/v1/companies/")
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/companies/")
    for index in range(10):
        other = make_company(f"测试企业{index}有限公司")
        Contact.objects.create(company=other, name="王五")
    with CaptureQueriesContext(connection) as large:
        assert client.get("/api/v1/companies/").status_code == 200
    assert len(large) == len(small)
