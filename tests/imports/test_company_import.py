"""Importing companies: the same ledger as GBK CSV, UTF-8-BOM CSV and xlsx gives the same result; the dry
run writes nothing; bad rows block the commit unless "valid rows only"; a re-import changes nothing."""

import io

import pytest
from openpyxl import Workbook

from crm.models import Company
from imports import engine
from imports.companies import CompanyRows
from imports.reading import read_ledger
from teams.models import Membership
from tests.factories import make_member, valid_credit_code

HEADERS = ["企业名称", "统一社会信用代码", "城市", "所属行业"]
GOOD = [
    ["扬州智能底盘有限公司", valid_credit_code(1), "扬州", "汽车零部件"],
    ["江苏粉末冶金科技有限公司", "", "常州", "新材料"],
]


def _wrong_check_character() -> str:
    code = valid_credit_code(2)
    return code[:-1] + ("1" if code[-1] != "1" else "2")


BAD = [
    ["坏代码有限公司", "91320000ABCDEFGHIJ", "南京", ""],
    ["", "", "苏州", "缺企业名称"],
    ["校验位错误有限公司", _wrong_check_character(), "无锡", ""],
]


def _csv(rows, encoding: str) -> bytes:
    lines = [",".join(HEADERS), *(",".join(row) for row in rows)]
    return ("\n".join(lines) + "\n").encode(encoding)


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _run(actor, name, data, *, commit=True, valid_only=False):
    sheet = read_ledger(name, data)
    apply_row = CompanyRows(actor=actor, headers=sheet.headers)
    return sheet, engine.run(
        zip(sheet.numbers, sheet.rows, strict=True), apply_row, commit=commit, valid_only=valid_only
    )


@pytest.fixture
def recruiter(db):
    return make_member(Membership.Role.RECRUITER).user


@pytest.mark.parametrize(
    ("name", "encoding", "detected"),
    [
        ("台账.csv", "gbk", "gb18030"),
        ("台账.csv", "utf-8-sig", "utf-8-sig"),
        ("台账.xlsx", None, "xlsx"),
    ],
)
def test_gbk_bom_and_xlsx_give_the_same_companies(recruiter, name, encoding, detected):
    data = _xlsx(GOOD) if encoding is None else _csv(GOOD, encoding)
    sheet, result = _run(recruiter, name, data)
    assert sheet.encoding == detected
    assert [row.action for row in result.rows] == ["create", "create"] and result.committed
    stored = Company.objects.get(credit_code=valid_credit_code(1))
    assert (stored.name, stored.city, stored.industry) == ("扬州智能底盘有限公司", "扬州", "汽车零部件")
    assert Company.objects.filter(name="江苏粉末冶金科技有限公司", city="常州").exists()


def test_dry_run_previews_and_writes_nothing(recruiter):
    _sheet, result = _run(recruiter, "a.csv", _csv(GOOD, "gbk"), commit=False)
    assert [row.action for row in result.rows] == ["create", "create"]
    assert not result.committed and Company.objects.count() == 0


def test_three_bad_rows_block_the_commit_unless_valid_rows_only(recruiter):
    data = _csv([GOOD[0], BAD[0], GOOD[1], BAD[1], BAD[2]], "utf-8-sig")
    _sheet, result = _run(recruiter, "a.csv", data)
    assert not result.committed and Company.objects.count() == 0
    assert [(row.number, row.action) for row in result.errors] == [(3, "error"), (5, "error"), (6, "error")]
    assert all(row.reason for row in result.errors)

    _sheet, result = _run(recruiter, "a.csv", data, valid_only=True)
    assert result.committed and Company.objects.count() == 2
    assert [row.number for row in result.errors] == [3, 5, 6]


def test_a_row_repeating_an_earlier_one_is_unchanged(recruiter):
    _sheet, result = _run(recruiter, "a.csv", _csv([GOOD[0], GOOD[0]], "gbk"))
    assert [row.action for row in result.rows] == ["create", "unchanged"] and Company.objects.count() == 1


def test_reimporting_the_same_file_changes_nothing(recruiter):
    data = _xlsx(GOOD)
    _run(recruiter, "a.xlsx", data)
    before = list(Company.objects.order_by("pk").values())
    _sheet, again = _run(recruiter, "a.xlsx", data)
    assert [row.action for row in again.rows] == ["unchanged", "unchanged"]
    assert list(Company.objects.order_by("pk").values()) == before


def test_a_changed_cell_updates_the_matched_company(recruiter):
    _run(recruiter, "a.xlsx", _xlsx(GOOD))
    changed = [["扬州智能底盘（中国）有限公司", valid_credit_code(1), "扬州", "智能底盘"]]
    _sheet, result = _run(recruiter, "b.xlsx", _xlsx(changed))
    assert [row.action for row in result.rows] == ["update"]
    assert Company.objects.get(credit_code=valid_credit_code(1)).industry == "智能底盘"
    assert Company.objects.count() == 2


def test_the_detected_encoding_is_named_in_the_ui_language(recruiter):
    from django.utils import translation

    sheet = read_ledger("a.csv", _csv(GOOD, "gbk"))
    with translation.override("en"):
        assert sheet.encoding_label == "GBK / GB18030"
    with translation.override("zh-hans"):
        assert read_ledger("a.csv", _csv(GOOD, "utf-8-sig")).encoding_label == "UTF-8（带 BOM）"
