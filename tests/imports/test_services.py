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

    services.import_commit(run_id=run.pk, valid_only=False)
    run.refresh_from_db()
    assert run.status == "nothing" and Company.objects.count() == 0


def test_commit_valid_rows_only_writes_them(recruiter):
    run = _start(recruiter)
    services.import_preview(run_id=run.pk)
    services.import_commit(run_id=run.pk, valid_only=True)
    run.refresh_from_db()
    assert run.status == "done" and run.created == 2
    assert set(Company.objects.values_list("name", flat=True)) == {"甲有限公司", "丙有限公司"}


def test_an_administrator_cannot_import_projects(db):
    admin = make_member(Membership.Role.ADMIN).user
    upload = SimpleUploadedFile("a.csv", "项目名称\n甲\n".encode(), content_type="text/csv")
    with pytest.raises(PermissionDenied):
        services.import_start(actor=admin, kind=ImportRun.Kind.PROJECTS, upload=upload)
    assert not ImportRun.objects.exists()
