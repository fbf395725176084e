"""Scoring a paper: which choices the entrant ticked, and how many questions they got right.

A paper lists its questions in the order shown, each with the order its choices were shown in
(``o``, original positions) and the correct choices (``k``, original positions). The form sends,
per question, the letters ticked as shown (``c0=2``: the third choice shown for the first
question). ``read_answers`` maps those back to original positions, dropping anything that is not a
choice of that question, so that a forged or stale form can only score less, never more. A
question counts as right when the ticked choices are exactly the correct ones: for a question with
several correct answers, all of them and nothing else (the usual rule of Vietnamese contests).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cchc.core.phones import ascii_digits

MAX_PREDICTION = 10_000_000


def field_name(position: int) -> str:
    """The form field of the question shown at ``position`` (0-based)."""
    return f"c{position}"


def read_answers(paper: Sequence[Mapping], form: Mapping[str, Sequence[str]]) -> list[list[int]]:
    """Per question, the original positions of the choices ticked (sorted, no repeats).

    ``form`` maps field names to the list of values sent (``QueryDict.lists()`` as a dict).
    """
    answers = []
    for position, item in enumerate(paper):
        shown = item["o"]
        picked = set()
        for raw in form.get(field_name(position), [])[: len(shown)]:
            if isinstance(raw, str) and raw.isascii() and raw.isdigit() and int(raw) < len(shown):
                picked.add(shown[int(raw)])
        answers.append(sorted(picked))
    return answers


def is_right(item: Mapping, answer: Sequence[int]) -> bool:
    return bool(answer) and sorted(answer) == sorted(item["k"])


def score(paper: Sequence[Mapping], answers: Sequence[Sequence[int]]) -> int:
    """How many questions were answered exactly right."""
    return sum(1 for item, answer in zip(paper, answers, strict=False) if is_right(item, answer))


def blank_count(answers: Sequence[Sequence[int]]) -> int:
    return sum(1 for answer in answers if not answer)


def read_prediction(raw: str | None) -> int | None:
    """The guess of the number of entrants as a whole number, or None when blank; ``ValueError`` otherwise.

    Officials and villagers write thousands with dots or spaces (``12.500``, ``12 500``).
    """
    text = ascii_digits(raw or "").strip().replace(".", "").replace(",", "").replace(" ", "")
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or int(text) > MAX_PREDICTION:
        raise ValueError(raw)
    return int(text)
