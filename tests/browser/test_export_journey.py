"""A director narrows the project list to 洽谈 and downloads it in full as Excel: the file holds the rows the
list counts; a recruiter is offered only the masked file, whose contact phone is masked."""

import csv
import io

import pytest
from openpyxl import load_workbook

from exports.models import ExportLog
from projects.stages import Stage
from teams.models import Membership
from tests.exports.conftest import LIU_PHONE
from tests.factories import ContactFactory, RegistrationFactory, make_member
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def test_a_director_exports_the_filtered_list_and_a_recruiter_only_the_masked_one(browser, live_server, login):
    make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    wangshuai = make_member(Role.RECRUITER, display_name="王帅", user__username="wangshuai")
    chassis = make_project(wangshuai, name="智能底盘项目", stage=Stage.NEGOTIATION)
    make_project(wangshuai, name="UTG柔性玻璃项目", stage=Stage.NEGOTIATION)
    make_project(wangshuai, name="感应门把手项目", stage=Stage.LEAD)
    RegistrationFactory(company=chassis.company, team=wangshuai.team, registered_by=wangshuai.user)
    ContactFactory(company=chassis.company, name="刘德华", phone=LIU_PHONE)

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "maxiang")
    page.goto(live_server.url + "/projects/")
    page.locator("#id_stage").select_option(Stage.NEGOTIATION)
    page.wait_for_url("**stage=negotiation**")
    page.wait_for_function("document.querySelector('#project-count').textContent.includes('2')")
    with page.expect_download() as download:
        page.locator("a.export-full", has_text="Excel").click()
    rows = list(load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active.values)
    assert sorted(row[0] for row in rows[1:]) == ["UTG柔性玻璃项目", "智能底盘项目"]
    log = ExportLog.objects.get()
    assert (log.masked, log.row_count) == (False, 2) and log.query.startswith("stage=negotiation")
    context.close()

    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "wangshuai")
    page.goto(live_server.url + "/companies/")
    assert page.locator("a.export-full").count() == 0
    with page.expect_download() as download:
        page.locator("a.export-masked", has_text="CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert LIU_PHONE not in text and "刘德华" not in text
    assert any("138****5678" in cell for row in csv.reader(io.StringIO(text)) for cell in row)
    context.close()
