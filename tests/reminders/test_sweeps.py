"""Each reminder kind at the right moment (time travel in Asia/Shanghai), to the right people, once per period."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone, translation

from activities import services as activity_services
from activities.models import FollowUp
from projects import services as project_services
from projects.models import Project
from projects.stages import Stage
from reminders import services
from reminders.models import Delivery, Kind, Notification, ReminderPreference

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def _follow_up(crew, due: date, due_time: time | None = None) -> FollowUp:
    with time_machine.travel(at(due, 0, 1) - timedelta(days=1), tick=False):
        return activity_services.follow_up_create(
            actor=crew["xulei"].user, title="带刘总实地看厂房", due_date=due, due_time=due_time, project=crew["project"]
        )


def _sent(kind=None, **filters):
    rows = Delivery.objects.filter(**filters)
    return sorted(rows.filter(kind=kind).values_list("recipient__username", "channel")) if kind else rows


DAY = date(2026, 3, 5)


def test_due_reminder_comes_on_the_morning_of_the_due_day_in_app_and_by_email(crew, mailoutbox):
    _follow_up(crew, DAY)
    services.sweep_follow_ups(now=at(DAY, 8, 29))
    assert not Delivery.objects.exists()
    services.sweep_follow_ups(now=at(DAY, 8, 30))
    username = crew["xulei"].user.username
    assert _sent(Kind.DUE) == [(username, "email"), (username, "in_app")]
    for delivery_id in services.deliveries_due(now=at(DAY, 8, 30)):
        services.delivery_send(delivery_id, now=at(DAY, 8, 30))
    notification = Notification.objects.get(recipient=crew["xulei"].user)
    assert "带刘总实地看厂房" in notification.title and notification.url == crew["project"].get_absolute_url()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["xulei@example.cn"]


def test_a_timed_follow_up_also_reminds_30_minutes_before(crew):
    _follow_up(crew, DAY, time(15, 0))
    services.sweep_follow_ups(now=at(DAY, 14, 29))
    assert not _sent(Kind.DUE_SOON)
    services.sweep_follow_ups(now=at(DAY, 14, 31))
    services.sweep_follow_ups(now=at(DAY, 14, 45))
    assert len(_sent(Kind.DUE_SOON)) == 2  # in-app + email, once
    services.sweep_follow_ups(now=at(DAY, 15, 1))
    assert len(_sent(Kind.DUE_SOON)) == 2


def test_overdue_is_daily_to_the_owner_and_escalates_to_the_leader_once(crew):
    _follow_up(crew, DAY)
    for offset, escalated in ((1, 0), (2, 0), (3, 1), (4, 1), (9, 1)):
        services.sweep_follow_ups(now=at(DAY + timedelta(days=offset), 9))
        services.sweep_follow_ups(now=at(DAY + timedelta(days=offset), 10))  # a second sweep that day
        day_rows = Delivery.objects.filter(period=(DAY + timedelta(days=offset)).isoformat())
        assert day_rows.filter(kind=Kind.OVERDUE, recipient=crew["xulei"].user).count() == 2  # owner: daily
        leader_rows = Delivery.objects.filter(kind=Kind.ESCALATION, recipient=crew["leader"].user)
        assert leader_rows.count() == escalated * 2  # in-app + email, on day 3 only


def test_a_rescheduled_follow_up_that_is_overdue_again_escalates_again(crew):
    follow_up = _follow_up(crew, DAY)
    services.sweep_follow_ups(now=at(DAY + timedelta(days=3), 9))
    with time_machine.travel(at(DAY + timedelta(days=3), 11), tick=False):
        activity_services.follow_up_reschedule(
            actor=crew["xulei"].user, follow_up=follow_up, due_date=DAY + timedelta(days=5)
        )
    services.sweep_follow_ups(now=at(DAY + timedelta(days=6), 9))  # overdue again, not for 3 days yet
    leader_rows = Delivery.objects.filter(kind=Kind.ESCALATION, recipient=crew["leader"].user)
    assert leader_rows.count() == 2
    services.sweep_follow_ups(now=at(DAY + timedelta(days=8), 9))
    assert leader_rows.count() == 4
    assert sorted(set(leader_rows.values_list("period", flat=True))) == [
        f"overdue-since-{DAY.isoformat()}",
        f"overdue-since-{(DAY + timedelta(days=5)).isoformat()}",
    ]


def test_done_follow_ups_are_left_alone(crew):
    follow_up = _follow_up(crew, DAY)
    with time_machine.travel(at(DAY, 8), tick=False):
        activity_services.follow_up_complete(actor=crew["xulei"].user, follow_up=follow_up)
    services.sweep_follow_ups(now=at(DAY, 9))
    services.sweep_follow_ups(now=at(DAY + timedelta(days=5), 9))
    assert not Delivery.objects.exists()


def test_stale_project_reminds_owner_and_leader_once_per_quiet_spell(crew):
    project = crew["project"]
    Project.objects.filter(pk=project.pk).update(created_at=at(DAY, 9) - timedelta(days=40))
    with time_machine.travel(at(DAY, 9), tick=False):
        activity_services.contact_log_create(actor=crew["xulei"].user, project=project, channel="phone", summary="电话")
    services.sweep_projects(now=at(DAY + timedelta(days=13), 9))
    assert not _sent(Kind.STALE_PROJECT)
    services.sweep_projects(now=at(DAY + timedelta(days=15), 9))
    services.sweep_projects(now=at(DAY + timedelta(days=16), 9))
    stale = _sent(Kind.STALE_PROJECT)
    assert {username for username, _ in stale} == {crew["xulei"].user.username, crew["leader"].user.username}
    assert len(stale) == 4  # two people × (in-app, email), not repeated the next day
    with time_machine.travel(at(DAY + timedelta(days=17), 9), tick=False):
        activity_services.contact_log_create(actor=crew["xulei"].user, project=project, channel="video", summary="视频")
    services.sweep_projects(now=at(DAY + timedelta(days=33), 9))
    assert len(_sent(Kind.STALE_PROJECT)) == 8  # a new spell, a new reminder


def test_stuck_stage_after_sixty_days(crew):
    project = crew["project"]
    Project.objects.filter(pk=project.pk).update(stage_entered_at=at(DAY, 9) - timedelta(days=61))
    services.sweep_projects(now=at(DAY, 9))
    services.sweep_projects(now=at(DAY, 10))
    assert len(_sent(Kind.STUCK_STAGE)) == 4


def test_pending_sign_off_reminds_those_who_can_decide_it(crew):
    project = crew["project"]
    with time_machine.travel(at(DAY, 9), tick=False):
        gate = project_services.project_request_stage(
            actor=crew["xulei"].user, project=project, to_stage=Stage.SITE_VISIT, comment="请组长审批"
        )
    services.sweep_signoffs(now=at(DAY + timedelta(days=1), 9))
    assert not _sent(Kind.PENDING_SIGNOFF)
    services.sweep_signoffs(now=at(DAY + timedelta(days=2), 10))
    assert {u for u, _ in _sent(Kind.PENDING_SIGNOFF)} == {crew["leader"].user.username}
    assert Delivery.objects.filter(object_id=gate.pk, kind=Kind.PENDING_SIGNOFF).count() == 2


def test_quiet_hours_hold_reminders_until_they_end(crew):
    _follow_up(crew, DAY)
    ReminderPreference.objects.create(user=crew["xulei"].user, quiet_start=time(22), quiet_end=time(9))
    services.sweep_follow_ups(now=at(DAY, 8, 30))
    assert not Delivery.objects.exists()
    services.sweep_follow_ups(now=at(DAY, 9, 0))
    assert len(_sent(Kind.DUE)) == 2


def test_switched_off_kinds_and_channels_are_not_sent(crew):
    _follow_up(crew, DAY)
    ReminderPreference.objects.create(user=crew["xulei"].user, email_enabled=False)
    services.sweep_follow_ups(now=at(DAY, 9))
    assert _sent(Kind.DUE) == [(crew["xulei"].user.username, "in_app")]
    ReminderPreference.objects.filter(user=crew["xulei"].user).update(muted_kinds=[Kind.OVERDUE])
    services.sweep_follow_ups(now=at(DAY + timedelta(days=1), 9))
    assert not _sent(Kind.OVERDUE)


def test_inactive_people_get_nothing(crew):
    _follow_up(crew, DAY)
    crew["xulei"].user.is_active = False
    crew["xulei"].user.save()
    services.sweep_follow_ups(now=at(DAY, 9))
    assert not Delivery.objects.exists()
    assert timezone.is_aware(at(DAY, 9))


def test_daily_digest_after_the_digest_time_for_people_with_something_on(crew):
    _follow_up(crew, DAY)
    _follow_up(crew, DAY - timedelta(days=2))
    with time_machine.travel(at(DAY - timedelta(days=1), 15), tick=False):
        activity_services.contact_log_create(actor=crew["xulei"].user, project=crew["project"], channel="phone",
                                             summary="电话")  # fmt: skip
    services.sweep_digests(now=at(DAY, 7, 59))
    assert not _sent(Kind.DAILY_DIGEST)
    with translation.override("en"):
        services.sweep_digests(now=at(DAY, 8, 0))
        services.sweep_digests(now=at(DAY, 12, 0))
    digests = Delivery.objects.filter(kind=Kind.DAILY_DIGEST)
    assert set(digests.values_list("recipient", flat=True)) == {crew["xulei"].user.pk}  # the leader has nothing
    assert digests.count() == 2  # in-app + email, once that day
    assert digests.first().body == "Due today: 1 · overdue: 1 · contacts logged yesterday: 1"
    assert digests.first().url == "/"


def test_weekly_digest_for_directors_on_the_weekly_day(crew):
    monday = date(2026, 3, 2)
    _follow_up(crew, monday - timedelta(days=1))
    services.sweep_digests(now=at(monday - timedelta(days=1), 9))  # Sunday: no weekly digest
    assert not _sent(Kind.WEEKLY_DIGEST)
    services.sweep_digests(now=at(monday, 9))
    services.sweep_digests(now=at(monday, 17))
    weekly = Delivery.objects.filter(kind=Kind.WEEKLY_DIGEST)
    assert set(weekly.values_list("recipient", flat=True)) == {crew["director"].user.pk}
    assert weekly.count() == 2 and weekly.first().period == "2026-W10"
    assert crew["xulei"].team.name in weekly.first().body  # overdue follow-ups by group
