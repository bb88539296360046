"""A recruiter opens the project that needs a 10 m building, finds the matching premises with the 6.5 m
buildings excluded (each saying why) and reserves the one that fits — on a phone, then checks it on desktop
in English."""

from decimal import Decimal

import pytest

from premises.models import Building, Reservation
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.premises.conftest import make_building
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_recruiter_reserves_the_one_building_that_fits_the_10_m_project(browser, live_server, login, screenshot):
    wangshuai = make_member(Membership.Role.RECRUITER, display_name="王帅", user__username="wangshuai")
    project = make_project(wangshuai, stage=Stage.SITE_VISIT, name="粉末冶金汽车零部件项目",
                           floor_area_m2=Decimal(4300), ceiling_height_m=Decimal(10), structure="steel")  # fmt: skip
    for n in (1, 2, 4):
        make_building(f"园区{n}号标准厂房", height="6.5", area="5000")
    make_building("园区五号厂房", height="8", structure="concrete", area="6500")
    fits = make_building("园区三号厂房", area="4300")

    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "wangshuai")
    page.goto(live_server.url + project.get_absolute_url())
    page.get_by_role("link", name="匹配载体").click()
    fitting = page.locator("#fitting li")
    assert fitting.count() == 1 and "园区三号厂房" in fitting.first.inner_text()
    excluded = page.locator("#excluded")
    assert "层高 6.5 米 < 需要 10 米" in excluded.locator("li", has_text="园区1号标准厂房").inner_text()
    assert "钢筋混凝土，需要钢结构" in excluded.locator("li", has_text="园区五号厂房").inner_text()
    screenshot(page, "premises-matching-phone-zh")
    fitting.first.get_by_role("button", name="预留").click()
    page.get_by_text("已为本项目预留至").wait_for()
    reservation = Reservation.objects.get()
    assert reservation.building == fits and reservation.project == project
    assert Building.objects.get(pk=fits.pk).status == Building.Status.RESERVED
    screenshot(page, "premises-reserved-phone-zh")
    context.close()

    english = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = english.new_page()
    page.set_default_timeout(10_000)
    login(page, "wangshuai")
    page.goto(live_server.url + "/premises/?min_height=8")
    assert page.locator("#buildings a").count() == 2  # the 8 m and the 10 m buildings
    assert "Reserved" in page.locator(f"#building-{fits.pk}").inner_text()
    screenshot(page, "premises-list-desktop-en")
    english.close()
