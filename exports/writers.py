"""The two file formats, each written row by row so that memory stays bounded however long the list:
CSV streamed to the client (UTF-8 with a BOM, so that Excel and WPS read the Chinese), xlsx through
openpyxl's write-only mode into a temporary file.

Text never becomes a formula: xlsx cells go through core.spreadsheets.safe_cell (text cells, with Excel's
quote prefix when they start with = + - @, tab, CR or LF); a CSV has no cell types, so such text is written
with a leading apostrophe, the OWASP advice for CSV injection, which Excel shows as the text typed."""

import csv
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.spreadsheets import FORMULA_TRIGGERS, safe_text, write_only_row

BOM = "\ufeff"
COLUMN_WIDTH = 18


def csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date | time | int | float | Decimal):
        return value.isoformat() if isinstance(value, date | time) else str(value)
    text = safe_text(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


class _Line:
    """A file-like object that hands back what csv.writer writes (one line at a time)."""

    def write(self, value: str) -> str:
        return value


def csv_stream(header: Iterable[object], rows: Iterable[list]) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    yield (BOM + writer.writerow([csv_value(str(cell)) for cell in header])).encode()
    for row in rows:
        yield writer.writerow([csv_value(cell) for cell in row]).encode()


def xlsx_file(title: str, header: Iterable[object], rows: Iterable[list]):
    """The workbook in a temporary file (rewound), for a FileResponse that closes it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_text(title)[:31] or "Sheet")
    heading = []
    for index, _label in enumerate(header, 1):  # widths before the first row (write-only mode)
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
    for label in header:
        cell = WriteOnlyCell(sheet, value=safe_text(label))
        cell.font = Font(bold=True)
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append(write_only_row(sheet, row))
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(output)
    output.seek(0)
    return output
