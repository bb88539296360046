"""The list and detail pages cost the same number of queries whatever the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects import services
from projects.stages import Stage
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(people, count):
    for index in range(count):
        project = make_project(people["recruiter"], stage=Stage.SITE_VISIT, name=f"项目{index}")
        project.collaborators.add(people["colleague"].user)
        services.project_update(
            actor=people["recruiter"].user, project=project, version=project.version, planned_investment=index * 1000
        )
        services.project_request_stage(
            actor=people["recruiter"].user, project=project, to_stage=Stage.INTENTION, comment=f"第{index}次"
        )


@pytest.mark.parametrize("person", ["director", "recruiter", "leader"])
def test_project_list_queries_do_not_grow(client, team_people, person):
    client.force_login(team_people[person].user)
    _grow(team_people, 3)
    small = _queries(client, reverse("projects:project_list"))
    _grow(team_people, 27)
    assert _queries(client, reverse("projects:project_list") + "?sort=-stage&size=1") == small
    assert _queries(client, reverse("projects:project_list")) == small


def test_project_detail_queries_do_not_grow(client, team_people):
    director = team_people["director"]
    client.force_login(director.user)
    project = make_project(team_people["recruiter"], stage=Stage.SIGNED)
    project.collaborators.add(team_people["colleague"].user)
    small = _queries(client, reverse("projects:project_detail", args=[project.pk]))
    for index in range(15):
        project.refresh_from_db()
        services.project_update(actor=director.user, project=project, version=project.version, planned_investment=index)
        services.project_record_increment(
            actor=director.user, project=project, amount=100 + index, signed_on="2026-05-01"
        )
        project.collaborators.add(make_project(team_people["colleague"]).owner)
    assert _queries(client, reverse("projects:project_detail", args=[project.pk])) == small


def test_signoff_inbox_queries_do_not_grow(client, team_people):
    client.force_login(team_people["director"].user)
    _grow(team_people, 2)
    small = _queries(client, reverse("projects:signoff_inbox"))
    _grow(team_people, 20)
    assert _queries(client, reverse("projects:signoff_inbox")) == small


def _hire(count: int) -> None:
    """`count` more people: each group of four has a leader and three recruiters."""
    from teams.models import Membership
    from tests.factories import make_member

    for index in range(count):
        if index % 4 == 0:
            team = make_member(Membership.Role.TEAM_LEADER).team
        else:
            make_member(Membership.Role.RECRUITER, team=team)


@pytest.mark.parametrize("person", ["director", "recruiter"])
def test_project_pages_queries_do_not_grow_with_headcount(client, team_people, person):
    client.force_login(team_people[person].user)
    _grow(team_people, 3)
    project = make_project(team_people["recruiter"])
    pages = [
        reverse("projects:project_list"),
        reverse("projects:project_create"),
        reverse("projects:project_edit", args=[project.pk]),
    ]
    _hire(5)
    small = [_queries(client, url) for url in pages]
    _hire(45)
    assert [_queries(client, url) for url in pages] == small
