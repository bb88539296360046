"""The Celery application: configured from Django settings (CELERY_* names), tasks found in every app."""

import os

from celery import Celery

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
