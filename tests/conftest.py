import os
import socket

import pytest

from teams.models import Membership
from tests.factories import make_member

IN_CI = bool(os.environ.get("CI"))


def require_service(reachable: bool, reason: str) -> None:
    """Skip a test whose service is missing on a developer machine; in CI every test must run."""
    if reachable:
        return
    if IN_CI:
        pytest.fail(f"CI must run this test, but: {reason}")
    pytest.skip(reason)


def tcp_reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def reset_broker_connections(celery_app) -> None:
    """Close every pooled broker connection and forget the pools, so the next send opens fresh ones.

    Closing a pool is not enough: kombu keeps a closed pool in its registry under the broker URL, so once a
    test has closed the pool of the real broker (to point the app elsewhere and back) every later send to
    that broker fails with "Acquire on closed pool". This is what Celery itself does after a fork."""
    from kombu import pools

    pools.reset()
    celery_app._after_fork()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Unit tests run tasks in-process; the worker tests start a real worker instead."""
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Each test starts in the site's language: a request in English (LocaleMiddleware activates it for the
    thread and nothing deactivates it) must not change what a later test's services say."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def admin_member(db) -> Membership:
    return make_member(Membership.Role.ADMIN)


@pytest.fixture
def director_member(db) -> Membership:
    return make_member(Membership.Role.DIRECTOR)


@pytest.fixture
def recruiter_member(db) -> Membership:
    return make_member(Membership.Role.RECRUITER)
