import pytest

from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

Role = Membership.Role


@pytest.fixture
def crew(db):
    leader = make_member(Role.TEAM_LEADER, display_name="周建国", user__email="zhou@example.cn")
    xulei = make_member(Role.RECRUITER, team=leader.team, display_name="徐磊", user__email="xulei@example.cn")
    director = make_member(Role.DIRECTOR, display_name="马翔", user__email="ma@example.cn")
    project = make_project(xulei, stage=Stage.NEGOTIATION, name="汽车用智能底盘和感应门把手项目")
    return {"leader": leader, "xulei": xulei, "director": director, "project": project}
