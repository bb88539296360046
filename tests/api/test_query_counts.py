"""Every API endpoint, read or write, runs as many queries with ten times the rows as with one: lists are
bounded pages with their names joined in, details fetch their related rows in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities import services as activity_services
from api.services import token_create
from crm.models import Contact, Registration
from projects.models import StageRequest
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def world():
    leader_a, leader_b = make_member(Role.TEAM_LEADER), make_member(Role.TEAM_LEADER)
    people = {
        "recruiter_own": make_member(Role.RECRUITER, team=leader_a.team),
        "recruiter_other": make_member(Role.RECRUITER, team=leader_b.team),
        "leader_own": leader_a,
        "director": make_member(Role.DIRECTOR),
    }
    company = make_company("浙江智驰汽车科技有限公司", created_by=people["recruiter_own"].user)
    Registration.objects.create(
        company=company, team=leader_a.team, registered_by=people["recruiter_own"].user,
        registered_at=timezone.now(), expires_at=timezone.now() + timedelta(days=180),
    )  # fmt: skip
    project = make_project(people["recruiter_own"], stage=Stage.NEGOTIATION, company=company)
    contact = Contact.objects.create(company=company, name="刘振宇", title="总经理")
    waiting = make_project(people["recruiter_own"], stage=Stage.NEGOTIATION, company=company)
    stage_request = _ask(people["recruiter_own"], waiting)
    objects = {"project": project, "company": company, "contact": contact, "stage_request": stage_request}
    return people, objects


def _ask(member, project) -> StageRequest:
    return StageRequest.objects.create(
        project=project, from_stage=project.stage, to_stage=Stage.SITE_VISIT, comment="请审批",
        requested_by=member.user,
    )  # fmt: skip


def _grow(people: dict, objects: dict, times: int) -> None:
    """`times` more of everything, in both groups: projects with a log, a follow-up and a pending request;
    contacts and logs on the shared company and project."""
    for index in range(times):
        for role in ("recruiter_own", "recruiter_other"):
            member = people[role]
            project = make_project(member, stage=Stage.NEGOTIATION)
            activity_services.contact_log_create(actor=member.user, project=project, channel="video", summary="洽谈")
            activity_services.follow_up_create(
                actor=member.user, project=project, title="回访", due_date=timezone.localdate()
            )
            _ask(member, project)
        Contact.objects.create(company=objects["company"], name=f"联系人{index}")
        activity_services.contact_log_create(
            actor=people["recruiter_own"].user, project=objects["project"], channel="phone", summary=f"电话{index}"
        )
        make_company(f"测试企业{index}有限公司")


READS = [
    "/api/v1/projects/", "/api/v1/projects/{project}/", "/api/v1/companies/", "/api/v1/companies/{company}/",
    "/api/v1/companies/{company}/contacts/", "/api/v1/contacts/{contact}/", "/api/v1/contact-logs/",
    "/api/v1/follow-ups/", "/api/v1/stage-requests/",
]  # fmt: skip
WRITES = [
    ("patch", "/api/v1/projects/{project}/", {"name": "智能底盘二期", "version": "{version}"}),
    ("post", "/api/v1/projects/{project}/stage-requests/", {"to_stage": Stage.SITE_VISIT, "comment": "已考察"}),
    ("post", "/api/v1/stage-requests/{stage_request}/decide/", {"approve": True, "comment": "同意"}),
    ("post", "/api/v1/companies/{company}/contacts/", {"name": "王芳"}),
    ("patch", "/api/v1/contacts/{contact}/", {"title": "董事长"}),
    ("post", "/api/v1/contact-logs/", {"project": "{project}", "channel": "video", "summary": "洽谈"}),
]  # fmt: skip


def _fill(value, objects: dict):
    if isinstance(value, dict):
        return {key: _fill(item, objects) for key, item in value.items()}
    if value == "{version}":
        objects["project"].refresh_from_db()
        return objects["project"].version
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return objects[value[1:-1]].pk
    return value


def _queries(client: Client, method: str, url: str, body=None) -> int:
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        if body is None:
            response = getattr(client, method)(url)
        else:
            response = getattr(client, method)(url, body, content_type="application/json")
        transaction.set_rollback(True)
    assert response.status_code < 300, f"{method} {url}: {response.status_code} {response.content[:300]}"
    return len(queries)


def _client(member) -> Client:
    raw = token_create(user=member.user, name="q", scope="write", days=9)[1]
    client = Client(headers={"authorization": f"Bearer {raw}"})
    client.get("/api/v1/projects/")  # the token's last use is written once, not per request
    return client


@pytest.mark.parametrize("role", ["recruiter_own", "leader_own", "director"])
def test_reads_do_not_grow_with_rows(world, role):
    people, objects = world
    client = _client(people[role])
    urls = [url.format(**{key: value.pk for key, value in objects.items()}) for url in READS]
    if role == "recruiter_own":
        urls.remove("/api/v1/stage-requests/")  # an empty inbox: nothing to grow
    _grow(people, objects, 1)
    small = {url: _queries(client, "get", url) for url in urls}
    _grow(people, objects, 9)
    large = {url: _queries(client, "get", url) for url in urls}
    assert large == small


def test_writes_do_not_grow_with_rows(world):
    people, objects = world
    clients = {"leader_own": _client(people["leader_own"]), "recruiter_own": _client(people["recruiter_own"])}

    def measure() -> dict:
        counts = {}
        for method, path, body in WRITES:
            who = "leader_own" if "decide" in path else "recruiter_own"  # one does not decide one's own request
            url = path.format(**{key: value.pk for key, value in objects.items()})
            counts[f"{method} {path}"] = _queries(clients[who], method, url, _fill(body, objects))
        return counts

    _grow(people, objects, 1)
    small = measure()
    _grow(people, objects, 9)
    assert measure() == small
