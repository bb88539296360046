"""Who may do what: directors and deputies issue and close; the person responsible (the project's owner or
its group leader) acknowledges once and reports progress; closed is final. Dates and text are checked."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from supervision import services
from supervision.models import SupervisionNote, SupervisionOrder
from tests.supervision.conftest import ISSUED, at, issue

Status = SupervisionOrder.Status


@pytest.mark.parametrize("role", ["huangtao", "leader", "admin", "liuyang"])
def test_only_directors_and_deputies_issue(center, role):
    with pytest.raises(PermissionDenied):
        issue(center, actor=center[role])


def test_the_deputy_issues_to_the_group_leader(center):
    order = issue(center, actor=center["deputy"], responsible=center["leader"])
    assert order.responsible == center["leader"].user and order.status == Status.ISSUED
    assert list(order.notes.values_list("kind", flat=True)) == [SupervisionNote.Kind.ISSUED]


def test_the_responsible_must_be_the_owner_or_the_group_leader(center):
    with pytest.raises(ValidationError) as error:
        issue(center, responsible=center["zhaomin"])
    assert "responsible" in error.value.message_dict


def test_due_date_in_the_past_and_empty_text_are_refused(center):
    with pytest.raises(ValidationError) as error:
        issue(center, due_on=ISSUED - timedelta(days=1))
    assert "due_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        issue(center, required="   ")
    assert "required" in error.value.message_dict
    with pytest.raises(ValidationError):
        issue(center, due_on=ISSUED + timedelta(days=400))


def test_acknowledge_once_by_the_responsible_then_report(center):
    order = issue(center)
    for other in ("zhaomin", "leader", "director"):
        with pytest.raises(PermissionDenied):
            services.order_acknowledge(actor=center[other].user, order=order)
    with pytest.raises(ValidationError):  # report before acknowledging
        services.order_report(actor=center["huangtao"].user, order=order, text="进展")
    services.order_acknowledge(actor=center["huangtao"].user, order=order)
    with pytest.raises(ValidationError):  # a second acknowledgement (e.g. a second tab)
        services.order_acknowledge(actor=center["huangtao"].user, order=order)
    with pytest.raises(ValidationError):
        services.order_report(actor=center["huangtao"].user, order=order, text="")
    services.order_report(actor=center["huangtao"].user, order=order, text="已提交供地方案初稿")
    order.refresh_from_db()
    assert order.status == Status.ACKNOWLEDGED and order.acknowledged_at and order.reported_at
    assert list(order.notes.values_list("kind", flat=True)) == ["issued", "acknowledged", "progress"]


def test_close_by_directors_only_once_and_on_time_is_recorded(center):
    order = issue(center, due_on=date(2026, 11, 20))
    for other in ("huangtao", "leader", "admin"):
        with pytest.raises(PermissionDenied):
            services.order_close(actor=center[other].user, order=order)
    with time_machine.travel(at(date(2026, 11, 20), 17), tick=False):
        services.order_close(actor=center["deputy"].user, order=order, note="方案已定")
    order.refresh_from_db()
    assert order.status == Status.CLOSED and order.closed_on_time is True and order.closed_by == center["deputy"].user
    with pytest.raises(ValidationError):
        services.order_close(actor=center["director"].user, order=order)
    with pytest.raises(ValidationError):
        services.order_report(actor=center["huangtao"].user, order=order, text="迟到的进展")
