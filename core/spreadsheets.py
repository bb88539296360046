"""Cells of the workbooks Juneng exports (openpyxl), written so that what people typed stays text.

openpyxl stores any string that starts with `=` as a live formula, and Excel (like LibreOffice and WPS)
evaluates what it is told is a formula — a group or chain named `=HYPERLINK(...)` or `=cmd|...` would
run when the file is opened. `safe_cell()` builds every cell: numbers stay numbers, everything else is
written as a text cell (`t="inlineStr"`, never `<f>`), and text starting with one of the characters a
spreadsheet reads as the start of a formula (= + - @, tab, CR, LF) also carries Excel's quote prefix,
the style Excel itself sets when someone types `'=…`: the text shows unchanged and stays text when the
cell is edited. Characters XML cannot carry (control characters) are dropped instead of failing the
export. Every export builds its rows with `safe_row()` (or `safe_cell()`); `sheet.append()` of raw
strings is the bug this module exists to prevent.
"""

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

# What Excel, LibreOffice and WPS take as the start of a formula (OWASP "CSV injection"), plus the
# whitespace that hides one.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(value: object) -> str:
    """The text of a value as an export writes it: without the characters a workbook cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def safe_cell(sheet: Worksheet, value: object) -> Cell | int | float | date | time | None:
    """What to `append()` for one value: numbers, dates and empty cells as they are (Decimal amounts as
    floats Excel can sum), anything else as a text cell that can never become a formula."""
    if value is None or isinstance(value, bool | int | float | date | time | datetime):
        return value
    if isinstance(value, Decimal):
        return float(value)
    text = safe_text(value)
    cell = Cell(sheet, value=None)
    cell._value = text  # bypass openpyxl's "a string starting with = is a formula" guess
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def safe_row(sheet: Worksheet, values: Iterable[object]) -> list:
    return [safe_cell(sheet, value) for value in values]


def write_only_cell(sheet, value: object):
    """safe_cell's value for a write-only worksheet: text as a fresh WriteOnlyCell (openpyxl's write-only
    rows reuse the last cell they were given), never parsed as a formula."""
    cell = safe_cell(sheet, value)
    if not hasattr(cell, "data_type"):
        return cell
    text_cell = WriteOnlyCell(sheet)
    text_cell._value = cell._value
    text_cell.data_type = "s"
    if getattr(cell, "quotePrefix", False):
        text_cell.quotePrefix = True
    return text_cell


def write_only_row(sheet, values: Iterable[object]) -> list:
    return [write_only_cell(sheet, value) for value in values]
