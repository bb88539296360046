"""An export reads its rows in chunks with their related rows prefetched: ten times the rows costs no more
queries (no query per row), for each of the four lists."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities import services as activity_services
from activities.models import Channel
from tests.exports.conftest import client_for
from tests.factories import ContactFactory, RegistrationFactory
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
ROUTES = ["exports:project_export", "exports:company_export", "exports:activity_export", "exports:follow_up_export"]


def _add(center, n: int) -> None:
    recruiter = center["recruiter"]
    for i in range(n):
        project = make_project(recruiter, name=f"追加项目{i}")
        RegistrationFactory(company=project.company, team=recruiter.team, registered_by=recruiter.user)
        contact = ContactFactory(company=project.company)
        activity_services.contact_log_create(
            actor=recruiter.user, channel=Channel.PHONE, project=project, contacts=[contact],
            participants=[center["leader"].user], summary=f"电话沟通{i}",
            occurred_at=timezone.now() - timedelta(hours=1),
            follow_up_title=f"回访{i}", follow_up_due_date=timezone.localdate() + timedelta(days=3),
        )  # fmt: skip


def _queries(client, route: str, file_format: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(route), {"format": file_format})
        b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("who", ["recruiter", "director"])
def test_ten_times_the_rows_costs_the_same_queries(center, who, file_format):
    client = client_for(center[who])
    _add(center, 2)
    few = {route: _queries(client, route, file_format) for route in ROUTES}
    _add(center, 20)
    many = {route: _queries(client, route, file_format) for route in ROUTES}
    assert many == few
