"""The stage machine: who may ask for which move, who signs it off, what a decision changes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from projects import permissions, services
from projects.models import Project, ProjectEvent, ProjectIncrement, StageRequest
from projects.stages import STAGE_TABLE, Approver, Stage
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


def test_the_stage_table_puts_the_three_commitment_gates_with_directors():
    director_gates = {stage for stage, rule in STAGE_TABLE.items() if rule.approver == Approver.DIRECTOR}
    assert director_gates == {Stage.INTENTION, Stage.SIGNED, Stage.CONSTRUCTION}
    assert list(STAGE_TABLE) == list(Stage)


def test_recruiter_asks_and_group_leader_approves_an_early_move(team_people):
    recruiter, leader = team_people["recruiter"], team_people["leader"]
    project = make_project(recruiter)
    request = services.project_request_stage(
        actor=recruiter.user, project=project, to_stage=Stage.CONTACT, comment="刘总回电，约了视频"
    )
    assert request.status == StageRequest.Status.PENDING
    project.refresh_from_db()
    assert project.stage == Stage.LEAD

    services.stage_request_decide(actor=leader.user, request=request, approve=True, comment="同意")
    project.refresh_from_db()
    request.refresh_from_db()
    assert project.stage == Stage.CONTACT
    assert (request.status, request.decided_by) == (StageRequest.Status.APPROVED, leader.user)
    kinds = list(project.events.order_by("pk").values_list("kind", "actor"))
    assert kinds == [("stage_requested", recruiter.user.pk), ("stage_approved", leader.user.pk)]


def test_group_leader_cannot_sign_off_the_commitment_gates_but_a_deputy_director_can(team_people):
    recruiter, leader, deputy = team_people["recruiter"], team_people["leader"], team_people["deputy"]
    project = make_project(recruiter, stage=Stage.SITE_VISIT)
    request = services.project_request_stage(
        actor=recruiter.user, project=project, to_stage=Stage.INTENTION, comment="框架协议已谈妥"
    )
    assert not permissions.can_decide_stage_request(leader.user, request)
    with pytest.raises(PermissionDenied):
        services.stage_request_decide(actor=leader.user, request=request, approve=True)
    services.stage_request_decide(actor=deputy.user, request=request, approve=True)
    project.refresh_from_db()
    assert project.stage == Stage.INTENTION


@pytest.mark.parametrize("gate", [Stage.INTENTION, Stage.SIGNED, Stage.CONSTRUCTION])
def test_a_leaders_own_request_into_a_gate_waits_for_a_director(team_people, gate):
    leader = team_people["leader"]
    before = list(Stage)[list(Stage).index(gate) - 1]
    project = make_project(leader, stage=before)
    request = services.project_request_stage(actor=leader.user, project=project, to_stage=gate, comment="请主任签批")
    assert request.status == StageRequest.Status.PENDING


def test_a_leaders_own_early_move_applies_at_once_and_is_on_record(team_people):
    leader = team_people["leader"]
    project = make_project(leader)
    request = services.project_request_stage(
        actor=leader.user, project=project, to_stage=Stage.CONTACT, comment="已接洽"
    )
    project.refresh_from_db()
    assert request.status == StageRequest.Status.APPROVED and request.decided_by == leader.user
    assert project.stage == Stage.CONTACT
    assert project.events.filter(kind=ProjectEvent.Kind.STAGE_APPROVED, actor=leader.user).exists()


def test_recruiter_cannot_decide_or_skip(team_people):
    recruiter, colleague = team_people["recruiter"], team_people["colleague"]
    project = make_project(recruiter)
    with pytest.raises(ValidationError) as error:
        services.project_request_stage(actor=recruiter.user, project=project, to_stage=Stage.NEGOTIATION, comment="跳")
    assert "to_stage" in error.value.message_dict
    request = services.project_request_stage(actor=recruiter.user, project=project, to_stage=Stage.CONTACT, comment="x")
    with pytest.raises(PermissionDenied):
        services.stage_request_decide(actor=colleague.user, request=request, approve=True)
    with pytest.raises(PermissionDenied):
        services.stage_request_decide(actor=recruiter.user, request=request, approve=True)


def test_only_a_director_skips_stages_and_must_say_why(team_people):
    director, deputy = team_people["director"], team_people["deputy"]
    project = make_project(team_people["recruiter"])
    with pytest.raises(ValidationError):
        services.project_request_stage(actor=deputy.user, project=project, to_stage=Stage.SIGNED, comment="快")
    with pytest.raises(ValidationError) as error:
        services.project_request_stage(actor=director.user, project=project, to_stage=Stage.SIGNED, comment=" ")
    assert "comment" in error.value.message_dict
    request = services.project_request_stage(
        actor=director.user, project=project, to_stage=Stage.SIGNED, comment="签约仪式已举行，补录"
    )
    project.refresh_from_db()
    assert request.is_skip and request.status == StageRequest.Status.APPROVED
    assert project.stage == Stage.SIGNED and project.signed_on == timezone.localdate()


def test_other_groups_cannot_ask_for_moves(team_people, other_group):
    project = make_project(team_people["recruiter"])
    with pytest.raises(PermissionDenied):
        services.project_request_stage(
            actor=other_group["recruiter"].user, project=project, to_stage=Stage.CONTACT, comment="x"
        )
    with pytest.raises(PermissionDenied):
        services.project_request_stage(
            actor=team_people["admin"].user, project=project, to_stage=Stage.CONTACT, comment="x"
        )


def test_rejection_needs_a_comment_and_leaves_the_stage(team_people):
    recruiter, leader = team_people["recruiter"], team_people["leader"]
    project = make_project(recruiter)
    request = services.project_request_stage(actor=recruiter.user, project=project, to_stage=Stage.CONTACT, comment="x")
    with pytest.raises(ValidationError):
        services.stage_request_decide(actor=leader.user, request=request, approve=False, comment="")
    services.stage_request_decide(actor=leader.user, request=request, approve=False, comment="还没真正联系上")
    project.refresh_from_db()
    request.refresh_from_db()
    assert project.stage == Stage.LEAD and request.status == StageRequest.Status.REJECTED
    assert request.decision_comment == "还没真正联系上"


def test_one_pending_request_per_project(team_people):
    recruiter, colleague = team_people["recruiter"], team_people["colleague"]
    project = make_project(recruiter)
    services.project_request_stage(actor=recruiter.user, project=project, to_stage=Stage.CONTACT, comment="x")
    with pytest.raises(ValidationError) as error:
        services.project_request_stage(actor=colleague.user, project=project, to_stage=Stage.CONTACT, comment="y")
    assert error.value.code == "pending"


def test_a_decided_request_cannot_be_decided_again(team_people):
    recruiter, leader, director = team_people["recruiter"], team_people["leader"], team_people["director"]
    project = make_project(recruiter)
    request = services.project_request_stage(actor=recruiter.user, project=project, to_stage=Stage.CONTACT, comment="x")
    services.stage_request_decide(actor=leader.user, request=request, approve=True)
    with pytest.raises(ValidationError) as error:
        services.stage_request_decide(actor=director.user, request=request, approve=False, comment="no")
    assert error.value.code == "already_decided"
    assert StageRequest.objects.get(pk=request.pk).decided_by == leader.user


def test_first_signing_date_is_kept_when_the_project_moves_back_and_signs_again(team_people):
    director = team_people["director"]
    project = make_project(team_people["recruiter"], stage=Stage.INTENTION)
    services.project_request_stage(actor=director.user, project=project, to_stage=Stage.SIGNED, comment="签约")
    Project.objects.filter(pk=project.pk).update(signed_on="2025-03-05")
    services.project_request_stage(actor=director.user, project=project, to_stage=Stage.INTENTION, comment="合同重谈")
    services.project_request_stage(actor=director.user, project=project, to_stage=Stage.SIGNED, comment="重新签约")
    project.refresh_from_db()
    assert str(project.signed_on) == "2025-03-05"


def test_pausing_needs_a_reason_withdraws_the_pending_request_and_blocks_moves(team_people):
    recruiter = team_people["recruiter"]
    project = make_project(recruiter)
    request = services.project_request_stage(actor=recruiter.user, project=project, to_stage=Stage.CONTACT, comment="x")
    with pytest.raises(ValidationError):
        services.project_set_status(actor=recruiter.user, project=project, status=Project.Status.PAUSED, reason="")
    services.project_set_status(
        actor=recruiter.user, project=project, status=Project.Status.PAUSED, reason="投资方资金链紧张"
    )
    request.refresh_from_db()
    project.refresh_from_db()
    assert request.status == StageRequest.Status.CANCELLED
    assert project.status_reason == "投资方资金链紧张"
    with pytest.raises(PermissionDenied):
        services.project_request_stage(actor=recruiter.user, project=project, to_stage=Stage.CONTACT, comment="x")
    services.project_set_status(actor=recruiter.user, project=project, status=Project.Status.ACTIVE)
    project.refresh_from_db()
    assert project.is_active and project.status_reason == ""


def test_capital_increase_is_recorded_on_the_signed_project_not_as_a_new_one(team_people):
    recruiter = team_people["recruiter"]
    lead = make_project(recruiter)
    with pytest.raises(PermissionDenied):
        services.project_record_increment(actor=recruiter.user, project=lead, amount=1000, signed_on="2026-05-01")
    signed = make_project(recruiter, stage=Stage.SIGNED, signed_on="2026-03-01")
    before = Project.objects.count()
    services.project_record_increment(
        actor=recruiter.user, project=signed, amount=20000, signed_on=timezone.localdate(), note="二期扩产"
    )
    assert Project.objects.count() == before
    assert ProjectIncrement.objects.get(project=signed).amount == 20000
    assert signed.events.filter(kind=ProjectEvent.Kind.INCREMENT).exists()
