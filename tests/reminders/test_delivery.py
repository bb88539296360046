"""Exactly once: duplicated sweeps and sends, concurrent workers, a sender that died, failing channels,
the group robots' payloads and signatures, and the whole path through a real worker and Redis."""

import base64
import hashlib
import hmac
import json
import threading
import time as clock
import urllib.parse
from datetime import date, datetime, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.db import close_old_connections, connection

from activities import services as activity_services
from config.celery import app as juneng_app
from reminders import channels, services
from reminders.models import Delivery, GroupWebhook, Kind, Notification, ReminderPolicy
from tests.conftest import require_service, tcp_reachable

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 5)
NINE = datetime.combine(DAY, time(9), tzinfo=SHANGHAI)


def _due_follow_ups(crew, count=1):
    with time_machine.travel(NINE - timedelta(days=1), tick=False):
        return [
            activity_services.follow_up_create(
                actor=crew["xulei"].user, title=f"跟进{i}", due_date=DAY, project=crew["project"]
            )
            for i in range(count)
        ]


def _send_all(now=NINE):
    return [services.delivery_send(pk, now=now) for pk in services.deliveries_due(now=now)]


@pytest.mark.django_db
def test_a_sweep_and_a_send_run_twice_deliver_once(crew, mailoutbox):
    _due_follow_ups(crew)
    services.sweep_follow_ups(now=NINE)
    services.sweep_follow_ups(now=NINE)
    assert Delivery.objects.count() == 2
    delivery_ids = services.deliveries_due(now=NINE)
    for delivery_id in delivery_ids + delivery_ids:  # the task delivered twice
        services.delivery_send(delivery_id, now=NINE)
    assert Notification.objects.count() == 1 and len(mailoutbox) == 1
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_a_sender_that_died_mid_send_is_replaced_after_the_lease(crew, mailoutbox):
    _due_follow_ups(crew)
    services.sweep_follow_ups(now=NINE)
    email = Delivery.objects.get(channel="email")
    assert services._claim(email.pk, NINE)  # a worker took it … and was killed before sending
    assert services.delivery_send(email.pk, now=NINE + timedelta(minutes=1)) == "sending"  # still leased
    assert email.pk not in services.deliveries_due(now=NINE + timedelta(minutes=1))
    later = NINE + services.LEASE + timedelta(seconds=1)
    assert email.pk in services.deliveries_due(now=later)
    assert services.delivery_send(email.pk, now=later) == "sent"
    assert services.delivery_send(email.pk, now=later) == "sent"
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_failing_channel_is_retried_with_backoff_and_blocks_nothing(crew, mailoutbox, monkeypatch):
    _due_follow_ups(crew)
    services.sweep_follow_ups(now=NINE)

    def broken(delivery):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setitem(channels.SENDERS, "email", broken)
    _send_all()
    email = Delivery.objects.get(channel="email")
    assert email.status == "failed" and "SMTP server down" in email.last_error
    assert Notification.objects.count() == 1  # in-app went out regardless
    assert email.pk not in services.deliveries_due(now=NINE + timedelta(seconds=30))
    monkeypatch.setitem(channels.SENDERS, "email", channels.send_email)
    _send_all(now=NINE + timedelta(minutes=2))
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 2 and len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_channel_that_keeps_failing_is_given_up_and_visible(crew, monkeypatch):
    _due_follow_ups(crew)
    services.sweep_follow_ups(now=NINE)
    monkeypatch.setitem(channels.SENDERS, "email", lambda delivery: 1 / 0)
    moment = NINE
    for _ in range(services.MAX_ATTEMPTS):
        _send_all(now=moment)
        moment += timedelta(hours=2)
    email = Delivery.objects.get(channel="email")
    assert email.status == "gave_up" and email.attempts == services.MAX_ATTEMPTS
    assert "ZeroDivisionError" in email.last_error


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_and_two_senders_at_once_still_deliver_once(crew, mailoutbox):
    require_service(connection.vendor == "postgresql", "needs PostgreSQL (CI runs it)")
    _due_follow_ups(crew, count=20)
    barrier = threading.Barrier(2)

    def in_thread(work):
        def run():
            close_old_connections()
            try:
                barrier.wait()
                work()
            finally:
                connection.close()

        return threading.Thread(target=run)

    threads = [in_thread(lambda: services.sweep_follow_ups(now=NINE)) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert Delivery.objects.count() == 40
    ids = services.deliveries_due(now=NINE)
    threads = [in_thread(lambda: [services.delivery_send(pk, now=NINE) for pk in ids]) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert Notification.objects.count() == 20 and len(mailoutbox) == 20
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}


class _Robot(BaseHTTPRequestHandler):
    received: list = []
    answer = {"errcode": 0, "errmsg": "ok"}

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append({"path": self.path, "json": json.loads(body), "type": self.headers["Content-Type"]})
        payload = json.dumps(type(self).answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def robot(settings):
    """A robot on loopback, allowed the way a private deployment allows its own robot address."""
    _Robot.received = []
    _Robot.answer = {"errcode": 0, "errmsg": "ok"}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.ROBOT_WEBHOOK_PREFIXES = {provider: [f"{url}/"] for provider in ("wecom", "dingtalk")}
    yield url, _Robot
    server.shutdown()


def _escalated(crew):
    _due_follow_ups(crew)
    services.sweep_follow_ups(now=NINE + timedelta(days=3))


@pytest.mark.django_db
def test_wecom_robot_gets_the_groups_escalations_as_text(crew, robot):
    url, handler = robot
    GroupWebhook.objects.create(team=crew["xulei"].team, provider="wecom", url=f"{url}/cgi-bin/webhook/send?key=k1")
    _escalated(crew)
    webhook = Delivery.objects.get(channel="webhook")
    assert webhook.kind == Kind.ESCALATION and webhook.team == crew["xulei"].team
    assert services.delivery_send(webhook.pk, now=NINE + timedelta(days=3)) == "sent"
    (message,) = handler.received
    assert message["path"] == "/cgi-bin/webhook/send?key=k1"
    assert message["json"]["msgtype"] == "text" and "跟进0" in message["json"]["text"]["content"]
    assert message["type"].startswith("application/json")


@pytest.mark.django_db
def test_dingtalk_robot_requests_are_signed(crew, robot):
    url, handler = robot
    secret = "SECdemo0123456789"
    GroupWebhook.objects.create(
        team=crew["xulei"].team, provider="dingtalk", url=f"{url}/robot/send?access_token=t1", secret=secret
    )
    _escalated(crew)
    webhook = Delivery.objects.get(channel="webhook")
    before = int(clock.time() * 1000)
    assert services.delivery_send(webhook.pk, now=NINE + timedelta(days=3)) == "sent"
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(handler.received[0]["path"]).query)
    timestamp = int(query["timestamp"][0])
    assert before <= timestamp <= int(clock.time() * 1000) and query["access_token"] == ["t1"]
    expected = base64.b64encode(hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest())
    assert query["sign"][0] == expected.decode()
    assert handler.received[0]["json"]["msgtype"] == "text"


@pytest.mark.django_db
def test_a_robot_refusing_the_message_is_retried(crew, robot):
    url, handler = robot
    handler.answer = {"errcode": 310000, "errmsg": "sign not match"}
    GroupWebhook.objects.create(team=crew["xulei"].team, provider="dingtalk", url=f"{url}/robot/send", secret="x")
    _escalated(crew)
    webhook = Delivery.objects.get(channel="webhook")
    assert services.delivery_send(webhook.pk, now=NINE + timedelta(days=3)) == "failed"
    webhook.refresh_from_db()
    assert "sign not match" in webhook.last_error and webhook.next_attempt_at is not None


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_reminders_go_out_through_a_real_worker_and_redis(crew):
    import os

    redis_url = os.environ.get("REDIS_URL", "")
    require_service(bool(redis_url), "REDIS_URL is not set")
    parsed = urllib.parse.urlparse(redis_url)
    require_service(tcp_reachable(parsed.hostname, parsed.port or 6379), f"Redis at {redis_url} is not reachable")
    policy = ReminderPolicy.current()
    policy.due_time = time(0, 0)
    policy.save()
    from django.utils import timezone

    activity_services.follow_up_create(
        actor=crew["xulei"].user, title="实地考察接待", due_date=timezone.localdate(), project=crew["project"]
    )
    juneng_app.conf.task_always_eager = False
    try:
        with start_worker(juneng_app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            juneng_app.send_task("reminders.tasks.reminders_sweep_task").get(timeout=30)
            deadline = clock.monotonic() + 30
            while clock.monotonic() < deadline and Delivery.objects.exclude(status="sent").exists():
                clock.sleep(0.2)
    finally:
        juneng_app.set_current()
        juneng_app.set_default()
    assert not Delivery.objects.exclude(status="sent").exists()
    assert Delivery.objects.filter(kind=Kind.DUE, status="sent").count() == 2  # in-app + email
    assert Notification.objects.get(recipient=crew["xulei"].user, kind=Kind.DUE).title.endswith("实地考察接待")
