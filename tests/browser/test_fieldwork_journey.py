"""On the road with a phone: 王帅 opens today's trip, logs the visit in one tap and sees it in the trip
report draft; the same pages in English."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fieldwork import services, visit_services
from fieldwork.models import PlannedVisit
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def _todays_trip():
    leader = make_member(Role.TEAM_LEADER, display_name="钱峰", user__username="qianfeng")
    wangshuai = make_member(Role.RECRUITER, team=leader.team, display_name="王帅", user__username="wangshuai")
    fengxue = make_member(Role.RECRUITER, team=leader.team, display_name="冯雪", user__username="fengxue")
    director = make_member(Role.DIRECTOR, display_name="马翔")
    glass = make_project(wangshuai, stage=Stage.NEGOTIATION, name="UTG柔性玻璃项目",
                         company=make_company("浙江晶柔超薄玻璃科技有限公司", created_by=wangshuai.user))  # fmt: skip
    cable = make_project(wangshuai, stage=Stage.CONTACT, name="氢能高架缆车项目",
                         company=make_company("浙江氢擎空轨科技有限公司", created_by=wangshuai.user))  # fmt: skip
    today = timezone.localdate()
    trip = services.trip_create(
        actor=wangshuai.user, destinations="丽水, 衢州", purpose="回访UTG柔性玻璃项目方，跟进氢能高架缆车项目",
        start_date=today, end_date=today + timedelta(days=1), members=[fengxue.user], transport_notes="自驾",
    )  # fmt: skip
    visit_services.planned_visit_add(actor=wangshuai.user, trip=trip, project=glass, date=today, note="周董")
    visit_services.planned_visit_add(actor=wangshuai.user, trip=trip, project=cable, date=today + timedelta(days=1))
    services.trip_submit(actor=wangshuai.user, trip=trip)
    return services.trip_approve(actor=director.user, trip=trip), glass


def test_a_visit_is_logged_in_one_tap_on_a_phone_and_shows_in_the_report_draft(browser, live_server, login, screenshot):
    trip, glass = _todays_trip()
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "wangshuai")

    # today's trip, from the field-work pages (behind the ☰ menu on a phone)
    page.locator(".navbar-toggler").click()
    page.get_by_role("link", name="外出与接待").click()
    page.locator("#fieldwork-tabs").get_by_role("link", name="外出招商").click()
    page.get_by_role("link", name="丽水, 衢州").click()
    assert "进行中" in page.locator("#trip-status").inner_text()
    screenshot(page, "fieldwork-trip-phone-zh")

    # one tap on today's visit opens the preset log form
    today_visit = page.locator(f"#visit-{trip.visits.get(project=glass).pk}")
    today_visit.get_by_role("link", name="记录拜访").click()
    form = page.locator("#log-form-visit")
    assert form.locator("input[name=channel][value=visit]").is_checked()  # 外出拜访
    form.get_by_label("沟通内容").fill("与周董面谈UTG产线扩产和洁净车间要求")
    form.get_by_label("结果").fill("同意下月来扬实地考察")
    screenshot(page, "fieldwork-visit-log-phone-zh")
    form.get_by_role("button", name="记下").click()

    # back on the trip: the visit is logged, its button gone
    page.locator("#trip-visits").get_by_text("已记录").wait_for()
    visit = PlannedVisit.objects.get(project=glass)
    assert visit.contact_log.channel == "visit" and visit.contact_log.outcome == "同意下月来扬实地考察"
    assert page.locator(f"#visit-{visit.pk} .visit-log-button").count() == 0
    screenshot(page, "fieldwork-trip-logged-phone-zh")

    # a new lead met at lunch: created from the trip, then its meeting logged
    page.get_by_role("link", name="新线索（外出途中结识）").click()
    page.get_by_label("投资方企业").fill("丽水氢能缆车装备有限公司")
    page.get_by_label("项目名称").fill("氢能缆车项目")
    page.get_by_role("button", name="创建并记录会面").click()
    lead_form = page.locator("#log-form-visit")
    lead_form.get_by_label("沟通内容").fill("午餐时结识刘总，有意在长三角设厂")
    lead_form.get_by_role("button", name="记下").click()
    page.locator("#trip-visits").get_by_text("新线索").wait_for()
    assert PlannedVisit.objects.get(is_new_lead=True).project.name == "氢能缆车项目"

    # the report draft lists both
    page.get_by_role("link", name="撰写出差报告").click()
    assert "氢能缆车项目" in page.locator("#report-new-leads").inner_text()
    assert "同意下月来扬实地考察" in page.locator("#report-visits").inner_text()
    assert "同意下月来扬实地考察" in page.locator("textarea[name=summary]").input_value()
    screenshot(page, "fieldwork-report-draft-phone-zh")
    context.close()

    english = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)  # fmt: skip
    page = english.new_page()
    page.set_default_timeout(10_000)
    login(page, "wangshuai")
    page.goto(live_server.url + trip.get_absolute_url())
    assert "In progress" in page.locator("#trip-status").inner_text()
    assert page.get_by_role("link", name="Log the visit").count() == 0  # today's is logged, tomorrow's later
    screenshot(page, "fieldwork-trip-phone-en")
    page.goto(live_server.url + f"/fieldwork/trips/{trip.pk}/report/")
    screenshot(page, "fieldwork-report-draft-phone-en")
    page.goto(live_server.url + "/fieldwork/week/")
    screenshot(page, "fieldwork-week-phone-en")
    english.close()
