import os
import socket
import threading

import pytest

from teams.models import Membership
from tests.factories import make_member

IN_CI = bool(os.environ.get("CI"))


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="ISO-8601",
        help="run the suite as if it started at this instant (the clock ticks on), e.g. 2026-12-03T16:00:30Z "
        "(00:00:30 in Shanghai): finds the tests that hold only at some times of day, month or year",
    )


def pytest_configure(config):
    if instant := config.getoption("--clock"):
        import time_machine

        config._juneng_clock = time_machine.travel(instant, tick=True)
        config._juneng_clock.start()


def pytest_unconfigure(config):
    if clock := getattr(config, "_juneng_clock", None):
        clock.stop()


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


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on (a service that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture
def hung_listener() -> int:
    """The port of a local listener that accepts connections and never says a word (a hung service)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for peer in accepted:
        peer.close()
    server.close()


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
    # A test that built another Celery app (config.celery.create_app, a worker's) made it the current one,
    # and the tasks of the tests after it would go through that app: Juneng's is the current one again.
    app.set_current()
    app.set_default()


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
