"""Small pieces the row writers share: a row's cells by field, a service's field errors named by the column
they came from, numbers with their units written in, date-times, and choices by value, label or synonym."""

import re
from datetime import datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from imports.columns import Column, finite_decimal, parse_date


def cells_by_field(columns: dict[str, tuple[int, Decimal]], cells: list[str]) -> dict[str, str]:
    return {name: cells[index].strip() for name, (index, _factor) in columns.items()}


def named_by_column(error: ValidationError, columns: tuple[Column, ...]) -> ValidationError:
    """The service's field errors prefixed with the ledger's header (净高（m）: …), so a reason read in the
    error report says which cell to fix; errors of fields no column feeds keep their message alone."""
    if not hasattr(error, "error_dict"):
        return error
    labels = {column.field: column.label for column in columns}
    messages = []
    for field, field_messages in error.message_dict.items():
        for message in field_messages:
            messages.append(f"{labels[field]}: {message}" if field in labels else message)
    return ValidationError(messages)


_UNIT_TEXT = re.compile(r"(㎡|m²|m2|平方米|平米|亩|kva|千伏安|吨|t/㎡|t/m²|t/m2|km|公里|米|m|层|t)$", re.IGNORECASE)


def parse_number(text: str) -> Decimal | None:
    """'4,300', '4300㎡', '6.5米', '10 t' → Decimal; '' → None; raises ValueError when not a number."""
    cleaned = text.replace(",", "").replace("，", "").replace(" ", "").strip()
    return finite_decimal(_UNIT_TEXT.sub("", cleaned), text)


_TIME = re.compile(r"^(?P<day>.+?)[\sT]+(?P<hour>\d{1,2})[:：时](?P<minute>\d{2})?(?:[:：分](?P<second>\d{2}))?.*$")


def parse_datetime(text: str) -> datetime | None:
    """'2026-03-01 14:30', '2026/3/1 9:05', '2026年3月1日 14时30分', an Excel date-time cell, or a date alone
    (then the start of that day) → an aware datetime in the center's time zone; '' → None; ValueError."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _TIME.match(cleaned)
    moment = time.min
    if match:
        cleaned = match["day"]
        try:
            moment = time(int(match["hour"]), int(match["minute"] or 0), int(match["second"] or 0))
        except ValueError as error:
            raise ValueError(text) from error
    day = parse_date(cleaned)
    return timezone.make_aware(datetime.combine(day, moment))


def choice_lookup(choices, synonyms: dict[str, str]) -> dict[str, str]:
    """Text → stored value for a TextChoices: the value itself, its label in Chinese and in English, and
    the extra synonyms; compared without spaces and case."""
    table = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for value, label in choices:
                table[_key(str(label))] = value
    for value, _label in choices:
        table[_key(value)] = value
    table.update({_key(text): value for text, value in synonyms.items()})
    return table


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def lookup_choice(table: dict[str, str], text: str) -> str | None:
    return table.get(_key(text))
