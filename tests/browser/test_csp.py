"""Under the Content-Security-Policy every page still works: htmx panels load, the dashboard draws its chart,
the log dialog opens and its search answers — and the browser reports no refused script or style."""

import pytest

from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def test_pages_work_under_the_policy_without_violations(browser, live_server, login):
    make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    xulei = make_member(Role.RECRUITER, display_name="徐磊", user__username="xulei")
    project = make_project(xulei, stage=Stage.NEGOTIATION, name="粉末冶金汽车零部件项目")
    violations = []

    def watch(page):
        page.on(
            "console", lambda message: "Content Security Policy" in message.text and violations.append(message.text)
        )
        page.on("pageerror", lambda error: violations.append(str(error)))

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch(page)
    login(page, "xulei")
    page.goto(live_server.url + project.get_absolute_url())
    page.locator("#log-form-inline").wait_for()  # loaded by htmx
    page.keyboard.press("l")  # the shortcut opens the dialog
    search = page.locator("#project-search")
    search.wait_for()
    page.wait_for_function("() => document.getElementById('project-search')['htmx-internal-data']")
    search.press_sequentially("粉末", delay=50)
    page.locator("#project-choices").get_by_role("button", name="粉末冶金汽车零部件项目").wait_for()
    context.close()

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch(page)
    login(page, "maxiang")
    page.goto(live_server.url + "/dashboard/")
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length > 0")  # the chart is drawn
    context.close()
    assert violations == []
