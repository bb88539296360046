"""My day's rows of today's logs and of quiet projects (activities/rows.py): what each says, in Chinese and in
English, the author or owner only on a group's day, names escaped, an odd stored value shown as it is."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from activities import rows, selectors
from activities.models import ContactLog
from projects.models import Project
from projects.stages import Stage
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


def _log(project, member, occurred_at, channel="video"):
    return ContactLog.objects.create(
        project=project, company=project.company, channel=channel, author=member.user, team=member.team,
        occurred_at=occurred_at, summary="视频洽谈",
    )  # fmt: skip


def _today(minutes_ago: int):
    """A moment of today however early in the day the suite runs."""
    now = timezone.now()
    midnight = timezone.make_aware(timezone.datetime.combine(timezone.localdate(), timezone.datetime.min.time()))
    return max(midnight, now - timedelta(minutes=minutes_ago))


def test_a_log_of_today_names_its_channel_time_project_author_and_ordinal(people):
    xulei, chassis = people["xulei"], people["chassis"]
    _log(chassis, xulei, _today(30))
    second = _log(chassis, xulei, _today(10))
    listed = selectors.my_day(people["leader"].user).logged_today
    assert [log.pk for log in listed][0] == second.pk
    with translation.override("zh-hans"):
        group_row = rows.logged_today_row(listed[0], show_author=True)
        own_row = rows.logged_today_row(listed[0], show_author=False)
    time = timezone.localtime(second.occurred_at).strftime("%H:%M")
    assert '<span class="badge text-bg-primary">视频通话</span>' in group_row and f" {time} · " in group_row
    assert f'<a href="{chassis.get_absolute_url()}">{chassis.name}</a> · 徐磊' in group_row
    assert "(本月第2次)" in group_row
    assert "徐磊" not in own_row and "(本月第2次)" in own_row
    with translation.override("en"):
        assert ">Video call</span>" in rows.logged_today_row(listed[0], show_author=True)
        assert "(No. 2 this month)" in rows.logged_today_row(listed[0], show_author=True)


def test_a_log_without_a_project_links_to_itself_and_an_odd_channel_is_shown_as_stored(people):
    xulei, chassis = people["xulei"], people["chassis"]
    log = ContactLog.objects.create(
        company=chassis.company, channel="pigeon", author=xulei.user, team=xulei.team,
        occurred_at=_today(5), summary="飞鸽传书",
    )  # fmt: skip
    listed = selectors.my_day(xulei.user).logged_today
    row = rows.logged_today_row(listed[0], show_author=False)
    assert f'<a href="{log.get_absolute_url()}">{chassis.company.name}</a>' in row
    assert "pigeon" in row and "本月第" not in row and "No." not in row


def test_a_quiet_project_says_how_long_ago_in_months_and_its_owner_on_a_groups_day(people):
    xulei = people["xulei"]
    now = timezone.now()
    quiet = make_project(xulei, name="<b>冷</b>项目")
    never = make_project(xulei, name="从未联系的项目")
    Project.objects.filter(pk=quiet.pk).update(
        created_at=now - timedelta(days=90), last_contact_at=now - timedelta(days=65)
    )
    Project.objects.filter(pk=never.pk).update(created_at=now - timedelta(days=30), last_contact_at=None)
    listed = selectors.my_day(people["leader"].user).stale_projects
    assert [p.pk for p in listed] == [never.pk, quiet.pk]  # never contacted first, then the longest quiet
    with translation.override("zh-hans"):
        never_row = rows.quiet_project_row(listed[0], show_owner=True)
        quiet_row = rows.quiet_project_row(listed[1], show_owner=False)
        lead = str(Stage.LEAD.label)
    assert "从未联系</span> · 徐磊" in never_row
    assert f"&lt;b&gt;冷&lt;/b&gt;项目</a> · {lead} " in quiet_row
    assert "上次联系于2个月前" in quiet_row and "徐磊" not in quiet_row and "<b>" not in quiet_row
    with translation.override("en"):
        assert "last contact 2\xa0months ago" in rows.quiet_project_row(listed[1], show_owner=False)


def test_my_day_page_shows_the_rows_in_the_language_of_the_person(client, people):
    xulei, chassis = people["xulei"], people["chassis"]
    _log(chassis, xulei, _today(15))
    client.force_login(xulei.user)
    page = client.get(reverse("activities:my_day"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "视频通话</span>" in page and "(本月第1次)" in page
    page = client.get(reverse("activities:my_day"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Video call</span>" in page and "(No. 1 this month)" in page
