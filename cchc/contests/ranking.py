"""How a contest round is ranked, exactly as its published rules (thể lệ) say, in one place.

Vietnamese legal-knowledge contests rank entrants by score, then, where the round asks for it, by how
close their guess of the number of entrants came, then by the time they took, then by when they
submitted (Quảng Nam 2022; Quỳnh Lưu 2020; see ``shared/domain`` §8). Rounds allow one attempt per
person or several with the best counting; both are in use. ``rank`` applies those rules and nothing
else, and ``rules_text`` writes them out in Vietnamese for the public rules page, so that what is
published and what is computed cannot drift apart.

Results equal on every criterion share a rank and the next rank is skipped (1, 2, 2, 4): the rules
name no further criterion, so none is invented. Attempts after the deadline are not accepted and count
for nothing, not even as entrants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class AttemptRule(models.TextChoices):
    ONE = "one", gettext_lazy("Mỗi người dự thi một lần")
    BEST = "best", gettext_lazy("Được dự thi nhiều lần, tính lần có kết quả cao nhất")


@dataclass(frozen=True)
class Attempt:
    """One accepted submission: ``person`` is the entrant's key (never their phone or ID number)."""

    person: str
    score: int
    seconds: int
    submitted_at: dt.datetime
    prediction: int | None = None


@dataclass(frozen=True)
class Rules:
    uses_prediction: bool
    attempts: str = AttemptRule.ONE
    deadline: dt.datetime | None = None


@dataclass(frozen=True)
class Placing:
    rank: int
    attempt: Attempt
    distance: int | None  # how far the guess was from the real count, when the round asks for one

    @property
    def person(self) -> str:
        return self.attempt.person


def accepted(attempts: Iterable[Attempt], rules: Rules) -> list[Attempt]:
    """The attempts that count at all: those submitted by the deadline."""
    return [a for a in attempts if rules.deadline is None or a.submitted_at <= rules.deadline]


def entrant_count(attempts: Iterable[Attempt], rules: Rules) -> int:
    """The real number of entrants a guess is measured against: people with an accepted attempt."""
    return len({a.person for a in accepted(attempts, rules)})


def order_key(attempt: Attempt, *, rules: Rules, actual: int) -> tuple:
    """Smaller is better: score, then the guess (a missing one after every given one), time, submission."""
    key: tuple = (-attempt.score,)
    if rules.uses_prediction:
        if attempt.prediction is None:
            key += ((1, 0),)
        else:
            key += ((0, abs(attempt.prediction - actual)),)
    return (*key, attempt.seconds, attempt.submitted_at)


def counted(attempts: Iterable[Attempt], rules: Rules, *, actual: int) -> list[Attempt]:
    """Each person's attempt that counts: the first (one attempt allowed) or the best (several)."""
    chosen: dict[str, Attempt] = {}
    for attempt in accepted(attempts, rules):
        held = chosen.get(attempt.person)
        if held is None:
            chosen[attempt.person] = attempt
        elif rules.attempts == AttemptRule.ONE:
            if attempt.submitted_at < held.submitted_at:
                chosen[attempt.person] = attempt
        elif order_key(attempt, rules=rules, actual=actual) < order_key(held, rules=rules, actual=actual):
            chosen[attempt.person] = attempt
    return list(chosen.values())


def rank(attempts: Iterable[Attempt], rules: Rules, *, actual: int | None = None) -> list[Placing]:
    """The round's ranking, best first. ``actual`` overrides the real number of entrants (the rules may
    count differently, e.g. the officially announced figure)."""
    attempts = list(attempts)
    if actual is None:
        actual = entrant_count(attempts, rules)
    ordered = sorted(counted(attempts, rules, actual=actual), key=lambda a: order_key(a, rules=rules, actual=actual))
    placings: list[Placing] = []
    previous_key = None
    for position, attempt in enumerate(ordered, start=1):
        key = order_key(attempt, rules=rules, actual=actual)
        same = previous_key is not None and key == previous_key
        guessed = rules.uses_prediction and attempt.prediction is not None
        distance = abs(attempt.prediction - actual) if guessed else None
        placings.append(Placing(rank=placings[-1].rank if same else position, attempt=attempt, distance=distance))
        previous_key = key
    return placings


