"""The bank a round draws from: national questions for every commune, a commune's own for it alone."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.contests.bank import check_bank, draw_pool, shortfalls
from cchc.contests.models import ContestRound, NationalQuestion, Question, Topic

from .helpers import choices

pytestmark = pytest.mark.django_db


def national(text: str, *slugs: str, active: bool = True) -> NationalQuestion:
    question = NationalQuestion.objects.create(text=text, choices=choices("Có", "Không"), is_active=active)
    question.topics.set(Topic.objects.filter(slug__in=slugs))
    return question


def own(commune, text: str, *slugs: str) -> Question:
    question = make_instance(Question, commune, text=text, choices=choices("Có", "Không"))
    with commune_scope(commune):
        question.topics.set(Topic.objects.filter(slug__in=slugs))
    return question


def texts(pool: dict) -> dict[str, set[str]]:
    return {slug: {q.text for q in questions} for slug, questions in pool.items()}


def test_each_commune_draws_from_the_national_bank_and_its_own_only(commune_a, commune_b):
    national("Quốc gia 1", "dat-dai")
    national("Quốc gia cũ", "dat-dai", active=False)
    own(commune_a, "Của xã A", "dat-dai")
    own(commune_b, "Của xã B", "dat-dai")
    round_a = make_instance(ContestRound, commune_a, draw={"dat-dai": 2})
    round_b = make_instance(ContestRound, commune_b, draw={"dat-dai": 2})
    assert texts(draw_pool(round_a, commune=commune_a)) == {"dat-dai": {"Quốc gia 1", "Của xã A"}}
    assert texts(draw_pool(round_b, commune=commune_b)) == {"dat-dai": {"Quốc gia 1", "Của xã B"}}
    with commune_scope(commune_b):
        assert list(Question.objects.values_list("text", flat=True)) == ["Của xã B"]


def test_a_round_of_another_commune_is_refused(commune_a, commune_b):
    from django.core.exceptions import PermissionDenied

    round_a = make_instance(ContestRound, commune_a, draw={"dat-dai": 1})
    with pytest.raises(PermissionDenied):
        draw_pool(round_a, commune=commune_b)


def test_a_shortfall_names_the_topic_and_how_many_are_missing(commune_a):
    national("Đất 1", "dat-dai")
    own(commune_a, "Đất 2", "dat-dai")
    national("Hiến pháp 1", "hien-phap")
    round = make_instance(ContestRound, commune_a, draw={"dat-dai": 5, "hien-phap": 1})
    with pytest.raises(ValidationError) as raised:
        check_bank(round, commune=commune_a)
    assert raised.value.messages == [
        "Chủ đề «Đất đai»: mỗi người dự thi cần 5 câu nhưng ngân hàng chỉ có 2 câu đang dùng, còn thiếu 3 câu."
    ]


def test_a_question_of_two_topics_is_not_counted_twice(commune_a):
    national("Chung 1", "dat-dai", "hien-phap")
    national("Chung 2", "dat-dai", "hien-phap")
    national("Riêng đất đai", "dat-dai")
    round = make_instance(ContestRound, commune_a, draw={"dat-dai": 2, "hien-phap": 2})
    [message] = shortfalls(round, commune=commune_a)
    assert "cần 4 câu khác nhau nhưng ngân hàng chỉ đủ 3 câu, còn thiếu 1 câu" in message
    round.draw = {"dat-dai": 1, "hien-phap": 2}
    check_bank(round, commune=commune_a)  # Riêng đất đai for land, both shared ones for the constitution
