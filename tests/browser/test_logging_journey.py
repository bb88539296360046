"""A recruiter logs video calls from the project page and from the global 记一笔 entry on a phone."""

import pytest

from activities.models import ContactLog
from crm.models import Contact
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_logging_from_the_project_page_and_from_the_global_entry_on_a_phone(browser, live_server, login, screenshot):
    xulei = make_member(Membership.Role.RECRUITER, display_name="徐磊", user__username="xulei")
    company = make_company("浙江智驰汽车科技有限公司", created_by=xulei.user)
    Contact.objects.create(company=company, name="刘振宇", title="总经理", phone="13905710001")
    project = make_project(xulei, stage=Stage.INTENTION, company=company, name="汽车用智能底盘和感应门把手项目")
    lina = make_member(Membership.Role.RECRUITER, team=xulei.team, display_name="李娜")

    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "xulei")

    # 1. From the project page: the inline form, no reload.
    page.goto(live_server.url + project.get_absolute_url())
    form = page.locator("#log-form-inline")
    form.get_by_text("视频通话").click()
    form.get_by_label("刘振宇 总经理").check()
    form.get_by_label("沟通内容").fill("与刘总视频：厂房选址调整方案，对方认可")
    form.get_by_label("下一步").fill("带刘总实地看厂房")
    form.get_by_role("button", name="记下").click()
    page.locator("#log-created-inline").wait_for()
    timeline = page.locator("#project-timeline")
    assert "与刘总视频：厂房选址调整方案" in timeline.locator("li").first.inner_text()
    assert page.locator("#log-form-inline textarea[name=summary]").input_value() == ""
    screenshot(page, "log-inline-phone-zh")

    # 2. From anywhere: the global entry, one tap from the bar on a phone (not behind the ☰ menu), with the
    #    bell beside it; the project is not among the recently updated ones the box offers first, so it is
    #    found only by typing.
    for n in range(10):
        make_project(xulei, name=f"近期项目{n}")
    page.goto(live_server.url + "/")
    assert page.locator("#log-button").is_visible() and page.locator("#bell").is_visible()
    assert not page.locator("#main-nav").is_visible()
    page.get_by_role("button", name="记一笔").click()
    modal = page.locator("#log-modal")
    search = modal.get_by_label("项目")
    page.wait_for_function(  # htmx has wired up the dialog's form it just loaded
        "() => { const el = document.getElementById('project-search'); return el && el['htmx-internal-data']; }"
    )
    search.click()
    choices = modal.locator("#project-choices")
    choices.get_by_role("button", name="近期项目9").wait_for()
    assert "底盘" not in choices.inner_text()
    search.press_sequentially("底盘", delay=50)
    choices.get_by_role("button", name="汽车用智能底盘和感应门把手项目").click()
    modal_form = page.locator("#log-form-modal")
    modal_form.locator("input[type=hidden][name=project]").wait_for(state="attached")  # the project's own form
    assert modal_form.locator("input[name=channel][value=video]").is_checked()  # the last channel used
    modal_form.get_by_label("沟通内容").fill("第二次视频：确认层高10米的钢结构厂房")
    modal_form.get_by_text("结果、同行人员、附件").click()
    colleague = modal_form.get_by_label("同行人员")
    colleague.press_sequentially("李娜", delay=50)
    modal_form.get_by_role("option", name="李娜").click()
    modal_form.locator("[data-autocomplete-chip]", has_text="李娜").wait_for()
    modal_form.get_by_role("button", name="记下").click()
    page.locator("#log-created-modal").wait_for()
    assert "本月第2次" in page.locator("#log-created-modal").inner_text()
    assert list(ContactLog.objects.get(summary__startswith="第二次视频").participants.all()) == [lina.user]
    screenshot(page, "log-global-phone-zh")

    # Both are in the project's timeline.
    page.goto(live_server.url + project.get_absolute_url())
    entries = page.locator("#project-timeline .timeline-log")
    entries.first.wait_for()
    assert entries.count() == 2
    texts = entries.all_inner_texts()
    assert "第二次视频" in texts[0] and "与刘总视频" in texts[1]
    assert ContactLog.objects.filter(project=project, channel="video").count() == 2
    context.close()