def rules_text(rules: Rules) -> list[str]:
    """The ranking rules as the public rules page states them, in the order ``rank`` applies them."""
    lines = [str(AttemptRule(rules.attempts).label) + "."]
    if rules.deadline is not None:
        lines.append(
            _("Bài dự thi gửi sau %(deadline)s không được tính.")
            % {"deadline": timezone.localtime(rules.deadline).strftime("%H:%M ngày %d/%m/%Y")}
        )
    order = [_("điểm cao hơn")]
    if rules.uses_prediction:
        order.append(_("dự đoán số người dự thi gần đúng hơn (không dự đoán xếp sau)"))
    order += [_("thời gian làm bài ngắn hơn"), _("nộp bài sớm hơn")]
    lines.append(_("Xếp hạng theo thứ tự: %(order)s.") % {"order": "; ".join(order)})
    lines.append(_("Người bằng nhau ở mọi tiêu chí được xếp đồng hạng."))
    return lines


# --- the whole contest: every round's counted result added up ---------------------------------------------


@dataclass(frozen=True)
class Standing:
    """One person's place in a contest's overall ranking: their counted results summed over the rounds."""

    rank: int
    person: str
    score: int
    seconds: int
    last_submitted_at: dt.datetime
    rounds: int  # how many rounds the person has a counted result in


def standing_key(score: int, seconds: int, last_submitted_at: dt.datetime) -> tuple:
    """Smaller is better: total score, then total time, then the earlier last submission."""
    return (-score, seconds, last_submitted_at)


def rank_overall(rounds: Iterable[Iterable[Placing]]) -> list[Standing]:
    """The contest's overall ranking from each round's ranking (``rank``), best first.

    Each round counts what its own rules count (one attempt or the best, nothing late), so a person
    adds at most one result per round. Totals are compared by score, then time taken, then when the
    person handed in their last counted paper: the one who finished earlier is ahead. The guess of
    the number of entrants belongs to one round and plays no part here. Equal on all three: same rank.
    """
    totals: dict[str, list] = {}  # person -> [score, seconds, last submission, rounds]
    for placings in rounds:
        for placing in placings:
            attempt = placing.attempt
            held = totals.setdefault(attempt.person, [0, 0, attempt.submitted_at, 0])
            held[0] += attempt.score
            held[1] += attempt.seconds
            held[2] = max(held[2], attempt.submitted_at)
            held[3] += 1
    ordered = sorted(totals.items(), key=lambda item: standing_key(*item[1][:3]))
    standings: list[Standing] = []
    previous_key = None
    for position, (person, (score, seconds, last, count)) in enumerate(ordered, start=1):
        key = standing_key(score, seconds, last)
        place = standings[-1].rank if key == previous_key else position
        standings.append(
            Standing(rank=place, person=person, score=score, seconds=seconds, last_submitted_at=last, rounds=count)
        )
        previous_key = key
    return standings


def overall_rules_text() -> list[str]:
    """The overall ranking's rules as the public rules page states them, in the order ``rank_overall`` applies them."""
    return [
        _(
            "Xếp hạng chung của cuộc thi: cộng kết quả được tính của mỗi người ở các đợt thi "
            "(mỗi đợt tính theo thể lệ của đợt đó)."
        ),
        _(
            "Xếp hạng theo thứ tự: tổng điểm cao hơn; tổng thời gian làm bài ngắn hơn; "
            "lần nộp bài cuối cùng được tính sớm hơn."
        ),
        _("Người bằng nhau ở mọi tiêu chí được xếp đồng hạng."),
    ]
