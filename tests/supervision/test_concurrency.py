"""Two people acting on the same 督办 at the same moment: the director and the deputy closing it make one
close (one note); the person responsible acknowledging twice at once (two tabs) makes one acknowledgement."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from supervision import services
from supervision.models import SupervisionNote
from tests.conftest import require_service
from tests.supervision.conftest import issue

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(calls) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        close_old_connections()
        barrier.wait()
        try:
            call()
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_director_and_deputy_closing_at_once_close_it_once(center):
    require_service(connection.vendor == "postgresql", "needs PostgreSQL row locks (CI runs it)")
    order = issue(center, day=timezone.localdate(), due_on=timezone.localdate())
    outcomes = _at_once([lambda: services.order_close(actor=center["director"].user, order=order),
                         lambda: services.order_close(actor=center["deputy"].user, order=order)])  # fmt: skip
    assert outcomes == ["done", "status"]
    assert order.notes.filter(kind=SupervisionNote.Kind.CLOSED).count() == 1


def test_acknowledging_twice_at_once_acknowledges_once(center):
    require_service(connection.vendor == "postgresql", "needs PostgreSQL row locks (CI runs it)")
    order = issue(center, day=timezone.localdate(), due_on=timezone.localdate())
    acknowledge = lambda: services.order_acknowledge(actor=center["huangtao"].user, order=order)  # noqa: E731
    assert _at_once([acknowledge, acknowledge]) == ["done", "status"]
    assert order.notes.filter(kind=SupervisionNote.Kind.ACKNOWLEDGED).count() == 1
