"""The ranking rules one by one, and the Vietnamese text that publishes them."""

from __future__ import annotations

import datetime as dt

from cchc.contests.ranking import Attempt, AttemptRule, Rules, entrant_count, rank, rules_text

TZ = dt.timezone(dt.timedelta(hours=7))
DEADLINE = dt.datetime(2026, 11, 9, 23, 59, 59, tzinfo=TZ)


def at(hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 9, hour, minute, second, tzinfo=TZ)


def people(placings) -> list[tuple[int, str]]:
    return [(p.rank, p.person) for p in placings]


def test_the_official_count_may_replace_the_counted_entrants_for_the_guess():
    rules = Rules(uses_prediction=True, deadline=DEADLINE)
    attempts = [
        Attempt("Lan", 10, 300, at(8), prediction=3),
        Attempt("Minh", 10, 300, at(8), prediction=1000),
    ]
    assert people(rank(attempts, rules))[0] == (1, "Lan")  # two entrants: 3 is closer
    assert people(rank(attempts, rules, actual=998))[0] == (1, "Minh")  # the announced 998: 1000 is closer


def test_the_distance_of_each_guess_is_kept_for_the_results_page():
    rules = Rules(uses_prediction=True, deadline=DEADLINE)
    placings = rank([Attempt("A", 9, 60, at(9), prediction=5), Attempt("B", 9, 60, at(9))], rules)
    assert [(p.person, p.distance) for p in placings] == [("A", 3), ("B", None)]  # two entrants


def test_late_attempts_count_neither_as_results_nor_as_entrants():
    rules = Rules(uses_prediction=False, deadline=DEADLINE)
    attempts = [Attempt("A", 5, 60, at(23, 59, 59)), Attempt("B", 10, 60, DEADLINE + dt.timedelta(seconds=1))]
    assert people(rank(attempts, rules)) == [(1, "A")]
    assert entrant_count(attempts, rules) == 1


def test_best_of_several_attempts_and_first_of_one():
    attempts = [Attempt("A", 6, 100, at(8)), Attempt("A", 9, 400, at(9)), Attempt("B", 8, 50, at(10))]
    best = rank(attempts, Rules(uses_prediction=False, attempts=AttemptRule.BEST, deadline=DEADLINE))
    assert people(best) == [(1, "A"), (2, "B")]
    first = rank(attempts, Rules(uses_prediction=False, attempts=AttemptRule.ONE, deadline=DEADLINE))
    assert people(first) == [(1, "B"), (2, "A")]


def test_the_published_rules_say_what_the_ranking_does():
    with_guess = " ".join(rules_text(Rules(uses_prediction=True, attempts=AttemptRule.BEST, deadline=DEADLINE)))
    assert "tính lần có kết quả cao nhất" in with_guess
    assert "23:59 ngày 09/11/2026" in with_guess
    assert (
        "điểm cao hơn; dự đoán số người dự thi gần đúng hơn (không dự đoán xếp sau); "
        "thời gian làm bài ngắn hơn; nộp bài sớm hơn" in with_guess
    )
    without = " ".join(rules_text(Rules(uses_prediction=False)))
    assert "dự đoán" not in without
    assert "Mỗi người dự thi một lần" in without
