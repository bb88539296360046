"""The follow-up row's buttons in a browser (activities/rows.py): on a phone in Chinese, the eleventh follow-up
of today — not on My day, which shows ten — is found through its "全部 11 条 →", rescheduled from its folded form
and then shows on My day under the next 7 days; the overdue one is marked done in place. On a desktop in
English, "Tomorrow" moves one of today's to tomorrow in place."""

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from activities import services
from activities.models import FollowUp
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def day_of_follow_ups(db):
    xulei = make_member(Membership.Role.RECRUITER, display_name="徐磊", user__username="xulei")
    project = make_project(xulei, stage=Stage.NEGOTIATION, name="UTG柔性玻璃项目")
    today = timezone.localdate()
    # made at 07:00, when all of them are still ahead: the service refuses a time of today that has passed, and
    # the suite runs at any hour (a follow-up whose hour has passed is still one of today's on My day)
    with time_machine.travel(timezone.make_aware(datetime.combine(today, time(7, 0))), tick=False):
        for hour in range(8, 19):  # eleven due today, 08:00 … 18:00
            services.follow_up_create(
                actor=xulei.user, project=project, title=f"今天第{hour - 7}件", due_date=today, due_time=time(hour)
            )
    overdue = services.follow_up_create(actor=xulei.user, project=project, title="寄送载体资料", due_date=today)
    FollowUp.objects.filter(pk=overdue.pk).update(due_date=today - timedelta(days=2))
    return {"today": today, "overdue": overdue, "eleventh": FollowUp.objects.get(title="今天第11件")}


def test_a_phone_reschedules_the_follow_up_my_day_does_not_show_and_marks_one_done(
    browser, live_server, login, screenshot, day_of_follow_ups
):
    today, eleventh, overdue = day_of_follow_ups["today"], day_of_follow_ups["eleventh"], day_of_follow_ups["overdue"]
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "xulei")
    due_today = page.locator("#due-today")
    expect(due_today.locator("li.follow-up")).to_have_count(10)
    expect(page.locator(f"#follow-up-{eleventh.pk}")).to_have_count(0)

    due_today.get_by_role("link", name=re.compile(r"全部 11")).click()
    row = page.locator(f"#follow-up-{eleventh.pk}")
    row.get_by_role("button", name="改期").click()
    later = today + timedelta(days=3)
    row.locator("input[name=due_date]").fill(later.isoformat())
    row.get_by_role("button", name="保存").click()
    expect(page.locator(f"#follow-up-{eleventh.pk}")).to_contain_text(later.strftime("%m-%d"))

    page.goto(live_server.url + "/")
    expect(page.locator("#upcoming").locator(f"#follow-up-{eleventh.pk}")).to_contain_text("今天第11件")
    expect(page.locator("#due-today li.follow-up")).to_have_count(10)
    done = page.locator(f"#follow-up-{overdue.pk}")
    done.get_by_role("button", name="完成").click()
    expect(page.locator(f"#follow-up-{overdue.pk} .text-decoration-line-through")).to_have_text("寄送载体资料")
    expect(page.locator(f"#follow-up-{overdue.pk} button")).to_have_count(0)
    screenshot(page, "follow-up-row-phone-zh")
    context.close()
    assert FollowUp.objects.get(pk=overdue.pk).status == FollowUp.Status.DONE


def test_tomorrow_moves_a_follow_up_in_place_in_english(browser, live_server, login, screenshot, day_of_follow_ups):
    first = FollowUp.objects.get(title="今天第1件")
    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "xulei")
    row = page.locator(f"#follow-up-{first.pk}")
    row.get_by_role("button", name="Tomorrow").click()
    tomorrow = day_of_follow_ups["today"] + timedelta(days=1)
    expect(page.locator(f"#follow-up-{first.pk}")).to_contain_text(f"{tomorrow.strftime('%m-%d')} 08:00")
    expect(page.locator(f"#follow-up-{first.pk}").get_by_role("button", name="Done")).to_be_visible()
    screenshot(page, "follow-up-row-desktop-en")
    context.close()
    first.refresh_from_db()
    assert first.due_date == tomorrow
