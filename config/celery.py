"""The Celery application: configured from Django settings (CELERY_* names), tasks found in every app."""

import os

from celery import Celery
from celery.signals import setup_logging

from core.json_logging import keep_django_logging
from core.request_id import connect_celery_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def create_app(name: str = "juneng", **overrides) -> Celery:
    """Build a Celery app from the Django settings; `overrides` replace single settings (tests use it
    to point a second app at another broker)."""
    celery_app = Celery(name)
    celery_app.config_from_object("django.conf:settings", namespace="CELERY")
    if "broker_transport_options" in overrides:
        # The settings' transport options carry the short socket timeouts whatever the broker; an
        # override bringing its own options keeps them, plus the timeouts it did not set.
        from django.conf import settings

        overrides["broker_transport_options"] = {
            **settings.BROKER_SOCKET_TIMEOUTS,
            **(overrides["broker_transport_options"] or {}),
        }
    if overrides:
        celery_app.conf.update(**overrides)
    celery_app.autodiscover_tasks()
    return celery_app


app = create_app()

# The request id travels from the enqueuing request into the task's log lines (core/request_id.py).
connect_celery_signals()
if os.environ.get("LOG_FORMAT") == "json":
    # Worker and beat keep Django's LOGGING (JSON lines) instead of Celery's own text format. Read from the
    # environment: this module is imported before the settings are.
    setup_logging.connect(keep_django_logging, dispatch_uid="juneng_keep_django_logging")
