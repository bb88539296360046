"""Service request reminders go out through the delivery rows exactly once per period (Asia/Shanghai clock,
moved with time-machine): the person responsible once before the due date, and once it is overdue the person
responsible and, escalated, their group leader (or the directors when the responsible is the leader) once a
week until it is resolved."""

from datetime import date, time, timedelta

import pytest
import time_machine

from aftercare import services
from reminders import services as reminder_services
from reminders.models import Delivery, GroupWebhook, Kind
from tests.aftercare.conftest import at, open_request

MONDAY = date(2026, 11, 2)  # opened; 5 working days: due Monday 11-09


def sweep(day: date, hour: int = 9, minute: int = 0) -> None:
    with time_machine.travel(at(day, hour, minute), tick=False):
        reminder_services.sweep_all()


def rows(member) -> list[tuple[str, str]]:
    found = Delivery.objects.filter(recipient=member.user, channel="in_app", object_type="service_request")
    return sorted(found.values_list("kind", "period"))


@pytest.fixture
def request_due_monday(center):
    request = open_request(center, day=MONDAY)
    assert request.due_on == date(2026, 11, 9)
    return request


def test_the_responsible_is_told_once_on_the_working_day_before_it_is_due(center, request_due_monday):
    for day in (MONDAY, date(2026, 11, 5)):  # Thursday: still two working days away
        sweep(day)
    assert rows(center["huangtao"]) == []
    for day in (date(2026, 11, 6), date(2026, 11, 7), date(2026, 11, 8), date(2026, 11, 9)):  # Fri … the due Monday
        sweep(day)
        sweep(day, 16, 45)
    assert rows(center["huangtao"]) == [(Kind.REQUEST_DUE, "before-2026-11-09")]
    assert rows(center["leader"]) == [] and rows(center["director"]) == []


def test_nothing_is_written_before_the_mornings_due_time(center, request_due_monday):
    sweep(date(2026, 11, 6), 8, 0)
    assert rows(center["huangtao"]) == []


def test_overdue_tells_the_responsible_and_escalates_to_the_leader_once_a_week(center, request_due_monday):
    GroupWebhook.objects.create(team=center["leader"].team, provider="wecom",
                                url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")  # fmt: skip
    for day in (date(2026, 11, 10), date(2026, 11, 11), date(2026, 11, 16)):  # three sweeps in the first week
        sweep(day)
        sweep(day, 17)
    first = "overdue-2026-11-09-0"
    assert rows(center["huangtao"]) == [(Kind.REQUEST_OVERDUE, first)]  # swept only once overdue
    assert rows(center["leader"]) == [(Kind.REQUEST_ESCALATION, first)]
    assert rows(center["director"]) == []  # the group has a leader
    robot = Delivery.objects.filter(channel="webhook", object_type="service_request")
    assert list(robot.values_list("kind", "period", "team_id")) == [(Kind.REQUEST_ESCALATION, first,
                                                                     center["leader"].team_id)]  # fmt: skip
    sweep(date(2026, 11, 17))  # the second week overdue
    sweep(date(2026, 11, 18))
    second = "overdue-2026-11-09-1"
    assert rows(center["leader"]) == [(Kind.REQUEST_ESCALATION, first), (Kind.REQUEST_ESCALATION, second)]
    assert rows(center["huangtao"])[-1] == (Kind.REQUEST_OVERDUE, second)
    assert Delivery.objects.filter(object_type="service_request", period=second, channel="in_app").count() == 2


def test_reminders_stop_when_the_request_is_resolved(center, request_due_monday):
    sweep(date(2026, 11, 10))
    before = Delivery.objects.count()
    with time_machine.travel(at(date(2026, 11, 11), 8), tick=False):
        services.service_request_resolve(actor=center["huangtao"].user, request=request_due_monday,
                                         resolution="招聘会已办")  # fmt: skip
    for day in (date(2026, 11, 11), date(2026, 11, 17), date(2026, 11, 24)):
        sweep(day)
    assert Delivery.objects.count() == before


def test_a_leader_responsible_is_escalated_to_the_directors(center):
    request = open_request(center, day=MONDAY, responsible=center["leader"])
    sweep(date(2026, 11, 10))
    sweep(date(2026, 11, 10), 11)
    period = "overdue-2026-11-09-0"
    assert rows(center["leader"]) == [(Kind.REQUEST_OVERDUE, period)]
    assert rows(center["director"]) == [(Kind.REQUEST_ESCALATION, period)]
    assert rows(center["deputy"]) == [(Kind.REQUEST_ESCALATION, period)]
    assert request.pk == Delivery.objects.filter(recipient=center["director"].user).get().object_id


def test_a_new_due_date_is_a_new_notice(center, request_due_monday):
    sweep(date(2026, 11, 6))
    with time_machine.travel(at(date(2026, 11, 6), 10), tick=False):
        services.service_request_update(actor=center["huangtao"].user, request=request_due_monday,
                                        title=request_due_monday.title, responsible=center["huangtao"].user,
                                        due_on=date(2026, 11, 13))  # fmt: skip
    sweep(date(2026, 11, 9))  # the old due date: nothing overdue
    sweep(date(2026, 11, 12))
    assert rows(center["huangtao"]) == [
        (Kind.REQUEST_DUE, "before-2026-11-09"),
        (Kind.REQUEST_DUE, "before-2026-11-13"),
    ]


def test_the_reminder_links_to_the_request_and_names_the_company(center, request_due_monday):
    sweep(date(2026, 11, 10))
    delivery = Delivery.objects.filter(recipient=center["huangtao"].user, kind=Kind.REQUEST_OVERDUE).first()
    assert delivery.url == request_due_monday.get_absolute_url()
    assert "扬州恒盛智谷产业社区运营有限公司" in delivery.body and request_due_monday.title in delivery.title
    assert (date(2026, 11, 10) - timedelta(days=1)).isoformat() in delivery.period


def test_without_an_active_group_leader_the_escalation_goes_to_the_directors(center, request_due_monday):
    center["leader"].user.is_active = False
    center["leader"].user.save()
    sweep(date(2026, 11, 10))
    assert rows(center["director"]) == [(Kind.REQUEST_ESCALATION, "overdue-2026-11-09-0")]
    assert rows(center["huangtao"]) == [(Kind.REQUEST_OVERDUE, "overdue-2026-11-09-0")]


def test_the_directors_weekly_digest_counts_the_requests(center):
    from reminders.models import ReminderPolicy

    ReminderPolicy.objects.update_or_create(pk=1, defaults={"digest_time": time(8, 0), "weekly_digest_weekday": 1})
    open_request(center, day=MONDAY, title="逾期的")  # due 11-09
    open_request(center, day=date(2026, 11, 13), title="未到期")
    done = open_request(center, day=date(2026, 11, 10), title="已办")
    with time_machine.travel(at(date(2026, 11, 12)), tick=False):
        services.service_request_resolve(actor=center["huangtao"].user, request=done, resolution="已办结")
    sweep(date(2026, 11, 16), 8, 5)  # a Monday
    body = Delivery.objects.get(kind=Kind.WEEKLY_DIGEST, recipient=center["director"].user, channel="in_app").body
    line = next(line for line in body.splitlines() if "企业诉求" in line)
    assert "未解决 2 条（逾期 1 条）" in line and "近7天解决 1 条（按时 1 条）" in line
