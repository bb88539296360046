"""Trip report reminders go out through the reminders' delivery rows exactly once per period (Asia/Shanghai
clock, moved with time-machine), and the directors' Monday digest carries next week's plan."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fieldwork import services
from fieldwork.models import FieldworkPolicy
from reminders import services as reminder_services
from reminders.models import Delivery, GroupWebhook, Kind, Notification, ReminderPolicy
from tests.fieldwork.conftest import approved_trip

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = date(2026, 11, 2)  # a Monday; the trip is 11-02..11-04, its report due 15 days after: 11-19


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def sweep(day: date, hour: int = 9, minute: int = 0) -> None:
    with time_machine.travel(at(day, hour, minute), tick=False):
        reminder_services.sweep_all()


def kinds_of(user) -> list[tuple[str, str]]:
    rows = Delivery.objects.filter(recipient=user.user, channel="in_app", object_type="trip")
    return sorted(rows.values_list("kind", "period"))


@pytest.fixture
def trip(center):
    with time_machine.travel(at(START - timedelta(days=7), 10), tick=False):
        return approved_trip(center["wangshuai"], center["director"], start=START, days=3)


def test_the_lead_is_told_once_before_the_report_is_due(center, trip):
    due = date(2026, 11, 19)
    sweep(due - timedelta(days=4))  # too early
    assert kinds_of(center["wangshuai"]) == []
    for day in (due - timedelta(days=3), due - timedelta(days=2), due):
        sweep(day)
        sweep(day, 15, 30)  # a sweep a minute: later ones the same day write nothing new
    assert kinds_of(center["wangshuai"]) == [(Kind.TRIP_REPORT_DUE, f"before-{due}")]
    assert kinds_of(center["leader"]) == []  # the leader hears of it only when it is overdue


def test_before_the_mornings_due_time_nothing_is_written(center, trip):
    ReminderPolicy.objects.update_or_create(pk=1, defaults={"due_time": time(8, 30)})
    sweep(date(2026, 11, 17), 8, 29)
    assert kinds_of(center["wangshuai"]) == []
    sweep(date(2026, 11, 17), 8, 30)
    assert len(kinds_of(center["wangshuai"])) == 1


def test_overdue_tells_lead_leader_and_robot_once_a_week_until_filed(center, trip):
    GroupWebhook.objects.create(
        team=trip.team, provider="wecom", url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"
    )
    due = date(2026, 11, 19)
    for offset in range(1, 16):  # every day for two weeks after the due date
        sweep(due + timedelta(days=offset))
    overdue = [(Kind.TRIP_REPORT_OVERDUE, f"overdue-{due}-{week}") for week in (0, 1, 2)]
    assert [k for k in kinds_of(center["wangshuai"]) if k[0] == Kind.TRIP_REPORT_OVERDUE] == overdue
    assert kinds_of(center["leader"]) == overdue
    robot = Delivery.objects.filter(team=trip.team, channel="webhook", object_type="trip")
    assert sorted(robot.values_list("period", flat=True)) == [period for _kind, period in overdue]
    assert not Delivery.objects.filter(object_type="trip", recipient=center["tanxu"].user).exists()

    with time_machine.travel(at(due + timedelta(days=16), 10), tick=False):
        services.trip_report_file(actor=center["wangshuai"].user, trip=trip, summary="拜访三家，一家约来考察")
    for offset in range(16, 30):
        sweep(due + timedelta(days=offset))
    assert len(kinds_of(center["leader"])) == 3  # filed: no more


def test_the_due_date_follows_the_policy_and_the_message_reaches_the_bell(center, trip):
    FieldworkPolicy.objects.update_or_create(pk=1, defaults={"report_due_days": 5})  # due 11-09
    sweep(date(2026, 11, 10))
    (row,) = Delivery.objects.filter(recipient=center["wangshuai"].user, channel="in_app", object_type="trip")
    assert row.kind == Kind.TRIP_REPORT_OVERDUE and row.period == "overdue-2026-11-09-0"
    assert "出差报告已逾期" in row.title and "丽水" in row.title
    assert row.url == f"/fieldwork/trips/{trip.pk}/report/"
    reminder_services.delivery_send(row.pk)
    assert Notification.objects.get(recipient=center["wangshuai"].user).url == row.url


def test_cancelled_and_draft_trips_need_no_report(center, trip):
    with time_machine.travel(at(START - timedelta(days=6), 10), tick=False):
        services.trip_cancel(actor=center["director"].user, trip=trip, reason="客商临时出国")
    sweep(date(2026, 11, 25))
    assert not Delivery.objects.filter(object_type="trip").exists()


def test_a_muted_kind_is_not_sent(center, trip):
    from reminders.models import ReminderPreference

    ReminderPreference.objects.create(user=center["wangshuai"].user, muted_kinds=[Kind.TRIP_REPORT_OVERDUE])
    sweep(date(2026, 11, 21))
    assert kinds_of(center["wangshuai"]) == []
    assert len(kinds_of(center["leader"])) == 1


def _weekly_digest(director) -> Delivery:
    return Delivery.objects.get(kind=Kind.WEEKLY_DIGEST, recipient=director.user, channel="in_app")


@pytest.mark.parametrize("groups_out", [1, 2])
def test_the_monday_digest_carries_next_weeks_plan_and_warns_below_the_minimum(center, groups_out):
    FieldworkPolicy.objects.update_or_create(pk=1, defaults={"min_groups_out": 2})
    ReminderPolicy.objects.update_or_create(pk=1, defaults={"digest_time": time(8, 0), "weekly_digest_weekday": 1})
    next_monday = START + timedelta(days=7)
    with time_machine.travel(at(START - timedelta(days=3), 10), tick=False):
        approved_trip(center["wangshuai"], center["director"], start=next_monday + timedelta(days=1), days=2,
                      destinations="丽水")  # fmt: skip
        if groups_out == 2:
            approved_trip(center["liuyang"], center["director"], start=next_monday + timedelta(days=3), days=2,
                          destinations="衢州")  # fmt: skip
    sweep(START, 8, 5)
    body = _weekly_digest(center["director"]).body
    plan = body.splitlines()[-1]
    assert "2026-W46" in plan and f"{groups_out}个小组外出" in plan and "丽水" in plan
    assert ("衢州" in plan) is (groups_out == 2)
    assert ("少于2个小组外出" in plan) is (groups_out == 1)
