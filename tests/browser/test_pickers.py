"""A director narrows the activity list to one older project and one colleague by typing, on a desktop in
English; a group leader's My day on a phone shows the first rows and links to the rest."""

from datetime import timedelta

import pytest
from django.utils import timezone

from activities.models import ContactLog
from projects.models import Project
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def _log(project, author, summary):
    return ContactLog.objects.create(
        project=project, company=project.company, channel="phone", author=author.user, team=author.team,
        occurred_at=timezone.now() - timedelta(hours=2), summary=summary,
    )  # fmt: skip


def test_activity_filters_pick_by_typing(browser, live_server, login, screenshot):
    make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    wangshuai = make_member(Role.RECRUITER, display_name="王帅")
    tanxu = make_member(Role.RECRUITER, team=wangshuai.team, display_name="谈旭")
    cable_car = make_project(wangshuai, name="氢能高架缆车项目")
    Project.objects.filter(pk=cable_car.pk).update(updated_at=timezone.now() - timedelta(days=300))
    _log(cable_car, wangshuai, "衢州拜访：缆车车厢需要水运")
    _log(cable_car, tanxu, "电话：约来扬洽谈")
    for n in range(12):
        _log(make_project(tanxu, name=f"粉末冶金配套{n}"), tanxu, f"电话沟通{n}")

    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "maxiang")  # the browser asks for English
    page.goto(live_server.url + "/activity/")
    assert page.locator("#activity-count").inner_text() == "14 contacts"
    assert page.locator("select[name=project]").count() == 0  # no list of every project in the page

    project_box = page.get_by_label("Project", exact=True)
    project_box.press_sequentially("缆车", delay=50)
    page.get_by_role("option", name="氢能高架缆车项目").click()
    page.locator("#activity-count", has_text="2 contacts").wait_for()
    member_box = page.get_by_label("Member")
    member_box.press_sequentially("谈旭", delay=50)
    page.get_by_role("option", name="谈旭").click()
    page.locator("#activity-count", has_text="1 contact").wait_for()
    assert "约来扬洽谈" in page.locator("#activity-results").inner_text()
    assert f"project={cable_car.pk}" in page.url and f"member={tanxu.user_id}" in page.url
    screenshot(page, "activity-filter-desktop-en")

    page.reload()  # the chosen project and member stay in their boxes
    assert project_box.input_value() == "氢能高架缆车项目" and member_box.input_value() == "谈旭"
    context.close()


def test_a_leaders_my_day_on_a_phone_shows_the_first_rows_and_links_to_all(browser, live_server, login, screenshot):
    leader = make_member(Role.TEAM_LEADER, display_name="周建国", user__username="zhoujianguo")
    xulei = make_member(Role.RECRUITER, team=leader.team, display_name="徐磊")
    quiet = timezone.now() - timedelta(days=40)
    for n in range(25):
        project = make_project(xulei, name=f"久未联系项目{n:02d}")
        Project.objects.filter(pk=project.pk).update(created_at=quiet, last_contact_at=quiet + timedelta(hours=n))

    for language, locale in (("zh", "zh-CN"), ("en", "en-US")):
        context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        page.set_default_timeout(10_000)
        login(page, "zhoujianguo")
        stale = page.locator("#stale-projects")
        assert stale.locator("li").count() == 10
        assert "久未联系项目00" in stale.inner_text() and "久未联系项目24" not in stale.inner_text()
        assert page.locator("#log-button").is_visible()
        screenshot(page, f"my-day-leader-phone-{language}")
        stale.get_by_role("link", name="25").click()
        page.wait_for_url("**/quiet-projects/?team=*")
        assert "久未联系项目24" in page.locator("main").inner_text()
        context.close()
