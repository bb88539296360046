"""The API pages as a person uses them, under the Content-Security-Policy: the docs page draws Swagger UI
from the vendored files and lists the endpoints; a token is created, shown once, and revoked."""

import pytest

from teams.models import Membership
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_docs_and_tokens_pages_work_without_policy_violations(browser, live_server, login, screenshot):
    make_member(Membership.Role.RECRUITER, display_name="徐磊", user__username="xulei")
    violations = []
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.on("pageerror", lambda error: violations.append(str(error)))
    login(page, "xulei")
    page.goto(live_server.url + "/api/docs/")
    page.locator(".swagger-ui .opblock-summary-path", has_text="/api/v1/projects/").first.wait_for()
    screenshot(page, "api_docs")

    page.goto(live_server.url + "/api/tokens/")
    page.get_by_label("名称").fill("周报脚本")
    page.locator("#token-create button[type=submit]").click()
    token = page.locator("#token-value").input_value()
    assert token.startswith("jn_")
    screenshot(page, "api_tokens")
    page.goto(live_server.url + "/api/tokens/")
    assert page.locator("#token-value").count() == 0  # shown once
    page.get_by_role("button", name="吊销").click()
    page.get_by_text("已吊销").first.wait_for()
    context.close()
    assert violations == []
