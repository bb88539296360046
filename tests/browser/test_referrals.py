"""以商引商: a recruiter records who introduced an investor by typing the referrer's name (park companies with a
signed project first), and the referrer's company page lists whom it introduced — on a phone and a desktop."""

import pytest

from projects.models import Project
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def test_recording_a_referral_and_reading_it_on_the_referrers_page(browser, live_server, login, screenshot):
    xulei = make_member(Role.RECRUITER, display_name="徐磊", user__username="xulei")
    hengsheng = make_company("恒盛智谷产业社区发展有限公司", created_by=xulei.user)
    make_project(xulei, stage=Stage.SIGNED, company=hengsheng, name="恒盛智谷产业社区项目", contracted_amount=300000)
    make_company("恒盛贸易有限公司", created_by=xulei.user)  # a namesake without a project in the park
    tiansheng = make_project(xulei, stage=Stage.INTENTION, name="天盛振宁项目")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "xulei")
    page.goto(live_server.url + f"/projects/{tiansheng.pk}/edit/")
    referrer = page.get_by_label("引荐企业")
    referrer.press_sequentially("恒盛", delay=50)
    options = page.locator("[data-autocomplete-option]")
    options.first.wait_for()
    assert "恒盛智谷产业社区发展有限公司" in options.first.inner_text()  # the park company comes first
    options.filter(has_text="恒盛智谷产业社区发展有限公司").click()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/projects/{tiansheng.pk}/")
    assert Project.objects.get(pk=tiansheng.pk).referrer == hengsheng
    page.locator("#referred-by").wait_for()
    assert "恒盛智谷产业社区发展有限公司" in page.locator("#referred-by").inner_text()

    page.goto(live_server.url + hengsheng.get_absolute_url())
    introduced = page.locator("#introduced-table")
    introduced.wait_for()
    assert "天盛振宁项目" in introduced.inner_text() and "意向" in introduced.inner_text()
    screenshot(page, "referrer-company-desktop-zh")
    context.close()

    for language, locale, size in (
        ("zh", "zh-CN", (390, 844)),
        ("en", "en-US", (390, 844)),
        ("en", "en-US", (1280, 900)),
    ):
        context = browser.new_context(locale=locale, viewport={"width": size[0], "height": size[1]})
        page = context.new_page()
        page.set_default_timeout(10_000)
        login(page, "xulei")
        page.goto(live_server.url + hengsheng.get_absolute_url())
        page.locator("#introduced-table").wait_for()
        kind = "phone" if size[0] < 500 else "desktop"
        screenshot(page, f"referrer-company-{kind}-{language}")
        context.close()
