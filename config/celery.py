"""The Celery application: configured from Django settings (CELERY_* names), tasks found in every app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def create_app(name: str = "juneng", **overrides) -> Celery:
    """Build a Celery app from the Django settings; `overrides` replace single settings (tests use it
    to point a second app at another broker)."""
    celery_app = Celery(name)
    celery_app.config_from_object("django.conf:settings", namespace="CELERY")
    if overrides:
        celery_app.conf.update(**overrides)
    celery_app.autodiscover_tasks()
    return celery_app


app = create_app()
