"""A contest's results: each round's ranking with names put to it, the overall ranking, and entrants by
village and by unit.

The order itself is ``ranking.rank`` (a round, by its published rules) and ``ranking.rank_overall``
(the contest); this module only feeds them the submitted entries (the person is the entrant's id) and
joins the entrants' names, villages and units to the placings. Everything is read in a handful of
queries whatever the number of entrants: the entries as plain tuples, then the entrants with their
village and unit. The keyed hash of an entrant's number never leaves this module; rows carry the
masked last digits only.

Each function takes the commune explicitly and refuses a round or contest of another commune.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cchc.communes.models import Commune, Unit, Village
from cchc.communes.scoping import commune_scope

from . import ranking
from .models import Contest, ContestRound, Entrant, Entry, EntryStatus, NameDisplay

# Below this many entrants they are fetched by id; above it, the contest's entrants are read whole
# (one query, no parameter list that SQLite would refuse).
IDS_IN_ONE_QUERY = 500


def time_text(seconds: int) -> str:
    """``12 phút 05 giây``: time taken as the results page writes it."""
    minutes, rest = divmod(int(seconds), 60)
    return _("%(minutes)d phút %(seconds)02d giây") % {"minutes": minutes, "seconds": rest}


def decimal_text(value: float | None, places: int = 1) -> str:
    """``7,5``: Vietnamese writes a decimal comma; ``—`` when there is nothing to average."""
    if value is None:
        return "—"
    return f"{value:.{places}f}".replace(".", ",")


def shown_name(full_name: str, display: str) -> str:
    """The name as the contest's rules publish it: in full, or the family name with initials
    (``Nguyễn Văn An`` → ``Nguyễn V. A.``)."""
    words = full_name.split()
    if display != NameDisplay.INITIALS or len(words) < 2:
        return " ".join(words)
    return " ".join([words[0], *(f"{word[0].upper()}." for word in words[1:])])


# --- rows -------------------------------------------------------------------------------------------------


class Named:
    """What a row says of its entrant: name, village, unit, the masked last digits; and the time taken."""

    entrant: Entrant
    seconds: int

    @property
    def full_name(self) -> str:
        return self.entrant.full_name

    @property
    def village_name(self) -> str:
        return str(self.entrant.village) if self.entrant.village_id else ""

    @property
    def unit_name(self) -> str:
        return str(self.entrant.unit) if self.entrant.unit_id else ""

    @property
    def masked_identity(self) -> str:
        return self.entrant.masked_identity

    @property
    def time_text(self) -> str:
        return time_text(self.seconds)


@dataclass(frozen=True)
class ResultRow(Named):
    """One person's place in a round: their counted entry and who they are (never their number)."""

    rank: int
    entrant: Entrant  # village and unit loaded
    entry_id: int
    score: int
    total: int  # questions on the paper
    seconds: int
    submitted_at: dt.datetime
    prediction: int | None
    distance: int | None  # how far the guess was from the real number of entrants


@dataclass(frozen=True)
class OverallRow(Named):
    """One person's place in the contest as a whole (``ranking.rank_overall``)."""

    rank: int
    entrant: Entrant
    score: int
    total: int  # questions of the rounds the person has a counted result in
    seconds: int
    last_submitted_at: dt.datetime
    rounds: int


@dataclass(frozen=True)
class GroupRow:
    """Entrants of one village (or unit): people with a counted result, papers accepted, average score.

    ``group_id`` is None on the row of entrants who named no village (unit). The average is over
    each person's counted result in each round, so trying again does not weigh more.
    """

    group_id: int | None
    name: str
    entrants: int
    entries: int
    average_score: float | None
    population: int | None = None

    @property
    def average_text(self) -> str:
        return decimal_text(self.average_score)


@dataclass
class Report:
    """Everything a results screen or a workbook shows, read once."""

    rows: list = field(default_factory=list)  # ResultRow or OverallRow, best first
    villages: list[GroupRow] = field(default_factory=list)
    units: list[GroupRow] = field(default_factory=list)
    entrants: int = 0
    entries: int = 0  # papers accepted (late ones are not)


# --- reading and ranking ------------------------------------------------------------------------------------


@dataclass
class _Ranked:
    """One round's accepted attempts and ranking; ``entry_of`` maps an attempt (by identity) to its entry."""

    round: ContestRound
    attempts: list[ranking.Attempt]
    placings: list[ranking.Placing]
    entry_of: dict[int, int]


def _check(obj, commune: Commune) -> None:
    if not isinstance(commune, Commune):
        raise TypeError("results need commune=Commune")
    if obj.commune_id != commune.pk:
        raise PermissionDenied(_("Dữ liệu này thuộc xã khác."))


