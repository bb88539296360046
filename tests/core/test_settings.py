"""Configuration from the environment, and the refusal to start an unsafe production."""

import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import IN_CI

GOOD_KEY = "k3Jx9-vQ2_pLm8ZrT5wYb7NcA4dF6gH1jK0sU2xE9iO3qW5eR7tY8uI1oP4aS6dF"


def _django_setup(tmp_path, **env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "JUNENG_ENV"}}
    env |= {"JUNENG_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"} | env_overrides
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_suite_runs_on_postgresql_in_ci():
    if IN_CI:
        assert connection.vendor == "postgresql", "CI must not fall back to SQLite"
        assert settings.REDIS_URL.startswith("redis://")
        assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    else:
        assert connection.vendor in {"postgresql", "sqlite"}


def test_development_generates_a_secret_key_once(tmp_path):
    first = _django_setup(tmp_path)
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert _django_setup(tmp_path).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"DEBUG": "true", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "crm.example.cn"}, "DEBUG must be off"),
        ({"ALLOWED_HOSTS": "crm.example.cn"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 50, "ALLOWED_HOSTS": "crm.example.cn"}, "too weak"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_an_unsafe_start(tmp_path, env, complaint):
    result = _django_setup(tmp_path, JUNENG_ENV="production", **env)
    assert result.returncode != 0
    assert complaint in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_starts_with_a_real_key_and_hosts(tmp_path):
    result = _django_setup(
        tmp_path,
        JUNENG_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="crm.example.cn",
        EMAIL_HOST="smtp.example.cn",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_chinese_is_the_default_language_in_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ


def test_production_refuses_to_start_without_a_mail_server(tmp_path):
    result = _django_setup(tmp_path, JUNENG_ENV="production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="crm.example.cn")
    assert result.returncode != 0
    assert "EMAIL_HOST must be set" in result.stderr


def test_login_guessing_protection_is_wired_in():
    assert settings.AUTHENTICATION_BACKENDS[0] == "core.lockouts.LoginAttemptBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert "axes" in settings.INSTALLED_APPS
    assert settings.AXES_FAILURE_LIMIT == 5 and settings.LOGIN_ADDRESS_FAILURE_LIMIT == 50
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    names = [v["NAME"] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names[-1] == "core.passwords.CenterWordsPasswordValidator" and len(names) == 5


def test_login_limits_come_from_the_environment(tmp_path):
    env = {"LOGIN_FAILURE_LIMIT": "8", "LOGIN_ADDRESS_FAILURE_LIMIT": "120", "LOGIN_COOLOFF_MINUTES": "30"}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.AXES_FAILURE_LIMIT, s.LOGIN_ADDRESS_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()))"
    )
    environ = os.environ | {"JUNENG_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"} | env
    result = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "8 120 1800"


def test_an_unanswering_database_host_fails_within_seconds(tmp_path):
    """A PostgreSQL host that takes the connection and never answers must not hold a web worker (or /healthz)
    for minutes: the connection gives up after the settings' connect timeout."""
    code = (
        "import django, time; django.setup(); from django.db import connection\n"
        "started = time.monotonic()\n"
        "try:\n    connection.ensure_connection()\nexcept Exception as error:\n"
        "    print(type(error).__name__, round(time.monotonic() - started))\n"
    )
    with socket.socket() as hung:  # listens (the kernel completes the handshake), never accepts nor answers
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)
        url = f"postgres://postgres@127.0.0.1:{hung.getsockname()[1]}/juneng"
        env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "JUNENG_ENV"}}
        env |= {"JUNENG_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": url}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=40)
    name, seconds = result.stdout.split()
    assert name == "OperationalError" and 4 <= int(seconds) <= 8, result.stdout + result.stderr


@pytest.mark.django_db
def test_postgresql_connections_plan_without_parallel_workers(tmp_path):
    """DB_PARALLEL_WORKERS (0 by default) is max_parallel_workers_per_gather on Juneng's connections; empty
    leaves the server's setting."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting; this run is on SQLite")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
    code = (
        "import django; django.setup(); from django.db import connection; c = connection.cursor();"
        " c.execute(\"SELECT setting, source FROM pg_settings WHERE name = 'max_parallel_workers_per_gather'\");"
        " print(*c.fetchone())"
    )
    db = connection.settings_dict
    env = os.environ | {"JUNENG_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    shown = {}
    for value in ("2", ""):
        run = subprocess.run([sys.executable, "-c", code], env=env | {"DB_PARALLEL_WORKERS": value},
                             capture_output=True, text=True)  # fmt: skip
        assert run.returncode == 0, run.stderr
        shown[value] = run.stdout.strip().splitlines()[-1].split()
    assert shown["2"] == ["2", "client"]
    assert shown[""][1] != "client"  # the server's own (default or configuration file), not set by Juneng
