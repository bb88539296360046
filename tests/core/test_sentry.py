"""Sentry is optional: nothing is started without SENTRY_DSN; with it, Django and Celery errors are
reported without personal data, under the installation's environment name."""

import json
import os
import subprocess
import sys

import pytest
import sentry_sdk
from django.conf import settings

from config.sentry import _tag_with_request_id
from core.request_id import request_id


@pytest.fixture(autouse=True)
def _no_request_id_yet():
    """Each test starts outside any request, whatever an earlier test's unclosed response left behind."""
    token = request_id.set(None)
    yield
    request_id.reset(token)


def test_without_a_dsn_nothing_is_initialised():
    if os.environ.get("SENTRY_DSN"):
        pytest.skip("this run has SENTRY_DSN set")
    assert settings.SENTRY_DSN == "" and settings.SENTRY_ENABLED is False
    assert not sentry_sdk.get_client().is_active()


def test_with_a_dsn_django_and_celery_report_without_personal_data(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    environment |= {
        "JUNENG_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SENTRY_DSN": "http://public@127.0.0.1:9/1",  # a closed port: nothing is sent, nothing waits on it
        "SENTRY_ENVIRONMENT": "staging",
    }
    code = (
        "import json, django; django.setup(); import sentry_sdk; from django.conf import settings; "
        "client = sentry_sdk.get_client(); "
        "print(json.dumps({'enabled': settings.SENTRY_ENABLED, 'active': client.is_active(), "
        "'environment': client.options['environment'], 'pii': client.options['send_default_pii'], "
        "'integrations': sorted(client.integrations)}))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["enabled"] is True and seen["active"] is True
    assert seen["environment"] == "staging" and seen["pii"] is False
    assert {"django", "celery"} <= set(seen["integrations"])


def test_a_report_names_the_request_id():
    token = request_id.set("req-sentry")
    try:
        assert _tag_with_request_id({}, {})["tags"] == {"request_id": "req-sentry"}
    finally:
        request_id.reset(token)
    assert "tags" not in _tag_with_request_id({}, {})
