"""The admin's journey: log in in Chinese, switch to English, move a member to another group."""

import pytest
from django.core.management import call_command

from teams.demo import DEMO_PASSWORD
from teams.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_logs_in_in_chinese_switches_to_english_and_moves_a_member(browser, live_server, screenshot):
    call_command("seed_demo")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.locator("#main-nav").get_by_role("link", name="小组与成员").wait_for()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    screenshot(page, "admin-home-zh")

    page.get_by_role("button", name="English").click()
    page.locator("#main-nav").get_by_role("link", name="Groups and members").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="All members").click()
    page.get_by_role("link", name="徐磊").click()
    assert page.locator("#member-team").inner_text() == "招商一组"

    page.get_by_label("Move to group").select_option(label="招商二组")
    page.get_by_role("button", name="Move").click()
    page.get_by_text("徐磊 moved to 招商二组.").wait_for()
    assert page.locator("#member-team").inner_text() == "招商二组"
    assert "Moved to another group" in page.locator("#member-history").inner_text()
    screenshot(page, "admin-member-moved-en")

    assert Membership.objects.get(user__username="xulei").team.code == "G2"
    context.close()


def test_phone_sized_screen_has_a_working_menu(browser, live_server, screenshot):
    call_command("seed_demo")
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("xulei")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的今日").wait_for()
    assert not page.get_by_role("link", name="中心通讯录").is_visible()
    page.get_by_role("button", name="菜单").click()
    page.get_by_role("link", name="中心通讯录").click()
    page.get_by_role("heading", name="小组").wait_for()
    screenshot(page, "recruiter-directory-phone-zh")
    context.close()
