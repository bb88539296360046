"""Importing contact logs: through the 记一笔 service, on projects the importer may see only; the channel by
its Chinese or English label or a synonym; the dialog's date bounds refuse the future and the implausibly
old; the follow-up date becomes a follow-up; a re-import is unchanged."""

from datetime import timedelta

import pytest
from django.utils import timezone

from activities.models import Channel, ContactLog, FollowUp
from imports import engine
from imports.contact_logs import ContactLogRows
from imports.kinds import KINDS
from imports.reading import read_ledger
from projects.models import Project
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

HEADERS = "项目名称,投资方,日期,方式,内容,下一步,下次跟进日期\n"
SOURCE = "imported from 洽谈记录.csv by 王帅"


def _run(actor, text: str, *, commit=True, valid_only=False):
    sheet = read_ledger("洽谈记录.csv", text.encode("gbk"))
    rows = ContactLogRows(actor=actor, headers=sheet.headers, source=SOURCE)
    return engine.run(zip(sheet.numbers, sheet.rows, strict=True), rows, commit=commit, valid_only=valid_only)


@pytest.fixture
def recruiter(db):
    member = make_member(Membership.Role.RECRUITER, display_name="王帅")
    make_project(member, name="智能底盘", company=make_company("扬州智能底盘有限公司", created_by=member.user))
    return member


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("written", "channel"),
    [("视频", Channel.VIDEO), ("电话", Channel.PHONE), ("微信", Channel.WECHAT), ("拜访", Channel.VISIT),
     ("接待", Channel.RECEPTION), ("来访接待", Channel.RECEPTION), ("Outbound visit", Channel.VISIT),
     ("video", Channel.VIDEO), ("实地考察", Channel.SITE_VISIT)],
)  # fmt: skip
def test_the_channel_is_read_from_labels_and_synonyms(recruiter, written, channel):
    result = _run(recruiter.user, HEADERS + f"智能底盘,,{_day(-3)} 14:30,{written},谈用地需求,,\n")
    assert result.committed, result.errors
    log = ContactLog.objects.get()
    assert log.channel == channel
    local = timezone.localtime(log.occurred_at)
    assert (local.date().isoformat(), local.hour, local.minute) == (_day(-3), 14, 30)


def test_a_log_with_a_follow_up_date_gets_its_follow_up_and_the_history_line(recruiter):
    text = HEADERS + f"智能底盘,扬州智能底盘有限公司,{_day(-1)},视频,第五次视频洽谈,发送用地方案,{_day(7)}\n"
    result = _run(recruiter.user, text)
    assert result.committed and [row.action for row in result.rows] == ["create"]
    log = ContactLog.objects.get()
    assert (log.author, log.next_step, log.project.name) == (recruiter.user, "发送用地方案", "智能底盘")
    follow_up = FollowUp.objects.get()
    assert (follow_up.title, follow_up.due_date.isoformat(), follow_up.source_log) == ("发送用地方案", _day(7), log)
    assert log.history.get().history_change_reason == SOURCE
    assert follow_up.history.get().history_change_reason == SOURCE
    assert Project.objects.get().last_contact_at == log.occurred_at


def test_reimporting_is_unchanged_and_writes_nothing(recruiter):
    text = HEADERS + f"智能底盘,,{_day(-2)} 09:00,电话,确认考察时间,,{_day(5)}\n"
    _run(recruiter.user, text)
    again = _run(recruiter.user, text + f"智能底盘,,{_day(-2)} 09:00,电话,确认考察时间,,\n")
    assert [row.action for row in again.rows] == ["unchanged", "unchanged"]
    assert ContactLog.objects.count() == 1
    assert "确认考察时间" in FollowUp.objects.get().title  # no next step: the content names it


def test_future_and_implausibly_old_dates_are_refused_by_the_service(recruiter):
    text = HEADERS + f"智能底盘,,{_day(3)},电话,还没打的电话,,\n智能底盘,,1999-12-31,电话,太久以前,,\n"
    text += f"智能底盘,,{_day(-1)},电话,跟进日期已过,,{_day(-1)}\n"
    result = _run(recruiter.user, text, valid_only=True)
    assert [row.action for row in result.rows] == ["error", "error", "error"]
    assert [row.reason.split(":")[0] for row in result.rows] == ["日期", "日期", "下次跟进日期"]
    assert not ContactLog.objects.exists()


def test_only_projects_the_importer_may_see_are_found(recruiter):
    stranger = make_member(Membership.Role.RECRUITER)
    result = _run(stranger.user, HEADERS + f"智能底盘,,{_day(-1)},微信,发了资料,,\n", valid_only=True)
    assert "智能底盘" in result.errors[0].reason and not ContactLog.objects.exists()


def test_two_projects_of_one_name_need_the_investor(recruiter):
    make_project(recruiter, name="智能底盘", company=make_company("常州底盘有限公司", created_by=recruiter.user))
    ambiguous = _run(recruiter.user, HEADERS + f"智能底盘,,{_day(-1)},电话,谁的项目,,\n", commit=False)
    assert "投资方" in ambiguous.errors[0].reason
    result = _run(recruiter.user, HEADERS + f"智能底盘,常州底盘有限公司,{_day(-1)},电话,常州的,,\n")
    assert result.committed and ContactLog.objects.get().company.name == "常州底盘有限公司"


def test_unreadable_channel_date_and_empty_content_are_named(recruiter):
    result = _run(recruiter.user, HEADERS + "智能底盘,,上周三,飞鸽传书,,,\n", commit=False)
    reason = result.errors[0].reason
    for part in ("上周三", "飞鸽传书", "内容"):
        assert part in reason


def test_the_template_example_fits_the_columns():
    kind = KINDS["contact_logs"]
    assert len(kind.example) == len(kind.columns)
