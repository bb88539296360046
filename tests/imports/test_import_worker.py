"""A 20,000-row ledger goes through a real Celery worker (Redis in CI, the embedded filesystem broker on a
bare machine): the upload returns at once, the page's progress fragment climbs while the worker checks and
then imports, and every row lands."""

import re
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.celery import app as juneng_app
from crm.models import Company
from imports.models import ImportRun
from teams.models import Membership
from tests.factories import make_member

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
ROWS = 20_000


def _poll_until_done(client, run: ImportRun, timeout: float = 600) -> list[int]:
    """What the page's progress bar showed, polled as htmx does, until the fragment asks for a reload."""
    seen, deadline = [], time.monotonic() + timeout
    url = reverse("imports:import_progress", args=[run.pk])
    while time.monotonic() < deadline:
        response = client.get(url, HTTP_HX_REQUEST="true")
        if response.status_code == 204:
            assert response["HX-Refresh"] == "true"
            return seen
        seen.append(int(re.search(r'aria-valuenow="(\d+)"', response.content.decode()).group(1)))
        time.sleep(0.5)
    pytest.fail(f"the import did not finish within {timeout:.0f} s; progress seen: {seen[-5:]}")


def test_a_20000_row_ledger_is_checked_and_imported_by_the_worker(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    recruiter = make_member(Membership.Role.RECRUITER)
    client.force_login(recruiter.user)
    ledger = "企业名称,城市,行业\n" + "".join(f"台账测试{n}号科技有限公司,南京,新材料\n" for n in range(ROWS))
    upload = SimpleUploadedFile("两万行台账.csv", ledger.encode("gbk"), content_type="text/csv")

    juneng_app.conf.task_always_eager = False
    with start_worker(juneng_app, pool="solo", perform_ping_check=False, shutdown_timeout=60):
        started = time.monotonic()
        response = client.post(reverse("imports:import_list"), {"kind": "companies", "file": upload})
        assert response.status_code == 302
        upload_seconds = time.monotonic() - started
        run = ImportRun.objects.get()
        checked = _poll_until_done(client, run)
        run.refresh_from_db()
        assert (run.status, run.total_rows, run.created, run.errors) == ("previewed", ROWS, ROWS, 0)
        assert not Company.objects.exists()  # the check wrote nothing
        assert any(0 < done < ROWS for done in checked), f"no intermediate progress: {checked}"

        client.post(reverse("imports:import_commit", args=[run.pk]), {"valid_only": "0"})
        imported = _poll_until_done(client, run)
        run.refresh_from_db()
    assert run.status == "done" and run.created == ROWS
    assert Company.objects.count() == ROWS
    assert any(0 < done < ROWS for done in imported), f"no intermediate progress: {imported}"
    # the upload only stored the file and queued the check: it did not do the work in the request
    assert upload_seconds < (run.finished_at - run.created_at).total_seconds() / 4
