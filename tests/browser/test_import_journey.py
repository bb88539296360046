"""A recruiter imports the group's GBK ledger from a phone and a desktop as people do: uploads it, watches the
worker check it (the progress fragment polls), reads each row's result — an investor another group holds is
refused with the 报备 reason, a bad amount is named — imports only the valid rows and downloads the error
report. The real worker runs the tasks (the embedded broker, or Redis in CI)."""

import io

import pytest
from celery.contrib.testing.worker import start_worker
from openpyxl import load_workbook

from config.celery import app as juneng_app
from crm.models import Registration
from projects.models import Project
from teams.models import Membership
from tests.factories import RegistrationFactory, make_member
from tests.projects.builders import make_company, make_project

pytestmark = [pytest.mark.browser, pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


@pytest.fixture
def worker(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    juneng_app.conf.task_always_eager = False
    with start_worker(juneng_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield  # the suite's conftest makes Juneng's app current (and eager) again after the test


def _ledger(group: str) -> bytes:
    rows = [
        "项目名称,投资方,所属小组,负责人,投资额（亿元）,预计签约日期",
        f"年产十万套汽车座椅项目,南京华瑞汽车座椅有限公司,{group},王帅,2.5,2027/3/1",
        f"高端轴承产业园,江苏精工轴承股份有限公司,{group},王帅,8,2027年6月30日",
        f"智能底盘项目,浙江智驰汽车科技有限公司,{group},王帅,3,2027-01-15",  # 招商二组 holds this investor
        f"碳纤维复合材料项目,常州碳谷新材料有限公司,{group},王帅,约五亿,2027-09-01",
    ]
    return ("\r\n".join(rows) + "\r\n").encode("gbk")


def test_a_recruiter_imports_a_gbk_ledger_with_a_clear_report(browser, live_server, login, worker, screenshot):
    wangshuai = make_member(Role.RECRUITER, display_name="王帅", user__username="wangshuai")
    other = make_member(Role.RECRUITER, display_name="刘洋")
    held = make_project(other, name="智驰底盘项目", company=make_company("浙江智驰汽车科技有限公司"))
    RegistrationFactory(company=held.company, team=other.team, registered_by=other.user)

    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, "wangshuai")
    page.goto(live_server.url + "/projects/")
    page.locator("a.import-link").click()  # the list's own "导入台账" button
    assert page.locator("#id_kind").input_value() == "projects"
    page.locator("#id_file").set_input_files(
        {"name": "二组项目台账.csv", "mimeType": "text/csv", "buffer": _ledger(wangshuai.team.name)}
    )
    page.locator("#import-upload button[type=submit]").click()
    page.wait_for_url("**/imports/*/")
    # the worker checks the rows; the page polls and reloads itself when the check has ended
    page.locator("#import-counts").wait_for()
    assert page.locator("#import-encoding").inner_text() == "GBK / GB18030"
    assert page.locator("#row-4").get_attribute("class") == "table-danger"
    assert "已报备" in page.locator("#row-4").inner_text() and "智能底盘项目" in page.locator("#row-4").inner_text()
    assert "“约五亿”不是数字" in page.locator("#row-5").inner_text()
    assert "将新建" in page.locator("#row-2").inner_text()
    assert not Project.objects.filter(name="高端轴承产业园").exists()  # the check wrote nothing
    screenshot(page, "import-preview-390-zh")

    page.locator("#import-confirm button", has_text="仅导入有效行").click()
    page.locator("#import-done").wait_for()
    assert set(Project.objects.filter(owner_team=wangshuai.team).values_list("name", flat=True)) == {
        "年产十万套汽车座椅项目", "高端轴承产业园",
    }  # fmt: skip
    seat = Project.objects.get(name="年产十万套汽车座椅项目")
    assert seat.planned_investment == 25000 and str(seat.expected_signing_date) == "2027-03-01"
    assert seat.events.get(kind="created").comment == "由 王帅 从 二组项目台账.csv 导入"
    # the other group's registration is untouched
    assert Registration.objects.filter(company=held.company).values_list("team", flat=True).get() == other.team_id

    with page.expect_download() as download:
        page.locator("#import-done a").click()
    rows = list(load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active.values)
    assert [row[0] for row in rows[1:]] == ["智能底盘项目", "碳纤维复合材料项目"]
    context.close()

    # desktop, English: the run in the list with its counts
    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, "wangshuai")
    page.goto(live_server.url + "/imports/")
    row = page.locator("#import-runs tbody tr").first
    assert "二组项目台账.csv" in row.inner_text() and "Imported" in row.inner_text()
    screenshot(page, "import-list-desktop-en")
    row.locator("a").first.click()
    page.locator("#import-done").wait_for()
    screenshot(page, "import-done-desktop-en")
    context.close()
