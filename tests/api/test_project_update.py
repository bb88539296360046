"""PATCH /api/v1/projects/<id>/ through projects.services.project_update, with lost-update protection."""

import pytest
from django.test import Client

from projects.models import Project
from teams.models import Membership
from tests.api.builders import token_client
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _patch(client, project, data, **headers):
    return client.patch(f"/api/v1/projects/{project.pk}/", data, content_type="application/json", headers=headers)


def test_update_with_the_version_read_saves_and_bumps_it():
    member = make_member(Role.RECRUITER)
    project = make_project(member)
    response = _patch(token_client(member), project, {"name": "智能底盘二期", "version": project.version})
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "智能底盘二期"
    assert Project.objects.get(pk=project.pk).version == project.version + 1


def test_a_stale_version_answers_409_and_changes_nothing():
    member = make_member(Role.RECRUITER)
    project = make_project(member, name="原名")
    client = token_client(member)
    assert _patch(client, project, {"name": "第一次"}, **{"If-Match": f'"{project.version}"'}).status_code == 200
    response = _patch(client, project, {"name": "第二次"}, **{"If-Match": f'"{project.version}"'})
    assert response.status_code == 409
    assert response.json()["version"] == project.version + 1
    assert Project.objects.get(pk=project.pk).name == "第一次"


@pytest.mark.parametrize(("data", "field"), [
    ({"name": "x"}, "version"),
    ({"name": "", "version": 1}, "name"),
    ({"planned_investment": "-5", "version": 1}, "planned_investment"),
    ({"expected_signing_date": "1890-01-01", "version": 1}, "expected_signing_date"),
    ({"planned_construction_date": "2999-01-01", "version": 1}, "planned_construction_date"),
])  # fmt: skip
def test_bad_input_gets_field_errors(data, field):
    member = make_member(Role.RECRUITER)
    project = make_project(member)
    response = _patch(token_client(member), project, data)
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_who_may_edit_is_the_projects_policy():
    member = make_member(Role.RECRUITER)
    project = make_project(member)
    other_group = make_member(Role.RECRUITER)
    assert _patch(token_client(other_group), project, {"name": "x", "version": 1}).status_code == 404
    assert _patch(token_client(member, scope="read"), project, {"name": "x", "version": 1}).status_code == 403
    assert _patch(Client(), project, {"name": "x", "version": 1}).status_code in (401, 403)
    assert Project.objects.get(pk=project.pk).version == project.version
