"""A small center for the calendar's tests: groups A and B, each with a leader and recruiters, the center's
leadership and an administrator, and follow-ups of each kind (all day, timed, cancelled recently and long ago,
another group's, a colleague's)."""

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from activities import services as activity_services
from activities.models import FollowUp
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

Role = Membership.Role


@dataclass
class Center:
    people: dict[str, Membership]
    follow_ups: dict[str, FollowUp]
    today: date


def _follow_up(member: Membership, project, title: str, due: date, at: time | None = None) -> FollowUp:
    return activity_services.follow_up_create(
        actor=member.user, project=project, title=title, due_date=due, due_time=at
    )


@pytest.fixture
def center(db) -> Center:
    today = timezone.localdate()
    leader_a = make_member(Role.TEAM_LEADER, display_name="周建国", user__username="zhoujianguo")
    leader_b = make_member(Role.TEAM_LEADER, display_name="孙浩", user__username="sunhao")
    people = {
        "recruiter_a": make_member(Role.RECRUITER, team=leader_a.team, display_name="徐磊", user__username="xulei"),
        "colleague_a": make_member(Role.RECRUITER, team=leader_a.team, display_name="王芳", user__username="wangfang"),
        "recruiter_b": make_member(Role.RECRUITER, team=leader_b.team, display_name="刘洋", user__username="liuyang"),
        "leader_a": leader_a,
        "leader_b": leader_b,
        "deputy": make_member(Role.DEPUTY_DIRECTOR, display_name="谢树人", user__username="xieshuren"),
        "director": make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang"),
        "admin": make_member(Role.ADMIN, display_name="陈静", user__username="chenjing"),
    }
    project_a = make_project(people["recruiter_a"], stage=Stage.NEGOTIATION, name="智能底盘项目")
    project_b = make_project(people["recruiter_b"], stage=Stage.NEGOTIATION, name="UTG柔性玻璃项目")
    a, b = people["recruiter_a"], people["recruiter_b"]
    follow_ups = {
        "all_day": _follow_up(a, project_a, "回访刘总", today + timedelta(days=3)),
        "timed": _follow_up(a, project_a, "视频洽谈", today + timedelta(days=5), time(14, 30)),
        "colleague": _follow_up(people["colleague_a"], project_a, "寄送资料", today + timedelta(days=4)),
        "other_group": _follow_up(b, project_b, "约见王董", today + timedelta(days=3)),
        "cancelled": _follow_up(a, project_a, "实地考察（取消）", today + timedelta(days=6)),
        "cancelled_long_ago": _follow_up(a, project_a, "旧的安排", today + timedelta(days=7)),
    }
    for key in ("cancelled", "cancelled_long_ago"):
        activity_services.follow_up_cancel(actor=a.user, follow_up=follow_ups[key])
    old = follow_ups["cancelled_long_ago"]
    old.history.filter(status=FollowUp.Status.CANCELLED).update(history_date=timezone.now() - timedelta(days=90))
    return Center(people=people, follow_ups=follow_ups, today=today)
