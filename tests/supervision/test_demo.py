"""The demo's 督办: a red one on 徐磊's My day, a yellow one to 招商一组's leader, one closed on time;
seeding again adds nothing."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from supervision.models import SupervisionOrder
from supervision.urgency import RED, YELLOW, urgency

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        first = SupervisionOrder.objects.count()
        call_command("seed_demo", stdout=StringIO())
        yield first
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_has_a_red_a_yellow_and_a_closed_order(seeded):
    assert SupervisionOrder.objects.count() == seeded == 3
    colours = sorted(str(urgency(order)) for order in SupervisionOrder.objects.all())
    assert colours == ["None", RED, YELLOW]
    closed = SupervisionOrder.objects.get(status="closed")
    assert closed.closed_on_time is True


@pytest.mark.django_db
def test_the_red_one_is_on_xuleis_my_day(seeded):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(User.objects.get(username="xulei"))
    html = client.get(reverse("activities:my_day")).content.decode()
    assert 'id="my-supervision"' in html and 'data-colour="red"' in html
