"""Reading an uploaded ledger: .xlsx through openpyxl, .csv in UTF-8, UTF-8 with BOM or GBK/GB18030.

The encoding is detected, not asked for: a BOM says UTF-8; otherwise strict UTF-8 is tried, then GB18030
(a superset of GBK and GB2312, which is what Excel and WPS save on a Chinese Windows). What was detected
is kept and shown with the preview so a wrong guess is visible.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_ROWS = 50_000
MAX_COLUMNS = 60

ENCODING_LABELS = {
    "utf-8-sig": gettext_lazy("UTF-8 with BOM"),
    "utf-8": gettext_lazy("UTF-8"),
    "gb18030": gettext_lazy("GBK / GB18030"),
    "xlsx": gettext_lazy("Excel workbook (.xlsx)"),
}


@dataclass
class Sheet:
    """The header row and the data rows of a ledger, every cell as text (stripped), blank rows dropped.
    `numbers[i]` is the file's own row number of `rows[i]` (2 for the first data row)."""

    encoding: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)

    @property
    def encoding_label(self) -> str:
        return str(ENCODING_LABELS[self.encoding])


def detect_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is neither UTF-8 nor GBK text; save it as CSV (UTF-8) or .xlsx.")) from error
    return "gb18030"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if getattr(value, "hour", 0) == 0 else value.isoformat(sep=" ")
    return str(value).strip()


def _sheet(encoding: str, raw_rows) -> Sheet:
    sheet = None
    for number, raw in enumerate(raw_rows, start=1):
        cells = [_cell_text(value) for value in raw[:MAX_COLUMNS]]
        if not any(cells):
            continue
        if sheet is None:
            sheet = Sheet(encoding=encoding, headers=cells)
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise ValidationError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        cells += [""] * (len(sheet.headers) - len(cells))
        sheet.rows.append(cells[: len(sheet.headers)])
        sheet.numbers.append(number)
    if sheet is None:
        raise ValidationError(_("The file is empty."))
    return sheet


def read_csv(data: bytes) -> Sheet:
    encoding = detect_encoding(data)
    text = data.decode(encoding)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _sheet(encoding, csv.reader(io.StringIO(text, newline=""), dialect))


def read_xlsx(data: bytes) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ValidationError(_("This is not a readable .xlsx workbook.")) from error
    try:
        return _sheet("xlsx", workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def read_ledger(name: str, data: bytes) -> Sheet:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return read_xlsx(data)
    if lower.endswith(".csv") or lower.endswith(".txt"):
        return read_csv(data)
    raise ValidationError(_("Upload a .xlsx or .csv file."))