def _rank_rounds(rounds: Sequence[ContestRound], *, commune: Commune) -> list[_Ranked]:
    """Rank each of ``rounds`` (all of one contest, ``contest`` loaded) from its submitted entries: one query."""
    fetched: dict[int, list[tuple]] = defaultdict(list)
    entries = Entry.objects.filter(
        commune=commune, round__in=[r.pk for r in rounds], status=EntryStatus.SUBMITTED
    ).values_list("round_id", "pk", "entrant_id", "score", "seconds", "submitted_at", "prediction")
    for round_id, *values in entries.iterator(chunk_size=5000):
        fetched[round_id].append(values)
    ranked = []
    for round in rounds:
        rules = round.ranking_rules
        entry_of: dict[int, int] = {}
        attempts = []
        for pk, entrant_id, score, seconds, submitted_at, prediction in fetched[round.pk]:
            if submitted_at is None:
                continue
            attempt = ranking.Attempt(
                person=str(entrant_id),
                score=score or 0,
                seconds=seconds or 0,
                submitted_at=submitted_at,
                prediction=prediction,
            )
            entry_of[id(attempt)] = pk  # rank() hands back these very objects
            attempts.append(attempt)
        accepted = ranking.accepted(attempts, rules)
        ranked.append(_Ranked(round, accepted, ranking.rank(accepted, rules), entry_of))
    return ranked


def _entrants(contest: Contest, ids: set[int], *, commune: Commune) -> dict[int, Entrant]:
    found = Entrant.objects.filter(commune=commune, contest=contest).select_related("village", "unit")
    if len(ids) <= IDS_IN_ONE_QUERY:
        found = found.filter(pk__in=ids)
    return {entrant.pk: entrant for entrant in found}


def _round_rows(ranked: _Ranked, entrants: dict[int, Entrant], placings: Iterable[ranking.Placing]) -> list:
    total = ranked.round.question_count
    return [
        ResultRow(
            rank=placing.rank,
            entrant=entrants[int(placing.person)],
            entry_id=ranked.entry_of[id(placing.attempt)],
            score=placing.attempt.score,
            total=total,
            seconds=placing.attempt.seconds,
            submitted_at=placing.attempt.submitted_at,
            prediction=placing.attempt.prediction,
            distance=placing.distance,
        )
        for placing in placings
    ]


def _within(placings: list, up_to_rank: int | None) -> list:
    return placings if up_to_rank is None else [p for p in placings if p.rank <= up_to_rank]


# --- rounds -------------------------------------------------------------------------------------------------


def round_results(round: ContestRound, *, commune: Commune, up_to_rank: int | None = None) -> list[ResultRow]:
    """The round's ranking, best first, with names: every placing, or those ranked ``up_to_rank`` or better
    (ties included, so a winners' list may run past that many rows). Two queries."""
    _check(round, commune)
    with commune_scope(commune):
        (ranked,) = _rank_rounds([round], commune=commune)
        placings = _within(ranked.placings, up_to_rank)
        entrants = _entrants(round.contest, {int(p.person) for p in placings}, commune=commune)
        return _round_rows(ranked, entrants, placings)


def round_winners(round: ContestRound, *, commune: Commune, up_to_rank: int) -> Report:
    """The placings ranked ``up_to_rank`` or better and the round's counts (entrants, accepted papers),
    for the public winners page: two queries. The entrant count is the real number the guesses are
    measured against."""
    _check(round, commune)
    with commune_scope(commune):
        (ranked,) = _rank_rounds([round], commune=commune)
        placings = _within(ranked.placings, up_to_rank)
        entrants = _entrants(round.contest, {int(p.person) for p in placings}, commune=commune)
        return Report(
            rows=_round_rows(ranked, entrants, placings),
            entrants=len(ranked.placings),
            entries=len(ranked.attempts),
        )


def round_report(round: ContestRound, *, commune: Commune) -> Report:
    """The round's ranking, its entrants by village and by unit, and its counts: four queries."""
    _check(round, commune)
    with commune_scope(commune):
        (ranked,) = _rank_rounds([round], commune=commune)
        entrants = _entrants(round.contest, {int(p.person) for p in ranked.placings}, commune=commune)
        report = Report(rows=_round_rows(ranked, entrants, ranked.placings))
        _fill_groups(report, [ranked], entrants, commune=commune)
    return report


# --- the whole contest --------------------------------------------------------------------------------------


def _contest_rounds(contest: Contest, *, commune: Commune) -> list[ContestRound]:
    return list(ContestRound.objects.filter(commune=commune, contest=contest).select_related("contest"))


def _overall_rows(rankeds: list[_Ranked], entrants: dict[int, Entrant], standings) -> list[OverallRow]:
    questions: dict[str, int] = defaultdict(int)
    for ranked in rankeds:
        for placing in ranked.placings:
            questions[placing.person] += ranked.round.question_count
    return [
        OverallRow(
            rank=standing.rank,
            entrant=entrants[int(standing.person)],
            score=standing.score,
            total=questions[standing.person],
            seconds=standing.seconds,
            last_submitted_at=standing.last_submitted_at,
            rounds=standing.rounds,
        )
        for standing in standings
    ]


