"""A recruiter opens the calendar on a phone and on a desktop, in Chinese and English: month, week and list
views; a follow-up next month appears only after going to next month, and clicking it opens its project; on the
phone they create their calendar link.
Another group's follow-up never appears, and the browser reports no Content-Security-Policy violation."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from activities import services as activity_services
from activities.models import FollowUp
from fieldwork.models import PlannedVisit, Reception, Trip
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role
TARGET = "约刘总看厂房"


def _center():
    today = timezone.localdate()
    next_month_day = (today.replace(day=1) + timedelta(days=32)).replace(day=20)  # never in this month's grid
    xulei = make_member(Role.RECRUITER, display_name="徐磊", user__username="xulei")
    other = make_member(Role.RECRUITER, display_name="刘洋", user__username="liuyang")
    project = make_project(xulei, stage=Stage.NEGOTIATION, name="粉末冶金汽车零部件项目")
    other_project = make_project(other, stage=Stage.NEGOTIATION, name="UTG柔性玻璃项目")
    activity_services.follow_up_create(actor=xulei.user, project=project, title="回访刘总", due_date=today)
    FollowUp.objects.create(
        title="视频洽谈", due_date=today, due_time=time(10, 0), owner=xulei.user, team=xulei.team, project=project,
        company=project.company, created_by=xulei.user,
    )  # fmt: skip
    activity_services.follow_up_create(actor=xulei.user, project=project, title=TARGET, due_date=next_month_day)
    activity_services.follow_up_create(
        actor=other.user, project=other_project, title="他组的安排", due_date=next_month_day
    )
    trip = Trip.objects.create(
        destinations="丽水", start_date=today, end_date=today + timedelta(days=1), lead=xulei.user, team=xulei.team,
        purpose="拜访投资方", status=Trip.Status.APPROVED, created_by=xulei.user,
    )  # fmt: skip
    PlannedVisit.objects.create(
        trip=trip, company=project.company, project=project, date=today, time=time(15, 0), created_by=xulei.user
    )
    reception = Reception.objects.create(
        company=project.company, project=project, visitors="刘振宇, 总经理", headcount=3, team=xulei.team,
        starts_at=timezone.make_aware(datetime.combine(today, time(16, 0))), created_by=xulei.user,
    )  # fmt: skip
    reception.hosts.add(xulei.user)
    return project


def _watch(page, violations: list) -> None:
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.on("pageerror", lambda error: violations.append(str(error)))


def _open_calendar(page, live_server, login, *, via_menu: bool) -> None:
    login(page, "xulei")
    if via_menu:
        page.locator("#main-nav").get_by_role("link", name="日历").click()
    else:
        page.goto(live_server.url + "/calendar/")
    page.locator(".fc-event", has_text="回访刘总").first.wait_for()  # the events have loaded


def _target(page):
    return page.locator(".fc-event", has_text=TARGET)


def test_recruiter_finds_next_months_follow_up_on_desktop_and_opens_its_project(
    browser, live_server, login, screenshot
):
    project = _center()
    violations: list[str] = []
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    _watch(page, violations)
    _open_calendar(page, live_server, login, via_menu=True)
    assert page.locator(".fc-dayGridMonth-view").is_visible()
    assert page.locator(".fc-today-button").inner_text() == "今天"
    assert _target(page).count() == 0
    screenshot(page, "calendar-month-desktop-zh")

    page.locator(".fc-next-button").click()
    _target(page).first.wait_for()
    assert page.locator(".fc-event", has_text="他组的安排").count() == 0
    screenshot(page, "calendar-next-month-desktop-zh")

    page.locator(".fc-today-button").click()
    page.locator(".fc-timeGridWeek-button").click()
    page.locator(".fc-timegrid-event", has_text="视频洽谈").wait_for()
    page.locator(".fc-timegrid-event", has_text="接待").wait_for()
    assert page.locator(".fc-event", has_text="外出招商：丽水").count() == 1  # one all-day bar over two days
    screenshot(page, "calendar-week-desktop-zh")

    page.locator(".fc-listMonth-button").click()
    page.locator(".fc-list-event", has_text="回访刘总").wait_for()
    page.locator(".fc-next-button").click()
    page.locator(".fc-list-event", has_text=TARGET).wait_for()
    screenshot(page, "calendar-list-desktop-zh")
    page.locator(".fc-list-event", has_text=TARGET).locator("a").click()
    page.wait_for_url(live_server.url + project.get_absolute_url())
    context.close()

    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    _watch(page, violations)
    _open_calendar(page, live_server, login, via_menu=False)
    assert page.locator(".fc-today-button").inner_text().lower() == "today"
    assert page.locator("h1").inner_text() == "Calendar"
    screenshot(page, "calendar-month-desktop-en")
    page.locator(".fc-timeGridWeek-button").click()
    page.locator(".fc-timegrid-event", has_text="视频洽谈").wait_for()
    screenshot(page, "calendar-week-desktop-en")
    context.close()
    assert violations == []


def test_recruiter_finds_next_months_follow_up_on_a_phone(browser, live_server, login, screenshot):
    project = _center()
    violations: list[str] = []
    for locale, language in (("zh-CN", "zh"), ("en-US", "en")):
        context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844}, is_mobile=True,
                                      has_touch=True)  # fmt: skip
        page = context.new_page()
        page.set_default_timeout(10_000)
        _watch(page, violations)
        _open_calendar(page, live_server, login, via_menu=False)
        assert page.locator(".fc-listMonth-view").is_visible()  # a phone starts with the list
        assert _target(page).count() == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen
        screenshot(page, f"calendar-list-phone-{language}")
        page.locator(".fc-next-button").click()
        _target(page).first.wait_for()
        assert page.locator(".fc-event", has_text="他组的安排").count() == 0
        screenshot(page, f"calendar-next-month-phone-{language}")
        page.locator(".fc-dayGridMonth-button").click()
        _target(page).first.wait_for()
        screenshot(page, f"calendar-month-phone-{language}")
        page.locator(".fc-timeGridWeek-button").click()
        page.locator(".fc-today-button").click()
        page.locator(".fc-timegrid-event", has_text="视频洽谈").wait_for()
        screenshot(page, f"calendar-week-phone-{language}")
        page.locator(".fc-listMonth-button").click()
        page.locator(".fc-next-button").click()
        page.locator(".fc-list-event", has_text=TARGET).locator("a").click()
        page.wait_for_url(live_server.url + project.get_absolute_url())
        page.goto(live_server.url + "/calendar/")
        page.locator("a[href='/calendar/feed/']").click()
        page.locator("#feed-create, #feed-regenerate").click()  # the second round regenerates it
        assert page.locator("#feed-url").input_value().startswith(live_server.url + "/calendar/feed/")
        screenshot(page, f"calendar-feed-created-phone-{language}")
        context.close()
    assert violations == []
