"""A worker killed in the middle of sending: Redis redelivers the unacknowledged task (acks_late), the
next worker takes the delivery over once the lease has passed, and the reminder goes out once."""

import os
import signal
import socket
import subprocess
import sys
import time as clock
import urllib.parse
from datetime import time

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from activities import services as activity_services
from config.celery import app as juneng_app
from reminders import services
from reminders.models import Delivery, ReminderPolicy
from tests.conftest import require_service, tcp_reachable

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _wait_for(condition, seconds: float) -> bool:
    deadline = clock.monotonic() + seconds
    while clock.monotonic() < deadline:
        if condition():
            return True
        clock.sleep(0.2)
    return False


def _worker(env: dict, name: str, log_path) -> subprocess.Popen:
    log = open(log_path, "w")  # noqa: SIM115 — closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-n", f"{name}@%h", "-l", "info"],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def test_a_killed_worker_s_delivery_is_sent_once_by_the_next(crew, tmp_path):
    redis_url = os.environ.get("REDIS_URL", "")
    require_service(bool(redis_url), "REDIS_URL is not set")
    parsed = urllib.parse.urlparse(redis_url)
    require_service(tcp_reachable(parsed.hostname, parsed.port or 6379), f"Redis at {redis_url} is not reachable")
    require_service(connection.vendor == "postgresql", "the worker processes need a shared PostgreSQL database")

    ReminderPolicy.objects.update_or_create(pk=1, defaults={"due_time": time(0, 0)})
    activity_services.follow_up_create(
        actor=crew["xulei"].user, title="寄送投资协议草案", due_date=timezone.localdate(), project=crew["project"]
    )
    services.sweep_follow_ups()
    email = Delivery.objects.get(channel="email")

    # An SMTP server that accepts and never greets: the first worker blocks inside the send.
    hung_smtp = socket.socket()
    hung_smtp.bind(("127.0.0.1", 0))
    hung_smtp.listen(4)
    db = connection.settings_dict
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DJANGO_ALLOW"))}
    base_env |= {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "REMINDER_LEASE_SECONDS": "2",
        "JUNENG_VAR_DIR": str(tmp_path / "var"),
    }
    first = _worker(base_env | {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(hung_smtp.getsockname()[1])},
                    "first", tmp_path / "first.log")  # fmt: skip
    second = None
    try:
        juneng_app.conf.task_always_eager = False
        juneng_app.send_task("reminders.tasks.delivery_send_task", args=[email.pk])
        assert _wait_for(lambda: Delivery.objects.get(pk=email.pk).status == "sending", 60), (
            tmp_path / "first.log"
        ).read_text()
        os.killpg(first.pid, signal.SIGKILL)  # killed mid-send
        first.wait(10)
        clock.sleep(3.5)  # past the visibility timeout: Redis hands the unacknowledged task out again

        second = _worker(base_env, "second", tmp_path / "second.log")  # development email: files in var/mail
        assert _wait_for(lambda: Delivery.objects.get(pk=email.pk).status == "sent", 60), (
            tmp_path / "second.log"
        ).read_text()
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(20)
        hung_smtp.close()
        juneng_app.conf.task_always_eager = True

    email.refresh_from_db()
    assert email.attempts == 2 and email.last_error == ""
    mails = [path.read_text() for path in (tmp_path / "var" / "mail").glob("*.eml")]
    assert [mail.count("To: xulei@example.cn") for mail in mails] == [1]  # the one email, written once
