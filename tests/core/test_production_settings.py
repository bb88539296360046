"""The documented production environment passes `check --deploy`; production never fakes sending email."""

import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from activities import services as activity_services
from reminders import services
from reminders.models import ChannelKind, Delivery
from tests.factories import make_member
from tests.projects.builders import make_project

BASE_DIR = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3Jx9-vQ2_pLm8ZrT5wYb7NcA4dF6gH1jK0sU2xE9iO3qW5eR7tY8uI1oP4aS6dF"
# The README's "Deploying" section lists this environment.
PRODUCTION = {
    "JUNENG_ENV": "production",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "crm.example.cn",
    "CSRF_TRUSTED_ORIGINS": "https://crm.example.cn",
    "SITE_URL": "https://crm.example.cn",
    "EMAIL_HOST": "smtp.example.cn",
    "EMAIL_PORT": "465",
    "EMAIL_USE_SSL": "true",
    "EMAIL_HOST_USER": "juneng@example.cn",
    "EMAIL_HOST_PASSWORD": "not-a-real-one",
    "DEFAULT_FROM_EMAIL": "juneng@example.cn",
    "BEHIND_TLS_PROXY": "true",
}
OURS = {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "JUNENG_ENV", "EMAIL_ENABLED", "BEHIND_TLS_PROXY", "REDIS_URL"}


def _run(tmp_path, args, **env_overrides) -> subprocess.CompletedProcess:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (set in their conftest) is no part of a deployment.
    env = {
        k: v for k, v in os.environ.items()
        if k not in OURS and not k.startswith(("SECURE_", "EMAIL_", "DJANGO_ALLOW"))
    }  # fmt: skip
    env |= {
        "JUNENG_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    } | env_overrides
    return subprocess.run(args, env=env, capture_output=True, text=True, cwd=BASE_DIR, timeout=120)


def _check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    args = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    return _run(tmp_path, args, **PRODUCTION | env)


def test_the_documented_production_environment_passes_check_deploy(tmp_path):
    result = _check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_also_passes_with_redis(tmp_path):
    result = _check_deploy(tmp_path, REDIS_URL="redis://127.0.0.1:6379/8")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "warning"),
    [
        ({"SECURE_SSL_REDIRECT": "false"}, "security.W008"),
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_COOKIES": "false"}, "security.W012"),
    ],
)
def test_switching_a_protection_off_is_reported(tmp_path, env, warning):
    result = _check_deploy(tmp_path, **env)
    assert result.returncode != 0 and warning in result.stdout + result.stderr


def _settings(tmp_path, expression: str, **env) -> subprocess.CompletedProcess:
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    return _run(tmp_path, [sys.executable, "-c", code], **env)


def test_production_defaults_redirect_to_https_and_send_hsts_behind_the_proxy(tmp_path):
    expression = "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS"
    expression += ", s.SECURE_PROXY_SSL_HEADER"
    result = _settings(tmp_path, expression, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https')"


def test_development_neither_redirects_nor_sends_hsts(tmp_path):
    result = _settings(tmp_path, "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.EMAIL_ENABLED")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False 0 True"


def test_production_without_a_mail_server_refuses_to_start(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_HOST"}
    result = _settings(tmp_path, "s.MAILERS", **env)
    assert result.returncode != 0
    assert "EMAIL_HOST must be set when JUNENG_ENV=production" in result.stderr
    assert "EMAIL_ENABLED=false" in result.stderr


def test_production_with_email_switched_off_starts_and_passes_check_deploy(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_HOST"} | {"EMAIL_ENABLED": "false"}
    result = _settings(tmp_path, "s.EMAIL_ENABLED, s.MAILERS['default']['BACKEND']", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False django.core.mail.backends.dummy.EmailBackend"
    result = _run(tmp_path, [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_email_enabled_must_be_true_or_false(tmp_path):
    result = _settings(tmp_path, "s.EMAIL_ENABLED", EMAIL_ENABLED="maybe")
    assert result.returncode != 0 and "EMAIL_ENABLED must be true or false" in result.stderr


# --- what a sweep writes when email is off -----------------------------------------------------------

DAY = date(2026, 3, 5)
MORNING = datetime.combine(DAY, time(9, 0), tzinfo=ZoneInfo("Asia/Shanghai"))


def _follow_up_due() -> None:
    """A recruiter with an email address and a follow-up due today."""
    xulei = make_member(display_name="徐磊", user__email="xulei@example.cn")
    project = make_project(xulei, name="汽车用智能底盘和感应门把手项目")
    with time_machine.travel(MORNING - timedelta(days=1), tick=False):
        activity_services.follow_up_create(actor=xulei.user, title="带刘总实地看厂房", due_date=DAY, project=project)


@pytest.mark.django_db
def test_with_email_switched_off_a_sweep_writes_no_email_rows(settings, mailoutbox):
    settings.EMAIL_ENABLED = False
    _follow_up_due()
    services.sweep_all(now=MORNING)
    assert set(Delivery.objects.values_list("channel", flat=True)) == {ChannelKind.IN_APP}
    for delivery_id in services.deliveries_due(now=MORNING):
        services.delivery_send(delivery_id, now=MORNING)
    assert mailoutbox == []


@pytest.mark.django_db
def test_with_email_on_the_same_sweep_writes_an_email_row(settings):
    settings.EMAIL_ENABLED = True
    _follow_up_due()
    services.sweep_all(now=MORNING)
    assert set(Delivery.objects.values_list("channel", flat=True)) == {ChannelKind.IN_APP, ChannelKind.EMAIL}
