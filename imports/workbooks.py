"""The two workbooks the import pages hand out: a kind's template (Chinese headers, one example row, a
sheet explaining each column and the names also recognised) and a run's error report (the file's rows
that failed, every cell as uploaded plus the reason, so the same workbook can be corrected and uploaded
again). Cells go through core.spreadsheets so that no text becomes a formula."""

import tempfile

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.spreadsheets import safe_text, write_only_row
from imports.kinds import KINDS
from imports.models import ImportRun
from imports.reading import read_ledger

COLUMN_WIDTH = 18
REASON_HEADER = "错误原因"  # a column the importer ignores, so a corrected report can be uploaded as is


def _heading(sheet, labels) -> list:
    cells = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=safe_text(label))
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _temporary(workbook: Workbook):
    handle = tempfile.TemporaryFile()  # closed by the FileResponse
    workbook.save(handle)
    handle.seek(0)
    return handle


def template_workbook(kind: str):
    spec = KINDS[kind]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(ImportRun.Kind(kind).label)[:31])
    for index in range(1, len(spec.columns) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
    sheet.append(_heading(sheet, [column.label for column in spec.columns]))
    if spec.example:
        sheet.append(write_only_row(sheet, spec.example))
    notes = workbook.create_sheet(title=_("Columns")[:31])
    for letter, width in (("A", 24), ("B", 12), ("C", 60)):
        notes.column_dimensions[letter].width = width
    notes.append(_heading(notes, [_("Header"), _("Required"), _("Also recognised")]))
    for column in spec.columns:
        required = _("yes") if column.required else ""
        notes.append(write_only_row(notes, [column.label, required, "、".join(column.synonyms)]))
    notes.append([])
    notes.append(
        write_only_row(
            notes,
            [_("Amounts are in 万元; a header naming 亿元 (e.g. 投资额（亿元）) is converted. Dates: 2026-03-01, "
               "2026/3/1, 2026年3月1日. Columns with other headers are ignored.")],
        )
    )  # fmt: skip
    return _temporary(workbook)


def error_report(run: ImportRun):
    """The failed rows of the run's file, as uploaded, with the reason in the last column."""
    with run.file.open("rb") as stored:
        sheet_data = read_ledger(run.file_name, stored.read())
    reasons = dict(run.rows.filter(action="error").values_list("number", "reason"))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Errors")[:31])
    headers = [*sheet_data.headers, REASON_HEADER]
    for index in range(1, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
    sheet.append(_heading(sheet, headers))
    for number, cells in zip(sheet_data.numbers, sheet_data.rows, strict=True):
        if number in reasons:
            sheet.append(write_only_row(sheet, [*cells, reasons[number]]))
    return _temporary(workbook)
