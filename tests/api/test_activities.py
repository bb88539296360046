"""Contact logs (cursor pages) and follow-ups through the API: the activity pages' visibility, bounded
pages and constant queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities import services as activity_services
from api.services import token_create
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _bearer(member) -> Client:
    raw = token_create(user=member.user, name="s", scope="read", days=9)[1]
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.fixture
def people():
    leader_a = make_member(Role.TEAM_LEADER)
    leader_b = make_member(Role.TEAM_LEADER)
    return {
        "recruiter_own": make_member(Role.RECRUITER, team=leader_a.team),
        "recruiter_other": make_member(Role.RECRUITER, team=leader_b.team),
        "leader_own": leader_a, "leader_other": leader_b,
        "director": make_member(Role.DIRECTOR), "admin": make_member(Role.ADMIN),
    }  # fmt: skip


def _log_and_follow_up(member, index=0):
    project = make_project(member, stage=Stage.NEGOTIATION)
    log = activity_services.contact_log_create(
        actor=member.user, project=project, channel="video", summary=f"洽谈{index}"
    )
    follow_up = activity_services.follow_up_create(
        actor=member.user, project=project, title=f"回访{index}", due_date=timezone.localdate()
    )
    return log, follow_up


EXPECT = {
    "recruiter_own": True, "recruiter_other": False, "leader_own": True, "leader_other": False,
    "director": True, "admin": True,
}  # fmt: skip


@pytest.mark.parametrize("role", list(EXPECT))
def test_logs_and_follow_ups_visible_as_on_the_pages(people, role):
    log, follow_up = _log_and_follow_up(people["recruiter_own"])
    client = _bearer(people[role])
    logs = [row["id"] for row in client.get("/api/v1/contact-logs/").json()["results"]]
    follow_ups = [row["id"] for row in client.get("/api/v1/follow-ups/").json()["results"]]
    assert (log.pk in logs) is EXPECT[role]
    assert (follow_up.pk in follow_ups) is EXPECT[role]


def test_contact_logs_page_by_cursor(people):
    member = people["recruiter_own"]
    for index in range(3):
        _log_and_follow_up(member, index)
    client = _bearer(member)
    first = client.get("/api/v1/contact-logs/", {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == 3
    assert len(client.get("/api/v1/contact-logs/", {"page_size": 5000}).json()["results"]) == 3


@pytest.mark.parametrize("url", ["/api/v1/contact-logs/", "/api/v1/follow-ups/"])
@pytest.mark.parametrize("role", ["recruiter_own", "director"])
def test_queries_do_not_grow_with_rows(people, url, role):
    _log_and_follow_up(people["recruiter_own"])
    client = _bearer(people[role])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for index in range(10):
        _log_and_follow_up(people["recruiter_own"], index)
        _log_and_follow_up(people["recruiter_other"], index)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


def test_anonymous_refused(people):
    for url in ["/api/v1/contact-logs/", "/api/v1/follow-ups/"]:
        assert Client().get(url).status_code in (401, 403)


def _writer(member) -> Client:
    raw = token_create(user=member.user, name="w", scope="write", days=9)[1]
    return Client(headers={"authorization": f"Bearer {raw}"})


def test_a_contact_is_logged_through_the_service(people):
    member = people["recruiter_own"]
    project = make_project(member, stage=Stage.NEGOTIATION)
    response = _writer(member).post(
        "/api/v1/contact-logs/", {"project": project.pk, "channel": "video", "summary": "视频洽谈，谈用地"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["project"] == project.pk and body["author"] == member.user.pk
    project.refresh_from_db()
    assert project.last_contact_at is not None  # the service's side effect happened


def test_logging_needs_a_write_token_and_a_visible_project(people):
    project = make_project(people["recruiter_own"])
    data = {"project": project.pk, "channel": "video", "summary": "洽谈"}
    read = _bearer(people["recruiter_own"]).post("/api/v1/contact-logs/", data, content_type="application/json")
    assert read.status_code == 403
    other = _writer(people["recruiter_other"]).post("/api/v1/contact-logs/", data, content_type="application/json")
    assert other.status_code == 400 and "project" in other.json()
    admin = _writer(people["admin"]).post("/api/v1/contact-logs/", data, content_type="application/json")
    assert admin.status_code == 403  # the service: administrators do not log contacts
    assert not project.contact_logs.exists() if hasattr(project, "contact_logs") else True


@pytest.mark.parametrize(("data", "field"), [
    ({"channel": "video", "summary": "洽谈"}, "project"),
    ({"channel": "pigeon", "summary": "洽谈"}, "channel"),
    ({"channel": "video", "summary": ""}, "summary"),
    ({"channel": "video", "summary": "x", "duration_minutes": 100000}, "duration_minutes"),
    ({"channel": "video", "summary": "x", "occurred_at": "2099-01-01T10:00:00+08:00"}, "occurred_at"),
])  # fmt: skip
def test_bad_log_input_gets_field_errors(people, data, field):
    project = make_project(people["recruiter_own"])
    if field != "project":
        data = {**data, "project": project.pk}
    response = _writer(people["recruiter_own"]).post("/api/v1/contact-logs/", data, content_type="application/json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body, body
