"""The sign-off inbox and decisions through the API: projects.selectors.signoff_inbox_for_user and
projects.services.stage_request_decide, with the page's 404 (project not visible) and 403 (may not decide)."""

import pytest
from django.test import Client

from projects.models import Project, StageRequest
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


@pytest.fixture
def world():
    leader = make_member(Role.TEAM_LEADER, display_name="周建国")
    recruiter = make_member(Role.RECRUITER, team=leader.team, display_name="徐磊")
    project = make_project(recruiter, stage=Stage.NEGOTIATION, name="智能底盘项目")
    early = StageRequest.objects.create(
        project=project, from_stage=Stage.NEGOTIATION, to_stage=Stage.SITE_VISIT, comment="请审批",
        requested_by=recruiter.user,
    )  # fmt: skip
    late_project = make_project(recruiter, stage=Stage.SITE_VISIT, name="储能电池项目")
    late = StageRequest.objects.create(
        project=late_project, from_stage=Stage.SITE_VISIT, to_stage=Stage.INTENTION, comment="签意向",
        requested_by=recruiter.user,
    )  # fmt: skip
    return {"leader": leader, "recruiter": recruiter, "early": early, "late": late}


def _decide(client, stage_request, data):
    return client.post(f"/api/v1/stage-requests/{stage_request.pk}/decide/", data, content_type="application/json")


def test_the_inbox_lists_what_each_person_may_decide(world):
    def inbox(member) -> set[int]:
        return {row["id"] for row in token_client(member, "read").get("/api/v1/stage-requests/").json()["results"]}

    assert inbox(world["leader"]) == {world["early"].pk}  # the group leader: the early move only
    assert inbox(make_member(Role.DIRECTOR)) == {world["early"].pk, world["late"].pk}
    assert inbox(make_member(Role.DEPUTY_DIRECTOR)) == {world["early"].pk, world["late"].pk}
    assert inbox(world["recruiter"]) == set()
    assert inbox(make_member(Role.TEAM_LEADER)) == set()
    row = token_client(world["leader"], "read").get("/api/v1/stage-requests/").json()["results"][0]
    assert row["project_name"] == "智能底盘项目" and row["requested_by_name"] == "徐磊"


def test_the_group_leader_approves_and_the_project_moves(world):
    response = _decide(token_client(world["leader"]), world["early"], {"approve": True, "comment": "同意"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == StageRequest.Status.APPROVED
    assert Project.objects.get(pk=world["early"].project_id).stage == Stage.SITE_VISIT


def test_rejecting_needs_a_comment_and_a_second_decision_is_a_conflict(world):
    client = token_client(make_member(Role.DIRECTOR))
    response = _decide(client, world["late"], {"approve": False})
    assert response.status_code == 400 and "comment" in response.json()
    assert StageRequest.objects.get(pk=world["late"].pk).status == StageRequest.Status.PENDING
    assert _decide(client, world["late"], {"approve": False, "comment": "材料不全"}).status_code == 200
    again = _decide(client, world["late"], {"approve": True, "comment": ""})
    assert again.status_code == 409 and again.json()["detail"]
    late = StageRequest.objects.get(pk=world["late"].pk)
    assert late.status == StageRequest.Status.REJECTED and late.project.stage == Stage.SITE_VISIT


@pytest.mark.parametrize("data", [{}, {"approve": "maybe"}, {"approve": True, "comment": "x" * 2001}])
def test_bad_input_gets_field_errors(world, data):
    response = _decide(token_client(world["leader"]), world["early"], data)
    assert response.status_code == 400
    assert set(response.json()) <= {"approve", "comment"}
    assert StageRequest.objects.get(pk=world["early"].pk).status == StageRequest.Status.PENDING


def test_refusals_are_the_pages(world):
    early, late = world["early"], world["late"]
    assert _decide(token_client(make_member(Role.TEAM_LEADER)), early, {"approve": True}).status_code == 404
    assert _decide(token_client(world["recruiter"]), early, {"approve": True}).status_code == 403  # own request
    assert _decide(token_client(world["leader"]), late, {"approve": True}).status_code == 403  # a director's move
    assert _decide(token_client(make_member(Role.ADMIN)), early, {"approve": True}).status_code == 403
    assert _decide(token_client(world["leader"], "read"), early, {"approve": True}).status_code == 403
    assert _decide(Client(), early, {"approve": True}).status_code in (401, 403)
    assert token_client(world["leader"]).post("/api/v1/stage-requests/999999/decide/", {}).status_code == 404
    assert StageRequest.objects.filter(status=StageRequest.Status.PENDING).count() == 2
