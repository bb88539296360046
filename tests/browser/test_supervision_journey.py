"""The director issues a 督办 from a project's page (desktop, Chinese); its due date passes (moved back in
the database, as time would), so it is red; its owner logs in on a phone and sees it red at the top of My
day, opens it and acknowledges it; the list shows it red, in Chinese on a phone and in English on desktop."""

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.stages import Stage
from supervision.models import SupervisionOrder
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def _phone(browser, locale: str = "zh-CN"):
    return browser.new_context(locale=locale, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)


def test_a_red_order_shows_on_its_owners_my_day_and_is_acknowledged(browser, live_server, login, screenshot):
    leader = make_member(Role.TEAM_LEADER, display_name="周建国", user__username="zhoujianguo")
    xulei = make_member(Role.RECRUITER, team=leader.team, display_name="徐磊", user__username="xulei")
    make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    project = make_project(xulei, stage=Stage.NEGOTIATION, company=make_company("浙江智驰汽车科技有限公司"),
                           name="智能底盘项目")  # fmt: skip
    today = timezone.localdate()

    desktop = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = desktop.new_page()
    page.set_default_timeout(10_000)
    login(page, "maxiang")
    page.goto(live_server.url + project.get_absolute_url())
    page.locator("#supervision-issue-link").click()
    page.get_by_label("督办事项").fill("本周内落实供地方案并报分管领导")
    page.get_by_label("徐磊").check()
    page.get_by_label("办结期限").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="下达").click()
    page.get_by_text("截止日期不能早于今天").wait_for()  # refused, the text kept
    assert page.get_by_label("督办事项").input_value() == "本周内落实供地方案并报分管领导"
    screenshot(page, "supervision-issue-refused-desktop-zh")
    page.get_by_label("办结期限").fill((today + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="下达").click()
    page.get_by_text("督办已下达").wait_for()
    assert page.locator("#supervision-colour").get_attribute("data-colour") == "blue"
    desktop.close()

    order = SupervisionOrder.objects.get()
    SupervisionOrder.objects.filter(pk=order.pk).update(issued_on=today - timedelta(days=20),
                                                        due_on=today - timedelta(days=2))  # fmt: skip

    phone = _phone(browser)
    page = phone.new_page()
    page.set_default_timeout(10_000)
    login(page, "xulei")
    section = page.locator("#my-supervision")
    row = section.locator(f"#my-supervision-{order.pk}")
    assert row.get_attribute("data-colour") == "red"
    assert "红：已逾期" in row.inner_text()
    screenshot(page, "supervision-my-day-phone-zh")
    row.get_by_role("link").click()
    page.get_by_role("button", name="签收").click()
    page.get_by_text("督办已签收").wait_for()
    assert page.locator("#supervision-status").inner_text() == "已签收"
    page.get_by_label("进展反馈").fill("已与国土局对接，下周上会")
    page.get_by_role("button", name="反馈进展").click()
    page.get_by_text("进展已反馈").wait_for()
    assert "已与国土局对接" in page.locator("#supervision-notes").inner_text()
    assert page.locator("#close-form").count() == 0  # the director closes it
    screenshot(page, "supervision-detail-phone-zh")
    page.goto(live_server.url + "/supervision/")
    assert page.locator(f"#supervision-{order.pk}").get_attribute("data-colour") == "red"
    screenshot(page, "supervision-list-phone-zh")
    phone.close()

    desktop = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    page = desktop.new_page()
    page.set_default_timeout(10_000)
    login(page, "xulei")
    assert "Red: overdue" in page.locator(f"#my-supervision-{order.pk}").inner_text()
    screenshot(page, "supervision-my-day-desktop-en")
    page.goto(live_server.url + "/supervision/?colour=red")
    assert page.locator(f"#supervision-{order.pk}").is_visible()
    screenshot(page, "supervision-list-desktop-en")
    desktop.close()

    for locale, name in (("en-US", "supervision-my-day-phone-en"), ("zh-CN", "supervision-list-desktop-zh")):
        context = _phone(browser, locale) if "phone" in name else browser.new_context(
            locale=locale, viewport={"width": 1366, "height": 900})  # fmt: skip
        page = context.new_page()
        login(page, "xulei")
        if "list" in name:
            page.goto(live_server.url + "/supervision/")
        screenshot(page, name)
        context.close()
    assert SupervisionOrder.objects.get().status == "acknowledged"

    desktop = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = desktop.new_page()
    login(page, "maxiang")
    page.goto(live_server.url + "/dashboard/")
    assert page.locator("#supervision-open").is_visible()
    page.locator("#supervision-figures").screenshot(path=str(screenshot(page, "supervision-dashboard-desktop-zh")))
    desktop.close()
