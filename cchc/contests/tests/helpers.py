"""Shared by the contests tests: a question sheet written as a real .xlsx file."""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADER = [
    "STT",
    "Câu hỏi",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Đáp án đúng",
    "Căn cứ pháp lý",
    "Chủ đề",
]


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def choices(*texts: str, correct: tuple[int, ...] = (0,)) -> list[dict]:
    return [{"text": text, "correct": index in correct} for index, text in enumerate(texts)]


def open_round(commune, *, questions: int = 6, draw: dict | None = None, multiple: int = 0, **contest_values):
    """A published contest of ``commune`` with round 1 open now (for two hours, 20 minutes a paper),
    drawing from ``questions`` national questions on administrative reform (the last ``multiple`` of
    them with two correct answers, B and D), unless ``draw`` says otherwise."""
    import datetime as dt

    from django.utils import timezone

    from cchc.communes.testing import make_instance
    from cchc.contests.models import Contest, ContestRound, NationalQuestion, QuestionKind, Topic

    topic = Topic.objects.get(slug="cai-cach-hanh-chinh")
    for n in range(questions):
        several = n >= questions - multiple
        question = NationalQuestion.objects.create(
            text=f"Câu hỏi cải cách hành chính số {n + 1}?",
            kind=QuestionKind.MULTIPLE if several else QuestionKind.SINGLE,
            choices=choices(
                f"Sai {n}.1", f"Đúng {n}", f"Sai {n}.2", f"Đúng nữa {n}", correct=(1, 3) if several else (1,)
            ),
        )
        question.topics.add(topic)
    values = {"title": "Tìm hiểu cải cách hành chính", "slug": "cai-cach", "is_published": True, **contest_values}
    contest = make_instance(Contest, commune, **values)
    now = timezone.now()
    return make_instance(
        ContestRound,
        commune,
        contest=contest,
        number=1,
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(hours=1),
        time_limit_minutes=20,
        draw=draw or {"cai-cach-hanh-chinh": min(questions, 5)},
    )


def right_answers(entry) -> dict[str, list[str]]:
    """The paper form filled in with every correct choice, as the entrant's browser would send it."""
    form = {}
    for position, item in enumerate(entry.paper):
        form[f"c{position}"] = [str(item["o"].index(original)) for original in item["k"]]
    return form
