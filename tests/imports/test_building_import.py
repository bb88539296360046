"""Importing the premises inventory: only its keepers; the form's fields and bounds (units in the cells are
fine); choices by Chinese or English label; matched by name; a reserved building keeps its status."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from imports import engine
from imports.buildings import BuildingRows
from imports.kinds import KINDS
from imports.permissions import can_import, check_can_import
from imports.reading import read_ledger
from premises.models import Building, Reservation
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

HEADERS = "名称,地址,产权方,建筑面积（平方米）,层数,净高(m),结构,行车（t）,租金,可用日期,状态\n"
SOURCE = "imported from 载体台账.csv by 赵敏"


def _run(actor, text: str, *, commit=True, valid_only=False):
    sheet = read_ledger("载体台账.csv", text.encode("gbk"))
    rows = BuildingRows(actor=actor, headers=sheet.headers, source=SOURCE)
    return engine.run(zip(sheet.numbers, sheet.rows, strict=True), rows, commit=commit, valid_only=valid_only)


@pytest.fixture
def keeper(db):
    member = make_member(Membership.Role.RECRUITER, display_name="赵敏")
    member.user.user_permissions.add(
        Permission.objects.get(content_type__app_label="premises", codename="change_building")
    )
    return member.user


ROW = '创新园3号厂房,科技路18号,园区平台公司,"4,300㎡",1,10米,钢结构,20,18元/㎡·月,2027-01-01,空置\n'


def test_a_row_creates_the_building_with_units_read_and_the_history_line(keeper):
    result = _run(keeper, HEADERS + ROW)
    assert result.committed and [row.action for row in result.rows] == ["create"]
    building = Building.objects.get()
    assert (building.floor_area_m2, building.ceiling_height_m, building.crane_t) == (
        Decimal("4300"), Decimal("10"), Decimal("20"),
    )  # fmt: skip
    assert (building.owner, building.structure, building.status) == ("platform", "steel", "vacant")
    assert (building.price_note, str(building.available_from)) == ("18元/㎡·月", "2027-01-01")
    assert building.history.get().history_change_reason == SOURCE


def test_reimport_is_unchanged_and_a_changed_cell_updates(keeper):
    _run(keeper, HEADERS + ROW)
    assert [row.action for row in _run(keeper, HEADERS + ROW).rows] == ["unchanged"]
    changed = HEADERS + "创新园3号厂房,,,4300,,10,Steel structure,,20元/㎡·月,,已出租\n"
    result = _run(keeper, changed)
    assert [row.action for row in result.rows] == ["update"]
    building = Building.objects.get()
    assert (building.price_note, building.status, building.address) == ("20元/㎡·月", "occupied", "科技路18号")
    assert building.history.order_by("-history_date").first().history_change_reason == SOURCE


def test_bounds_choices_and_missing_cells_are_named_by_column(keeper):
    text = HEADERS + "甲厂房,,,4300,1,80,钢结构,,,,\n"  # 80 m clear height is above the form's bound
    text += "乙厂房,,,4300,1,8,木结构,,,,\n"
    text += "丙厂房,,,,1,8,钢结构,,,,\n"
    text += "丁厂房,,,很大,1.5,8,钢结构,,,,\n"
    result = _run(keeper, text, commit=False)
    reasons = [row.reason for row in result.errors]
    assert len(reasons) == 4
    assert reasons[0].startswith("净高（m）:")
    assert "木结构" in reasons[1] and "结构" in reasons[1]
    assert reasons[2].startswith("面积（㎡）:")
    assert "很大" in reasons[3] and "1.5" in reasons[3]
    assert not Building.objects.exists()


def test_a_reserved_building_keeps_its_status(keeper):
    _run(keeper, HEADERS + ROW)
    building = Building.objects.get()
    owner = make_member(Membership.Role.RECRUITER)
    Reservation.objects.create(
        building=building, project=make_project(owner), expires_on=timezone.localdate(), reserved_by=owner.user
    )
    Building.objects.filter(pk=building.pk).update(status=Building.Status.RESERVED)
    result = _run(keeper, HEADERS + ROW, valid_only=True)
    assert result.errors and result.errors[0].reason.startswith("状态:")
    assert Building.objects.get().status == "reserved"


def test_only_the_inventorys_keepers_may_import_buildings(keeper):
    recruiter = make_member(Membership.Role.RECRUITER).user
    admin = make_member(Membership.Role.ADMIN).user
    assert can_import(keeper, "buildings") and can_import(admin, "buildings")
    assert not can_import(recruiter, "buildings")
    with pytest.raises(PermissionDenied):
        check_can_import(recruiter, "buildings")
    # the service refuses too, whatever calls it
    result = _run(recruiter, HEADERS + ROW, valid_only=True)
    assert result.errors and not Building.objects.exists()


def test_the_template_example_fits_the_columns():
    kind = KINDS["buildings"]
    assert len(kind.example) == len(kind.columns)
