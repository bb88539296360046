"""Celery tasks run through a real worker: against Redis (as in production) and through the embedded
filesystem broker that `make run` uses on a machine without Redis."""

import os
from urllib.parse import urlparse

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from config.celery import app as juneng_app
from config.celery import create_app
from core.models import Heartbeat
from tests.conftest import require_service, tcp_reachable

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_task_runs_through_a_real_worker_against_redis():
    redis_url = os.environ.get("REDIS_URL", "")
    require_service(bool(redis_url), "REDIS_URL is not set")
    parsed = urlparse(redis_url)
    require_service(tcp_reachable(parsed.hostname, parsed.port or 6379), f"Redis at {redis_url} is not reachable")
    assert juneng_app.conf.broker_url.startswith("redis://")

    juneng_app.conf.task_always_eager = False
    with start_worker(juneng_app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        result = juneng_app.send_task("core.tasks.heartbeat_record_task", args=["redis-e2e"])
        assert result.get(timeout=30) == 1
        result = juneng_app.send_task("core.tasks.heartbeat_record_task", args=["redis-e2e"])
        assert result.get(timeout=30) == 2

    assert Heartbeat.objects.get(name="redis-e2e").count == 2


def test_task_runs_through_the_embedded_broker_without_redis(tmp_path):
    queue = tmp_path / "queue"
    queue.mkdir()
    (tmp_path / "results").mkdir()
    embedded = create_app(
        "juneng-embedded",
        broker_url="filesystem://",
        broker_transport_options={
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "control_folder": str(tmp_path / "control"),
        },
        result_backend=f"file://{tmp_path / 'results'}",
        task_always_eager=False,
    )
    assert "redis" not in embedded.conf.broker_url
    assert not (settings.BASE_DIR / "control").exists()

    with start_worker(embedded, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        result = embedded.send_task("core.tasks.heartbeat_record_task", args=["embedded-e2e"])
        assert result.get(timeout=30) == 1

    assert Heartbeat.objects.get(name="embedded-e2e").count == 1
    assert not (settings.BASE_DIR / "control").exists(), "the embedded broker wrote outside its folders"


def test_settings_without_redis_use_the_embedded_broker(tmp_path):
    """The settings module itself picks the filesystem transport when REDIS_URL is unset."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env |= {"JUNENG_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"}
    code = "from config.celery import app; print(app.conf.broker_url); print(app.conf.result_backend)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    broker, backend = out.split()
    assert broker == "filesystem://"
    assert backend == f"file://{tmp_path / 'celery' / 'results'}"
    assert (tmp_path / "celery" / "queue").is_dir()
