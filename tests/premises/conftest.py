from decimal import Decimal

import pytest

from premises.models import Building
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

Role = Membership.Role


def make_building(name: str, *, area="4300", height="10", structure="steel", **fields) -> Building:
    admin = fields.pop("created_by", None) or make_member(Role.ADMIN).user
    return Building.objects.create(
        name=name, floor_area_m2=Decimal(area), ceiling_height_m=Decimal(height), structure=structure,
        created_by=admin, **fields,
    )  # fmt: skip


@pytest.fixture
def park(db):
    """The article's park: a 10 m steel building of 4,300 m² that fits the 10 m project, and several that
    fail on one attribute each; 招商四组 (王帅) owns the project, 招商二组 (刘洋) another."""
    admin = make_member(Role.ADMIN, display_name="陈静")
    wangshuai = make_member(Role.RECRUITER, display_name="王帅")
    liuyang = make_member(Role.RECRUITER, display_name="刘洋")
    project = make_project(wangshuai, stage=Stage.SITE_VISIT, name="UTG柔性玻璃项目", floor_area_m2=Decimal("4000"),
                           ceiling_height_m=Decimal("10"), structure="steel", power_kva=2000)  # fmt: skip
    other = make_project(liuyang, stage=Stage.NEGOTIATION, name="汽车数字照明系统项目")
    a = admin.user
    buildings = {
        "fits": make_building("园区三号厂房", created_by=a, power_kva=2500, water_transport_km=Decimal("3")),
        "bigger": make_building("园区九号厂房", area="6000", created_by=a, power_kva=4000),
        "low1": make_building("园区一号厂房", height="6.5", created_by=a),
        "low2": make_building("园区二号厂房", height="6.5", area="5000", created_by=a),
        "concrete": make_building("园区五号楼", height="8", structure="concrete", created_by=a),
        "small": make_building("园区七号厂房", area="3000", height="12", created_by=a),
        "weak": make_building("园区八号厂房", created_by=a, power_kva=800),
        "occupied": make_building("园区六号厂房", created_by=a, status=Building.Status.OCCUPIED),
    }
    return {"admin": admin, "wangshuai": wangshuai, "liuyang": liuyang, "project": project, "other": other,
            "buildings": buildings}  # fmt: skip
