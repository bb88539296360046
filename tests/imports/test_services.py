"""An import run from upload to commit: the preview records every row and writes nothing; the commit
writes; the counts and progress are kept; another role's kind is refused."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from crm.models import Company
from imports import services
from imports.models import ImportRun
from teams.models import Membership
from tests.factories import make_member, valid_credit_code

LEDGER = (
    f"企业名称,统一社会信用代码,城市\n甲有限公司,{valid_credit_code(7)},南京\n乙有限公司,bad,苏州\n丙有限公司,,无锡\n"
)


@pytest.fixture
def recruiter(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_member(Membership.Role.RECRUITER).user


def _start(user):
    upload = SimpleUploadedFile("台账.csv", LEDGER.encode("gbk"), content_type="text/csv")
    return services.import_start(actor=user, kind=ImportRun.Kind.COMPANIES, upload=upload)


def test_preview_then_valid_rows_only(recruiter):
    run = _start(recruiter)
    assert (run.encoding, run.total_rows, run.status) == ("gb18030", 3, "queued")
    services.import_preview(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.created, run.errors) == ("previewed", 2, 1) and Company.objects.count() == 0
    assert list(run.rows.values_list("number", "action")) == [(2, "create"), (3, "error"), (4, "create")]
    assert cache.get(services.progress_key(run.pk)) == 3

    services.import_request(actor=recruiter, run=run, valid_only=False)
    services.import_commit(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "nothing" and Company.objects.count() == 0


def test_commit_valid_rows_only_writes_them(recruiter):
    run = _start(recruiter)
    services.import_preview(run_id=run.pk)
    services.import_request(actor=recruiter, run=run, valid_only=True)
    services.import_commit(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "done" and run.created == 2
    assert set(Company.objects.values_list("name", flat=True)) == {"甲有限公司", "丙有限公司"}


def test_an_administrator_cannot_import_projects(db):
    admin = make_member(Membership.Role.ADMIN).user
    upload = SimpleUploadedFile("a.csv", "项目名称\n甲\n".encode(), content_type="text/csv")
    with pytest.raises(PermissionDenied):
        services.import_start(actor=admin, kind=ImportRun.Kind.PROJECTS, upload=upload)
    assert not ImportRun.objects.exists()


def test_a_redelivered_task_finds_its_work_done(recruiter):
    """acks late: a task may run twice (the worker died after the work); the second changes nothing."""
    run = _start(recruiter)
    services.import_preview(run_id=run.pk)
    assert services.import_preview(run_id=run.pk) is None  # already checked
    services.import_request(actor=recruiter, run=run, valid_only=True)
    services.import_commit(run_id=run.pk)
    assert services.import_commit(run_id=run.pk) is None
    run.refresh_from_db()
    assert (run.status, run.created) == ("done", 2) and Company.objects.count() == 2


def test_only_the_importer_confirms(recruiter):
    run = _start(recruiter)
    services.import_preview(run_id=run.pk)
    director = make_member(Membership.Role.DIRECTOR).user
    with pytest.raises(PermissionDenied):
        services.import_request(actor=director, run=run, valid_only=True)
    run.refresh_from_db()
    assert run.status == "previewed"


def test_a_file_that_no_longer_reads_fails_the_run_with_its_reason(recruiter):
    run = _start(recruiter)
    with run.file.open("wb") as stored:
        stored.write(b"\xff\xfe\x81")
    services.import_preview(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "failed" and "UTF-8" in run.message


def test_an_unreachable_broker_leaves_the_run_waiting(recruiter):
    from config.celery import app, create_app

    run = _start(recruiter)
    broken = create_app("juneng-broken", broker_url="redis://127.0.0.1:1/0", task_always_eager=False,
                        broker_connection_retry=False, broker_connection_max_retries=0)  # fmt: skip
    try:
        broken.loader.import_default_modules()
        assert services.enqueue(broken.tasks["imports.tasks.preview_import"], run.pk) is False
    finally:  # a new Celery app makes itself the current one: the tasks of later tests must find Juneng's
        app.set_current()
        app.set_default()
    run.refresh_from_db()
    assert run.status == "queued"


def test_imports_have_their_own_queue_which_every_worker_consumes():
    """A check must not wait behind a backlog of reminder deliveries (the first start of the demo)."""
    from config.celery import app

    assert app.amqp.router.route({}, "imports.tasks.preview_import")["queue"].name == "imports"
    assert app.amqp.router.route({}, "imports.tasks.commit_import")["queue"].name == "imports"
    assert app.amqp.router.route({}, "reminders.tasks.delivery_send_task")["queue"].name == "celery"
    assert {"celery", "imports"} <= set(app.amqp.queues)  # a worker without -Q consumes both
