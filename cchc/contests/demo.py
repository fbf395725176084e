"""Demo: a legal-knowledge contest of Định Biên on administrative reform, in two rounds.

Twenty questions of the national bank, each with the law it comes from, on the programme's topics;
a contest for residents (each entrant names their hamlet), several attempts with the best counting
and a guess of the number of entrants to break ties. Round 1 closed last week with forty made-up
entrants, who took their papers through the same actions as the public pages (``StartEntry``,
``SubmitEntry``) at times within the round; round 2 is open for a fortnight so that a first look
can enter it. The entrants' names and numbers are illustrative and the contest's rules say so.
Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from cchc.communes.models import Commune, Village
from cchc.communes.scoping import commune_scope

from .actions import CreateContest, CreateRound
from .entering import Applicant, Sent, StartEntry, SubmitEntry
from .models import Contest, ContestRound, Eligibility, NationalQuestion, QuestionKind, Topic
from .ranking import AttemptRule
from .topics import ensure_national_topics

SLUG = "tim-hieu-cai-cach-hanh-chinh"
ENTRANTS = 40

# (topic, question, choices with the correct ones marked *, legal source)
# The national questions of the demo, each with the law it comes from: correct choices start with «*».
QUESTIONS_FILE = Path(__file__).with_name("demo_questions.json")
DRAW = {
    "cai-cach-hanh-chinh": 5,
    "hien-phap": 1,
    "bau-cu": 1,
    "hon-nhan-va-gia-dinh": 1,
    "pho-bien-giao-duc-phap-luat": 2,
}

FAMILY = ["Nguyễn", "Hoàng", "Lý", "Ma", "Dương", "Trần", "Lục", "Nông", "Đinh", "La"]
MIDDLE = ["Văn", "Thị", "Đức", "Thị Thu", "Văn Minh", "Thị Hồng", "Quang", "Thị Lan"]
GIVEN = ["An", "Bình", "Chiến", "Dung", "Hà", "Hải", "Hương", "Khánh", "Linh", "Mai", "Nam", "Phúc", "Quý", "Thảo"]

RULES = (
    "Cuộc thi do UBND xã tổ chức, công chức Tư pháp - Hộ tịch thường trực. Mỗi đợt thi, người dự thi trả lời "
    "10 câu hỏi trắc nghiệm rút ngẫu nhiên từ ngân hàng câu hỏi và dự đoán số người dự thi của đợt.\n"
    "Tên và số điện thoại người dự thi trong dữ liệu mẫu là minh họa."
)
PRIZES = "01 giải Nhất, 02 giải Nhì, 03 giải Ba và 05 giải Khuyến khích mỗi đợt thi, kèm Giấy chứng nhận của UBND xã."


def load_national_questions() -> int:
    """The demo's part of the national bank, once: questions whose text is already there are kept as they are."""
    ensure_national_topics()
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    stored = 0
    for item in json.loads(QUESTIONS_FILE.read_text(encoding="utf-8")):
        slug, text, options, source = item["topic"], item["text"], item["choices"], item["legal_source"]
        if NationalQuestion.objects.filter(text=text).exists():
            continue
        choices = [{"text": option.lstrip("*"), "correct": option.startswith("*")} for option in options]
        several = sum(c["correct"] for c in choices) > 1
        question = NationalQuestion(
            text=text,
            kind=QuestionKind.MULTIPLE if several else QuestionKind.SINGLE,
            choices=choices,
            legal_source=source,
        )
        question.full_clean(exclude=["topics"])
        question.save()
        question.topics.add(topics[slug])
        stored += 1
    return stored


@transaction.atomic
def load_demo_contests(commune: Commune, *, now: dt.datetime | None = None) -> Contest | None:
    """The demo contest, its two rounds and round 1's entries; None when it is already there."""
    now = now or timezone.now()
    load_national_questions()
    with commune_scope(commune):
        if Contest.objects.filter(commune=commune, slug=SLUG).exists():
            return None
        contest = CreateContest(
            Contest(
                commune=commune,
                title="Cuộc thi trực tuyến tìm hiểu về cải cách hành chính và pháp luật (dữ liệu minh họa)",
                slug=SLUG,
                rules=RULES,
                prizes=PRIZES,
                eligibility=Eligibility.RESIDENTS,
                attempt_rule=AttemptRule.BEST,
                max_attempts=2,
                uses_prediction=True,
                is_published=True,
            ),
            commune=commune,
        ).execute()
        today = timezone.localtime(now).replace(hour=7, minute=0, second=0, microsecond=0)
        first = CreateRound(
            ContestRound(
                commune=commune,
                contest=contest,
                number=1,
                opens_at=today - dt.timedelta(days=21),
                closes_at=today - dt.timedelta(days=7),
                time_limit_minutes=20,
                draw=DRAW,
            ),
            commune=commune,
        ).execute()
        CreateRound(
            ContestRound(
                commune=commune,
                contest=contest,
                number=2,
                opens_at=today - dt.timedelta(days=1),
                closes_at=today + dt.timedelta(days=14),
                time_limit_minutes=20,
                draw=DRAW,
            ),
            commune=commune,
        ).execute()
        villages = list(Village.objects.filter(commune=commune).order_by("sort_order", "name"))
    _enter_round(commune, first, villages)
    return contest


def round_half(value: float) -> int:
    return int(value + 0.5)


def _enter_round(commune: Commune, round: ContestRound, villages: list[Village]) -> None:
    """Forty villagers take round 1, spread over its fortnight, most answering most questions right."""
    rng = random.Random(2022)  # noqa: S311 - illustrative data, not security
    span = (round.closes_at - round.opens_at).total_seconds() - 3600
    for n in range(ENTRANTS):
        applicant = Applicant(
            full_name=f"{FAMILY[n % len(FAMILY)]} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            identity=f"0912{n:06d}",
            village=villages[n % len(villages)] if villages else None,
            unit=None,
        )
        started = round.opens_at + dt.timedelta(seconds=rng.uniform(0, span))
        entry = StartEntry(commune=commune, round=round, applicant=applicant, now=started).execute()
        skill = rng.uniform(0.55, 0.95)
        answers = []
        for item in entry.paper:
            right = rng.random() < skill
            answers.append(sorted(item["k"]) if right else [next(i for i in item["o"] if i not in item["k"])])
        sent = Sent(answers=answers, prediction=max(1, round_half(rng.gauss(ENTRANTS, 12))))
        received = started + dt.timedelta(seconds=rng.randint(150, 1150))
        with commune_scope(commune):
            entry = type(entry).objects.select_related("round__contest").get(pk=entry.pk)
        SubmitEntry(commune=commune, entry=entry, sent=sent, received_at=received).execute()
