"""Moves from the board go through projects.services.project_request_stage: the same rules, sign-offs and
refusals as the project page, for each role; the answer redraws the board where the project now is."""

import pytest
from django.urls import reverse

from projects.models import Project, StageRequest
from projects.stages import Stage
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_ACCEPT_LANGUAGE": "en"}


def _move(client, user, project, to_stage, comment="客户确认，可以推进", **extra):
    client.force_login(user)
    data = {"to_stage": to_stage, "comment": comment, **extra}
    return client.post(reverse("board:board_move", args=[project.pk]), data, **HTMX)


def _card_column(html: str, project: Project) -> str:
    """The stage of the column the board shows the card in."""
    before = html[: html.index(f'id="card-{project.pk}"')]
    return before[before.rindex('data-stage="') + len('data-stage="') :].split('"', 1)[0]


def test_recruiter_move_waits_for_the_group_leader_and_shows_pending(client, team_people):
    project = make_project(team_people["recruiter"])
    response = _move(client, team_people["recruiter"].user, project, Stage.CONTACT)
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.stage == Stage.LEAD
    html = response.content.decode()
    assert 'data-board-outcome="pending"' in html
    assert "Awaiting sign-off" in html and _card_column(html, project) == Stage.LEAD
    assert project.stage_requests.get().status == StageRequest.Status.PENDING


def test_group_leader_moves_an_early_stage_at_once(client, team_people):
    project = make_project(team_people["recruiter"], stage=Stage.CONTACT)
    response = _move(client, team_people["leader"].user, project, Stage.NEGOTIATION)
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.stage == Stage.NEGOTIATION
    html = response.content.decode()
    assert 'data-board-outcome="moved"' in html and _card_column(html, project) == Stage.NEGOTIATION


def test_group_leader_move_into_intention_waits_for_a_director(client, team_people):
    project = make_project(team_people["recruiter"], stage=Stage.SITE_VISIT)
    response = _move(client, team_people["leader"].user, project, Stage.INTENTION)
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.stage == Stage.SITE_VISIT
    html = response.content.decode()
    assert 'data-board-outcome="pending"' in html and "Awaiting sign-off → Intention" in html
    assert _card_column(html, project) == Stage.SITE_VISIT


def test_director_moves_into_intention_and_may_skip(client, team_people):
    project = make_project(team_people["recruiter"], stage=Stage.SITE_VISIT)
    assert _move(client, team_people["director"].user, project, Stage.INTENTION).status_code == 200
    project.refresh_from_db()
    assert project.stage == Stage.INTENTION
    response = _move(client, team_people["director"].user, project, Stage.CONSTRUCTION)
    project.refresh_from_db()
    assert project.stage == Stage.CONSTRUCTION
    assert _card_column(response.content.decode(), project) == Stage.CONSTRUCTION


@pytest.mark.parametrize("role", ["recruiter", "leader"])
def test_skipping_a_stage_is_refused_with_the_services_reason(client, team_people, role):
    project = make_project(team_people["recruiter"])
    response = _move(client, team_people[role].user, project, Stage.SITE_VISIT)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-board-outcome="refused"' in html
    assert "Only a director can skip a stage or move a project back" in html
    assert _card_column(html, project) == Stage.LEAD  # snapped back
    assert not project.stage_requests.exists()


def test_a_second_request_while_one_waits_is_refused(client, team_people):
    project = make_project(team_people["recruiter"], stage=Stage.SITE_VISIT)
    _move(client, team_people["recruiter"].user, project, Stage.INTENTION)
    response = _move(client, team_people["leader"].user, project, Stage.INTENTION)
    assert response.status_code == 400
    assert "already waiting for sign-off" in response.content.decode()


def test_a_missing_comment_keeps_the_dialog_open_and_moves_nothing(client, team_people):
    project = make_project(team_people["recruiter"])
    response = _move(client, team_people["leader"].user, project, Stage.CONTACT, comment="  ")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-board-outcome="invalid"' in html and "Say why the project is ready for this move." in html
    assert 'id="board-columns"' not in html
    project.refresh_from_db()
    assert project.stage == Stage.LEAD


def test_administrator_and_deputy_of_no_group_are_refused_as_on_the_project_page(client, team_people):
    project = make_project(team_people["recruiter"])
    response = _move(client, team_people["admin"].user, project, Stage.CONTACT)
    assert response.status_code == 403
    assert "Only members of the owner group or directors can move this project." in response.content.decode()
    # a deputy director is a director for moves (as on the project page)
    assert _move(client, team_people["deputy"].user, project, Stage.CONTACT).status_code == 200


def test_another_groups_recruiter_gets_a_404(client, team_people, other_group):
    project = make_project(team_people["recruiter"])
    assert _move(client, other_group["recruiter"].user, project, Stage.CONTACT).status_code == 404


def test_a_paused_project_does_not_move_and_says_why(client, team_people):
    project = make_project(team_people["recruiter"], status=Project.Status.PAUSED, status_reason="等待用地")
    response = _move(client, team_people["leader"].user, project, Stage.CONTACT, closed="on")
    assert response.status_code == 403
    assert "resume the project first" in response.content.decode()