def overall_results(contest: Contest, *, commune: Commune, up_to_rank: int | None = None) -> list[OverallRow]:
    """The contest's overall ranking (``ranking.rank_overall``) over all its rounds, best first. Three queries."""
    _check(contest, commune)
    with commune_scope(commune):
        rankeds = _rank_rounds(_contest_rounds(contest, commune=commune), commune=commune)
        standings = _within(ranking.rank_overall(r.placings for r in rankeds), up_to_rank)
        entrants = _entrants(contest, {int(s.person) for s in standings}, commune=commune)
        return _overall_rows(rankeds, entrants, standings)


def contest_report(contest: Contest, *, commune: Commune) -> Report:
    """The overall ranking and the contest's entrants by village and by unit: five queries."""
    _check(contest, commune)
    with commune_scope(commune):
        rankeds = _rank_rounds(_contest_rounds(contest, commune=commune), commune=commune)
        standings = ranking.rank_overall(r.placings for r in rankeds)
        entrants = _entrants(contest, {int(s.person) for s in standings}, commune=commune)
        report = Report(rows=_overall_rows(rankeds, entrants, standings))
        _fill_groups(report, rankeds, entrants, commune=commune)
    return report


# --- by village, by unit ------------------------------------------------------------------------------------


def _groups(
    rankeds: list[_Ranked], entrants: dict[int, Entrant], groups: Iterable, *, attribute: str, none_label: str
) -> list[GroupRow]:
    people: dict[int | None, set[str]] = defaultdict(set)
    papers: dict[int | None, int] = defaultdict(int)
    scores: dict[int | None, list[int]] = defaultdict(list)
    for ranked in rankeds:
        for attempt in ranked.attempts:
            papers[getattr(entrants[int(attempt.person)], attribute)] += 1
        for placing in ranked.placings:
            key = getattr(entrants[int(placing.person)], attribute)
            people[key].add(placing.person)
            scores[key].append(placing.attempt.score)

    def row(group_id, name, population=None) -> GroupRow:
        counted = scores.get(group_id) or []
        return GroupRow(
            group_id=group_id,
            name=name,
            entrants=len(people.get(group_id, ())),
            entries=papers.get(group_id, 0),
            average_score=sum(counted) / len(counted) if counted else None,
            population=population,
        )

    rows = [row(group.pk, str(group), getattr(group, "population", None)) for group in groups]
    rows.append(row(None, none_label))
    return rows


def _fill_groups(report: Report, rankeds: list[_Ranked], entrants: dict[int, Entrant], *, commune: Commune) -> None:
    villages = Village.objects.filter(commune=commune).order_by("sort_order", "name")
    units = Unit.objects.filter(commune=commune).order_by("sort_order", "name")
    report.villages = _groups(
        rankeds, entrants, villages, attribute="village_id", none_label=_("Không thuộc thôn, xóm nào")
    )
    report.units = _groups(rankeds, entrants, units, attribute="unit_id", none_label=_("Không thuộc đơn vị nào"))
    report.entrants = len({p.person for r in rankeds for p in r.placings})
    report.entries = sum(len(r.attempts) for r in rankeds)


def _target(target: ContestRound | Contest, commune: Commune) -> tuple[Contest, list[ContestRound]]:
    _check(target, commune)
    if isinstance(target, ContestRound):
        return target.contest, [target]
    return target, _contest_rounds(target, commune=commune)


def by_village(target: ContestRound | Contest, *, commune: Commune) -> list[GroupRow]:
    """Entrants, papers and average score per village of the commune (all of them, with none too), then
    the row of entrants who named no village; for one round or a whole contest."""
    with commune_scope(commune):
        contest, rounds = _target(target, commune)
        rankeds = _rank_rounds(rounds, commune=commune)
        entrants = _entrants(contest, {int(p.person) for r in rankeds for p in r.placings}, commune=commune)
        villages = Village.objects.filter(commune=commune).order_by("sort_order", "name")
        return _groups(rankeds, entrants, villages, attribute="village_id", none_label=_("Không thuộc thôn, xóm nào"))


def by_unit(target: ContestRound | Contest, *, commune: Commune) -> list[GroupRow]:
    """As ``by_village``, per unit (ban, ngành, đoàn thể), then the row of entrants who named none."""
    with commune_scope(commune):
        contest, rounds = _target(target, commune)
        rankeds = _rank_rounds(rounds, commune=commune)
        entrants = _entrants(contest, {int(p.person) for r in rankeds for p in r.placings}, commune=commune)
        units = Unit.objects.filter(commune=commune).order_by("sort_order", "name")
        return _groups(rankeds, entrants, units, attribute="unit_id", none_label=_("Không thuộc đơn vị nào"))
