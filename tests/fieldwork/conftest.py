from datetime import date, timedelta

import pytest
from django.utils import timezone

from crm.models import Contact
from fieldwork import services
from fieldwork.models import Trip
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

Role = Membership.Role


@pytest.fixture
def center(db):
    """招商四组 (leader 钱峰, recruiters 王帅, 谈旭, 冯雪) with the UTG glass and powder-metallurgy projects;
    招商二组 (leader 孙浩, recruiter 刘洋); the director 马翔, the deputy 谢树人 and the administrator 陈静."""
    leader = make_member(Role.TEAM_LEADER, display_name="钱峰")
    wangshuai = make_member(Role.RECRUITER, team=leader.team, display_name="王帅")
    tanxu = make_member(Role.RECRUITER, team=leader.team, display_name="谈旭")
    fengxue = make_member(Role.RECRUITER, team=leader.team, display_name="冯雪")
    other_leader = make_member(Role.TEAM_LEADER, display_name="孙浩")
    liuyang = make_member(Role.RECRUITER, team=other_leader.team, display_name="刘洋")
    glass_company = make_company("浙江晶柔超薄玻璃科技有限公司", created_by=wangshuai.user, city="丽水市")
    glass = make_project(wangshuai, stage=Stage.NEGOTIATION, company=glass_company, name="UTG柔性玻璃项目")
    Contact.objects.create(company=glass_company, name="周明", title="董事长", phone="13905780001")
    powder = make_project(tanxu, stage=Stage.SITE_VISIT, name="粉末冶金汽车零部件项目")
    other = make_project(liuyang, name="汽车数字照明系统项目")
    return {
        "leader": leader, "wangshuai": wangshuai, "tanxu": tanxu, "fengxue": fengxue,
        "other_leader": other_leader, "liuyang": liuyang, "glass": glass, "powder": powder, "other": other,
        "director": make_member(Role.DIRECTOR, display_name="马翔"),
        "deputy": make_member(Role.DEPUTY_DIRECTOR, display_name="谢树人"),
        "admin": make_member(Role.ADMIN, display_name="陈静"),
    }  # fmt: skip


def today() -> date:
    return timezone.localdate()


def plan_trip(lead: Membership, *, start: date | None = None, days: int = 3, members=(), **fields) -> Trip:
    start = start or today()
    values = {"destinations": "丽水, 衢州", "purpose": "拜访UTG柔性玻璃和氢能缆车项目方"} | fields
    return services.trip_create(
        actor=lead.user, start_date=start, end_date=start + timedelta(days=days - 1),
        members=[m.user for m in members], **values,
    )  # fmt: skip


def approved_trip(lead: Membership, director: Membership, **kwargs) -> Trip:
    trip = plan_trip(lead, **kwargs)
    services.trip_submit(actor=lead.user, trip=trip)
    return services.trip_approve(actor=director.user, trip=trip)
