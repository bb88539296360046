"""/healthz tells a load balancer whether this web process reaches its database and its broker, and
nothing more: no login, no cookie, no details in the answer; the reason goes to the log."""

import logging
import time

import pytest
from django.db import connection
from django.db.utils import load_backend
from django.urls import reverse

from config.celery import create_app
from core import health
from tests.conftest import reset_broker_connections

pytestmark = pytest.mark.django_db
URL = "/healthz"


def test_the_route_is_named_and_needs_no_slash():
    assert reverse("core:healthz") == URL


def test_healthy_stack_answers_ok_without_setting_a_cookie(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.cookies == {} and "Set-Cookie" not in response.headers
    assert "no-cache" in response["Cache-Control"]


def test_head_is_answered_and_writes_are_not_allowed(client):
    assert client.head(URL).status_code == 200
    for method in (client.post, client.put, client.delete, client.patch):
        assert method(URL).status_code == 405


def test_a_signed_in_visitor_gets_the_same_answer(client, recruiter_member):
    client.force_login(recruiter_member.user)
    assert client.get(URL).json() == {"status": "ok"}


def test_a_locked_out_address_still_gets_its_answer(client, settings):
    """axes locks logins, not the load balancer: failures from its address do not hide the health."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="someone", ip_address="127.0.0.1", user_agent="", failures_since_start=1000,
        get_data="", post_data="",
    )  # fmt: skip
    assert client.get(URL, REMOTE_ADDR="127.0.0.1").status_code == 200


def _unreachable_database(closed_port: int):
    """A second connection like the default one, pointed where no database answers."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        settings_dict |= {"HOST": "127.0.0.1", "PORT": str(closed_port)}
    else:
        settings_dict |= {"NAME": "/nonexistent-folder/juneng.sqlite3"}
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="unreachable")


def test_unreachable_database_answers_503_without_details_and_logs_why(client, closed_port, caplog, monkeypatch):
    unreachable = _unreachable_database(closed_port)
    # Only the health check looks there; the middleware's session and user lookups keep the test database.
    monkeypatch.setattr(health, "connections", {"default": unreachable})
    with caplog.at_level(logging.ERROR, logger="juneng.health"):
        response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert str(closed_port).encode() not in response.content and b"127.0.0.1" not in response.content
    assert "Set-Cookie" not in response.headers
    assert any("database" in record.getMessage() and "OperationalError" in record.getMessage()
               for record in caplog.records)  # fmt: skip
    unreachable.close()


def test_broker_at_a_closed_port_answers_503_and_logs_why(client, closed_port, settings, caplog):
    from config.celery import app

    app.conf.update(broker_url=f"redis://127.0.0.1:{closed_port}/0")
    try:
        with caplog.at_level(logging.ERROR, logger="juneng.health"):
            response = client.get(URL)
    finally:
        app.conf.update(broker_url=settings.CELERY_BROKER_URL)
        reset_broker_connections(app)
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert str(closed_port).encode() not in response.content
    assert any("broker unreachable" in record.getMessage() for record in caplog.records)


def test_a_hung_broker_is_given_up_on_within_the_timeout(hung_listener):
    """A listener that accepts and never answers: the check must not wait on it longer than its bound."""
    hung = create_app("juneng-hung", broker_url=f"redis://127.0.0.1:{hung_listener}/0")
    started = time.monotonic()
    assert health.broker_reachable(hung) is False
    assert time.monotonic() - started < health.BROKER_CHECK_TIMEOUT + 1.5


def test_the_embedded_broker_is_healthy_when_its_queue_folder_is_writable(tmp_path):
    queue = tmp_path / "queue"
    embedded = create_app(
        "juneng-embedded", broker_url="filesystem://",
        broker_transport_options={"data_folder_in": str(queue), "data_folder_out": str(queue)},
    )  # fmt: skip
    assert health.broker_reachable(embedded) is False  # not created yet
    queue.mkdir()
    assert health.broker_reachable(embedded) is True
    queue.chmod(0o500)
    try:
        import os

        if os.geteuid() != 0:  # root writes anywhere, so the read-only case only means something for others
            assert health.broker_reachable(embedded) is False
    finally:
        queue.chmod(0o700)
