import pytest

from teams.models import Membership
from tests.factories import make_member

Role = Membership.Role


@pytest.fixture
def team_people(db):
    """One group: a leader and two recruiters; plus a director, a deputy director and an admin."""
    leader = make_member(Role.TEAM_LEADER, display_name="周建国")
    recruiter = make_member(Role.RECRUITER, team=leader.team, display_name="徐磊")
    colleague = make_member(Role.RECRUITER, team=leader.team, display_name="李娜")
    return {
        "leader": leader,
        "recruiter": recruiter,
        "colleague": colleague,
        "director": make_member(Role.DIRECTOR, display_name="马翔"),
        "deputy": make_member(Role.DEPUTY_DIRECTOR, display_name="谢树人"),
        "admin": make_member(Role.ADMIN, display_name="陈静"),
    }


@pytest.fixture
def other_group(db):
    leader = make_member(Role.TEAM_LEADER, display_name="孙浩")
    return {"leader": leader, "recruiter": make_member(Role.RECRUITER, team=leader.team, display_name="刘洋")}
