"""The director opens the dashboard and follows a number to the rows behind it."""

from datetime import date

import pytest
from django.utils import timezone

from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_follows_a_dashboard_number_to_its_projects(browser, live_server, login, screenshot):
    year = timezone.localdate().year
    leader = make_member(Membership.Role.TEAM_LEADER, display_name="钱峰")
    make_member(Membership.Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    make_project(leader, stage=Stage.SIGNED, signed_on=date(year, 1, 1), planned_investment=210000,
                 is_provincial_major=True, name="汽车数字照明系统项目")  # fmt: skip
    make_project(
        leader, stage=Stage.SIGNED, signed_on=date(year, 2, 1), planned_investment=50000, name="埃泰斯热储能项目"
    )
    make_project(leader, stage=Stage.LEAD, planned_investment=3000, name="粉末冶金汽车零部件项目")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "maxiang")
    page.locator("#main-nav").get_by_role("link", name="工作看板").click()
    assert page.locator("#done-signed").inner_text() == "2"
    assert page.locator("#done-billion").inner_text() == "1"
    page.locator("#funnel-chart").wait_for()
    screenshot(page, "dashboard-director-zh")

    page.locator("#done-billion").click()
    page.locator("#project-count").wait_for()
    assert page.locator("#project-count").inner_text() == "共1个项目"
    assert "汽车数字照明系统项目" in page.locator("#project-results").inner_text()
    page.go_back()
    page.locator("#funnel-lead").click()
    page.locator("#project-count").wait_for()
    assert "粉末冶金汽车零部件项目" in page.locator("#project-results").inner_text()
    context.close()
