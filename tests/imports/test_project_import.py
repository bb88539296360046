"""Importing projects: through the project service, 报备 refuses another group's investor; group and owner
by name; 亿元 converted; unreadable numbers and dates named; a re-import changes nothing."""

from decimal import Decimal

import pytest

from crm.services import registration_create
from imports import engine
from imports.projects import ProjectRows
from imports.reading import read_ledger
from projects.models import Project
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_company

HEADERS = "项目名称,投资方,小组,负责人,投资额（亿元）,预计签约日期\n"


def _run(actor, text: str, *, commit=True, valid_only=False):
    sheet = read_ledger("台账.csv", text.encode("gbk"))
    rows = ProjectRows(actor=actor, headers=sheet.headers, source="imported from 台账.csv")
    return engine.run(zip(sheet.numbers, sheet.rows, strict=True), rows, commit=commit, valid_only=valid_only)


@pytest.fixture
def two_groups(db):
    recruiter = make_member(Membership.Role.RECRUITER, display_name="王帅")
    other = make_member(Membership.Role.RECRUITER, display_name="钱峰")
    return recruiter, other


def test_a_project_row_creates_the_investor_and_the_project(two_groups):
    recruiter, _other = two_groups
    text = HEADERS + f"粉末冶金零件,江苏粉末冶金有限公司,{recruiter.team.name},王帅,1.5,2027年3月1日\n"
    result = _run(recruiter.user, text)
    assert result.committed and [row.action for row in result.rows] == ["create"]
    project = Project.objects.get(name="粉末冶金零件")
    assert project.planned_investment == Decimal("15000.00") and project.owner == recruiter.user
    assert str(project.expected_signing_date) == "2027-03-01"
    assert project.events.get().comment == "imported from 台账.csv"
    assert [row.action for row in _run(recruiter.user, text).rows] == ["unchanged"]
    assert Project.objects.count() == 1


def test_another_groups_investor_is_refused_and_nothing_is_left(two_groups):
    recruiter, other = two_groups
    company = make_company("扬州智能底盘有限公司")
    registration_create(actor=other.user, company=company)
    text = HEADERS + "智能底盘二期,扬州智能底盘有限公司,,,2,\n"
    result = _run(recruiter.user, text, valid_only=True)
    assert result.errors and other.team.name in result.errors[0].reason
    assert not Project.objects.exists()


def test_unknown_group_person_number_and_date_are_named(two_groups):
    recruiter, _other = two_groups
    text = HEADERS + "甲项目,甲公司,不存在的小组,无名氏,约两亿,明年\n"
    result = _run(recruiter.user, text, commit=False)
    reason = result.errors[0].reason
    for part in ("不存在的小组", "无名氏", "约两亿", "明年"):
        assert part in reason


def test_a_recruiter_cannot_import_into_another_group(two_groups):
    recruiter, other = two_groups
    text = HEADERS + f"乙项目,乙公司,{other.team.name},,1,\n"
    result = _run(recruiter.user, text, valid_only=True)
    assert result.errors and not Project.objects.exists()
