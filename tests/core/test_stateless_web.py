"""Web processes keep nothing of their own: with Redis, sessions live in the database behind the cache, so
any web host reads them and a Redis restart signs nobody out."""

import os
import subprocess
import sys

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _settings_with(tmp_path, **env) -> str:
    """SESSION_ENGINE and the cache backend as a fresh process with this environment reads them."""
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "JUNENG_ENV"}}
    environment |= {"JUNENG_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"} | env
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_with_redis_sessions_are_cached_database_sessions(tmp_path):
    engine, cache_backend = _settings_with(tmp_path, REDIS_URL="redis://127.0.0.1:6379/7").split()
    assert engine == "django.contrib.sessions.backends.cached_db"
    assert cache_backend == "django.core.cache.backends.redis.RedisCache"


def test_without_redis_sessions_stay_in_the_database(tmp_path):
    engine, _ = _settings_with(tmp_path).split()
    assert engine == "django.contrib.sessions.backends.db"


def test_an_emptied_cache_signs_nobody_out(client, settings, recruiter_member):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    username = recruiter_member.user.username
    response = client.post(reverse("login"), {"username": username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=session_key).exists()

    cache.clear()  # what a Redis restart leaves behind

    response = client.get(reverse("activities:my_day"))
    assert response.status_code == 200
    assert response.wsgi_request.user == recruiter_member.user


def test_the_check_above_would_catch_cache_only_sessions(client, settings, recruiter_member):
    """The control: with sessions only in the cache, the same emptied cache does sign the person out."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    username = recruiter_member.user.username
    assert client.post(reverse("login"), {"username": username, "password": TEST_PASSWORD}).status_code == 302
    cache.clear()
    response = client.get(reverse("activities:my_day"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
