"""A target becomes a lead (a project at 线索) in one submit, through the project service: registered for
the owner group, refused with its message when another group holds the company — and then nothing is left
behind — and remembered by the target."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chainmap import services
from crm.models import Company, Registration
from crm.services import RegistrationConflict
from projects.models import Project, ProjectEvent
from projects.stages import Stage
from tests.projects.builders import make_company

pytestmark = pytest.mark.django_db


def _register(company: Company, member) -> Registration:
    now = timezone.now()
    return Registration.objects.create(company=company, team=member.team, registered_by=member.user,
                                       registered_at=now, expires_at=now + timedelta(days=180))  # fmt: skip


def test_a_recruiter_turns_a_target_into_a_lead_of_their_group(client, chain_world):
    recruiter, target = chain_world["people"]["recruiter_a"], chain_world["targets"][0]
    client.force_login(recruiter.user)
    url = reverse("chainmap:target_lead", args=[target.pk])
    assert "浙江中控技术股份有限公司" in client.get(url).content.decode()
    response = client.post(url, {"name": "中控工业软件项目"})
    project = Project.objects.get(name="中控工业软件项目")
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.stage == Stage.LEAD and project.owner_team == recruiter.team and project.owner == recruiter.user
    assert project.chain == chain_world["chain"] and project.chain_link == chain_world["links"]["gap"]
    assert project.company.name == "浙江中控技术股份有限公司"
    assert Registration.objects.get(company=project.company).team == recruiter.team
    created = project.events.get(kind=ProjectEvent.Kind.CREATED)
    assert "招商图谱" in created.comment and "浙江中控技术股份有限公司" in created.comment
    target.refresh_from_db()
    assert target.project == project


def test_the_lead_moves_the_link_from_gap_to_thin(chain_world):
    from chainmap.selectors import Strength, chain_map

    director = chain_world["people"]["director"].user
    services.target_turn_into_lead(actor=chain_world["people"]["recruiter_a"].user, target=chain_world["targets"][0])
    cells = {cell.link.pk: cell for cell in chain_map(director, chain_world["chain"]).cells}
    assert cells[chain_world["links"]["gap"].pk].strength == Strength.THIN


def test_a_company_another_group_holds_is_refused_and_nothing_is_left_behind(client, chain_world):
    people, target = chain_world["people"], chain_world["targets"][2]
    company = make_company("汇川技术有限公司", created_by=people["recruiter_b"].user)  # the same, normalised
    _register(company, people["recruiter_b"])
    before = (
        Project.objects.count(),
        Company.objects.count(),
        Registration.objects.count(),
        ProjectEvent.objects.count(),
    )
    client.force_login(people["recruiter_a"].user)
    response = client.post(reverse("chainmap:target_lead", args=[target.pk]), {"name": "汇川电驱项目"},
                           HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "has registered 汇川技术有限公司" in page and 'id="registration-conflict"' in page
    after = (
        Project.objects.count(),
        Company.objects.count(),
        Registration.objects.count(),
        ProjectEvent.objects.count(),
    )
    assert after == before
    target.refresh_from_db()
    assert target.project is None
    with pytest.raises(RegistrationConflict):
        services.target_turn_into_lead(actor=people["recruiter_a"].user, target=target)
    assert Project.objects.count() == before[0]


def test_a_new_company_is_not_left_behind_when_the_lead_fails(chain_world, monkeypatch):
    """All or nothing: a failure after the company was created rolls the company back too."""
    from projects import services as project_services

    def refuse(**kwargs):
        raise ValidationError({"name": "no"})

    monkeypatch.setattr(project_services, "project_create", refuse)
    companies = Company.objects.count()
    with pytest.raises(ValidationError):
        services.target_turn_into_lead(
            actor=chain_world["people"]["recruiter_a"].user, target=chain_world["targets"][0]
        )
    assert Company.objects.count() == companies


def test_the_holding_group_itself_may_turn_it_into_a_lead(chain_world):
    people, target = chain_world["people"], chain_world["targets"][2]
    company = make_company("汇川技术股份有限公司", created_by=people["recruiter_b"].user)
    _register(company, people["recruiter_b"])
    project = services.target_turn_into_lead(actor=people["recruiter_b"].user, target=target)
    assert project.company == company  # the existing company, not a second one


def test_a_director_chooses_the_owner_group(client, chain_world):
    people, target = chain_world["people"], chain_world["targets"][1]
    client.force_login(people["director"].user)
    url = reverse("chainmap:target_lead", args=[target.pk])
    assert client.post(url, {"name": "宝信项目"}).status_code == 400  # no group chosen
    assert not Project.objects.filter(name="宝信项目").exists()
    response = client.post(url, {"name": "宝信项目", "owner_team": people["leader_a"].team_id})
    assert response.status_code == 302
    project = Project.objects.get(name="宝信项目")
    assert (
        project.owner_team == people["leader_a"].team
        and project.owner == people["leader_a"].user
        and project.created_by == people["director"].user
    )


def test_a_target_becomes_a_project_once(client, chain_world):
    recruiter, target = chain_world["people"]["recruiter_a"], chain_world["targets"][0]
    services.target_turn_into_lead(actor=recruiter.user, target=target)
    with pytest.raises(ValidationError):
        services.target_turn_into_lead(actor=recruiter.user, target=target)
    client.force_login(recruiter.user)
    response = client.post(reverse("chainmap:target_lead", args=[target.pk]), {"name": "再来一次"})
    assert response.status_code == 302 and Project.objects.filter(chain_link=target.link).count() == 3


@pytest.mark.parametrize("who", ["admin"])
def test_who_cannot_create_projects_cannot_turn_targets_into_leads(client, chain_world, who):
    person, target = chain_world["people"][who], chain_world["targets"][0]
    with pytest.raises(PermissionDenied):
        services.target_turn_into_lead(actor=person.user, target=target)
    client.force_login(person.user)
    assert client.post(reverse("chainmap:target_lead", args=[target.pk]), {"name": "项目"}).status_code == 403
    assert client.get(reverse("chainmap:target_list")).status_code == 200
