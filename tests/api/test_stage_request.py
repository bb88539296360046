"""POST /api/v1/projects/<id>/stage-requests/ through projects.services.project_request_stage."""

import pytest

from projects.models import StageRequest
from projects.stages import Stage
from teams.models import Membership
from tests.api.builders import token_client
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _post(client, project, data):
    return client.post(f"/api/v1/projects/{project.pk}/stage-requests/", data, content_type="application/json")


def test_recruiter_asks_for_the_next_stage():
    member = make_member(Role.RECRUITER)
    project = make_project(member, stage=Stage.NEGOTIATION)
    to_stage = Stage.SITE_VISIT
    response = _post(token_client(member), project, {"to_stage": to_stage, "comment": "请审批"})
    assert response.status_code == 201, response.content
    assert StageRequest.objects.get(pk=response.json()["id"]).requested_by == member.user


@pytest.mark.parametrize("data", [{"to_stage": "nowhere", "comment": "x"}, {"to_stage": Stage.NEGOTIATION}, {}])
def test_bad_stage_gets_a_field_error(data):
    member = make_member(Role.RECRUITER)
    project = make_project(member, stage=Stage.NEGOTIATION)
    response = _post(token_client(member), project, data)
    assert response.status_code == 400 and "to_stage" in response.json()
    assert not StageRequest.objects.exists()


def test_other_group_404_and_read_only_403():
    member = make_member(Role.RECRUITER)
    project = make_project(member, stage=Stage.NEGOTIATION)
    assert _post(token_client(make_member(Role.RECRUITER)), project, {"to_stage": Stage.SITE_VISIT}).status_code == 404
    assert _post(token_client(member, scope="read"), project, {"to_stage": Stage.SITE_VISIT}).status_code == 403
    assert not StageRequest.objects.exists()
