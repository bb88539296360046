"""With Redis gone (closed port) or hung (accepts, never answers), people keep logging at full speed:
no request touches the broker, the due state is in the database, and the sweep after recovery delivers."""

import time as clock
from datetime import time

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import ContactLog, FollowUp
from config.celery import create_app
from reminders import services
from reminders.models import Notification, ReminderPolicy
from tests.conftest import reset_broker_connections

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_redis(closed_port):
    return f"redis://127.0.0.1:{closed_port}/0"  # nothing listens there


@pytest.fixture
def hung_redis(hung_listener):
    return f"redis://127.0.0.1:{hung_listener}/0"  # accepts, never answers


def _log_with_follow_up(client, crew) -> float:
    client.force_login(crew["xulei"].user)
    # Warm up (URLconf, templates, translations) so the timing below is the request, not the first import:
    # the bound stays under the broker's 2 s connect timeout, which a request that waited on it would pass.
    assert client.get(reverse("activities:contact_log_create"), HTTP_HX_REQUEST="true").status_code == 200
    started = clock.monotonic()
    response = client.post(
        reverse("activities:contact_log_create"),
        {"project": crew["project"].pk, "channel": "video", "summary": "与刘总视频", "next_step": "寄送方案",
         "follow_up_due_date": timezone.localdate().isoformat()},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    elapsed = clock.monotonic() - started
    assert response.status_code == 200
    return elapsed


@pytest.mark.parametrize("broker", ["closed_redis", "hung_redis"])
def test_logging_succeeds_fast_while_the_broker_is_down_and_the_next_sweep_delivers(
    client, crew, settings, request, broker
):
    broken_url = request.getfixturevalue(broker)
    from config.celery import app

    app.conf.update(broker_url=broken_url, result_backend=None, task_always_eager=False)
    reset_broker_connections(app)
    try:
        elapsed = _log_with_follow_up(client, crew)
        assert elapsed < 1.5, f"logging took {elapsed:.2f}s with the broker at {broken_url}"
        assert ContactLog.objects.count() == 1 and FollowUp.objects.count() == 1
        broken = create_app("juneng-broken", broker_url=broken_url, broker_connection_retry=False,
                            broker_connection_max_retries=0)  # fmt: skip
        with pytest.raises(Exception):  # noqa: B017 — whatever kombu raises, it raises quickly
            started = clock.monotonic()
            broken.send_task("reminders.tasks.reminders_sweep_task", retry=False)
        assert clock.monotonic() - started < 15
    finally:
        app.conf.update(broker_url=settings.CELERY_BROKER_URL, result_backend=settings.CELERY_RESULT_BACKEND)
        reset_broker_connections(app)

    # Redis is back: the next sweep finds the follow-up in the database and delivers it.
    ReminderPolicy.objects.update_or_create(pk=1, defaults={"due_time": time(0, 0)})
    services.sweep_all()
    for delivery_id in services.deliveries_due():
        services.delivery_send(delivery_id)
    assert Notification.objects.filter(recipient=crew["xulei"].user, title__contains="寄送方案").exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"broker_url": "redis://127.0.0.1:1/0"},
        {"broker_url": "redis://127.0.0.1:1/0", "broker_transport_options": {"visibility_timeout": 60}},
    ],
    ids=["settings", "redis-override", "own-transport-options"],
)
def test_every_celery_app_gets_short_redis_timeouts_whatever_the_settings_broker(overrides):
    """With REDIS_URL unset the settings pick the filesystem broker; an app pointed at Redis afterwards
    (as the outage tests do) must still time out in seconds, never block in poll."""
    from config.celery import app

    for celery_app in (create_app("juneng-timeouts", **overrides), app):
        options = celery_app.conf.broker_transport_options
        assert options["socket_connect_timeout"] <= 2 and options["socket_timeout"] <= 5, options
        assert celery_app.conf.redis_socket_connect_timeout <= 2 and celery_app.conf.redis_socket_timeout <= 5
        assert celery_app.conf.broker_connection_timeout <= 2
        if "broker_url" in overrides and celery_app is not app:
            with celery_app.connection_for_write() as connection:
                assert connection.transport_options["socket_timeout"] <= 5
    if "broker_transport_options" in overrides:
        assert create_app("juneng-own", **overrides).conf.broker_transport_options["visibility_timeout"] == 60
