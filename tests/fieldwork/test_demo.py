"""`seed_demo` plans the article's week of field work and last month's trips, and adds nothing when run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from fieldwork.models import FieldworkPolicy, PlannedVisit, Reception, Trip
from fieldwork.week import week_plan
from teams.models import Membership

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        first = (Trip.objects.count(), PlannedVisit.objects.count(), Reception.objects.count())
        out = StringIO()
        call_command("seed_demo", stdout=out)
        yield first, out.getvalue()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_seeding_again_adds_nothing(seeded):
    first, printed = seeded
    assert (Trip.objects.count(), PlannedVisit.objects.count(), Reception.objects.count()) == first
    assert f"Demo trips: {first[0]}, receptions: {first[2]}" in printed


@pytest.mark.django_db
def test_three_groups_are_out_this_week_and_two_receive(seeded):
    director = Membership.objects.get(user__username="maxiang").user
    today = timezone.localdate()
    plan = week_plan(director, today - timezone.timedelta(days=today.weekday()))
    out = {row.team.code for row in plan.rows if row.is_out}
    assert {"G1", "G4", "G5"} <= out
    receiving = {row.team.code for row in plan.rows if any(i.kind == "reception" for c in row.cells for i in c.items)}
    assert len(receiving) >= 1  # the powder-metallurgy delegation comes tomorrow: next week on a Sunday
    lishui = Trip.objects.get(lead__username="wangshuai", destinations="丽水, 衢州")
    assert lishui.current_status == Trip.Status.IN_PROGRESS
    assert lishui.visits.filter(contact_log__isnull=False).count() == 1
    powder = Reception.objects.get(project__name="粉末冶金汽车零部件项目", status=Reception.Status.CONFIRMED)
    assert any("厂房" in what for _clock, what in powder.itinerary_items)


@pytest.mark.django_db
def test_last_month_one_report_is_filed_and_one_overdue(seeded):
    due_days = FieldworkPolicy.current().report_due_days
    filed = Trip.objects.get(lead__username="sunhao", status=Trip.Status.DONE)
    assert filed.report.summary and filed.report.was_on_time
    overdue = Trip.objects.get(lead__username="huangtao")
    assert overdue.is_report_overdue(due_days)
