"""The import pages as people use them: upload a GBK ledger, see the encoding and every row's result, confirm
(all rows, or only the valid ones), download the error report and the templates; who may do what."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from crm.models import Company
from imports.models import ImportRun
from imports.workbooks import REASON_HEADER
from teams.models import Membership
from tests.factories import make_member, valid_credit_code

pytestmark = pytest.mark.django_db

LEDGER = (
    "公司名称,信用代码,所在城市,备注2\n"
    f"甲有限公司,{valid_credit_code(7)},南京,x\n"
    "乙有限公司,91320000BADCODE00,苏州,y\n"
    '丙有限公司,,=HYPERLINK("http://x"),z\n'
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, kind="companies", text=LEDGER, name="招商台账.csv", encoding="gbk"):
    upload = SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")
    return client.post(reverse("imports:import_list"), {"kind": kind, "file": upload})


def _checked_run(client, django_capture_on_commit_callbacks, **kwargs) -> ImportRun:
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, **kwargs)
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    run.refresh_from_db()
    return run


def test_a_gbk_ledger_is_checked_and_the_preview_names_each_row(client, django_capture_on_commit_callbacks):
    recruiter = make_member(Membership.Role.RECRUITER)
    client.force_login(recruiter.user)
    run = _checked_run(client, django_capture_on_commit_callbacks)
    assert (run.status, run.created, run.errors) == ("previewed", 2, 1) and not Company.objects.exists()

    page = client.get(run.get_absolute_url()).content.decode()
    assert "GBK / GB18030" in page  # the detected encoding is shown
    assert "公司名称 → 企业名称" in page and "备注2" in page  # the mapping, and what was ignored
    assert 'id="row-3" class="table-danger"' in page and "统一社会信用代码" in page  # the bad code's reason
    assert "仅导入有效行" in page and "导入全部" not in page  # with errors, only "valid rows only" is offered

    errors_only = client.get(run.get_absolute_url(), {"action": "error"}).content.decode()
    assert 'id="row-3"' in errors_only and 'id="row-2"' not in errors_only


def test_confirming_valid_rows_only_imports_them_and_the_report_holds_the_rest(
    client, django_capture_on_commit_callbacks
):
    recruiter = make_member(Membership.Role.RECRUITER)
    client.force_login(recruiter.user)
    run = _checked_run(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:import_commit", args=[run.pk]), {"valid_only": "1"})
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.created, run.errors) == ("done", 2, 1)
    assert set(Company.objects.values_list("name", flat=True)) == {"甲有限公司", "丙有限公司"}
    # the formula-looking text stayed text
    assert Company.objects.get(name="丙有限公司").city == '=HYPERLINK("http://x")'

    report = client.get(reverse("imports:import_error_report", args=[run.pk]))
    assert report.status_code == 200 and report["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(report.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("公司名称", "信用代码", "所在城市", "备注2", REASON_HEADER)
    assert len(rows) == 2 and rows[1][0] == "乙有限公司" and rows[1][4]

    listing = client.get(reverse("imports:import_list")).content.decode()
    assert f'id="import-{run.pk}"' in listing and "招商台账.csv" in listing

    # a second confirmation is refused; nothing is written twice
    client.post(reverse("imports:import_commit", args=[run.pk]), {"valid_only": "1"})
    assert Company.objects.count() == 2


def test_confirming_all_rows_with_errors_writes_nothing(client, django_capture_on_commit_callbacks):
    recruiter = make_member(Membership.Role.RECRUITER)
    client.force_login(recruiter.user)
    run = _checked_run(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:import_commit", args=[run.pk]), {"valid_only": "0"})
    run.refresh_from_db()
    assert run.status == "nothing" and not Company.objects.exists()
    assert "没有导入任何数据" in client.get(run.get_absolute_url()).content.decode()


def test_reimporting_the_same_file_changes_nothing(client, django_capture_on_commit_callbacks):
    recruiter = make_member(Membership.Role.RECRUITER)
    client.force_login(recruiter.user)
    good = "企业名称,城市\n甲有限公司,南京\n乙有限公司,苏州\n"
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            _upload(client, text=good)
        run = ImportRun.objects.first()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("imports:import_commit", args=[run.pk]), {"valid_only": "0"})
    first, second = ImportRun.objects.order_by("pk")
    assert (first.created, second.created, second.updated, second.unchanged) == (2, 0, 0, 2)
    assert Company.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"%PDF-1.4", "请上传 .xlsx 或 .csv 文件"),
        ("a.csv", b"", "提交的是空文件"),
        ("a.csv", "城市\n南京\n".encode(), "文件中没有“企业名称”列"),
        ("a.xlsx", b"PK\x03\x04 not really", "不是可读取的 .xlsx 工作簿"),
        ("a.csv", b"\xff\xfe\x00\x01\x80\x81\xfe", "既不是 UTF-8 也不是 GBK"),
    ],
)
def test_an_unreadable_upload_is_refused_with_the_reason(client, name, data, message):
    client.force_login(make_member(Membership.Role.RECRUITER).user)
    response = client.post(
        reverse("imports:import_list"), {"kind": "companies", "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_progress_fragment_polls_until_the_task_ends(client):
    recruiter = make_member(Membership.Role.RECRUITER)
    client.force_login(recruiter.user)
    _upload(client)  # the check is queued (its on_commit callback never runs here)
    run = ImportRun.objects.get()
    assert run.status == "queued"
    fragment = client.get(reverse("imports:import_progress", args=[run.pk]))
    assert fragment.status_code == 200 and 'hx-trigger="every 1s"' in fragment.content.decode()
    assert "0 / 3" in fragment.content.decode() or "3 行中的 0 行" in fragment.content.decode()
    ImportRun.objects.filter(pk=run.pk).update(status="previewed")
    ended = client.get(reverse("imports:import_progress", args=[run.pk]))
    assert ended.status_code == 204 and ended["HX-Refresh"] == "true"


def test_templates_per_kind_have_the_chinese_headers(client):
    client.force_login(make_member(Membership.Role.RECRUITER).user)
    response = client.get(reverse("imports:import_template", args=["projects"]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    headers = next(book.worksheets[0].iter_rows(values_only=True))
    assert headers[:3] == ("项目名称", "投资方", "统一社会信用代码") and "总投资（万元）" in headers
    assert book.worksheets[1]["A1"].value == "表头"
    # a kind the role may not import has no template either
    assert client.get(reverse("imports:import_template", args=["buildings"])).status_code == 404


def test_who_sees_and_who_confirms_a_run(client, django_capture_on_commit_callbacks):
    recruiter = make_member(Membership.Role.RECRUITER)
    colleague = make_member(Membership.Role.RECRUITER, team=recruiter.team)
    director = make_member(Membership.Role.DIRECTOR)
    admin = make_member(Membership.Role.ADMIN)
    client.force_login(recruiter.user)
    run = _checked_run(client, django_capture_on_commit_callbacks)

    client.force_login(colleague.user)
    assert client.get(run.get_absolute_url()).status_code == 404
    assert client.get(reverse("imports:import_error_report", args=[run.pk])).status_code == 404
    assert f'id="import-{run.pk}"' not in client.get(reverse("imports:import_list")).content.decode()

    client.force_login(director.user)
    assert client.get(run.get_absolute_url()).status_code == 200  # directors see every run
    assert client.post(reverse("imports:import_commit", args=[run.pk]), {"valid_only": "1"}).status_code == 403
    run.refresh_from_db()
    assert run.status == "previewed" and not Company.objects.exists()

    client.force_login(admin.user)
    page = client.get(reverse("imports:import_list")).content.decode()
    assert 'value="companies"' in page and 'value="projects"' not in page
    assert _upload(client, kind="projects", text="项目名称,投资方\n甲,乙\n").status_code == 400
