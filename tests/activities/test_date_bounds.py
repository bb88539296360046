"""Dates people type are plausible (a log not before 2000 nor more than a day ahead, follow-ups not beyond
the planning horizon), checked by the forms and again by the services; a log stored with an impossible
date before the checks existed is repaired so its project's pages render again."""

import importlib
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.models import ContactLog, FollowUp
from core.dates import latest_plan_date
from tests.conftest import require_service

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _post_log(client, project, **extra):
    data = {"project": project.pk, "channel": "phone", "summary": "电话沟通", "mode": "inline"}
    return client.post(reverse("activities:contact_log_create"), data | extra, **HTMX)


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "1999-12-31T23:59", "9999-12-31T23:59"])
def test_a_log_outside_2000_to_tomorrow_is_refused_and_nothing_is_saved(client, people, when):
    client.force_login(people["xulei"].user)
    response = _post_log(client, people["chassis"], occurred_at=when)
    assert response.status_code == 200 and ContactLog.objects.count() == 0
    assert "2000" in response.content.decode() or "一天" in response.content.decode()


@pytest.mark.parametrize("due", ["0001-01-01", "9999-12-31", (date.today() + timedelta(days=365 * 11)).isoformat()])
def test_a_follow_up_beyond_the_planning_horizon_is_refused(client, people, due):
    client.force_login(people["xulei"].user)
    response = _post_log(client, people["chassis"], follow_up_due_date=due, next_step="回访")
    assert ContactLog.objects.count() == 0 and FollowUp.objects.count() == 0
    assert "invalid-feedback" in response.content.decode()


def test_the_services_refuse_implausible_dates_too(people):
    with pytest.raises(ValidationError) as error:
        services.contact_log_create(
            actor=people["xulei"].user, project=people["chassis"], channel="phone", summary="x",
            occurred_at=timezone.make_aware(datetime(1999, 6, 1, 10)),
        )  # fmt: skip
    assert "occurred_at" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.follow_up_create(
            actor=people["xulei"].user, project=people["chassis"], title="回访",
            due_date=latest_plan_date() + timedelta(days=1),
        )  # fmt: skip
    assert "due_date" in error.value.error_dict
    follow_up = services.follow_up_create(
        actor=people["xulei"].user, project=people["chassis"], title="回访", due_date=latest_plan_date()
    )
    with pytest.raises(ValidationError):
        services.follow_up_reschedule(actor=people["xulei"].user, follow_up=follow_up, due_date=date(9999, 1, 1))


def test_reschedule_with_an_absurd_date_answers_with_the_reason_not_a_500(client, people):
    follow_up = services.follow_up_create(
        actor=people["xulei"].user, project=people["chassis"], title="回访", due_date=timezone.localdate()
    )
    client.force_login(people["xulei"].user)
    for due in ("9999-12-31", "99999-01-01", "0000-00-00"):
        response = client.post(
            reverse("activities:follow_up_reschedule", args=[follow_up.pk]), {"due_date": due}, **HTMX
        )
        assert response.status_code == 200
    follow_up.refresh_from_db()
    assert follow_up.due_date == timezone.localdate()


def test_date_inputs_carry_the_bounds(client, people):
    client.force_login(people["xulei"].user)
    page = client.get(reverse("activities:contact_log_create"), {"project": people["chassis"].pk}, **HTMX)
    html = page.content.decode()
    assert 'min="2000-01-01"' in html and f'max="{latest_plan_date().isoformat()}"' in html


def test_a_log_stored_in_year_one_is_repaired_and_the_timeline_renders(client, people):
    require_service(connection.vendor == "postgresql", "needs PostgreSQL (CI runs it)")
    log = services.contact_log_create(
        actor=people["xulei"].user, project=people["chassis"], channel="phone", summary="很久以前"
    )
    with connection.cursor() as cursor:  # what the old checks let through
        cursor.execute(
            "UPDATE activities_contactlog SET occurred_at = '0001-01-01T00:00:00+08:05:43' WHERE id = %s", [log.pk]
        )
    migration = importlib.import_module("activities.migrations.0003_repair_implausible_log_times")
    from django.apps import apps

    migration.repair(apps, None)
    log.refresh_from_db()
    assert log.occurred_at == log.created_at
    client.force_login(people["xulei"].user)
    assert client.get(reverse("activities:project_activity", args=[people["chassis"].pk])).status_code == 200
    assert client.get(reverse("activities:contact_log_detail", args=[log.pk])).status_code == 200
