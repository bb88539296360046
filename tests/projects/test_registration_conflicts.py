"""报备/撞单: a new project for an investor another group holds is stopped, claimed, and decided."""

import pytest
from django.urls import reverse

from crm.models import Company, ConflictClaim, Registration
from projects import services
from projects.models import Project
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


def _create(client, person, company_name, **extra):
    client.force_login(person.user)
    data = {"company_name": company_name, "name": "新项目", "channel": "industry_chain", "planned_investment": "10000"}
    return client.post(reverse("projects:project_create"), data | extra, HTTP_ACCEPT_LANGUAGE="en")


def test_creating_a_project_registers_the_investor_for_the_group(client, team_people):
    response = _create(
        client, team_people["recruiter"], "扬州智能底盘科技（中国）有限公司", company_credit_code="91320000134776283T"
    )
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.owner_team == team_people["recruiter"].team and project.owner == team_people["recruiter"].user
    assert project.company.credit_code == "91320000134776283T"
    registration = Registration.objects.get(company=project.company)
    assert registration.team == project.owner_team and registration.is_protecting
    assert project.events.filter(kind="created").exists()


@pytest.mark.parametrize(
    "variant",
    [
        "扬州智能底盘科技有限公司",
        "扬州智能底盘科技 (中国) 有限公司",
        "扬州智能底盘科技集团",
        "扬州智能底盘科技股份有限公司",
    ],
)
def test_another_group_is_stopped_on_a_name_variant_and_sees_who_holds_it(client, team_people, other_group, variant):
    _create(client, team_people["recruiter"], "扬州智能底盘科技（中国）有限公司")
    response = _create(client, other_group["recruiter"], variant)
    assert response.status_code == 200
    page = response.content.decode()
    assert "registration-conflict" in page and team_people["recruiter"].team.name in page and "徐磊" in page
    assert Project.objects.count() == 1 and Company.objects.count() == 1


def test_the_same_credit_code_under_another_name_is_the_same_investor(client, team_people, other_group):
    _create(client, team_people["recruiter"], "智能底盘科技有限公司", company_credit_code="91320000134776283T")
    response = _create(
        client, other_group["recruiter"], "完全不同的名字有限公司", company_credit_code="91320000134776283T"
    )
    assert "registration-conflict" in response.content.decode()
    assert Project.objects.count() == 1


def test_after_the_protection_period_another_group_may_take_the_investor(client, team_people, other_group):
    _create(client, team_people["recruiter"], "扬州智能底盘科技有限公司")
    Registration.objects.update(expires_at="2020-01-01T00:00:00Z")
    response = _create(client, other_group["recruiter"], "扬州智能底盘科技有限公司")
    assert response.status_code == 302
    assert Project.objects.count() == 2


def test_the_same_group_may_open_a_second_project_with_its_investor(client, team_people):
    _create(client, team_people["recruiter"], "扬州智能底盘科技有限公司")
    assert _create(client, team_people["colleague"], "扬州智能底盘科技有限公司", name="二期").status_code == 302
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("decision", ["keep", "transfer", "share"])
def test_the_directors_decision_on_a_claim(client, team_people, other_group, decision):
    holder, claimant = team_people["recruiter"], other_group["recruiter"]
    _create(client, holder, "扬州智能底盘科技有限公司")
    project = Project.objects.get()
    company = project.company
    client.force_login(claimant.user)
    client.post(reverse("crm:conflict_claim_create", args=[company.pk]), {"reason": "我们先接触的刘总，有微信记录"})
    claim = ConflictClaim.objects.get()

    client.force_login(team_people["director"].user)
    assert "扬州智能底盘科技有限公司" in client.get(reverse("projects:conflict_queue")).content.decode()
    client.post(
        reverse("projects:conflict_claim_decide", args=[claim.pk]), {"decision": decision, "comment": "按报备规则"}
    )

    claim.refresh_from_db()
    project.refresh_from_db()
    assert claim.decision == decision and claim.decided_by == team_people["director"].user
    claimant_may_create = _create(client, claimant, "扬州智能底盘科技有限公司", name="撞单后项目").status_code == 302
    if decision == "keep":
        assert project.owner_team == holder.team and not claimant_may_create
    elif decision == "transfer":
        assert project.owner_team == claimant.team and project.owner == claimant.user
        assert project.events.filter(kind="transferred").exists()
        assert claimant_may_create
    else:
        assert project.owner_team == holder.team and claimant_may_create
        assert Registration.objects.filter(company=company, status="active").count() == 2


def test_recruiters_cannot_decide_claims(client, team_people, other_group):
    _create(client, team_people["recruiter"], "扬州智能底盘科技有限公司")
    company = Company.objects.get()
    client.force_login(other_group["recruiter"].user)
    client.post(reverse("crm:conflict_claim_create", args=[company.pk]), {"reason": "x"})
    claim = ConflictClaim.objects.get()
    for person in (team_people["leader"], other_group["recruiter"], team_people["admin"]):
        client.force_login(person.user)
        assert client.get(reverse("projects:conflict_queue")).status_code == 403
        response = client.post(reverse("projects:conflict_claim_decide", args=[claim.pk]), {"decision": "transfer"})
        assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == ConflictClaim.Status.PENDING


def test_director_creating_a_project_chooses_the_group(team_people):
    director, recruiter = team_people["director"], team_people["recruiter"]
    project = services.project_create_for_investor(
        actor=director.user, company_name="氢能高架缆车有限公司", name="氢能高架缆车项目", owner_team=recruiter.team,
        owner=recruiter.user, planned_investment=80000,
    )  # fmt: skip
    assert project.owner_team == recruiter.team
    assert make_project(recruiter).owner_team == recruiter.team


def test_a_group_with_a_pending_claim_is_not_offered_another_and_cannot_file_one(client, team_people, other_group):
    from django.core.exceptions import ValidationError

    from crm import services as crm_services

    _create(client, team_people["recruiter"], "扬州智能底盘科技（中国）有限公司")
    claimant = other_group["recruiter"]
    company = Company.objects.get()
    response = _create(client, claimant, "扬州智能底盘科技有限公司")
    assert 'id="claim-reason"' in response.content.decode()  # first time: the claim form is offered
    crm_services.conflict_claim_file(actor=claimant.user, company=company, reason="我们先接触的刘总")
    page = _create(client, claimant, "扬州智能底盘科技有限公司").content.decode()
    assert 'id="pending-claim"' in page and 'id="claim-reason"' not in page
    with pytest.raises(ValidationError, match="already has a pending claim"):
        crm_services.conflict_claim_file(actor=claimant.user, company=company, reason="再申请一次")
    assert ConflictClaim.objects.count() == 1
