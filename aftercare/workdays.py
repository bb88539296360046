"""Working days (工作日): Monday to Friday on the center's calendar (Asia/Shanghai dates). Core has no
holiday calendar yet; public holidays and the make-up Saturdays (调休) would be added here, in one place."""

from datetime import date, timedelta

MAX_SPAN = 366  # working days counted at most (a year): bounds the loops whatever a stored value says


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (a request opened on Friday with 5 days is due next Friday;
    opened on Saturday, also next Friday). 0 days: `start` itself if it is a working day, else the next one."""
    day = start
    if days <= 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    counted = 0
    while counted < min(days, MAX_SPAN):
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    if end <= start:
        return 0
    whole_weeks, rest = divmod((end - start).days, 7)
    count = whole_weeks * 5
    day = start + timedelta(days=whole_weeks * 7)
    for _ in range(rest):
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def nth_working_day_back(today: date, n: int) -> date:
    """The n-th working day counting back from `today` (today is the first if it is a working day). A day
    opened on or after it is less than n working days old (`working_days_between(opened, today) < n`)."""
    day, seen = today, 0
    while True:
        if is_working_day(day):
            seen += 1
            if seen == n:
                return day
        day -= timedelta(days=1)
