"""Editing a project: lost updates refused, bad input answered with field errors, history kept."""

import pytest
from django.urls import reverse

from projects.models import Project
from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db


def _form_data(project: Project, **changes) -> dict:
    data = {
        "version": project.version,
        "name": project.name,
        "channel": project.channel,
        "planned_investment": str(project.planned_investment),
        "owner": project.owner_id,
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


def test_second_of_two_simultaneous_edits_is_refused_and_shows_current_values(client, team_people):
    recruiter, colleague = team_people["recruiter"], team_people["colleague"]
    project = make_project(recruiter, name="智能底盘项目", planned_investment=50000)
    first_form = _form_data(project, planned_investment="80000")
    second_form = _form_data(project, planned_investment="60000", name="智能底盘及感应门把手项目")

    client.force_login(recruiter.user)
    assert client.post(reverse("projects:project_edit", args=[project.pk]), first_form).status_code == 302
    client.force_login(colleague.user)
    response = client.post(reverse("projects:project_edit", args=[project.pk]), second_form, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 409
    page = response.content.decode()
    assert "Your changes were not saved" in page and "徐磊" in page
    assert 'value="80000.00"' in page  # the form now holds what is saved
    project.refresh_from_db()
    assert (project.planned_investment, project.name, project.version) == (80000, "智能底盘项目", 2)


def test_every_field_change_is_kept_in_the_audit_history(client, team_people):
    recruiter = team_people["recruiter"]
    project = make_project(recruiter, planned_investment=50000)
    client.force_login(recruiter.user)
    client.post(reverse("projects:project_edit", args=[project.pk]), _form_data(project, planned_investment="200000"))
    page = client.get(reverse("projects:project_detail", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "50000.00 → 200000.00" in page
    assert project.history.count() == 2
    assert project.history.first().history_user == recruiter.user


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"planned_investment": "-100"}, "planned_investment", "cannot be negative"),
        ({"planned_investment": "500000000"}, "planned_investment", "1万亿元"),
        ({"channel": "referral"}, "referrer", "choose the company that made the introduction"),
        ({"ceiling_height_m": "0"}, "ceiling_height_m", "lower than 2 m"),
        ({"funds_in_place": "-1"}, "funds_in_place", "cannot be negative"),
        ({"name": ""}, "name", "required"),
    ],
)
def test_bad_input_gets_a_field_error_and_saves_nothing(client, team_people, changes, field, message):
    recruiter = team_people["recruiter"]
    project = make_project(recruiter, planned_investment=50000)
    client.force_login(recruiter.user)
    response = client.post(
        reverse("projects:project_edit", args=[project.pk]), _form_data(project, **changes), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    project.refresh_from_db()
    assert project.version == 1 and project.planned_investment == 50000


def test_referral_with_a_referrer_is_accepted(client, team_people):
    recruiter = team_people["recruiter"]
    project = make_project(recruiter)
    referrer = make_company("恒盛智谷产业社区运营有限公司")
    client.force_login(recruiter.user)
    response = client.post(
        reverse("projects:project_edit", args=[project.pk]),
        _form_data(project, channel="referral", referrer=referrer.pk),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.referrer == referrer


def test_owner_must_belong_to_the_owner_group(client, team_people, other_group):
    recruiter = team_people["recruiter"]
    project = make_project(recruiter)
    client.force_login(team_people["director"].user)
    response = client.post(
        reverse("projects:project_edit", args=[project.pk]), _form_data(project, owner=other_group["recruiter"].user.pk)
    )
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    project.refresh_from_db()
    assert project.owner == recruiter.user
