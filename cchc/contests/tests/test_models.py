"""The rules of a question, a contest and a round, as an official typing them in would meet them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.contests.models import (
    Contest,
    ContestRound,
    IdentityKind,
    NationalQuestion,
    Question,
    QuestionKind,
    Topic,
)
from cchc.contests.ranking import AttemptRule

from .helpers import choices

pytestmark = pytest.mark.django_db


def errors_of(instance, field: str) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        instance.full_clean(exclude=["commune", "contest"])
    return raised.value.message_dict[field]


def test_the_national_topics_are_there_from_the_start():
    names = list(Topic.objects.values_list("name", flat=True))
    assert len(names) == 9
    assert "Phòng, chống tham nhũng" in names
    assert "Tiếp công dân, khiếu nại, tố cáo" in names


def test_a_well_formed_question_passes():
    question = NationalQuestion(
        text="Công dân có quyền khiếu nại trong thời hạn bao lâu?",
        choices=choices("30 ngày", "90 ngày", "1 năm", correct=(1,)),
        legal_source="Điều 9 Luật Khiếu nại 2011",
    )
    question.full_clean()
    assert question.correct_letters == "B"


@pytest.mark.parametrize(
    ("kind", "given", "message"),
    [
        (QuestionKind.SINGLE, choices("Chỉ một"), "từ 2 đến 6 phương án trả lời, hiện có 1"),
        (QuestionKind.SINGLE, choices(*"ABCDEFG"), "từ 2 đến 6 phương án trả lời, hiện có 7"),
        (QuestionKind.SINGLE, choices("Có", "Không", correct=()), "chưa có đáp án đúng"),
        (QuestionKind.MULTIPLE, choices("Có", "Không", correct=()), "chưa có đáp án đúng"),
        (QuestionKind.SINGLE, choices("Có", "Không", "Tùy", correct=(0, 2)), "chỉ được có đúng 1 đáp án đúng"),
        (QuestionKind.SINGLE, choices("Có", "có ", correct=(0,)), "trùng nội dung"),
        (QuestionKind.SINGLE, choices("Có", "  ", correct=(0,)), "để trống"),
        (QuestionKind.SINGLE, [{"text": "Có"}, {"text": "Không"}], "cho biết có đúng hay không"),
    ],
)
def test_each_rule_of_the_choices_has_its_vietnamese_message(kind, given, message):
    question = NationalQuestion(text="Câu hỏi thử", kind=kind, choices=given)
    assert any(message in text for text in errors_of(question, "choices"))


def test_a_multiple_answer_question_may_have_several_correct_choices():
    NationalQuestion(
        text="Những trường hợp nào…", kind=QuestionKind.MULTIPLE, choices=choices("A", "B", "C", correct=(0, 2))
    ).full_clean()


def test_a_question_needs_its_text():
    question = NationalQuestion(text="", choices=choices("Có", "Không"))
    assert errors_of(question, "text") == ["Hãy nhập nội dung câu hỏi."]


def test_a_round_must_close_after_it_opens_and_draw_positive_counts_of_known_topics(commune_a):
    contest = make_instance(Contest, commune_a, title="Tìm hiểu Luật Đất đai 2024")
    opens = timezone.now()
    with commune_scope(commune_a):
        round = ContestRound(
            commune=commune_a,
            contest=contest,
            opens_at=opens,
            closes_at=opens - dt.timedelta(hours=1),
            draw={"dat-dai": 0, "khong-co": 3, "hien-phap": "5"},
        )
        with pytest.raises(ValidationError) as raised:
            round.full_clean()
    found = raised.value.message_dict
    assert found["closes_at"] == ["Thời điểm kết thúc phải sau thời điểm bắt đầu."]
    assert "Số câu hỏi của chủ đề «Đất đai» phải là số nguyên dương." in found["draw"]
    assert "Số câu hỏi của chủ đề «Hiến pháp» phải là số nguyên dương." in found["draw"]
    assert "Không có chủ đề “khong-co”." in found["draw"]

    round.closes_at = opens + dt.timedelta(days=7)
    round.draw = {}
    with commune_scope(commune_a), pytest.raises(ValidationError, match="bao nhiêu câu hỏi"):
        round.full_clean()
    round.draw = {"dat-dai": 10, "hien-phap": 5}
    with commune_scope(commune_a):
        round.full_clean()
    assert round.question_count == 15


def test_a_round_ranks_by_its_contests_rules(commune_a):
    contest = make_instance(Contest, commune_a, attempt_rule=AttemptRule.BEST, uses_prediction=True)
    round = make_instance(ContestRound, commune_a, contest=contest)
    rules = round.ranking_rules
    assert (rules.attempts, rules.uses_prediction, rules.deadline) == (AttemptRule.BEST, True, round.closes_at)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        (IdentityKind.CITIZEN_ID, "001 090 012 345", "001090012345"),
        (IdentityKind.PHONE, "+84 912.345.678", "0912345678"),
    ],
)
def test_an_entrants_identity_is_normalised(commune_a, kind, raw, expected):
    assert make_instance(Contest, commune_a, identity_kind=kind).clean_identity(raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        (IdentityKind.CITIZEN_ID, "00109001234", "đúng 12 chữ số"),
        (IdentityKind.CITIZEN_ID, "0912345678", "đúng 12 chữ số"),
        (IdentityKind.PHONE, "12345", "Số điện thoại không đúng"),
    ],
)
def test_a_wrong_identity_is_refused_in_vietnamese(commune_a, kind, raw, message):
    with pytest.raises(ValidationError, match=message):
        make_instance(Contest, commune_a, identity_kind=kind).clean_identity(raw)


def test_two_communes_may_use_the_same_contest_address(commune_a, commune_b):
    make_instance(Contest, commune_a, slug="tim-hieu-phap-luat")
    make_instance(Contest, commune_b, slug="tim-hieu-phap-luat")
    with commune_scope(commune_a):
        duplicate = Contest(commune=commune_a, title="Khác", slug="tim-hieu-phap-luat")
        with pytest.raises(ValidationError, match="Xã đã có cuộc thi dùng đường dẫn này"):
            duplicate.full_clean()


def test_make_instance_builds_every_contest_model(commune_a):
    for model in (Question, Contest, ContestRound):
        assert make_instance(model, commune_a).commune == commune_a
