"""A recruiter opens a service request on the landed company's page (on a phone, in Chinese), naming a
colleague responsible; the colleague takes it up with a note (the chase), tries to resolve it without notes
(refused, saying why) and resolves it with notes; the director sees it resolved within the service level on
desktop in English, with its history."""

from datetime import date

import pytest

from aftercare.models import ServiceRequest
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def test_a_request_is_opened_chased_and_resolved_with_notes(browser, live_server, login, screenshot):
    leader = make_member(Role.TEAM_LEADER, display_name="周建国", user__username="zhoujianguo")
    make_member(Role.RECRUITER, team=leader.team, display_name="黄涛", user__username="huangtao")
    zhaomin = make_member(Role.RECRUITER, team=leader.team, display_name="赵敏", user__username="zhaomin")
    make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    company = make_company("扬州恒盛智谷产业社区运营有限公司", city="扬州市")
    make_project(Membership.objects.get(user__username="huangtao"), stage=Stage.PRODUCTION, company=company,
                 name="恒盛智谷产业社区项目", signed_on=date(2025, 3, 1))  # fmt: skip

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True)  # fmt: skip
    page = phone.new_page()
    page.set_default_timeout(10_000)
    login(page, "huangtao")
    page.goto(live_server.url + "/aftercare/")
    page.get_by_role("link", name="扬州恒盛智谷产业社区运营有限公司").click()
    page.get_by_role("link", name="登记诉求").click()
    page.get_by_label("类型").select_option("labour")
    page.get_by_label("标题").fill("二期入驻企业招工：急需操作工200名")
    page.get_by_label("说明").fill("需要园区人社部门协助组织专场招聘会。")
    responsible = page.get_by_label("责任人")
    assert responsible.input_value() == "黄涛"  # the one opening it is proposed
    responsible.fill("")
    responsible.press_sequentially("赵敏", delay=50)
    page.get_by_role("option", name="赵敏").click()
    screenshot(page, "aftercare-open-phone-zh")
    page.get_by_role("button", name="登记诉求").click()
    page.get_by_text("诉求已登记").wait_for()
    request = ServiceRequest.objects.get()
    assert request.responsible == zhaomin.user and request.status == "open"
    assert page.locator("#request-status").inner_text() == "待办"
    assert page.locator("#resolve-form").count() == 0  # 黄涛 opened it; 赵敏 is responsible
    phone.close()

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True)  # fmt: skip
    page = phone.new_page()
    page.set_default_timeout(10_000)
    login(page, "zhaomin")
    page.goto(live_server.url + f"/aftercare/companies/{company.pk}/")
    page.locator("#open-requests").get_by_role("link", name="二期入驻企业招工：急需操作工200名").click()
    page.get_by_label("已做了什么").fill("已与区人社局对接，招聘会定于下周三")
    page.get_by_role("button", name="开始办理（处理中）").click()
    page.locator("#request-status", has_text="处理中").wait_for()
    page.get_by_role("button", name="标记为已解决").click()  # no notes yet
    assert (
        "请填写" in page.locator("#resolve-form").inner_text() or "必填" in page.locator("#resolve-form").inner_text()
    )
    assert ServiceRequest.objects.get().status == "in_progress"
    page.get_by_label("办理结果").fill("专场招聘会招到212人，已全部上岗。")
    page.get_by_role("button", name="标记为已解决").click()
    page.locator("#request-status", has_text="已解决").wait_for()
    assert "专场招聘会招到212人" in page.locator("#request-resolution").inner_text()
    screenshot(page, "aftercare-resolved-phone-zh")
    phone.close()

    desktop = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    page = desktop.new_page()
    page.set_default_timeout(10_000)
    login(page, "maxiang")
    page.goto(live_server.url + f"/aftercare/requests/{request.pk}/")
    assert "within the service level" in page.locator("#request-resolved").inner_text()
    history = page.locator("#request-history").inner_text()
    assert "已与区人社局对接" in history and "赵敏" in history and "黄涛" in history
    screenshot(page, "aftercare-request-desktop-en")
    desktop.close()
