"""Anyone finds a company by three characters of its name from any page: "/" opens the search, the results
come while typing, ↓ and Enter open the company; on a phone the bar's search button does the same, and a
recruiter does not find another group's contact."""

import pytest

from teams.models import Membership
from tests.factories import ContactFactory, RegistrationFactory, make_member
from tests.projects.builders import make_company, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def test_slash_finds_a_company_by_three_characters_and_enter_opens_it(browser, live_server, login, screenshot):
    wangshuai = make_member(Role.RECRUITER, display_name="王帅", user__username="wangshuai")
    other = make_member(Role.RECRUITER, display_name="刘洋")
    for n in range(12):  # newer projects fill every default list
        make_project(wangshuai, name=f"新能源配套{n}号项目")
    old = make_company("扬州恒盛智谷产业社区运营有限公司")
    make_project(other, name="恒盛智谷产业社区项目", company=old)
    RegistrationFactory(company=old, team=other.team, registered_by=other.user)
    ContactFactory(company=old, name="孙恒盛", phone="13905719999")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "wangshuai")
    page.goto(live_server.url + "/projects/")
    page.keyboard.press("/")
    page.locator("#search-q").wait_for(state="visible")
    page.locator("#search-q").press_sequentially("恒盛智", delay=60)
    page.locator("#search-companies [data-search-result]").first.wait_for()
    assert "扬州恒盛智谷产业社区运营有限公司" in page.locator("#search-companies").inner_text()
    assert page.locator("#search-projects").count() == 0  # the other group's project is not theirs to see
    assert page.locator("#search-contacts").count() == 0
    assert "孙恒盛" not in page.locator("#search-results").inner_text()
    screenshot(page, "search-dialog-desktop-zh")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/companies/{old.pk}/")
    assert "扬州恒盛智谷产业社区运营有限公司" in page.locator("h1").inner_text()
    context.close()

    director = make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    assert director
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "maxiang")
    page.locator("#search-button").click()  # in the bar on a phone, outside the ☰ menu
    page.locator("#search-q").wait_for(state="visible")
    page.locator("#search-q").press_sequentially("0571999", delay=60)
    page.locator("#search-contacts [data-search-result]").first.wait_for()
    assert "孙恒盛" in page.locator("#search-contacts").inner_text()
    screenshot(page, "search-dialog-390-en")
    context.close()
