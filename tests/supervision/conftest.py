from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from projects.stages import Stage
from supervision import services
from supervision.models import SupervisionOrder
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

Role = Membership.Role
SHANGHAI = ZoneInfo("Asia/Shanghai")
ISSUED = date(2026, 11, 2)  # a Monday


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def issue(center: dict, *, day: date = ISSUED, due_on: date = date(2026, 11, 20), responsible=None, actor=None,
          **fields) -> SupervisionOrder:  # fmt: skip
    """An order on 智能底盘项目 (黄涛's) issued by the director 马翔 on `day`."""
    with time_machine.travel(at(day), tick=False):
        return services.order_issue(
            actor=(actor or center["director"]).user, project=center["project"], due_on=due_on,
            responsible=(responsible or center["huangtao"]).user,
            required=fields.pop("required", "本月底前完成供地方案"), **fields,
        )  # fmt: skip


@pytest.fixture
def center(db):
    """招商一组 (leader 周建国, recruiters 黄涛 and 赵敏) owns 智能底盘项目 (黄涛's); 招商二组 (leader 孙浩,
    recruiter 刘洋); the director 马翔, the deputy 谢树人, the administrator 陈静."""
    leader = make_member(Role.TEAM_LEADER, display_name="周建国")
    huangtao = make_member(Role.RECRUITER, team=leader.team, display_name="黄涛")
    zhaomin = make_member(Role.RECRUITER, team=leader.team, display_name="赵敏")
    other_leader = make_member(Role.TEAM_LEADER, display_name="孙浩")
    liuyang = make_member(Role.RECRUITER, team=other_leader.team, display_name="刘洋")
    company = make_company("浙江智驰汽车科技有限公司", created_by=huangtao.user)
    project = make_project(huangtao, stage=Stage.NEGOTIATION, company=company, name="智能底盘项目")
    return {
        "leader": leader, "huangtao": huangtao, "zhaomin": zhaomin, "other_leader": other_leader,
        "liuyang": liuyang, "project": project,
        "director": make_member(Role.DIRECTOR, display_name="马翔"),
        "deputy": make_member(Role.DEPUTY_DIRECTOR, display_name="谢树人"),
        "admin": make_member(Role.ADMIN, display_name="陈静"),
    }  # fmt: skip
