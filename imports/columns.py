"""Which column of a ledger holds which field: header synonyms per import kind, and unit conversion.

Headers are compared after dropping spaces and unifying full-width brackets, so 总投资（万元）,
总投资(万元) and "总投资 (万元)" are one header. An amount column named in 亿元 is converted to 万元.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

YI = Decimal(10_000)  # 1亿元 = 10,000 万元


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # the template's header
    synonyms: tuple[str, ...] = ()
    required: bool = False


def header_key(text: str) -> str:
    text = text.replace("（", "(").replace("）", ")").replace("：", ":")
    return re.sub(r"\s+", "", text).lower()


def unit_factor(header: str) -> Decimal:
    """万元 → 1, 亿元 → 10,000; a header with neither unit is taken as 万元 (the ledger's custom)."""
    return YI if "亿" in header else Decimal(1)


def map_headers(headers: list[str], columns: tuple[Column, ...]) -> dict[str, tuple[int, Decimal]]:
    """field → (column index, unit factor) for every column recognised; the first match wins."""
    wanted = {}
    for column in columns:
        for name in (column.label, *column.synonyms):
            wanted.setdefault(header_key(name), column.field)
    found: dict[str, tuple[int, Decimal]] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        field = wanted.get(key) or wanted.get(re.sub(r"\(.*?\)", "", key))
        if field and field not in found:
            found[field] = (index, unit_factor(header))
    return found


def finite_decimal(cleaned: str, text: str) -> Decimal | None:
    """The number in `cleaned` (what is left of the cell `text` without separators and units); '' → None;
    ValueError naming the cell when it is not a finite number."""
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_amount(text: str, factor: Decimal) -> Decimal | None:
    """'1,200.5' → Decimal in 万元 (× factor); '' → None; raises ValueError when not a number."""
    cleaned = text.replace(",", "").replace("，", "").replace("万元", "").replace("亿元", "").strip()
    value = finite_decimal(cleaned, text)
    return None if value is None else (value * factor).quantize(Decimal("0.01"))


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


def parse_date(text: str):
    """'2026-03-01', '2026/3/1', '2026.3.1', '2026年3月1日', '20260301' (or an Excel date cell) → date;
    '' → None; raises ValueError when unreadable."""
    from datetime import datetime

    cleaned = text.strip()[:10] if text.strip()[:4].isdigit() and "年" not in text else text.strip()
    if not cleaned:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
