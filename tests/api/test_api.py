"""The REST API: tokens (hashed, shown once, revoked/expired → 401, read-only → 403 on write), visibility
through the same selectors as the pages, bounded lists with constant queries, the schema and the docs page."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.models import ApiToken
from api.services import token_create, token_revoke
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def _no_throttle_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def people():
    leader_a = make_member(Role.TEAM_LEADER, display_name="周建国")
    leader_b = make_member(Role.TEAM_LEADER, display_name="孙浩")
    return {
        "recruiter_own": make_member(Role.RECRUITER, team=leader_a.team, display_name="徐磊"),
        "recruiter_other": make_member(Role.RECRUITER, team=leader_b.team, display_name="刘洋"),
        "leader_own": leader_a,
        "leader_other": leader_b,
        "director": make_member(Role.DIRECTOR, display_name="马翔"),
        "admin": make_member(Role.ADMIN, display_name="陈静"),
    }


def _bearer(member, scope="read", days=30) -> Client:
    _token, raw = token_create(user=member.user, name="脚本", scope=scope, days=days)
    return Client(headers={"authorization": f"Bearer {raw}"})


def test_token_is_stored_hashed_and_shown_once(people):
    user = people["recruiter_own"].user
    token, raw = token_create(user=user, name="报表脚本", scope="read", days=30)
    assert raw.startswith(f"jn_{token.prefix}_")
    secret = raw.split("_", 2)[2]
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in stored.secret_hash and len(stored.secret_hash) == 64
    assert not any(secret in str(getattr(stored, f.attname)) for f in ApiToken._meta.concrete_fields)


@pytest.mark.parametrize(("field", "kwargs"), [
    ("name", {"name": " ", "scope": "read", "days": 30}),
    ("scope", {"name": "x", "scope": "admin", "days": 30}),
    ("days", {"name": "x", "scope": "read", "days": 0}),
    ("days", {"name": "x", "scope": "read", "days": 10_000}),
])  # fmt: skip
def test_token_bad_input_is_refused_per_field(people, field, kwargs):
    with pytest.raises(ValidationError) as error:
        token_create(user=people["admin"].user, **kwargs)
    assert field in error.value.message_dict


def test_token_reads_and_records_last_use(people):
    member = people["recruiter_own"]
    project = make_project(member, stage=Stage.NEGOTIATION)
    client = _bearer(member)
    response = client.get(f"/api/v1/projects/{project.pk}/")
    assert response.status_code == 200
    assert response.json()["owner_name"] == member.display_name
    assert ApiToken.objects.get(user=member.user).last_used_at is not None


def test_revoked_expired_wrong_and_missing_tokens_answer_401(people):
    member = people["recruiter_own"]
    token, raw = token_create(user=member.user, name="a", scope="read", days=30)
    good = Client(headers={"authorization": f"Bearer {raw}"})
    assert good.get("/api/v1/projects/").status_code == 200
    token_revoke(user=member.user, token_id=token.pk)
    assert good.get("/api/v1/projects/").status_code == 401
    token2, raw2 = token_create(user=member.user, name="b", scope="read", days=30)
    ApiToken.objects.filter(pk=token2.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client(headers={"authorization": f"Bearer {raw2}"}).get("/api/v1/projects/").status_code == 401
    forged = raw2[:-4] + "AAAA"
    assert Client(headers={"authorization": f"Bearer {forged}"}).get("/api/v1/projects/").status_code == 401
    assert Client(headers={"authorization": "Bearer nonsense"}).get("/api/v1/projects/").status_code == 401
    assert Client().get("/api/v1/projects/").status_code in (401, 403)


def test_someone_elses_token_cannot_be_revoked(people):
    token, _raw = token_create(user=people["recruiter_own"].user, name="a", scope="read", days=30)
    with pytest.raises(ApiToken.DoesNotExist):
        token_revoke(user=people["recruiter_other"].user, token_id=token.pk)


def test_read_only_token_cannot_write(people):
    project = make_project(people["recruiter_own"])
    response = _bearer(people["recruiter_own"], scope="read").post(
        f"/api/v1/projects/{project.pk}/", {}, content_type="application/json"
    )
    assert response.status_code == 403


def test_write_token_gets_past_scope_check(people):
    project = make_project(people["recruiter_own"])
    response = _bearer(people["recruiter_own"], scope="write").post(
        f"/api/v1/projects/{project.pk}/", {}, content_type="application/json"
    )
    assert response.status_code == 405  # read endpoint: the scope let it through, the method did not


def test_session_writes_need_csrf(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["admin"].user)
    project = make_project(people["recruiter_own"])
    response = client.post(f"/api/v1/projects/{project.pk}/", {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


EXPECT = {  # as on the pages: a recruiter sees the own group's project only; leadership sees all
    "recruiter_own": True, "recruiter_other": False, "leader_own": True, "leader_other": False,
    "director": True, "admin": True,
}  # fmt: skip


@pytest.mark.parametrize("role", list(EXPECT))
def test_project_visibility_matrix(people, role):
    project = make_project(people["recruiter_own"], stage=Stage.NEGOTIATION, name="智能底盘项目")
    client = _bearer(people[role])
    detail = client.get(f"/api/v1/projects/{project.pk}/")
    listed = [row["id"] for row in client.get("/api/v1/projects/").json()["results"]]
    assert detail.status_code == (200 if EXPECT[role] else 404)
    assert (project.pk in listed) is EXPECT[role]


def test_anonymous_gets_401_on_every_api_endpoint(people):
    project = make_project(people["recruiter_own"])
    for url in ["/api/v1/projects/", f"/api/v1/projects/{project.pk}/", "/api/schema/"]:
        assert Client().get(url).status_code in (401, 403)
        assert Client().get(url, headers={"authorization": "Bearer jn_x_y"}).status_code == 401


def test_project_list_filters_like_the_list_page(people):
    member = people["recruiter_own"]
    wanted = make_project(member, stage=Stage.NEGOTIATION, name="智能底盘项目")
    make_project(member, stage=Stage.LEAD, name="储能电池项目")
    client = _bearer(member)
    rows = client.get("/api/v1/projects/", {"stage": Stage.NEGOTIATION}).json()["results"]
    assert [row["id"] for row in rows] == [wanted.pk]
    rows = client.get("/api/v1/projects/", {"q": "底盘"}).json()["results"]
    assert [row["id"] for row in rows] == [wanted.pk]


def test_page_size_is_bounded(people):
    member = people["director"]
    recruiter = people["recruiter_own"]
    for _ in range(3):
        make_project(recruiter)
    body = _bearer(member).get("/api/v1/projects/", {"page_size": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2
    body = _bearer(member).get("/api/v1/projects/", {"page_size": 100000}).json()
    assert len(body["results"]) == 3  # capped at 100, never the whole table


def _list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["recruiter_own", "director"])
def test_project_list_queries_do_not_grow_with_rows(people, role):
    client = _bearer(people[role])
    recruiter = people["recruiter_own"]
    make_project(recruiter)
    client.get("/api/v1/projects/")  # warm: last_used_at written once
    small = _list_queries(client, "/api/v1/projects/")
    for _ in range(10):
        make_project(recruiter)
        make_project(people["recruiter_other"])
    assert _list_queries(client, "/api/v1/projects/") == small


def test_schema_generates_without_warnings(people, capsys):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert not GENERATOR_STATS, "schema warnings: run manage.py spectacular --fail-on-warn"
    assert {"/api/v1/projects/", "/api/v1/companies/{id}/", "/api/v1/contact-logs/", "/api/v1/follow-ups/"} <= set(
        schema["paths"]
    )
    assert "bearerAuth" in schema["components"]["securitySchemes"]
    client = Client()
    client.force_login(people["admin"].user)
    assert client.get("/api/schema/").status_code == 200


def test_docs_page_loads_for_a_member_and_needs_login(people):
    assert Client().get("/api/docs/").status_code == 302
    client = Client()
    client.force_login(people["recruiter_own"].user)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"vendor/swagger-ui/swagger-ui-bundle.js" in response.content
    assert b"js/api_docs.js" in response.content
