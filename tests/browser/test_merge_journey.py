"""A director finds a duplicate pair among the likely duplicates, compares the two, keeps the older one and
merges: the duplicate's project and its contact log now belong to the company kept, nothing is lost."""

import pytest
from django.utils import timezone

from activities.models import ContactLog
from crm.models import Company
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def test_a_director_merges_a_duplicate_without_losing_a_log(browser, live_server, login, screenshot):
    make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    wangshuai = make_member(Role.RECRUITER, display_name="王帅")
    kept = make_company("扬州恒盛智谷产业社区运营有限公司")
    duplicate = make_company("扬州恒盛智谷产业社区运营股份公司")
    project = make_project(wangshuai, company=duplicate, name="恒盛智谷二期")
    log = ContactLog.objects.create(project=project, company=duplicate, channel="visit", summary="上门拜访恒盛智谷",
                                    author=wangshuai.user, team=wangshuai.team, occurred_at=timezone.now())  # fmt: skip

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "maxiang")
    page.goto(live_server.url + "/companies/")
    page.locator("#duplicates-link").click()
    pair = page.locator(f"#pair-{kept.pk}-{duplicate.pk}")
    assert "扬州恒盛智谷产业社区运营股份公司" in pair.inner_text()
    pair.locator("a.btn").click()
    page.locator("#merge-form").wait_for()
    assert "洽谈记录: 1" in page.locator("#side-b").inner_text()
    page.locator("#keep-a").check()
    page.get_by_label("我已核实这是同一家投资方").check()
    screenshot(page, "merge-compare-desktop-zh")
    page.locator("#merge-form button[type=submit]").click()
    page.wait_for_url(f"**/companies/{kept.pk}/")
    assert "已合并到" in page.locator("#messages").inner_text()
    assert not Company.objects.filter(pk=duplicate.pk).exists()
    log.refresh_from_db()
    project.refresh_from_db()
    assert log.company_id == kept.pk and project.company_id == kept.pk
    context.close()
