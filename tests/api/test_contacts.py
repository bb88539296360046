"""Contact persons through the API: only where the company page shows them (crm.permissions.
can_view_company_contacts), added and changed through crm.services with a read-and-write token."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crm.models import Contact, Registration
from teams.models import Membership
from tests.api.builders import token_client
from tests.factories import make_member
from tests.projects.builders import make_company

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def world():
    leader_a = make_member(Role.TEAM_LEADER)
    people = {
        "recruiter_own": make_member(Role.RECRUITER, team=leader_a.team),
        "leader_own": leader_a,
        "recruiter_other": make_member(Role.RECRUITER),
        "leader_other": make_member(Role.TEAM_LEADER),
        "deputy": make_member(Role.DEPUTY_DIRECTOR),
        "director": make_member(Role.DIRECTOR),
        "admin": make_member(Role.ADMIN),
    }
    company = make_company("浙江智驰汽车科技有限公司", created_by=people["recruiter_own"].user)
    contact = Contact.objects.create(company=company, name="刘振宇", title="总经理", phone="13905710001")
    Registration.objects.create(
        company=company, team=leader_a.team, registered_by=people["recruiter_own"].user,
        registered_at=timezone.now(), expires_at=timezone.now() + timedelta(days=180),
    )  # fmt: skip
    return people, company, contact


SEES = {
    "recruiter_own": True, "leader_own": True, "recruiter_other": False, "leader_other": False,
    "deputy": True, "director": True, "admin": True,
}  # fmt: skip


@pytest.mark.parametrize("role", list(SEES))
def test_contacts_are_read_where_the_company_page_shows_them(world, role):
    people, company, contact = world
    client = token_client(people[role], "read")
    listed = client.get(f"/api/v1/companies/{company.pk}/contacts/")
    detail = client.get(f"/api/v1/contacts/{contact.pk}/")
    assert listed.status_code == (200 if SEES[role] else 403)  # as adding a contact on the company page
    assert detail.status_code == (200 if SEES[role] else 404)  # as editing one
    if SEES[role]:
        assert [row["name"] for row in listed.json()["results"]] == ["刘振宇"]
        assert detail.json()["phone"] == "13905710001" and detail.json()["company"] == company.pk


def test_a_contact_is_added_and_changed_through_the_services(world):
    people, company, contact = world
    client = token_client(people["recruiter_own"])
    created = client.post(
        f"/api/v1/companies/{company.pk}/contacts/", {"name": "王芳", "title": "财务总监", "phone": "139 0571 0002"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["phone"] == Contact.objects.get(pk=created.json()["id"]).phone
    changed = client.patch(f"/api/v1/contacts/{contact.pk}/", {"title": "董事长"}, content_type="application/json")
    assert changed.status_code == 200, changed.content
    contact.refresh_from_db()
    assert contact.title == "董事长" and contact.name == "刘振宇"


@pytest.mark.parametrize(("data", "field"), [
    ({"title": "总经理"}, "name"),
    ({"name": "x" * 51}, "name"),
    ({"name": "王芳", "phone": "12345"}, "phone"),
    ({"name": "王芳", "email": "not-an-address"}, "email"),
])  # fmt: skip
def test_bad_contact_input_gets_field_errors(world, data, field):
    people, company, contact = world
    client = token_client(people["recruiter_own"])
    response = client.post(f"/api/v1/companies/{company.pk}/contacts/", data, content_type="application/json")
    assert response.status_code == 400 and field in response.json(), response.content
    if "name" in data:
        patched = client.patch(f"/api/v1/contacts/{contact.pk}/", data, content_type="application/json")
        assert patched.status_code == 400 and field in patched.json()
    assert Contact.objects.count() == 1 and Contact.objects.get().name == "刘振宇"


def test_writes_are_refused_as_on_the_pages(world):
    people, company, contact = world
    data = {"name": "王芳"}
    url = f"/api/v1/companies/{company.pk}/contacts/"
    assert token_client(people["recruiter_other"]).post(url, data, content_type="application/json").status_code == 403
    assert (
        token_client(people["recruiter_own"], "read").post(url, data, content_type="application/json").status_code
        == 403
    )
    edit = f"/api/v1/contacts/{contact.pk}/"
    other, read_only = token_client(people["recruiter_other"]), token_client(people["recruiter_own"], "read")
    assert other.patch(edit, data, content_type="application/json").status_code == 404
    assert read_only.patch(edit, data, content_type="application/json").status_code == 403
    assert Client().get(url).status_code in (401, 403)
    assert Contact.objects.count() == 1 and Contact.objects.get().name == "刘振宇"


def test_contact_list_is_bounded_and_its_queries_do_not_grow(world):
    people, company, _contact = world
    client = token_client(people["director"], "read")
    url = f"/api/v1/companies/{company.pk}/contacts/"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    Contact.objects.bulk_create(Contact(company=company, name=f"联系人{index}") for index in range(10))
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
    assert len(client.get(url, {"page_size": 3}).json()["results"]) == 3
