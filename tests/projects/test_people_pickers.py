"""People pickers name people by display name (· group) and offer only group members as owners."""

import pytest
from django.urls import reverse

from projects.forms import ProjectCreateForm, ProjectEditForm, ProjectFilterForm
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsiders(db):
    """People who must never be offered as owners (a group role requires a group, so "no group" is the
    center roles of team_people): gone, or a bare login without a profile."""
    from tests.factories import UserFactory

    teamless = UserFactory(username="bare_login")
    left = make_member(Membership.Role.RECRUITER, display_name="已离职")
    left.user.is_active = False
    left.user.save()
    return {"teamless": teamless, "left": left}


def _labels(field) -> dict[int, str]:
    return {int(value.value): label for value, label in field.choices if value}


def test_owner_and_collaborator_pickers_offer_only_active_group_members(team_people, outsiders):
    form = ProjectCreateForm(choose_team=True)
    recruiter = team_people["recruiter"]
    for name in ("owner", "collaborators"):
        labels = _labels(form.fields[name])
        assert labels[recruiter.user.pk] == f"徐磊 · {recruiter.team.name}"
        for person in ("director", "deputy", "admin"):
            assert team_people[person].user.pk not in labels
        assert outsiders["teamless"].pk not in labels
        assert outsiders["left"].user.pk not in labels


def test_project_list_owner_filter_names_people_not_logins(client, team_people, outsiders):
    make_project(team_people["recruiter"])
    client.force_login(team_people["director"].user)
    recruiter = team_people["recruiter"]
    page = client.get(reverse("projects:project_list")).content.decode()
    assert "徐磊" not in page.split('id="project-results"')[0]  # the filter lists nobody: it searches
    page = client.get(reverse("projects:project_list"), {"owner": recruiter.user.pk}).content.decode()
    labels = _labels(ProjectFilterForm().fields["owner"])

    assert f'value="徐磊 · {recruiter.team.name}"' in page  # the chosen owner, by name
    for person in ("director", "admin", "recruiter", "leader"):
        assert f">{team_people[person].user.username}<" not in page
    assert team_people["admin"].user.pk not in labels and team_people["director"].user.pk not in labels
    assert outsiders["teamless"].pk not in labels
    # A member who left still owns projects: the filter keeps them findable.
    assert outsiders["left"].user.pk in labels


def test_an_administrator_cannot_be_made_owner(client, team_people):
    project = make_project(team_people["recruiter"])
    client.force_login(team_people["director"].user)
    response = client.post(
        reverse("projects:project_edit", args=[project.pk]),
        {"version": project.version, "name": project.name, "channel": project.channel,
         "planned_investment": "1", "owner": team_people["admin"].user.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    project.refresh_from_db()
    assert project.owner == team_people["recruiter"].user


def test_edit_form_owner_picker_is_the_owner_group(team_people, other_group):
    project = make_project(team_people["recruiter"])
    labels = _labels(ProjectEditForm(instance=project, team=project.owner_team).fields["owner"])
    assert team_people["colleague"].user.pk in labels
    assert other_group["recruiter"].user.pk not in labels
