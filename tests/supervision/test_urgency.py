"""Colours under time-machine: blue when issued, yellow within YELLOW_WITHIN_DAYS of the due date or when the
first-report date passed without a report, red once overdue, none when closed; the SQL rule agrees with the
Python one every day. Projects get the same colours by the stale/stuck rules."""

from datetime import date, timedelta

import time_machine
from django.utils import timezone

from projects.models import Project
from supervision import services
from supervision.models import YELLOW_WITHIN_DAYS, SupervisionOrder
from supervision.selectors import order_filter
from supervision.urgency import BLUE, RED, YELLOW, project_urgency, projects_with_urgency, urgency, urgency_rank
from tests.supervision.conftest import at, issue

DUE = date(2026, 11, 20)


def colour_on(order: SupervisionOrder, day: date) -> str | None:
    with time_machine.travel(at(day), tick=False):
        order.refresh_from_db()
        in_python = urgency(order)
        in_sql = order_filter(SupervisionOrder.objects.filter(pk=order.pk), {}).get().colour
        assert in_sql == (in_python or ""), day
        rank = SupervisionOrder.objects.filter(pk=order.pk).annotate(rank=urgency_rank(day)).get().rank
        assert rank == {RED: 0, YELLOW: 1, BLUE: 2, None: 3}[in_python], day  # the lists' order agrees too
        return in_python


def test_blue_then_yellow_then_red_as_the_days_pass(center):
    order = issue(center, due_on=DUE)
    assert colour_on(order, date(2026, 11, 2)) == BLUE
    assert colour_on(order, DUE - timedelta(days=YELLOW_WITHIN_DAYS + 1)) == BLUE
    assert colour_on(order, DUE - timedelta(days=YELLOW_WITHIN_DAYS)) == YELLOW
    assert colour_on(order, DUE) == YELLOW
    assert colour_on(order, DUE + timedelta(days=1)) == RED
    assert colour_on(order, DUE + timedelta(days=40)) == RED


def test_a_missed_first_report_turns_it_yellow_until_progress_is_reported(center):
    order = issue(center, due_on=DUE, first_report_on=date(2026, 11, 5))
    assert colour_on(order, date(2026, 11, 5)) == BLUE
    assert colour_on(order, date(2026, 11, 6)) == YELLOW
    with time_machine.travel(at(date(2026, 11, 6)), tick=False):
        services.order_acknowledge(actor=center["huangtao"].user, order=order)
        services.order_report(actor=center["huangtao"].user, order=order, text="已与国土局对接")
    assert colour_on(order, date(2026, 11, 7)) == BLUE


def test_a_closed_order_has_no_colour(center):
    order = issue(center, due_on=DUE)
    with time_machine.travel(at(date(2026, 11, 25)), tick=False):
        services.order_close(actor=center["director"].user, order=order)
    assert colour_on(order, date(2026, 11, 26)) is None
    order.refresh_from_db()
    assert order.closed_on_time is False


def test_projects_are_flagged_red_when_stuck_and_yellow_when_stale(center):
    project = center["project"]
    now = timezone.now()
    Project.objects.filter(pk=project.pk).update(last_contact_at=now, stage_entered_at=now)
    project.refresh_from_db()
    assert project_urgency(project) is None
    Project.objects.filter(pk=project.pk).update(last_contact_at=now - timedelta(days=20))
    project.refresh_from_db()
    assert project_urgency(project) == YELLOW
    assert projects_with_urgency(Project.objects.filter(pk=project.pk)).get().urgency == YELLOW
    Project.objects.filter(pk=project.pk).update(stage_entered_at=now - timedelta(days=61))
    project.refresh_from_db()
    assert project_urgency(project) == RED
    assert projects_with_urgency(Project.objects.filter(pk=project.pk)).get().urgency == RED
    assert project_urgency(project, stuck_after_days=90) == YELLOW  # the policy's threshold, when raised
    assert projects_with_urgency(Project.objects.filter(pk=project.pk), stuck_after_days=90).get().urgency == YELLOW
