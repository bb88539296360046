"""The planner hint for row fetches by id, and the navigation worked out once per request."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.planner import joins_as_written
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


def _join_collapse_limit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
@pytest.mark.django_db(transaction=True)  # outside a test's transaction, as a request runs
def test_joins_are_kept_in_written_order_inside_the_block_only():
    default = _join_collapse_limit()
    assert default != "1"
    with joins_as_written():
        assert _join_collapse_limit() == "1"
    assert _join_collapse_limit() == default  # SET LOCAL ended with the block's own transaction
    with transaction.atomic():  # inside a caller's transaction it lasts until that one ends
        with joins_as_written():
            pass
        assert _join_collapse_limit() == "1"
    assert _join_collapse_limit() == default


def test_the_project_list_reads_the_navigation_once_however_many_templates_it_renders(client):
    recruiter = make_member(Membership.Role.RECRUITER)
    for index in range(3):
        make_project(recruiter, name=f"轴承项目{index}")
    client.force_login(recruiter.user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("projects:project_list"))
    assert response.status_code == 200 and "轴承项目2" in response.content.decode()
    bell_counts = [q for q in captured.captured_queries if "reminders_notification" in q["sql"]]
    assert len(bell_counts) == 1
