"""In a real browser, stored script payloads never run: with every free-text column of the demo center
filled with them (tests/core/test_xss.py), a group leader opens the project page (timeline and stage panel
loaded by htmx), the company page (its referrals and projects loaded by htmx), My day, the activity list
and its member search, the dashboard and the 记一笔 dialog with its project search; any alert, confirm or
prompt is recorded, and there must be none."""

import pytest
from django.core.management import call_command

from tests.core.test_untranslated import _objects
from tests.core.test_xss import store_payloads

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "juneng-demo-2026"


def test_stored_payloads_never_run_in_the_pages_people_use(browser, live_server, login, screenshot):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    objects = _objects()
    store_payloads()

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []

    def record(dialog):
        dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    login(page, "zhoujianguo", DEMO_PASSWORD)
    page.evaluate("() => alert('self-check')")  # the hook sees a dialog that does open
    assert dialogs and "self-check" in dialogs.pop()

    def visit(path: str) -> None:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")  # the htmx parts loaded on `load` have arrived

    visit("/")
    assert "alert(1)" in page.content()  # the payloads are there, as text
    visit(f"/projects/{objects['project']}/")
    visit(f"/companies/{objects['company']}/")
    visit("/activity/")
    member_search = page.locator("#id_member")
    if member_search.count():
        member_search.fill("alert")
        page.wait_for_load_state("networkidle")
    visit("/dashboard/")
    visit("/projects/?q=%3Cscript%3Ealert(1)%3C/script%3E")  # the search echoed back
    page.get_by_role("button", name="记一笔").click()
    page.wait_for_function(
        "() => { const el = document.getElementById('project-search'); return el && el['htmx-internal-data']; }"
    )
    page.locator("#project-search").fill("alert")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)  # the search waits for typing to pause
    assert "alert(1)" in page.locator("#project-choices").inner_text()  # results shown, as text
    screenshot(page, "xss-log-dialog")
    context.close()
    assert not dialogs, "\n".join(dialogs)
