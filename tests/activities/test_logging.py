"""Logging a contact: one submit with its follow-up, the monthly ordinal, the 24-hour rule, soft delete,
and bad input refused whole."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from activities import selectors, services
from activities.models import Attachment, Channel, ContactLog, FollowUp

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _log(person, project, **extra):
    fields = {"channel": Channel.VIDEO, "summary": "与刘总视频洽谈厂房选址"} | extra
    return services.contact_log_create(actor=person.user, project=project, **fields)


def test_a_log_and_its_follow_up_are_created_in_one_submit(people):
    xulei, chassis = people["xulei"], people["chassis"]
    tomorrow = (datetime.now(SHANGHAI) + timedelta(days=1)).date()
    log = _log(
        xulei, chassis, contacts=[people["liu"]], duration_minutes=40, next_step="带刘总实地看厂房",
        follow_up_due_date=tomorrow,
    )  # fmt: skip
    follow_up = FollowUp.objects.get()
    assert (follow_up.title, follow_up.due_date, follow_up.owner) == ("带刘总实地看厂房", tomorrow, xulei.user)
    assert follow_up.source_log == log and follow_up.project == chassis and follow_up.team == xulei.team
    assert list(log.participants.all()) == [xulei.user]
    assert log.company == chassis.company and log.team == xulei.team
    assert list(log.contacts.all()) == [people["liu"]]


def test_the_monthly_ordinal_counts_this_projects_contacts_of_the_month_overall_and_by_channel(people):
    xulei, chassis = people["xulei"], people["chassis"]
    march = [datetime(2026, 3, 1, 0, 30, tzinfo=SHANGHAI)]  # Shanghai's first half-hour of March
    march += [datetime(2026, 3, day, 9, tzinfo=SHANGHAI) for day in (2, 5, 9, 12)]
    with time_machine.travel(datetime(2026, 3, 20, 10, tzinfo=SHANGHAI), tick=False):
        _log(xulei, chassis, occurred_at=datetime(2026, 2, 28, 23, 30, tzinfo=SHANGHAI))  # February, Shanghai time
        for when in march:
            _log(xulei, chassis, occurred_at=when)
        _log(xulei, chassis, channel=Channel.PHONE, occurred_at=datetime(2026, 3, 3, 9, tzinfo=SHANGHAI))
        _log(people["liuyang"], people["glass"], occurred_at=datetime(2026, 3, 4, 9, tzinfo=SHANGHAI))
        deleted = _log(xulei, chassis, occurred_at=datetime(2026, 3, 1, 8, tzinfo=SHANGHAI))
        services.contact_log_delete(actor=xulei.user, log=deleted)
    logs = selectors.contact_log_list_for_user(people["director"].user).filter(project=chassis)
    latest = logs.get(occurred_at=march[-1])
    assert (latest.month_ordinal, latest.channel_month_ordinal) == (6, 5)  # 第6次联系，第5次视频
    phone = logs.get(channel=Channel.PHONE)
    assert (phone.month_ordinal, phone.channel_month_ordinal) == (3, 1)
    first = logs.get(occurred_at=march[0])
    assert (first.month_ordinal, first.channel_month_ordinal) == (1, 1)
    february = logs.get(occurred_at=datetime(2026, 2, 28, 23, 30, tzinfo=SHANGHAI))
    assert (february.month_ordinal, february.channel_month_ordinal) == (1, 1)
    # A filtered list still counts over all the project's logs.
    assert selectors.contact_log_list_for_user(xulei.user).filter(channel=Channel.PHONE).get().month_ordinal == 3


def test_author_edits_for_24_hours_then_only_a_director(people):
    xulei, director = people["xulei"], people["director"]
    log = _log(xulei, people["chassis"])
    services.contact_log_update(actor=xulei.user, log=log, summary="补充：对方要求层高10米")
    with pytest.raises(PermissionDenied):
        services.contact_log_update(actor=people["lina"].user, log=log, summary="别人改")
    with time_machine.travel(log.created_at + timedelta(hours=24, minutes=1)):
        with pytest.raises(PermissionDenied):
            services.contact_log_update(actor=xulei.user, log=log, summary="太晚了")
        services.contact_log_update(actor=director.user, log=log, summary="主任更正")
    log.refresh_from_db()
    assert log.summary == "主任更正"
    history = list(log.history.order_by("history_date").values_list("summary", "history_user"))
    assert history == [
        ("与刘总视频洽谈厂房选址", xulei.user.pk),
        ("补充：对方要求层高10米", xulei.user.pk),
        ("主任更正", director.user.pk),
    ]


def test_soft_delete_hides_and_a_director_restores(people):
    xulei, director = people["xulei"], people["director"]
    log = _log(xulei, people["chassis"])
    services.contact_log_delete(actor=xulei.user, log=log)
    assert ContactLog.objects.filter(pk=log.pk, is_deleted=True).exists()
    assert not selectors.contact_log_list_for_user(xulei.user).filter(pk=log.pk).exists()
    with pytest.raises(PermissionDenied):
        services.contact_log_restore(actor=xulei.user, log=log)
    services.contact_log_restore(actor=director.user, log=log)
    assert selectors.contact_log_list_for_user(xulei.user).filter(pk=log.pk).exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"summary": "   "}, "summary"),
        ({"occurred_at": datetime.now(SHANGHAI) + timedelta(days=2)}, "occurred_at"),
        ({"follow_up_due_date": (datetime.now(SHANGHAI) - timedelta(days=1)).date(), "next_step": "回访"},
         "follow_up_due_date"),
        ({"follow_up_title": "回访"}, "follow_up_due_date"),
        ({"duration_minutes": 3000}, "duration_minutes"),
        ({"channel": "telepathy"}, "channel"),
        ({"attachments": [SimpleUploadedFile("会议纪要.exe", b"MZ\x90\x00")]}, "attachments"),
        ({"attachments": [SimpleUploadedFile("纪要.pdf", b"not a pdf at all")]}, "attachments"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_whole(people, extra, field):
    with pytest.raises(ValidationError) as error:
        _log(people["xulei"], people["chassis"], **extra)
    assert field in error.value.message_dict
    assert not ContactLog.objects.exists() and not FollowUp.objects.exists() and not Attachment.objects.exists()


def test_an_oversized_attachment_is_refused(people, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("现场照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 1024 * 1024)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _log(people["xulei"], people["chassis"], attachments=[big])
    assert error.value.message_dict["attachments"] == ["现场照片.png is larger than 1 MB."]
    assert not ContactLog.objects.exists()


def test_another_group_cannot_log_on_a_project_it_does_not_see(people):
    with pytest.raises(PermissionDenied):
        _log(people["liuyang"], people["chassis"])
    assert not ContactLog.objects.exists()


def test_follow_up_done_snooze_and_reschedule(people):
    xulei, leader, lina = people["xulei"], people["leader"], people["lina"]
    today = datetime.now(SHANGHAI).date()
    follow_up = services.follow_up_create(
        actor=xulei.user, title="寄送园区政策", due_date=today, project=people["chassis"]
    )
    services.follow_up_snooze(actor=xulei.user, follow_up=follow_up)
    follow_up.refresh_from_db()
    assert follow_up.due_date == today + timedelta(days=1) and follow_up.snooze_count == 1
    with pytest.raises(ValidationError):
        services.follow_up_reschedule(actor=xulei.user, follow_up=follow_up, due_date=today - timedelta(days=3))
    services.follow_up_reschedule(actor=xulei.user, follow_up=follow_up, due_date=today + timedelta(days=5))
    with pytest.raises(PermissionDenied):
        services.follow_up_complete(actor=lina.user, follow_up=follow_up)
    services.follow_up_complete(actor=leader.user, follow_up=follow_up)  # the leader covers
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE and follow_up.done_by == leader.user
    with pytest.raises(ValidationError) as error:
        services.follow_up_complete(actor=xulei.user, follow_up=follow_up)
    assert error.value.code == "closed"
    assert follow_up.history.count() == 4


def test_the_project_keeps_its_latest_contact(people):
    xulei, chassis, director = people["xulei"], people["chassis"], people["director"]
    earlier = datetime(2026, 3, 2, 9, tzinfo=SHANGHAI)
    later = datetime(2026, 3, 9, 9, tzinfo=SHANGHAI)
    with time_machine.travel(datetime(2026, 3, 10, 9, tzinfo=SHANGHAI), tick=False):
        _log(xulei, chassis, occurred_at=later)
        first = _log(xulei, chassis, occurred_at=earlier)  # an older contact logged afterwards
        chassis.refresh_from_db()
        assert chassis.last_contact_at == later
        newest = chassis.contact_logs.get(occurred_at=later)
        services.contact_log_delete(actor=xulei.user, log=newest)
        chassis.refresh_from_db()
        assert chassis.last_contact_at == earlier
        services.contact_log_restore(actor=director.user, log=newest)
        chassis.refresh_from_db()
        assert chassis.last_contact_at == later
        services.contact_log_delete(actor=xulei.user, log=first)
        services.contact_log_delete(actor=director.user, log=newest)
        chassis.refresh_from_db()
        assert chassis.last_contact_at is None
