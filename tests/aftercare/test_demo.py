"""The demo's aftercare: 恒盛智谷, landed and the referrer of 天盛振宁, has a request in progress and one
resolved within its service level; another landed company's request is overdue. Seeding again adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from aftercare.models import ServiceRequest
from aftercare.selectors import is_landed
from aftercare.workdays import working_days_between
from projects.models import Project

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        first = ServiceRequest.objects.count()
        call_command("seed_demo", stdout=StringIO())
        yield first
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_landed_referrer_has_an_open_and_a_resolved_request(seeded):
    assert ServiceRequest.objects.count() == seeded == 3
    hengsheng = ServiceRequest.objects.filter(company__name="扬州恒盛智谷产业社区运营有限公司")
    company = hengsheng.first().company
    assert is_landed(company)
    assert sorted(hengsheng.values_list("status", flat=True)) == ["in_progress", "resolved"]
    resolved = hengsheng.get(status="resolved")
    assert resolved.within_sla and resolved.resolution
    assert working_days_between(resolved.opened_on, resolved.due_on) == resolved.sla_days
    assert Project.objects.filter(referrer=company).exists()  # 天盛振宁, introduced by 恒盛智谷
    overdue = ServiceRequest.objects.exclude(company=company).get()
    assert overdue.is_overdue and is_landed(overdue.company)
