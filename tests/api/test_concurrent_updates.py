"""Two PATCHes of one project with the same version, at the same time, against PostgreSQL: the row lock in
projects.services.project_update lets exactly one save; the other answers 409 with the new version, and
resending with it saves as well: nothing is lost."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from api.services import token_create
from projects import services as project_services
from projects.models import Project
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

Role = Membership.Role


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def slow_save(monkeypatch):
    """Hold the row lock a moment after the version check, so the second request surely waits on it."""
    check = project_services._check_plan_dates

    def slowly(fields: dict) -> None:
        time.sleep(0.3)
        check(fields)

    monkeypatch.setattr(project_services, "_check_plan_dates", slowly)


def _client(member) -> Client:
    raw = token_create(user=member.user, name="并发", scope="write", days=9)[1]
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.mark.django_db(transaction=True)
def test_two_patches_with_one_version_give_one_save_and_one_409(slow_save):
    recruiter = make_member(Role.RECRUITER)
    colleague = make_member(Role.RECRUITER, team=recruiter.team)
    project = make_project(recruiter, name="智能底盘项目", product="底盘")
    version = project.version
    edits = {"recruiter": {"name": "智能底盘二期"}, "colleague": {"product": "线控底盘"}}
    clients = {"recruiter": _client(recruiter), "colleague": _client(colleague)}
    start, answers = threading.Barrier(2), {}

    def patch(who: str) -> None:
        try:
            start.wait(timeout=10)
            answers[who] = clients[who].patch(
                f"/api/v1/projects/{project.pk}/", {**edits[who], "version": version}, content_type="application/json"
            )
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=patch, args=(who,)) for who in edits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(answer.status_code for answer in answers.values()) == [200, 409], answers
    (winner,) = [who for who, answer in answers.items() if answer.status_code == 200]
    (loser,) = [who for who, answer in answers.items() if answer.status_code == 409]
    saved = Project.objects.get(pk=project.pk)
    assert saved.version == version + 1
    assert answers[loser].json()["version"] == saved.version
    for field, value in edits[winner].items():
        assert getattr(saved, field) == value
    for field in edits[loser]:
        assert getattr(saved, field) == getattr(project, field)  # the loser's edit did not overwrite silently

    again = clients[loser].patch(
        f"/api/v1/projects/{project.pk}/", {**edits[loser], "version": answers[loser].json()["version"]},
        content_type="application/json",
    )  # fmt: skip
    assert again.status_code == 200, again.content
    final = Project.objects.get(pk=project.pk)
    assert final.version == version + 2
    for field, value in {**edits["recruiter"], **edits["colleague"]}.items():
        assert getattr(final, field) == value  # both edits kept
