"""The in-app bell: reminders written by a sweep show up as a count, open as a list and clear when read."""

from datetime import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activities import services as activity_services
from projects.stages import Stage
from reminders import services
from reminders.models import ReminderPolicy
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_bell_counts_lists_and_clears_reminders(browser, live_server, login, screenshot):
    xulei = make_member(Membership.Role.RECRUITER, display_name="徐磊", user__username="xulei")
    project = make_project(xulei, stage=Stage.NEGOTIATION, name="UTG柔性玻璃项目")
    for title in ("寄送园区载体资料", "约丽水实地考察"):
        activity_services.follow_up_create(
            actor=xulei.user, title=title, due_date=timezone.localdate(), project=project
        )
    ReminderPolicy.objects.update_or_create(pk=1, defaults={"due_time": time(0, 0)})
    services.sweep_follow_ups()
    for delivery_id in services.deliveries_due():
        services.delivery_send(delivery_id)

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "xulei")
    assert page.locator("#bell-count").inner_text() == "2"
    page.locator("#bell").click()
    page.wait_for_url("**/notifications/")
    items = page.locator("#notifications li")
    expect(items).to_have_count(2)
    assert any("约丽水实地考察" in text for text in items.all_inner_texts())
    screenshot(page, "bell-notifications-zh")
    page.get_by_role("button", name="全部标为已读").click()
    expect(page.locator("#bell-count")).to_have_count(0)
    context.close()
