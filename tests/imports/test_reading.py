"""Reading ledgers: encodings detected, blank rows skipped with the file's row numbers kept, headers mapped
by synonyms, 亿元 converted to 万元, and unreadable files refused with a reason."""

import pytest
from django.core.exceptions import ValidationError

from imports.columns import YI, Column, map_headers, parse_amount
from imports.reading import detect_encoding, read_ledger

COLUMNS = (
    Column("name", "项目名称", ("名称",)),
    Column("planned_investment", "总投资（万元）", ("投资额", "计划投资")),
    Column("team", "所属小组", ("小组",)),
)


def test_utf8_without_bom_gbk_and_bom_are_told_apart():
    assert detect_encoding("名称\n".encode()) == "utf-8"
    assert detect_encoding("名称\n".encode("utf-8-sig")) == "utf-8-sig"
    assert detect_encoding("名称\n".encode("gbk")) == "gb18030"


def test_blank_rows_are_skipped_and_row_numbers_are_the_files():
    sheet = read_ledger("a.csv", "名称,小组\n\n甲,一组\n,\n乙\n".encode("gbk"))
    assert sheet.headers == ["名称", "小组"]
    assert sheet.rows == [["甲", "一组"], ["乙", ""]] and sheet.numbers == [3, 5]


def test_headers_map_by_synonym_with_the_unit_of_the_header():
    found = map_headers(["名称", "投资额（亿元）", " 小组 "], COLUMNS)
    assert found == {"name": (0, 1), "planned_investment": (1, YI), "team": (2, 1)}
    assert map_headers(["项目名称", "总投资(万元)"], COLUMNS)["planned_investment"] == (1, 1)


def test_amounts_convert_and_refuse_what_is_not_a_number():
    assert str(parse_amount("1.5", YI)) == "15000.00"
    assert str(parse_amount("2,000", 1)) == "2000.00"
    assert parse_amount("", 1) is None
    for text in ("约两亿", "NaN", "1e400x"):
        with pytest.raises(ValueError):
            parse_amount(text, 1)


@pytest.mark.parametrize(
    ("name", "data"),
    [("a.xlsx", b"not a zip"), ("a.pdf", b"%PDF-1.4"), ("a.csv", b""), ("a.csv", b"\xff\xfe\x00\x81\x30")],
)
def test_unreadable_files_are_refused_with_a_reason(name, data):
    with pytest.raises(ValidationError):
        read_ledger(name, data)
