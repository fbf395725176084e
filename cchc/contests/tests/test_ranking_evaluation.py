"""The ranking against rounds ranked by hand from the published rules (``evaluation/``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cchc.contests.ranking import Attempt, Rules, rank

CASES = json.loads((Path(__file__).parent / "evaluation" / "ranking_cases.json").read_text(encoding="utf-8"))


def _attempts(case) -> list[Attempt]:
    return [
        Attempt(
            person=e["person"],
            score=e["score"],
            seconds=e["seconds"],
            submitted_at=dt.datetime.fromisoformat(e["submitted_at"]),
            prediction=e.get("prediction"),
        )
        for e in case["entries"]
    ]


def _ranks(placings) -> list[tuple[int, set[str]]]:
    """Rank groups in order; people inside a tie may come in any order."""
    groups: dict[int, set[str]] = {}
    for placing in placings:
        groups.setdefault(placing["rank"] if isinstance(placing, dict) else placing.rank, set()).add(
            placing["person"] if isinstance(placing, dict) else placing.person
        )
    return sorted(groups.items())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_hand_ranked_round(case):
    rules = Rules(
        uses_prediction=case["uses_prediction"],
        attempts=case["attempts"],
        deadline=dt.datetime.fromisoformat(case["deadline"]),
    )
    assert _ranks(rank(_attempts(case), rules)) == _ranks(case["expected"])
    # and in order: nobody below someone ranked worse
    got = [p.rank for p in rank(_attempts(case), rules)]
    assert got == sorted(got)
