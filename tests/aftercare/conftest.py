from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aftercare import services
from aftercare.models import ServiceRequest
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

Role = Membership.Role
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def open_request(center: dict, *, day: date | None = None, kind: str = "labour", responsible=None, actor=None,
                 **fields) -> ServiceRequest:  # fmt: skip
    """A request for 恒盛智谷 opened by 黄涛 (its project's owner), on `day` if given."""
    arguments = {
        "actor": (actor or center["huangtao"]).user, "company": center["company"], "kind": kind,
        "title": fields.pop("title", "二期招工：急需操作工200名"),
        "responsible": (responsible or center["huangtao"]).user, **fields,
    }  # fmt: skip
    if day is None:
        return services.service_request_open(**arguments)
    with time_machine.travel(at(day), tick=False):
        return services.service_request_open(**arguments)


@pytest.fixture
def center(db):
    """招商三组 (leader 周建国, recruiters 黄涛 and 赵敏) owns 恒盛智谷's project, in production since 2025;
    招商二组 (leader 孙浩, recruiter 刘洋) owns a project still in negotiation; the director 马翔, the deputy
    谢树人, the administrator 陈静."""
    leader = make_member(Role.TEAM_LEADER, display_name="周建国")
    huangtao = make_member(Role.RECRUITER, team=leader.team, display_name="黄涛")
    zhaomin = make_member(Role.RECRUITER, team=leader.team, display_name="赵敏")
    other_leader = make_member(Role.TEAM_LEADER, display_name="孙浩")
    liuyang = make_member(Role.RECRUITER, team=other_leader.team, display_name="刘洋")
    company = make_company("扬州恒盛智谷产业社区运营有限公司", created_by=huangtao.user, city="扬州市")
    project = make_project(huangtao, stage=Stage.PRODUCTION, company=company, name="恒盛智谷产业社区项目",
                           signed_on=date(2025, 3, 1), contracted_amount=120000)  # fmt: skip
    pipeline = make_project(liuyang, stage=Stage.NEGOTIATION, name="汽车数字照明系统项目")
    return {
        "leader": leader, "huangtao": huangtao, "zhaomin": zhaomin, "other_leader": other_leader,
        "liuyang": liuyang, "company": company, "project": project, "pipeline": pipeline,
        "director": make_member(Role.DIRECTOR, display_name="马翔"),
        "deputy": make_member(Role.DEPUTY_DIRECTOR, display_name="谢树人"),
        "admin": make_member(Role.ADMIN, display_name="陈静"),
    }  # fmt: skip
