"""`seed_demo` logs months of contacts and follow-ups for the demo projects: the article's scenes as told,
a realistic mix for every other project, follow-ups so that everybody's My day has something, and nothing new
after a second run."""

from collections import Counter
from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from activities.models import Channel, ContactLog, FollowUp
from activities.selectors import contact_log_list_for_user, my_day
from projects.models import Project, ProjectEvent
from teams.models import Membership

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
COUNTED = {
    "logs": ContactLog.objects,
    "follow_ups": FollowUp.objects,
    "log_history": ContactLog.history.model.objects,
    "follow_up_history": FollowUp.history.model.objects,
    "participants": ContactLog.participants.through.objects,
    "contacts": ContactLog.contacts.through.objects,
}


def _counts() -> dict[str, int]:
    return {name: manager.count() for name, manager in COUNTED.items()}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo seeded twice (as `make run` does on every start): the counts after the first run and what the
    second run printed. Seeding plays hundreds of service calls, so the module shares one rolled-back database."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        first = _counts()
        out = StringIO()
        call_command("seed_demo", stdout=out)
        yield first, out.getvalue()
        transaction.set_rollback(True)


def _user(username: str) -> User:
    return User.objects.select_related("membership").get(username=username)


def _local(when: datetime) -> datetime:
    return timezone.localtime(when)


def test_seeding_again_adds_nothing_and_reports_the_counts(seeded):
    first, printed = seeded
    assert _counts() == first
    assert first["logs"] >= 250 and first["follow_ups"] >= 120
    assert f"Demo contact logs: {first['logs']}, follow-ups: {first['follow_ups']}" in printed


def test_xulei_had_five_video_calls_with_liu_this_month(seeded):
    chassis = Project.objects.get(name="汽车用智能底盘和感应门把手项目")
    now = timezone.now()
    month_start = datetime.combine(timezone.localdate().replace(day=1), time(), tzinfo=timezone.get_current_timezone())
    this_month = ContactLog.objects.filter(project=chassis, occurred_at__gte=month_start)
    videos = this_month.filter(channel=Channel.VIDEO, author__username="xulei")
    assert videos.count() == 5
    for log in videos:
        assert log.occurred_at <= now
        assert log.contacts.filter(name__startswith="刘", title="总经理").exists()

    latest = contact_log_list_for_user(_user("maxiang")).filter(project=chassis).first()
    assert latest.channel == Channel.VIDEO and latest.author.username == "xulei"
    assert (latest.month_ordinal, latest.channel_month_ordinal) == (5, 5)  # 本月第5次 视频
    assert "先前的方案我们考虑到项目实际入驻需求，对厂房选址又做了进一步调整" in latest.summary
    if timezone.localdate().day >= 3:  # on the 1st and 2nd there may be no room for four calls before a morning
        assert _local(latest.occurred_at).hour < 12
    assert latest.follow_ups.filter(status=FollowUp.Status.OPEN).exists()


def test_wangshuai_drove_to_lishui_and_went_on_to_quzhou(seeded):
    glass = ContactLog.objects.get(
        project__name="UTG柔性玻璃项目", channel=Channel.VISIT, summary__contains="自驾8小时"
    )
    assert glass.author.username == "wangshuai" and "浙江丽水" in glass.summary
    assert _local(glass.occurred_at).weekday() == 4  # 上周五

    cable = ContactLog.objects.get(project__name="氢能高架缆车项目", channel=Channel.VISIT, summary__contains="水运")
    assert cable.author.username == "wangshuai" and "浙江衢州" in cable.summary
    assert (_local(cable.occurred_at).date() - _local(glass.occurred_at).date()).days == 2  # 周日
    assert cable.occurred_at < timezone.now()
    follow_up = cable.follow_ups.get()
    assert follow_up.title == "接待氢能缆车项目方来扬洽谈"
    assert follow_up.is_open and follow_up.due_date >= timezone.localdate()


def test_tanxu_received_the_powder_metallurgy_investor_and_found_a_10_m_building(seeded):
    reception = ContactLog.objects.get(
        project__name="粉末冶金汽车零部件项目", channel=Channel.RECEPTION, summary__contains="层高10米"
    )
    assert reception.author.username == "tanxu" and "4300" in reception.summary
    assert reception.participants.count() == 2  # with the group leader
    call = ContactLog.objects.filter(
        project__name="粉末冶金汽车零部件项目", channel=Channel.PHONE, occurred_at__gt=reception.occurred_at
    ).get()
    assert call.author.username == "tanxu" and "10米" in call.summary and "钢结构" in call.summary


def test_every_recruiter_finds_follow_ups_in_my_day(seeded):
    today = timezone.localdate()
    recruiters = User.objects.filter(membership__role=Membership.Role.RECRUITER).select_related("membership")
    assert recruiters.count() == 15
    overdue_owners = set()
    for recruiter in recruiters:
        assert FollowUp.objects.filter(owner=recruiter, status=FollowUp.Status.OPEN).exists(), recruiter.username
        day = my_day(recruiter)
        assert day.due_today or day.overdue or day.upcoming, recruiter.username
        if day.overdue:
            overdue_owners.add(recruiter.username)
    assert overdue_owners

    xulei = my_day(_user("xulei"))
    assert xulei.due_today or xulei.overdue

    open_ones = FollowUp.objects.filter(status=FollowUp.Status.OPEN)
    assert open_ones.filter(due_date=today).exists()
    assert open_ones.filter(due_date=today, due_time__isnull=False).exists()
    assert not open_ones.filter(due_date__lt=today - timedelta(days=10)).exists()  # older ones were done
    for done in FollowUp.objects.filter(status=FollowUp.Status.DONE):
        assert done.created_at <= done.done_at <= timezone.now()


def test_several_people_have_projects_with_no_contact_for_14_days(seeded):
    recruiters = User.objects.filter(membership__role=Membership.Role.RECRUITER).select_related("membership")
    assert sum(1 for recruiter in recruiters if my_day(recruiter).stale_projects) >= 3


def test_the_logs_look_like_months_of_work_by_the_projects_owners(seeded):
    now = timezone.now()
    logs = ContactLog.objects.select_related("project", "author__membership").prefetch_related("participants")
    channels = Counter(logs.values_list("channel", flat=True))
    assert set(channels) == set(Channel.values) - {Channel.OTHER}
    assert {channel for channel, _n in channels.most_common(2)} == {Channel.PHONE, Channel.WECHAT}
    assert logs.filter(occurred_at__lt=now - timedelta(days=90)).exists()
    assert not logs.filter(occurred_at__gt=now).exists()

    history = dict(ContactLog.history.model.objects.values_list("id", "history_date"))
    for log in logs:
        assert log.author == log.project.owner and log.team_id == log.author.membership.team_id
        assert log.author in log.participants.all() and log.summary.strip()
        assert log.occurred_at <= log.created_at <= now
        assert history[log.pk] == log.created_at

    per_project = Counter(logs.values_list("project_id", flat=True))
    assert set(per_project) == set(Project.objects.values_list("pk", flat=True))
    # at most 12 (LOG_COUNTS), the smart-chassis project's up to eight earlier logs and this month's five videos
    assert min(per_project.values()) >= 2 and max(per_project.values()) <= 13

    stopped = ProjectEvent.objects.filter(kind__in=[ProjectEvent.Kind.PAUSED, ProjectEvent.Kind.DROPPED])
    assert stopped.count() >= 2
    for event in stopped:
        assert not logs.filter(project=event.project, occurred_at__gt=event.created_at).exists()
