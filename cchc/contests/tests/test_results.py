"""Results of a contest: the overall ranking by hand-ranked examples, each round's ranking with names, the
tables by village and by unit, and publishing the results."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cchc.audit.models import CommuneLogEntry
from cchc.communes.models import Unit, Village
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.contests import results
from cchc.contests.actions import PublishResults
from cchc.contests.entering import Applicant, StartEntry, SubmitEntry, read_form
from cchc.contests.models import Contest, ContestRound, Entrant, Entry, EntryStatus, NameDisplay
from cchc.contests.ranking import Attempt, AttemptRule, Placing, Rules, overall_rules_text, rank, rank_overall

from .helpers import open_round, right_answers

TZ = dt.timezone(dt.timedelta(hours=7))
_tokens = itertools.count(1)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


# --- the overall rule, ranked by hand -------------------------------------------------------------------------


def placed(*attempts: Attempt) -> list[Placing]:
    return rank(attempts, Rules(uses_prediction=False))


def standings(rounds) -> list[tuple[int, str, int, int]]:
    return [(s.rank, s.person, s.score, s.seconds) for s in rank_overall(rounds)]


def test_the_overall_ranking_adds_each_rounds_counted_score_then_compares_total_time():
    round_one = placed(
        Attempt("Lan", 9, 300, at(1, 8)), Attempt("Minh", 10, 500, at(1, 9)), Attempt("Hoa", 7, 60, at(1, 9))
    )
    round_two = placed(
        Attempt("Lan", 10, 200, at(8, 8)), Attempt("Minh", 9, 100, at(8, 9)), Attempt("Tú", 10, 50, at(8, 7))
    )
    # By hand: Lan 19 in 500 s, Minh 19 in 600 s, Tú 10, Hoa 7: one round only counts for what it is.
    assert standings([round_one, round_two]) == [
        (1, "Lan", 19, 500),
        (2, "Minh", 19, 600),
        (3, "Tú", 10, 50),
        (4, "Hoa", 7, 60),
    ]


def test_equal_score_and_time_the_one_who_finished_their_rounds_earlier_is_ahead_and_full_ties_share():
    round_one = placed(
        Attempt("An", 8, 100, at(1, 8)), Attempt("Bình", 8, 100, at(1, 8)), Attempt("Chi", 8, 100, at(1, 8))
    )
    round_two = placed(
        Attempt("An", 8, 100, at(8, 20)), Attempt("Bình", 8, 100, at(8, 7)), Attempt("Chi", 8, 100, at(8, 7))
    )
    # Bình and Chi handed in their last paper at 7:00 on the 8th, An at 20:00: Bình and Chi share 1, An is 3.
    ranks = [(s.rank, s.person) for s in rank_overall([round_one, round_two])]
    assert ranks[:2] in ([(1, "Bình"), (1, "Chi")], [(1, "Chi"), (1, "Bình")])
    assert ranks[2] == (3, "An")


def test_the_overall_ranking_takes_what_each_round_counted_the_best_attempt_or_the_first():
    attempts = [Attempt("Lan", 4, 60, at(1, 8)), Attempt("Lan", 10, 60, at(1, 9)), Attempt("Minh", 8, 60, at(1, 8))]
    best = rank(attempts, Rules(uses_prediction=False, attempts=AttemptRule.BEST))
    first = rank(attempts, Rules(uses_prediction=False, attempts=AttemptRule.ONE))
    assert standings([best]) == [(1, "Lan", 10, 60), (2, "Minh", 8, 60)]
    assert standings([first]) == [(1, "Minh", 8, 60), (2, "Lan", 4, 60)]
    assert [s.rounds for s in rank_overall([best, best])] == [2, 2]


def test_the_published_overall_rules_say_what_rank_overall_does():
    text = " ".join(overall_rules_text())
    assert "cộng kết quả được tính của mỗi người ở các đợt thi" in text
    assert "tổng điểm cao hơn; tổng thời gian làm bài ngắn hơn; lần nộp bài cuối cùng được tính sớm hơn" in text
    assert "đồng hạng" in text


def test_names_are_shown_in_full_or_as_initials_as_the_rules_say():
    assert results.shown_name("Nguyễn Văn An", NameDisplay.INITIALS) == "Nguyễn V. A."
    assert results.shown_name("  lê thị  ánh tuyết ", NameDisplay.INITIALS) == "lê T. Á. T."
    assert results.shown_name("Đinh Đức", NameDisplay.INITIALS) == "Đinh Đ."
    assert results.shown_name("Nguyễn Văn An", NameDisplay.FULL) == "Nguyễn Văn An"
    assert results.time_text(725) == "12 phút 05 giây"


# --- rounds from stored entries -----------------------------------------------------------------------------


def closed_contest(commune, *, rounds: int = 1, **values) -> tuple[Contest, list[ContestRound]]:
    """A published contest of ``commune`` whose ``rounds`` rounds (5 questions each) are over."""
    contest = make_instance(
        Contest, commune, **{"title": "Tìm hiểu Luật Đất đai", "slug": "dat-dai", "is_published": True, **values}
    )
    now = timezone.now()
    made = [
        make_instance(
            ContestRound,
            commune,
            contest=contest,
            number=n,
            opens_at=now - dt.timedelta(days=30 - 7 * n),
            closes_at=now - dt.timedelta(days=29 - 7 * n),
            draw={"cai-cach-hanh-chinh": 5},
        )
        for n in range(1, rounds + 1)
    ]
    return contest, made


def entrant(contest, name, *, tail="987", village=None, unit=None) -> Entrant:
    with commune_scope(contest.commune):
        return Entrant.objects.create(
            commune=contest.commune,
            contest=contest,
            identity_hash=f"hash-{name}-{tail}",
            identity_tail=tail,
            full_name=name,
            village=village,
            unit=unit,
            consented_at=timezone.now(),
        )


def entry(round, person, score, seconds, *, minutes_in=10, prediction=None, status=EntryStatus.SUBMITTED) -> Entry:
    """A paper of ``person`` handed in ``minutes_in`` minutes after the round opened."""
    with commune_scope(round.commune):
        number = Entry.objects.filter(round=round, entrant=person).count() + 1
        submitted = round.opens_at + dt.timedelta(minutes=minutes_in)
        if status == EntryStatus.LATE:
            submitted = round.closes_at + dt.timedelta(minutes=minutes_in)
        return Entry.objects.create(
            commune=round.commune,
            round=round,
            entrant=person,
            number=number,
            token=f"T{next(_tokens):025d}",
            started_at=submitted - dt.timedelta(seconds=seconds),
            deadline_at=submitted + dt.timedelta(minutes=20),
            status=status,
            submitted_at=None if status == EntryStatus.OPEN else submitted,
            score=None if status == EntryStatus.OPEN else score,
            seconds=None if status == EntryStatus.OPEN else seconds,
            prediction=prediction,
        )


@pytest.fixture
def places(commune_a):
    return {
        "dong_dau": make_instance(Village, commune_a, name="Đồng Đau", sort_order=1, population=420),
        "khau_lau": make_instance(Village, commune_a, name="Khau Lầu", sort_order=2),
        "doan": make_instance(Unit, commune_a, name="Đoàn Thanh niên", sort_order=1),
    }


@pytest.mark.django_db
def test_a_round_is_ranked_from_its_submitted_entries_with_names_and_masked_numbers(commune_a, places):
    contest, (round,) = closed_contest(commune_a, uses_prediction=True)
    lan = entrant(contest, "Hoàng Thị Lan", tail="111", village=places["dong_dau"], unit=places["doan"])
    minh = entrant(contest, "Phạm Văn Minh", tail="222", village=places["dong_dau"])
    hoa = entrant(contest, "Lý Thị Hoa", tail="333")
    late = entrant(contest, "Đến Muộn", tail="444", village=places["khau_lau"])
    dang = entrant(contest, "Chưa Nộp", tail="555")
    entry(round, lan, 5, 300, prediction=3)
    entry(round, minh, 5, 200, prediction=10)
    entry(round, hoa, 4, 100, prediction=3)
    entry(round, late, 5, 50, status=EntryStatus.LATE)
    entry(round, dang, 0, 0, status=EntryStatus.OPEN)

    rows = results.round_results(round, commune=commune_a)

    # By hand: Lan and Minh 5/5; three entrants counted, Lan guessed 3 (off by 0), Minh 10 (off by 7).
    assert [(r.rank, r.full_name, r.score, r.total, r.distance) for r in rows] == [
        (1, "Hoàng Thị Lan", 5, 5, 0),
        (2, "Phạm Văn Minh", 5, 5, 7),
        (3, "Lý Thị Hoa", 4, 5, 0),
    ]
    first = rows[0]
    assert (first.village_name, first.unit_name, first.masked_identity) == ("Xóm Đồng Đau", "Đoàn Thanh niên", "•••111")
    assert (rows[2].village_name, rows[2].unit_name) == ("", "")
    assert first.time_text == "5 phút 00 giây"
    assert not hasattr(first, "identity_hash")
    assert [r.full_name for r in results.round_results(round, commune=commune_a, up_to_rank=2)] == [
        "Hoàng Thị Lan",
        "Phạm Văn Minh",
    ]


@pytest.mark.django_db
def test_the_winners_list_up_to_a_rank_keeps_everyone_tied_at_that_rank(commune_a):
    contest, (round,) = closed_contest(commune_a)
    for n, name in enumerate(("An", "Bình", "Chi")):
        entry(round, entrant(contest, name, tail=f"10{n}"), 5, 100, minutes_in=5)
    entry(round, entrant(contest, "Dũng", tail="200"), 3, 100)
    rows = results.round_results(round, commune=commune_a, up_to_rank=2)
    assert sorted((r.rank, r.full_name) for r in rows) == [(1, "An"), (1, "Bình"), (1, "Chi")]


@pytest.mark.django_db
def test_the_best_of_several_attempts_counts_once_per_person(commune_a):
    contest, (round,) = closed_contest(commune_a, attempt_rule=AttemptRule.BEST, max_attempts=3)
    lan = entrant(contest, "Lan")
    entry(round, lan, 2, 100, minutes_in=5)
    best = entry(round, lan, 5, 400, minutes_in=30)
    entry(round, lan, 4, 50, minutes_in=60)
    (row,) = results.round_results(round, commune=commune_a)
    assert (row.score, row.seconds, row.entry_id) == (5, 400, best.pk)
    report = results.round_report(round, commune=commune_a)
    assert (report.entrants, report.entries) == (1, 3)


@pytest.mark.django_db
def test_entrants_by_village_and_by_unit_list_every_village_and_those_who_named_none(commune_a, places):
    contest, (round,) = closed_contest(commune_a, attempt_rule=AttemptRule.BEST, max_attempts=3)
    lan = entrant(contest, "Lan", village=places["dong_dau"], unit=places["doan"])
    minh = entrant(contest, "Minh", village=places["dong_dau"])
    hoa = entrant(contest, "Hoa")
    entry(round, lan, 2, 100)
    entry(round, lan, 4, 100, minutes_in=20)
    entry(round, minh, 5, 100)
    entry(round, hoa, 3, 100)
    entry(round, entrant(contest, "Muộn", village=places["khau_lau"]), 5, 100, status=EntryStatus.LATE)

    villages = [(g.name, g.entrants, g.entries, g.average_text) for g in results.by_village(round, commune=commune_a)]
    # Đồng Đau: Lan (best 4, two papers) and Minh (5): average 4,5. Khau Lầu's only paper was late.
    assert villages == [
        ("Xóm Đồng Đau", 2, 3, "4,5"),
        ("Xóm Khau Lầu", 0, 0, "—"),
        ("Không thuộc thôn, xóm nào", 1, 1, "3,0"),
    ]
    units = [(g.name, g.entrants, g.entries, g.average_text) for g in results.by_unit(contest, commune=commune_a)]
    assert units == [("Đoàn Thanh niên", 1, 2, "4,0"), ("Không thuộc đơn vị nào", 2, 2, "4,0")]
    assert results.by_village(contest, commune=commune_a)[0].population == 420


@pytest.mark.django_db
def test_the_overall_results_add_up_the_rounds_of_the_contest(commune_a):
    contest, (one, two) = closed_contest(commune_a, rounds=2)
    lan, minh, hoa = (entrant(contest, name, tail=tail) for name, tail in (("Lan", "1"), ("Minh", "2"), ("Hoa", "3")))
    entry(one, lan, 4, 100)
    entry(one, minh, 5, 300)
    entry(two, lan, 5, 100)
    entry(two, minh, 4, 200)
    entry(two, hoa, 5, 10)
    rows = results.overall_results(contest, commune=commune_a)
    # Lan 9 in 200 s, Minh 9 in 500 s, Hoa 5 in one round.
    assert [(r.rank, r.full_name, r.score, r.total, r.rounds, r.seconds) for r in rows] == [
        (1, "Lan", 9, 10, 2, 200),
        (2, "Minh", 9, 10, 2, 500),
        (3, "Hoa", 5, 5, 1, 10),
    ]
    report = results.contest_report(contest, commune=commune_a)
    assert (report.entrants, report.entries) == (3, 5)
    assert [r.full_name for r in results.overall_results(contest, commune=commune_a, up_to_rank=1)] == ["Lan"]


@pytest.mark.django_db
def test_results_are_read_in_a_few_queries_whatever_the_number_of_entrants(
    commune_a, places, django_assert_max_num_queries
):
    contest, (one, two) = closed_contest(commune_a, rounds=2)
    for n in range(30):
        person = entrant(contest, f"Người số {n}", tail=f"{n:03d}", village=places["dong_dau"], unit=places["doan"])
        entry(one, person, n % 6, 100 + n)
        entry(two, person, (n + 1) % 6, 100 + n)
    with commune_scope(commune_a):
        one = ContestRound.objects.select_related("contest").get(pk=one.pk)
    with django_assert_max_num_queries(2):
        assert len(results.round_results(one, commune=commune_a)) == 30
    with django_assert_max_num_queries(4):
        results.round_report(one, commune=commune_a)
    with django_assert_max_num_queries(5):
        assert len(results.contest_report(contest, commune=commune_a).rows) == 30


@pytest.mark.django_db
def test_another_communes_round_or_contest_is_refused(commune_a, commune_b):
    contest_b, (round_b,) = closed_contest(commune_b)
    entry(round_b, entrant(contest_b, "Người xã B"), 5, 100)
    with pytest.raises(PermissionDenied):
        results.round_results(round_b, commune=commune_a)
    with pytest.raises(PermissionDenied):
        results.overall_results(contest_b, commune=commune_a)
    with pytest.raises(PermissionDenied):
        results.by_village(round_b, commune=commune_a)


@pytest.mark.django_db
def test_entries_made_through_the_entering_actions_are_ranked(commune_a):
    """The real way in: a paper drawn and handed in by ``entering``, then ranked here."""
    round = open_round(commune_a)
    papers = []
    for name, identity in (("Vũ Thị Mai", "0912000111"), ("Đỗ Văn Nam", "0912000222")):
        applicant = Applicant(full_name=name, identity=identity, village=None, unit=None)
        papers.append(StartEntry(commune=commune_a, round=round, applicant=applicant).execute())
    mai, nam = papers
    with commune_scope(commune_a):
        mai, nam = (Entry.objects.select_related("round__contest").get(pk=p.pk) for p in papers)
    SubmitEntry(
        commune=commune_a, entry=nam, sent=read_form(nam, {}), received_at=nam.started_at + dt.timedelta(minutes=1)
    ).execute()
    SubmitEntry(
        commune=commune_a,
        entry=mai,
        sent=read_form(mai, right_answers(mai)),
        received_at=mai.started_at + dt.timedelta(minutes=3),
    ).execute()
    rows = results.round_results(round, commune=commune_a)
    assert [(r.rank, r.full_name, r.score, r.masked_identity) for r in rows] == [
        (1, "Vũ Thị Mai", 5, "•••111"),
        (2, "Đỗ Văn Nam", 0, "•••222"),
    ]


# --- publishing -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_justice_officer_publishes_a_closed_round_once_with_one_audit_record(commune_a, make_official):
    justice = make_official(commune_a, Role.JUSTICE)
    _contest, (round,) = closed_contest(commune_a)
    PublishResults(commune=commune_a, user=justice, round=round).execute()
    round.refresh_from_db()
    assert round.results_published_at is not None
    with commune_scope(commune_a):
        (record,) = CommuneLogEntry.objects.filter(action="cchc.publish")
    assert record.user == justice
    with pytest.raises(PermissionDenied, match="đã được công bố"):
        PublishResults(commune=commune_a, user=justice, round=round).execute()
    with commune_scope(commune_a):
        assert CommuneLogEntry.objects.filter(action="cchc.publish").count() == 1


@pytest.mark.django_db
def test_results_are_not_published_before_the_round_closes(commune_a, make_official):
    round = open_round(commune_a)
    with pytest.raises(PermissionDenied, match="Đợt thi chưa kết thúc"):
        PublishResults(commune=commune_a, user=make_official(commune_a, Role.CHAIRMAN), round=round).execute()
    round.refresh_from_db()
    assert round.results_published_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OVERSEER, Role.FINANCE, Role.BROADCASTER])
def test_a_role_without_the_right_cannot_publish(commune_a, make_official, role):
    _contest, (round,) = closed_contest(commune_a)
    with pytest.raises(PermissionDenied, match="Chỉ công chức Tư pháp"):
        PublishResults(commune=commune_a, user=make_official(commune_a, role), round=round).execute()
    round.refresh_from_db()
    assert round.results_published_at is None


@pytest.mark.django_db
def test_an_official_of_another_commune_cannot_publish_its_round(commune_a, commune_b, make_official):
    _contest, (round_b,) = closed_contest(commune_b)
    justice_a = make_official(commune_a, Role.JUSTICE)
    with pytest.raises(PermissionDenied):
        PublishResults(commune=commune_a, user=justice_a, round=round_b).execute()
    with pytest.raises(PermissionDenied):
        PublishResults(commune=commune_b, user=justice_a, round=round_b).execute()
    round_b.refresh_from_db()
    assert round_b.results_published_at is None
