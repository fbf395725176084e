"""Counting working days: Monday to Friday, less the days off of the calendar, plus the make-up days.

A time limit of ``n`` working days from a day of receipt ends on the ``n``-th working day after it
(the day of receipt is not counted). The calendar is read once per call for the span it needs.
"""

from __future__ import annotations

import datetime as dt

from .models import CalendarDay, DayKind

SATURDAY = 5
# The longest stretch of days off in a row the calendar could hold (Tết and its weekends, with room).
LONGEST_BREAK = 16


def _exceptions(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    return dict(CalendarDay.objects.filter(day__range=(first, last)).values_list("day", "kind"))


def is_working_day(day: dt.date, exceptions: dict[dt.date, str] | None = None) -> bool:
    kinds = exceptions if exceptions is not None else _exceptions(day, day)
    kind = kinds.get(day)
    if kind == DayKind.DAY_OFF:
        return False
    if kind == DayKind.WORKING:
        return True
    return day.weekday() < SATURDAY


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``start`` (``count`` ≥ 1); ``start`` itself when ``count`` is 0."""
    if count < 0:
        raise ValueError("count must not be negative")
    if count == 0:
        return start
    span = count * 7 // 5 + LONGEST_BREAK * (1 + count // 20)
    exceptions = _exceptions(start, start + dt.timedelta(days=span))
    day, left = start, count
    while left:
        day += dt.timedelta(days=1)
        if day > start + dt.timedelta(days=span):  # a calendar with more days off than foreseen
            exceptions |= _exceptions(day, day + dt.timedelta(days=span))
            span *= 2
        if is_working_day(day, exceptions):
            left -= 1
    return day


def working_days_between(first: dt.date, last: dt.date) -> int:
    """Working days after ``first`` up to and including ``last`` (0 when ``last`` ≤ ``first``)."""
    if last <= first:
        return 0
    exceptions = _exceptions(first, last)
    return sum(is_working_day(first + dt.timedelta(days=n), exceptions) for n in range(1, (last - first).days + 1))
