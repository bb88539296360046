"""A hand-made chain: one link of each kind, projects of two groups placed directly in their stages."""

import pytest

from chainmap.models import TargetCompany
from crm.identity import normalize_company_name
from projects.models import ChainLink, IndustryChain, Project
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

Role = Membership.Role


def make_target(link: ChainLink, name: str, *, created_by, **fields) -> TargetCompany:
    return TargetCompany.objects.create(link=link, name=name, normalized_name=normalize_company_name(name),
                                        created_by=created_by, **fields)  # fmt: skip


@pytest.fixture
def chain_world(db):
    """测试装备 chain:
    - 精密部件 (upstream): two landed companies (one of them with two signed projects) → strong
    - 整机 (midstream): one landed company → thin
    - 传感器 (midstream): no landed company, two active projects (线索, 洽谈) and a paused one → thin
    - 集成服务 (downstream): only a dropped signed project and a paused lead → gap
    - 旧环节 (midstream, inactive): not on the map."""
    leader_a = make_member(Role.TEAM_LEADER, display_name="周建国")
    people = {
        "recruiter_a": make_member(Role.RECRUITER, team=leader_a.team, display_name="徐磊"),
        "leader_a": leader_a,
        "recruiter_b": make_member(Role.RECRUITER, display_name="刘洋"),
        "director": make_member(Role.DIRECTOR, display_name="马翔"),
        "deputy": make_member(Role.DEPUTY_DIRECTOR, display_name="谢树人"),
        "admin": make_member(Role.ADMIN, display_name="陈静"),
    }
    chain = IndustryChain.objects.create(name="测试装备", position=9)
    links = {
        key: ChainLink.objects.create(chain=chain, name=name, segment=segment, is_active=key != "old")
        for key, name, segment in [
            ("strong", "精密部件", "upstream"), ("thin_one", "整机", "midstream"),
            ("thin_pipeline", "传感器", "midstream"), ("gap", "集成服务", "downstream"), ("old", "旧环节", "midstream"),
        ]
    }  # fmt: skip
    a, b = people["recruiter_a"], people["recruiter_b"]

    def project(owner, link, stage, company=None, status=Project.Status.ACTIVE):
        return make_project(owner, stage=stage, company=company, chain=chain, chain_link=links[link], status=status,
                            status_reason="" if status == Project.Status.ACTIVE else "资金未落实")  # fmt: skip

    twice = make_company("宁波双签精密有限公司", created_by=a.user)
    project(a, "strong", Stage.SIGNED, company=twice)
    project(b, "strong", Stage.PRODUCTION, company=twice)
    project(b, "strong", Stage.CONSTRUCTION)
    project(a, "strong", Stage.NEGOTIATION)
    project(a, "thin_one", Stage.SIGNED, status=Project.Status.PAUSED)  # paused, still landed
    project(b, "thin_one", Stage.SITE_VISIT)
    project(a, "thin_pipeline", Stage.LEAD)
    project(b, "thin_pipeline", Stage.NEGOTIATION)
    project(a, "thin_pipeline", Stage.CONTACT, status=Project.Status.PAUSED)
    project(a, "gap", Stage.SIGNED, status=Project.Status.DROPPED)
    project(b, "gap", Stage.LEAD, status=Project.Status.PAUSED)
    project(a, "old", Stage.SIGNED)
    director = people["director"].user
    targets = [
        make_target(
            links["gap"], "浙江中控技术股份有限公司", created_by=director, is_chain_leader=True, location="杭州市"
        ),
        make_target(links["gap"], "上海宝信软件股份有限公司", created_by=director),
        make_target(links["thin_pipeline"], "汇川技术股份有限公司", created_by=director),
    ]
    return {"people": people, "chain": chain, "links": links, "targets": targets}
