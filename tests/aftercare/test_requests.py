"""Service requests: the due date comes from the type's service level in working days (weekends skipped),
status moves 待办 → 处理中 → 已解决 only forward, resolving needs notes, bad input is refused with a reason
and nothing is saved, and every change is in the history with who and why."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from aftercare import services
from aftercare.models import ServiceLevel, ServiceRequest
from tests.aftercare.conftest import at, open_request
from tests.projects.builders import make_company, make_project

FRIDAY = date(2026, 11, 6)
Status = ServiceRequest.Status


def test_a_request_opened_on_friday_is_due_five_working_days_later_the_next_friday(center):
    request = open_request(center, day=FRIDAY)
    assert (request.opened_on, request.sla_days, request.due_on) == (FRIDAY, 5, date(2026, 11, 13))
    assert request.status == Status.OPEN


def test_each_type_takes_its_own_service_level(center):
    services.service_levels_update(actor=center["admin"].user, days={"approval": 2, "land": 10})
    thursday = FRIDAY - timedelta(days=1)
    approval = open_request(center, day=thursday, kind="approval")
    land = open_request(center, day=thursday, kind="land")
    labour = open_request(center, day=thursday, kind="labour")
    assert approval.due_on == date(2026, 11, 9)  # Thu + 2 working days: Monday, across the weekend
    assert land.due_on == date(2026, 11, 19)
    assert labour.due_on == date(2026, 11, 12)  # the default of 5
    assert (approval.sla_days, land.sla_days) == (2, 10)


def test_changing_a_service_level_leaves_open_requests_their_due_date(center):
    request = open_request(center, day=FRIDAY)
    services.service_levels_update(actor=center["admin"].user, days={"labour": 20})
    request.refresh_from_db()
    assert request.due_on == date(2026, 11, 13)


@pytest.mark.parametrize("days", [0, 61, -3, "5"])
def test_service_levels_out_of_bounds_are_refused(center, days):
    with pytest.raises(ValidationError):
        services.service_levels_update(actor=center["admin"].user, days={"labour": days})
    assert not ServiceLevel.objects.exists()


def test_only_administrators_set_service_levels(center):
    with pytest.raises(PermissionDenied):
        services.service_levels_update(actor=center["director"].user, days={"labour": 3})


def test_a_due_date_given_by_hand_must_be_from_today_to_a_year_ahead(center):
    with time_machine.travel(at(FRIDAY), tick=False):
        for bad in (FRIDAY - timedelta(days=1), FRIDAY + timedelta(days=367), date(1, 1, 1)):
            with pytest.raises(ValidationError) as error:
                open_request(center, due_on=bad)
            assert "due_on" in error.value.message_dict
        ok = open_request(center, due_on=FRIDAY + timedelta(days=30))
    assert ok.due_on == FRIDAY + timedelta(days=30)
    assert ServiceRequest.objects.count() == 1


def test_only_companies_that_landed_take_requests(center):
    pipeline_company = center["pipeline"].company
    with pytest.raises(ValidationError):
        services.service_request_open(actor=center["director"].user, company=pipeline_company, kind="land",
                                      title="用地", responsible=center["liuyang"].user)  # fmt: skip
    dropped = make_company("扬州已终止项目有限公司")
    make_project(center["huangtao"], stage="signed", company=dropped, status="dropped")
    with pytest.raises(ValidationError):
        services.service_request_open(actor=center["director"].user, company=dropped, kind="land", title="用地",
                                      responsible=center["huangtao"].user)  # fmt: skip


def test_bad_input_is_refused_and_nothing_saved(center):
    other_project = center["pipeline"]
    cases = [
        {"title": "   "},
        {"title": "x" * 201},
        {"kind": "teleport"},
        {"project": other_project},  # another company's project
        {"responsible": center["admin"]},  # administrators do not work with companies
    ]
    for case in cases:
        with pytest.raises(ValidationError):
            open_request(center, **case)
    center["zhaomin"].user.is_active = False
    center["zhaomin"].user.save()
    with pytest.raises(ValidationError):
        open_request(center, responsible=center["zhaomin"])
    assert ServiceRequest.objects.count() == 0


def test_status_moves_forward_only_and_resolving_needs_notes(center):
    request = open_request(center)
    for empty in ("", "   ", "\x00"):
        with pytest.raises(ValidationError) as error:
            services.service_request_resolve(actor=center["huangtao"].user, request=request, resolution=empty)
        assert "resolution" in error.value.message_dict
    request.refresh_from_db()
    assert request.status == Status.OPEN
    services.service_request_start(actor=center["huangtao"].user, request=request, note="已联系区人社局")
    with pytest.raises(ValidationError):
        services.service_request_start(actor=center["huangtao"].user, request=request)
    resolved = services.service_request_resolve(actor=center["leader"].user, request=request,
                                                resolution="专场招聘会招到212人")  # fmt: skip
    assert resolved.status == Status.RESOLVED and resolved.resolved_by == center["leader"].user
    assert resolved.resolved_on is not None and resolved.within_sla
    for change in (
        lambda: services.service_request_start(actor=center["director"].user, request=request),
        lambda: services.service_request_resolve(actor=center["director"].user, request=request, resolution="再次"),
        lambda: services.service_request_update(actor=center["director"].user, request=request, title="改",
                                                responsible=center["huangtao"].user),
    ):  # fmt: skip
        with pytest.raises(ValidationError):
            change()
    assert ServiceRequest.objects.get().resolution == "专场招聘会招到212人"


def test_a_request_resolved_after_its_due_date_is_not_within_the_service_level(center):
    request = open_request(center, day=FRIDAY)
    with time_machine.travel(at(date(2026, 11, 16)), tick=False):
        resolved = services.service_request_resolve(actor=center["huangtao"].user, request=request, resolution="已办")
    assert resolved.resolved_on == date(2026, 11, 16) and resolved.within_sla is False


def test_the_history_keeps_who_did_what_and_why(center):
    request = open_request(center)
    services.service_request_start(actor=center["huangtao"].user, request=request, note="已联系区人社局")
    services.service_request_update(actor=center["leader"].user, request=request, title=request.title,
                                    responsible=center["zhaomin"].user, note="黄涛出差，改由赵敏跟进")  # fmt: skip
    services.service_request_resolve(actor=center["zhaomin"].user, request=request, resolution="已解决")
    history = list(request.history.order_by("history_date", "history_id"))
    assert [(h.status, h.history_user.membership.display_name) for h in history] == [
        ("open", "黄涛"), ("in_progress", "黄涛"), ("in_progress", "周建国"), ("resolved", "赵敏"),
    ]  # fmt: skip
    assert history[1].history_change_reason == "已联系区人社局"
    assert (
        history[2].history_change_reason == "黄涛出差，改由赵敏跟进"
        and history[2].responsible_id == center["zhaomin"].user.pk
    )


def test_an_edited_due_date_is_checked_too(center):
    request = open_request(center, day=FRIDAY)
    with pytest.raises(ValidationError) as error:
        services.service_request_update(
            actor=center["huangtao"].user, request=request, title="改", responsible=center["huangtao"].user,
            due_on=FRIDAY - timedelta(days=1),
        )  # fmt: skip
    assert "due_on" in error.value.message_dict
    request.refresh_from_db()
    assert request.title != "改"


def test_the_database_refuses_a_resolved_request_without_notes(center):
    from django.db import IntegrityError, transaction

    request = open_request(center)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRequest.objects.filter(pk=request.pk).update(status="resolved", resolved_on=date(2026, 11, 6))


@pytest.mark.django_db(transaction=True)
def test_two_people_resolving_at_once_make_exactly_one_resolution(center):
    import threading

    from django.db import close_old_connections, connection

    from tests.conftest import require_service

    require_service(connection.vendor == "postgresql", "needs PostgreSQL (CI runs it)")
    request = open_request(center)
    barrier, outcomes = threading.Barrier(2), []

    def attempt(who: str) -> None:
        close_old_connections()
        try:
            barrier.wait()
            services.service_request_resolve(actor=center[who].user, request=request, resolution=f"{who}办结")
            outcomes.append("resolved")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(who,)) for who in ("huangtao", "leader")]
    [thread.start() for thread in threads]
    [thread.join() for thread in threads]
    assert sorted(outcomes).count("resolved") == 1 and len(outcomes) == 2
    resolved = ServiceRequest.objects.get()
    assert resolved.status == Status.RESOLVED and resolved.resolution in ("huangtao办结", "leader办结")
    assert resolved.history.filter(status=Status.RESOLVED).count() == 1
