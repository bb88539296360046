"""Property-based tests of the whole API against its own OpenAPI schema (schemathesis): the schema is read from
the Django app (/api/schema/) over WSGI, as a director with a read-and-write token, and every operation is
called with generated input (valid and invalid): no answer may be a server error or differ from what the
schema documents (status code, content type, headers, body; api/schema.py documents the error answers).

Bounded and reproducible: few examples per operation, derandomized, no example database."""

from datetime import timedelta

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from activities import services as activity_services
from api.services import token_create
from crm.models import Contact, Registration
from projects.models import StageRequest
from projects.stages import Stage
from teams.models import Membership
from tests.api.builders import make_building, make_reception, make_trip
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

Role = Membership.Role
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance,
          response_headers_conformance]  # fmt: skip
EXAMPLES = 8  # per operation and mode: the whole module stays well under a minute


@pytest.fixture
def api_schema(db, settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # the WSGI client's Host
    # Hundreds of generated requests within a minute would meet the per-user rate (tests/api covers throttling).
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda self, request, view: True)
    director = make_member(Role.DIRECTOR)
    leader = make_member(Role.TEAM_LEADER)
    recruiter = make_member(Role.RECRUITER, team=leader.team)
    company = make_company("浙江智驰汽车科技有限公司", created_by=recruiter.user)
    Registration.objects.create(
        company=company, team=leader.team, registered_by=recruiter.user, registered_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=180),
    )  # fmt: skip
    contact = Contact.objects.create(company=company, name="刘振宇", title="总经理", phone="13905710001")
    project = make_project(recruiter, stage=Stage.NEGOTIATION, company=company, name="智能底盘项目")
    StageRequest.objects.create(
        project=make_project(recruiter, stage=Stage.NEGOTIATION, company=company), from_stage=Stage.NEGOTIATION,
        to_stage=Stage.SITE_VISIT, comment="请审批", requested_by=recruiter.user,
    )  # fmt: skip
    activity_services.contact_log_create(actor=recruiter.user, project=project, channel="video", summary="洽谈")
    waiting = StageRequest.objects.get()
    fieldwork = {"trip": make_trip(recruiter, project).pk, "reception": make_reception(recruiter, project).pk,
                 "building": make_building(make_member(Role.ADMIN)).pk}  # fmt: skip
    activity_services.follow_up_create(
        actor=recruiter.user, project=project, title="回访", due_date=timezone.localdate()
    )
    raw = token_create(user=director.user, name="schemathesis", scope="write", days=1)[1]
    headers = {"Authorization": f"Bearer {raw}"}
    # The WSGI handler closes the connection after each request; the test's transaction lives in it (Django's
    # test client disconnects the same receivers while it makes a request).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        loaded = schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler(), headers=headers)
        loaded.test_headers = headers
        loaded.test_ids = {"project": project.pk, "company": company.pk, "contact": contact.pk,
                           "stage-request": waiting.pk, **fieldwork}  # fmt: skip
        yield loaded
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def _operations() -> list[tuple[str, str, str]]:
    """Every (path, method) the app documents, read from the same generator that serves /api/schema/; an
    operation on one row (`{id}`) twice: with generated ids (mostly 404) and on a row that exists."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        (path, method.upper(), ids)
        for path, item in generated["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
        for ids in (("generated", "existing") if "{id}" in path else ("generated",))
    )


def _object_of(path: str) -> str:
    """The row an `{id}` of this path names: /api/v1/<objects>/{id}/… → its kind."""
    kind = path.removeprefix("/api/v1/").split("/")[0].removesuffix("s")
    return {"companie": "company"}.get(kind, kind)


OPERATIONS = _operations()


# schemathesis.pytest.from_fixture() cannot be used: its lazy loader writes pytest's private Function._nodeid,
# which pytest 9 no longer has (AttributeError). Each operation is its own test here instead, none left out.
@pytest.mark.parametrize(("path", "method", "ids"), OPERATIONS, ids=[f"{m} {p} {i}" for p, m, i in OPERATIONS])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_every_operation_answers_as_documented(api_schema, path, method, ids, mode):
    operation = api_schema[path][method]
    parameters = {"id": api_schema.test_ids[_object_of(path)]} if ids == "existing" else None
    statuses = []

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=parameters))
    @settings(
        max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
    )  # fmt: skip
    def check(case):
        response = case.call_and_validate(headers=api_schema.test_headers, checks=CHECKS)
        statuses.append(response.status_code)

    check()
    assert statuses and 401 not in statuses, statuses  # the director's token was accepted throughout
    if method == "GET" and mode == GenerationMode.POSITIVE and (ids == "existing" or "{id}" not in path):
        assert any(200 <= status < 300 for status in statuses), statuses  # real answers were validated
