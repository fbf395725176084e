"""Handing papers out and in: one clock per paper, attempts by the contest's rule, late papers refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cchc.audit.models import CommuneLogEntry
from cchc.communes.models import Village
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.contests import entering
from cchc.contests.entering import (
    AttemptsUsed,
    RoundClosed,
    StartEntry,
    SubmitEntry,
    clean_applicant,
    read_form,
)
from cchc.contests.models import Eligibility, Entrant, Entry, EntryStatus, IdentityKind
from cchc.contests.ranking import AttemptRule

from .helpers import open_round, right_answers

pytestmark = pytest.mark.django_db


def applicant(round, name="Nguyễn Thị Hoa", identity="0912 345 678", village=None, consent=True):
    return clean_applicant(
        commune=round.commune,
        contest=round.contest,
        full_name=name,
        identity=identity,
        village_id=village.pk if village else "",
        unit_id="",
        consent=consent,
    )


def start(round, now=None, **kwargs):
    return StartEntry(commune=round.commune, round=round, applicant=applicant(round, **kwargs), now=now).execute()


def submit(entry, form, at=None):
    with commune_scope(entry.commune):
        entry = Entry.objects.select_related("round__contest", "entrant").get(pk=entry.pk)
    sent = read_form(entry, form)
    return SubmitEntry(commune=entry.commune, entry=entry, sent=sent, received_at=at or timezone.now()).execute()


def test_a_paper_draws_distinct_questions_with_its_own_clock_and_keeps_no_number(commune_a):
    round = open_round(commune_a)
    before = timezone.now()
    entry = start(round)
    assert entry.resumed is False
    refs = [item["q"] for item in entry.paper]
    assert len(refs) == 5
    assert len(set(refs)) == 5
    assert all(sorted(item["o"]) == [0, 1, 2, 3] for item in entry.paper)
    limit = dt.timedelta(minutes=20, seconds=entering.GRACE_SECONDS)
    assert before + limit <= entry.deadline_at <= timezone.now() + limit
    with commune_scope(commune_a):
        entrant = Entrant.objects.get()
    stored = [str(getattr(entrant, f.attname)) for f in Entrant._meta.concrete_fields]
    assert not any("912345678" in value or "912 345" in value for value in stored)
    assert entrant.identity_tail == "678"
    assert entrant.masked_identity == "•••678"


def test_the_same_person_gets_the_same_paper_back_and_the_clock_keeps_running(commune_a):
    round = open_round(commune_a)
    first = start(round)
    later = timezone.now() + dt.timedelta(minutes=5)
    # Another way of writing the same phone number, the name without tones: the same person.
    again = start(round, now=later, identity="+84 912.345.678", name="nguyen thi  hoa")
    assert again.resumed is True
    assert again.pk == first.pk
    assert again.deadline_at == first.deadline_at
    assert again.paper == first.paper
    with commune_scope(commune_a):
        assert Entry.objects.count() == 1


def test_knowing_a_number_is_not_enough_to_open_someone_elses_paper(commune_a):
    round = open_round(commune_a)
    start(round)
    with pytest.raises(PermissionDenied, match="họ tên khác"):
        start(round, name="Trần Văn Bình")


def test_one_attempt_only_refuses_a_second_paper(commune_a):
    round = open_round(commune_a, attempt_rule=AttemptRule.ONE)
    entry = start(round)
    submit(entry, right_answers(entry))
    with pytest.raises(AttemptsUsed, match="1 lần"):
        start(round)


def test_several_attempts_up_to_the_contests_maximum(commune_a):
    round = open_round(commune_a, attempt_rule=AttemptRule.BEST, max_attempts=2)
    first = start(round)
    submit(first, {})
    second = start(round)
    assert second.pk != first.pk
    assert second.number == 2
    assert second.resumed is False
    submit(second, right_answers(second))
    with pytest.raises(AttemptsUsed):
        start(round)


def test_a_paper_that_ran_out_of_time_uses_its_attempt(commune_a):
    round = open_round(commune_a, attempt_rule=AttemptRule.BEST, max_attempts=3)
    first = start(round)
    later = first.deadline_at + dt.timedelta(seconds=1)
    second = start(round, now=later)
    assert second.number == 2
    assert second.started_at == later


def test_scoring_counts_exact_answers_and_ignores_forged_values(commune_a):
    round = open_round(commune_a, questions=6, multiple=6)  # every question has two correct choices
    entry = start(round)
    form = right_answers(entry)
    assert submit(entry, form).score == 5
    entry2 = start(round, name="Lê Văn Nam", identity="0987654321")
    half = {f"c{i}": values[:1] for i, values in enumerate(right_answers(entry2).values())}  # one of two: wrong
    forged = {**half, "c0": ["0", "1", "2", "3", "9", "-1", "x", "3"], "c99": ["1"]}
    stored = submit(entry2, forged)
    assert stored.score == 0
    assert stored.answers[0] == [0, 1, 2, 3]


def test_a_paper_is_handed_in_once(commune_a):
    round = open_round(commune_a)
    entry = start(round)
    first = submit(entry, right_answers(entry))
    again = submit(entry, {})
    assert first.already_recorded is False
    assert again.already_recorded is True
    assert again.score == 5
    with commune_scope(commune_a):
        assert CommuneLogEntry.objects.filter(action=entering.LOG_SUBMIT).count() == 1
        assert Entry.objects.get().score == 5


def test_a_paper_arriving_after_its_deadline_is_kept_but_not_counted(commune_a):
    round = open_round(commune_a)
    entry = start(round)
    late = submit(entry, right_answers(entry), at=entry.deadline_at + dt.timedelta(seconds=1))
    assert late.status == EntryStatus.LATE
    assert late.score is None
    assert late.answers
    assert all(late.answers)


def test_in_time_means_when_it_arrived_not_when_it_was_stored(commune_a):
    round = open_round(commune_a)
    entry = start(round)
    arrived = entry.deadline_at - dt.timedelta(seconds=1)
    stored = submit(entry, right_answers(entry), at=arrived)  # stored "now", well after arriving
    assert stored.status == EntryStatus.SUBMITTED
    assert stored.submitted_at == arrived


def test_the_clock_never_runs_past_the_rounds_close(commune_a):
    round = open_round(commune_a)
    near_close = round.closes_at - dt.timedelta(minutes=3)
    entry = start(round, now=near_close)
    assert entry.deadline_at == round.closes_at
    with pytest.raises(RoundClosed, match="đã kết thúc"):
        start(round, now=round.closes_at, name="Lê Văn Nam", identity="0987654321")
    with pytest.raises(RoundClosed, match="chưa bắt đầu"):
        start(round, now=round.opens_at - dt.timedelta(seconds=1), name="Lê Văn Nam", identity="0987654321")


def test_an_unpublished_contest_takes_no_entries(commune_a):
    round = open_round(commune_a, is_published=False)
    with pytest.raises(RoundClosed, match="chưa được công bố"):
        start(round)


def test_the_start_form_is_checked_field_by_field(commune_a, commune_b):
    round = open_round(commune_a, eligibility=Eligibility.RESIDENTS, identity_kind=IdentityKind.CITIZEN_ID)
    foreign = make_instance(Village, commune_b, name="Thôn Khác")
    with pytest.raises(ValidationError) as caught:
        clean_applicant(
            commune=commune_a,
            contest=round.contest,
            full_name=" ",
            identity="0912345678",
            village_id=foreign.pk,
            unit_id="abc",
            consent=False,
        )
    errors = caught.value.message_dict
    assert set(errors) == {"full_name", "identity", "village", "unit", "consent"}
    assert "12 chữ số" in errors["identity"][0]
    with pytest.raises(ValidationError) as caught:
        applicant(round, identity="0010 9501 2345")
    assert set(caught.value.message_dict) == {"village"}  # residents only: the village is required
    village = make_instance(Village, commune_a, name="Xóm Đông")
    cleaned = applicant(round, identity="0010 9501 2345", village=village)
    assert cleaned.identity == "001095012345"
    assert cleaned.village == village


def test_the_same_number_in_two_contests_cannot_be_linked(commune_a):
    first = open_round(commune_a)
    second = open_round(commune_a, questions=0, slug="thi-lan-2", title="Cuộc thi thứ hai")
    assert entering.identity_hash(first.contest, "0912345678") != entering.identity_hash(second.contest, "0912345678")


def test_papers_are_shuffled_per_entrant(commune_a):
    round = open_round(commune_a, questions=8)
    papers = set()
    for n in range(8):
        entry = start(round, name=f"Người thứ {n}", identity=f"09123456{n:02d}")
        papers.add(tuple((item["q"], tuple(item["o"])) for item in entry.paper))
    assert len(papers) == 8  # 8 questions × 24 orders each: equal papers would be a broken draw


def test_a_prediction_is_required_when_the_round_asks_for_one(commune_a):
    round = open_round(commune_a, uses_prediction=True)
    entry = start(round)
    with commune_scope(commune_a):
        entry = Entry.objects.select_related("round__contest").get(pk=entry.pk)
    for bad in ("", "nhiều", "-5", "99999999999"):
        with pytest.raises(ValidationError, match=r"dự đoán"):
            read_form(entry, {"du_doan": [bad]})
    assert read_form(entry, {"du_doan": ["12.500"]}).prediction == 12500


def test_digits_of_another_script_are_the_same_number(commune_a):
    round = open_round(commune_a)
    first = start(round)
    again = start(round, identity="09１２３４５６７８")  # full-width digits, as some keyboards type them
    assert again.pk == first.pk
    with commune_scope(commune_a):
        assert Entrant.objects.get().identity_tail == "678"
    with pytest.raises(ValidationError):
        start(round, identity="０９¹²³⁴⁵⁶⁷⁸")  # superscripts are not digits of a number


def test_the_paper_keeps_the_question_as_drawn(commune_a):
    from cchc.contests.models import NationalQuestion

    round = open_round(commune_a)
    entry = start(round)
    item = entry.paper[0]
    question = NationalQuestion.objects.get(pk=int(item["q"][1:]))
    question.text = "Câu hỏi đã sửa giữa đợt?"
    question.choices = [{"text": "Mới", "correct": True}, {"text": "Khác", "correct": False}]
    question.save()
    form = right_answers(entry)
    assert submit(entry, form).score == 5  # scored on the paper as it was handed out


def test_the_rules_that_decide_attempts_are_fixed_once_someone_entered(commune_a):
    from cchc.contests.actions import EditContest

    round = open_round(commune_a)
    contest = round.contest
    contest.title = "Tên mới"
    EditContest(contest, commune=commune_a).execute()  # nobody entered yet: anything may change
    start(round)
    contest.attempt_rule = AttemptRule.BEST
    contest.identity_kind = IdentityKind.CITIZEN_ID
    with pytest.raises(PermissionDenied, match="số lần dự thi"):
        EditContest(contest, commune=commune_a).execute()
    contest.attempt_rule, contest.identity_kind = AttemptRule.ONE, IdentityKind.PHONE
    contest.prizes = "Giải thưởng bổ sung"
    EditContest(contest, commune=commune_a).execute()  # the prizes may still be announced


def test_handing_out_a_paper_reads_the_chosen_questions_not_the_whole_bank(commune_a, django_assert_max_num_queries):
    from cchc.contests.models import NationalQuestion, Topic

    round = open_round(commune_a, questions=6)
    start(round, name="Người thứ nhất", identity="0912000001")  # warm the caches
    with django_assert_max_num_queries(30) as few:
        start(round, name="Người thứ hai", identity="0912000002")
    budget = len(few.captured_queries)
    topic = Topic.objects.get(slug="cai-cach-hanh-chinh")
    for n in range(200):
        NationalQuestion.objects.create(text=f"Câu hỏi thêm số {n}?", choices=[
            {"text": "Có", "correct": True}, {"text": "Không", "correct": False}]).topics.add(topic)  # fmt: skip
    with django_assert_max_num_queries(budget) as many:
        entry = start(round, name="Người thứ ba", identity="0912000003")
    assert len(entry.paper) == 5
    # Question texts and choices are read only for the questions drawn, by their ids.
    reads = [query["sql"] for query in many.captured_queries if '"choices"' in query["sql"]]
    assert reads
    assert all('question"."id" IN (' in sql for sql in reads)
