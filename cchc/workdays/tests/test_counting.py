"""Time limits in working days, counted against the calendar of days off and make-up days."""

import datetime as dt

import pytest

from cchc.workdays.counting import add_working_days, is_working_day, working_days_between
from cchc.workdays.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db
D = dt.date


def test_weekends_are_not_counted_and_the_day_of_receipt_is_not_either():
    assert add_working_days(D(2026, 11, 30), 1) == D(2026, 12, 1)  # Monday → Tuesday
    assert add_working_days(D(2026, 12, 4), 1) == D(2026, 12, 7)  # Friday → Monday
    assert add_working_days(D(2026, 12, 5), 1) == D(2026, 12, 7)  # received on a Saturday
    assert add_working_days(D(2026, 11, 30), 10) == D(2026, 12, 14)
    assert add_working_days(D(2026, 11, 30), 0) == D(2026, 11, 30)


def test_tet_2026_as_the_ministry_announced_it_is_seeded_and_skipped():
    assert not is_working_day(D(2026, 2, 16))
    assert not is_working_day(D(2026, 2, 20))
    # Received Friday 13/2/2026: the first working day after is Monday 23/2, after Tết and its weekends.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)


def test_days_entered_by_an_administrator_count_at_once_both_ways():
    CalendarDay.objects.create(day=D(2026, 12, 1), kind=DayKind.DAY_OFF, name="Nghỉ bù (thử)")
    CalendarDay.objects.create(day=D(2026, 12, 5), kind=DayKind.WORKING, name="Làm bù thứ Bảy (thử)")
    assert add_working_days(D(2026, 11, 30), 1) == D(2026, 12, 2)
    assert add_working_days(D(2026, 12, 4), 1) == D(2026, 12, 5)
    assert working_days_between(D(2026, 11, 30), D(2026, 12, 7)) == 5  # 2, 3, 4, 5 (make-up) and 7


def test_a_long_limit_across_many_days_off_is_still_counted_exactly():
    start = D(2026, 12, 1)
    for n in range(2, 40):  # five and a half weeks off in a row: more than the first read foresees
        CalendarDay.objects.get_or_create(day=start + dt.timedelta(days=n), defaults={"name": "Nghỉ dài (thử)"})
    assert add_working_days(start, 1) == D(2026, 12, 2)
    assert add_working_days(start, 2) == D(2027, 1, 11)  # the first working day after the break
    assert working_days_between(start, D(2027, 1, 11)) == 2


def test_a_negative_count_is_a_programming_error():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2026, 1, 5), -1)
