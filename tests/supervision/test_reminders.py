"""督办 reminders go out through the delivery rows exactly once per period, however often the sweep runs:
the person responsible once when it turns yellow, then once a week overdue with an escalation to the
director who issued it, the group leader and the group's robot; on Mondays the group robot gets the 晾晒 of
its red orders once a week. A closed order is no longer chased."""

from datetime import date

import time_machine

from reminders import services as reminder_services
from reminders.models import Delivery, GroupWebhook, Kind
from supervision import services
from tests.supervision.conftest import at, issue

DUE = date(2026, 11, 20)  # a Friday


def sweep(day: date, hour: int = 9) -> None:
    with time_machine.travel(at(day, hour), tick=False):
        reminder_services.sweep_all()


def rows(member) -> list[tuple[str, str]]:
    found = Delivery.objects.filter(recipient=member.user, channel="in_app", object_type="supervision")
    return sorted(found.values_list("kind", "period"))


def robot(team) -> list[tuple[str, str, str]]:
    found = Delivery.objects.filter(team=team, channel="webhook").exclude(object_type="project")
    return sorted(found.values_list("kind", "object_type", "period"))


def test_due_soon_once_then_overdue_and_escalated_once_a_week(center):
    GroupWebhook.objects.create(team=center["leader"].team, provider="wecom",
                                url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")  # fmt: skip
    issue(center, due_on=DUE)
    sweep(date(2026, 11, 16))  # 4 days before: still blue
    assert rows(center["huangtao"]) == []
    for day in (date(2026, 11, 17), date(2026, 11, 18), date(2026, 11, 20)):
        sweep(day)
        sweep(day, 17)  # the sweep twice a day
    assert rows(center["huangtao"]) == [(Kind.SUPV_DUE, "before-2026-11-20")]
    for day in (date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 27)):  # the first week overdue
        sweep(day)
        sweep(day, 17)
    first = "overdue-2026-11-20-0"
    assert rows(center["huangtao"]) == [(Kind.SUPV_DUE, "before-2026-11-20"), (Kind.SUPV_OVERDUE, first)]
    assert rows(center["director"]) == [(Kind.SUPV_ESCALATION, first)]
    assert rows(center["leader"]) == [(Kind.SUPV_ESCALATION, first)]
    assert rows(center["deputy"]) == []
    assert robot(center["leader"].team) == [(Kind.SUPV_ESCALATION, "supervision", first)]
    sweep(date(2026, 11, 28))  # the second week
    sweep(date(2026, 11, 28), 17)
    second = "overdue-2026-11-20-1"
    assert rows(center["director"]) == [(Kind.SUPV_ESCALATION, first), (Kind.SUPV_ESCALATION, second)]
    assert Delivery.objects.filter(object_type="supervision", period=second, channel="in_app").count() == 3


def test_the_monday_red_summary_goes_to_the_group_robot_once_a_week(center):
    GroupWebhook.objects.create(team=center["leader"].team, provider="wecom",
                                url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")  # fmt: skip
    issue(center, due_on=DUE)
    sweep(date(2026, 11, 23))  # Monday, red since Saturday
    sweep(date(2026, 11, 23), 17)
    sweep(date(2026, 11, 24))  # Tuesday: no summary
    summaries = Delivery.objects.filter(kind=Kind.SUPV_RED_SUMMARY)
    assert list(summaries.values_list("team_id", "period", "object_id")) == [
        (center["leader"].team_id, "2026-W48", center["leader"].team_id)
    ]
    assert "智能底盘项目" in summaries.get().body
    sweep(date(2026, 11, 30))
    assert summaries.count() == 2


def test_the_summary_can_be_switched_off(center, settings):
    settings.SUPERVISION_RED_SUMMARY = False
    GroupWebhook.objects.create(team=center["leader"].team, provider="wecom",
                                url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")  # fmt: skip
    issue(center, due_on=DUE)
    sweep(date(2026, 11, 23))
    assert not Delivery.objects.filter(kind=Kind.SUPV_RED_SUMMARY).exists()


def test_a_closed_order_is_no_longer_chased(center):
    order = issue(center, due_on=DUE)
    sweep(date(2026, 11, 21))
    with time_machine.travel(at(date(2026, 11, 22), 8), tick=False):
        services.order_close(actor=center["director"].user, order=order)
    before = Delivery.objects.filter(object_type="supervision").count()
    for day in (date(2026, 11, 23), date(2026, 11, 30)):
        sweep(day)
    assert Delivery.objects.filter(object_type="supervision").count() == before
