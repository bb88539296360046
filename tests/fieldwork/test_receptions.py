"""Receptions: recording one as held writes its contact log in the same submit; a host busy elsewhere is
a warning to confirm; a reception in the past can only be recorded as held."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from activities.models import ContactLog
from fieldwork import reception_services as services
from fieldwork.models import Reception
from tests.fieldwork.conftest import approved_trip, today

pytestmark = pytest.mark.django_db


def at(days: int, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(today() + timedelta(days=days), time(hour, minute)))


def plan(center, *, starts_at=None, hosts=("tanxu",), **fields) -> Reception:
    values = {"visitors": "陈总, 总经理\n李工, 技术总监", "headcount": 2, "project": center["powder"],
              "itinerary": "09:30 会谈 管委会三楼\n10:30 看厂房 园区三号厂房"} | fields  # fmt: skip
    return services.reception_create(
        actor=center["tanxu"].user, starts_at=starts_at or at(2, 9, 30), hosts=[center[h].user for h in hosts],
        **values,
    )  # fmt: skip


def test_a_reception_is_planned_for_the_projects_group_with_its_itinerary(center):
    reception = plan(center)
    assert reception.status == Reception.Status.PLANNED and reception.team == center["powder"].owner_team
    assert reception.company == center["powder"].company
    assert reception.itinerary_items == [("09:30", "会谈 管委会三楼"), ("10:30", "看厂房 园区三号厂房")]
    assert reception.visitor_lines == ["陈总, 总经理", "李工, 技术总监"]


def test_recording_it_as_held_writes_the_reception_log_in_the_same_submit(client, center):
    reception = plan(center, starts_at=timezone.now() + timedelta(minutes=5), hosts=("tanxu", "leader"))
    Reception.objects.filter(pk=reception.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    client.force_login(center["tanxu"].user)
    response = client.post(
        reverse("fieldwork:reception_complete", args=[reception.pk]),
        {"summary": "陪同看10米层高钢结构厂房", "outcome": "对厂房满意", "next_step": "发送租赁方案",
         "follow_up_due_date": (today() + timedelta(days=3)).isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    reception.refresh_from_db()
    log = reception.contact_log
    assert reception.status == Reception.Status.DONE
    assert log.channel == "reception" and log.project == center["powder"] and log.occurred_at == reception.starts_at
    assert set(log.participants.all()) == {center["tanxu"].user, center["leader"].user}
    assert log.follow_ups.get().title == "发送租赁方案"


def test_a_failing_log_leaves_the_reception_planned(center):
    reception = plan(center, starts_at=timezone.now() + timedelta(minutes=5))
    Reception.objects.filter(pk=reception.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.reception_complete(actor=center["tanxu"].user, reception=reception, summary="")
    reception.refresh_from_db()
    assert reception.status == Reception.Status.PLANNED and not ContactLog.objects.exists()


def test_a_reception_is_not_recorded_as_held_before_it_begins(center):
    reception = plan(center)
    with pytest.raises(ValidationError):
        services.reception_complete(actor=center["tanxu"].user, reception=reception, summary="会谈")
    assert not ContactLog.objects.exists()


def test_a_reception_in_the_past_can_only_be_recorded_as_held(center):
    with pytest.raises(ValidationError) as error:
        plan(center, starts_at=at(-1, 10))
    assert "held_summary" in error.value.error_dict and not Reception.objects.exists()
    reception = plan(center, starts_at=at(-1, 10), held_summary="昨天接待陈总一行", held_outcome="基本认可厂房")
    assert reception.status == Reception.Status.DONE
    assert reception.contact_log.summary == "昨天接待陈总一行" and reception.contact_log.channel == "reception"
    planned = plan(center, starts_at=at(3, 10))
    with pytest.raises(ValidationError) as error:  # moving a planned one into the past
        services.reception_update(actor=center["tanxu"].user, reception=planned, starts_at=at(-1, 10),
                                  visitors="陈总", hosts=[center["tanxu"].user])  # fmt: skip
    assert "starts_at" in error.value.error_dict


def test_a_host_on_a_trip_then_is_warned_and_may_confirm(center):
    approved_trip(center["wangshuai"], center["director"], start=today() + timedelta(days=2), days=2,
                  destinations="丽水")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        plan(center, hosts=("tanxu", "wangshuai"))
    [problem] = error.value.error_dict["hosts"]
    assert problem.code == "double_booked" and "王帅" in problem.message and "丽水" in problem.message
    assert not Reception.objects.exists()
    reception = plan(center, hosts=("tanxu", "wangshuai"), confirm_double_booking=True)
    assert set(reception.hosts.all()) == {center["tanxu"].user, center["wangshuai"].user}


def test_a_host_at_another_reception_then_is_warned(center):
    plan(center, starts_at=at(2, 9, 30), hosts=("tanxu",))
    with pytest.raises(ValidationError) as error:
        plan(center, starts_at=at(2, 10, 30), hosts=("tanxu",), project=center["glass"])
    assert "谈旭" in error.value.error_dict["hosts"][0].message
    assert plan(center, starts_at=at(2, 14), hosts=("tanxu",), project=center["glass"])  # after the first one


def test_the_form_shows_the_confirmation_after_the_warning(client, center):
    plan(center, starts_at=at(2, 9, 30))
    client.force_login(center["tanxu"].user)
    data = {"project": center["glass"].pk, "visitors": "周董", "headcount": 1,
            "starts_at": at(2, 10).strftime("%Y-%m-%dT%H:%M"), "hosts": [center["tanxu"].user.pk]}  # fmt: skip
    response = client.post(reverse("fieldwork:reception_create"), data)
    assert response.status_code == 400
    assert 'type="checkbox" name="confirm_double_booking"' in response.content.decode()
    response = client.post(reverse("fieldwork:reception_create"), data | {"confirm_double_booking": "on"})
    assert response.status_code == 302 and Reception.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_at": "1999-12-31T10:00"}, "starts_at"),
        ({"ends_at": "__before__"}, "ends_at"),
        ({"visitors": ""}, "visitors"),
        ({"headcount": "0"}, "headcount"),
    ],
)
def test_bad_input_gives_form_errors_and_saves_nothing(client, center, change, field):
    client.force_login(center["tanxu"].user)
    data = {"project": center["powder"].pk, "visitors": "陈总", "headcount": 1,
            "starts_at": at(2, 10).strftime("%Y-%m-%dT%H:%M"), "hosts": [center["tanxu"].user.pk]}  # fmt: skip
    if change.get("ends_at") == "__before__":
        change = {"ends_at": at(2, 9).strftime("%Y-%m-%dT%H:%M")}
    response = client.post(reverse("fieldwork:reception_create"), data | change)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Reception.objects.exists()


def test_only_hosts_their_group_and_directors_change_a_reception(center):
    reception = plan(center)
    with pytest.raises(PermissionDenied):
        services.reception_confirm(actor=center["liuyang"].user, reception=reception)
    with pytest.raises(PermissionDenied):
        services.reception_confirm(actor=center["admin"].user, reception=reception)
    assert services.reception_confirm(actor=center["leader"].user, reception=reception).status == "confirmed"
    cancelled = services.reception_cancel(actor=center["director"].user, reception=reception, reason="客商改期")
    assert cancelled.status == Reception.Status.CANCELLED and cancelled.cancelled_at


def test_the_reception_page_shows_who_changed_what(client, center):
    reception = plan(center, itinerary="10:00 会谈")
    tanxu = center["tanxu"].user
    services.reception_confirm(actor=tanxu, reception=reception)
    services.reception_update(actor=center["leader"].user, reception=reception, starts_at=reception.starts_at,
                              visitors=reception.visitors, hosts=[tanxu], headcount=4,
                              itinerary="10:00 会谈\n11:00 看厂房 园区三号厂房")  # fmt: skip
    client.force_login(tanxu)
    page = client.get(reception.get_absolute_url())
    entries = page.context["history"]
    assert [(e.who, e.created, e.status, sorted(e.changed)) for e in entries] == [
        ("钱峰", False, None, ["人数", "行程安排"]),
        ("谈旭", False, ("计划", "已确认"), []),
        ("谈旭", True, None, []),
    ]
    assert "计划 → 已确认" in page.content.decode()
