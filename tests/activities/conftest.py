import pytest

from crm.models import Contact
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

Role = Membership.Role


@pytest.fixture
def people(db):
    """Group one (leader 周建国, recruiters 徐磊 and 李娜) with the smart-chassis project and its 刘总;
    group two (leader 孙浩, recruiter 刘洋) with a project of its own; the director 马翔."""
    leader = make_member(Role.TEAM_LEADER, display_name="周建国")
    xulei = make_member(Role.RECRUITER, team=leader.team, display_name="徐磊")
    lina = make_member(Role.RECRUITER, team=leader.team, display_name="李娜")
    other_leader = make_member(Role.TEAM_LEADER, display_name="孙浩")
    liuyang = make_member(Role.RECRUITER, team=other_leader.team, display_name="刘洋")
    company = make_company("浙江智驰汽车科技有限公司", created_by=xulei.user)
    chassis = make_project(xulei, stage=Stage.NEGOTIATION, company=company, name="汽车用智能底盘和感应门把手项目")
    liu = Contact.objects.create(company=company, name="刘振宇", title="总经理", phone="13905710001")
    glass = make_project(liuyang, name="UTG柔性玻璃项目")
    return {
        "leader": leader, "xulei": xulei, "lina": lina, "other_leader": other_leader, "liuyang": liuyang,
        "director": make_member(Role.DIRECTOR, display_name="马翔"), "chassis": chassis, "liu": liu, "glass": glass,
    }  # fmt: skip
