"""The activity list counts its rows only up to a cap ("more than …"), and every page stays reachable."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import selectors
from activities.models import ContactLog

pytestmark = pytest.mark.django_db


def _logs(people, count):
    project, author = people["chassis"], people["xulei"]
    now = timezone.now()
    ContactLog.objects.bulk_create(
        ContactLog(project=project, company_id=project.company_id, channel="phone", author=author.user,
                   team_id=author.team_id, occurred_at=now - timedelta(minutes=n), summary=f"第{n}次电话")
        for n in range(count)
    )  # fmt: skip


def test_the_capped_paginator_counts_exactly_below_the_cap(people):
    _logs(people, 7)
    paginator = selectors.CappedPaginator(ContactLog.objects.order_by("-occurred_at", "-pk"), 3, cap=10)
    page = paginator.get_page(1)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (7, False, 3)
    assert len(page.object_list) == 3 and page.has_next()


def test_the_capped_paginator_stops_counting_at_the_cap_but_keeps_every_page(people):
    _logs(people, 25)
    logs = ContactLog.objects.order_by("-occurred_at", "-pk")
    paginator = selectors.CappedPaginator(logs, 3, cap=10)
    first = paginator.get_page(1)
    assert (paginator.count, paginator.is_capped) == (10, True)
    assert first.has_next()
    # a page beyond the cap: full, with its next page, whatever the cap
    paginator = selectors.CappedPaginator(logs, 3, cap=10)
    page = paginator.get_page(6)
    assert page.number == 6 and paginator.is_capped
    assert [log.pk for log in page.object_list] == [log.pk for log in logs[15:18]]
    assert page.has_next()
    # the last page: exact again, no next page
    paginator = selectors.CappedPaginator(logs, 3, cap=10)
    last = paginator.get_page(9)
    assert (last.number, paginator.count, paginator.is_capped, last.has_next()) == (9, 25, False, False)
    assert len(last.object_list) == 1


def test_the_activity_list_says_more_than_the_cap(client, people, monkeypatch):
    monkeypatch.setattr(selectors, "ACTIVITY_COUNT_CAP", 40)
    _logs(people, 45)
    client.force_login(people["xulei"].user)
    page = client.get(reverse("activities:activity_list"))
    assert page.context["page"].paginator.is_capped
    text = page.content.decode()
    assert "More than 40 contacts" in text or "超过40条" in text
    assert "1 / 2+" in text  # 30 a page: the page count says there are more
    ContactLog.objects.filter(summary__in=[f"第{n}次电话" for n in range(10)]).delete()
    page = client.get(reverse("activities:activity_list"))
    assert not page.context["page"].paginator.is_capped
    assert page.context["page"].paginator.count == 35
