"""What apps above `reminders` add to it, without `reminders` knowing them (fieldwork registers its trip
report reminders and its part of the weekly digest here, in its AppConfig.ready()).

A sweep is `(now) -> list[(Reminder, [recipients])]`: it finds in SQL what is due and says whom to tell;
`reminders.services` writes the Delivery rows (unique per object, kind, recipient, channel and period, so
each reminder goes out exactly once per period) and sends them like its own.
A weekly digest section is `(today) -> str`: a line (or "") appended to each director's weekly digest."""

from collections.abc import Callable
from datetime import date, datetime

SWEEPS: list[Callable[[datetime], list]] = []
WEEKLY_DIGEST_SECTIONS: list[Callable[[date], str]] = []


def register_sweep(sweep: Callable[[datetime], list]) -> None:
    if sweep not in SWEEPS:
        SWEEPS.append(sweep)


def register_weekly_digest_section(section: Callable[[date], str]) -> None:
    if section not in WEEKLY_DIGEST_SECTIONS:
        WEEKLY_DIGEST_SECTIONS.append(section)
