"""A contest round is evidence of the plan's contest task whose period it opens in, with its entrants per village."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cchc.communes.models import Village, VillageKind
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.contests.models import Contest, ContestRound, Entrant, Entry, EntryStatus
from cchc.plans.dashboard import build_dashboard
from cchc.plans.models import Plan, Task
from cchc.plans.progress import with_contest_evidence
from cchc.plans.structure import Channel

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def make_plan(commune, year=2026):
    with commune_scope(commune):
        plan = Plan.objects.create(commune=commune, title=f"Tuyên truyền CCHC năm {year}", year=year)
        tasks = {
            "q4": Task.objects.create(
                commune=commune, plan=plan, title="Cuộc thi tìm hiểu CCHC quý IV", channel=Channel.CONTEST, quarter=4
            ),
            "q2": Task.objects.create(
                commune=commune, plan=plan, title="Cuộc thi tìm hiểu CCHC quý II", channel=Channel.CONTEST, quarter=2
            ),
            "radio": Task.objects.create(
                commune=commune, plan=plan, title="Phát thanh về CCHC", channel=Channel.RADIO, quarter=4
            ),
        }
    return plan, tasks


class Contests:
    """A commune's contest and its villages; rounds and papers are placed by the tests."""

    def __init__(self, commune, title="Tìm hiểu pháp luật về cải cách hành chính"):
        self.commune = commune
        self.contest = make_instance(Contest, commune, title=title)
        self.villages: dict[str, Village] = {}
        self.rounds = 0

    def village(self, name: str, kind=VillageKind.XOM, order=0) -> Village:
        if name not in self.villages:
            self.villages[name] = make_instance(Village, self.commune, name=name, kind=kind, sort_order=order)
        return self.villages[name]

    def round(self, opens_at: dt.datetime, papers: list[tuple[str, str | None, str]]) -> ContestRound:
        """A round opening at ``opens_at`` (for a week) with ``papers``: (entrant's name, village, status)."""
        self.rounds += 1
        held = make_instance(
            ContestRound,
            self.commune,
            contest=self.contest,
            number=self.rounds,
            opens_at=opens_at,
            closes_at=opens_at + dt.timedelta(days=7),
        )
        entrants: dict[str, Entrant] = {}
        for name, village, status in papers:
            if name not in entrants:
                entrants[name] = make_instance(
                    Entrant,
                    self.commune,
                    contest=self.contest,
                    full_name=name,
                    identity_hash=f"h{next(_serial)}",
                    village=self.village(village) if village else None,
                )
            make_instance(
                Entry,
                self.commune,
                round=held,
                entrant=entrants[name],
                number=next(_serial),
                token=f"t{next(_serial)}",
                status=status,
                submitted_at=opens_at if status != EntryStatus.OPEN else None,
            )
        return held


SUBMITTED, LATE, OPEN = EntryStatus.SUBMITTED, EntryStatus.LATE, EntryStatus.OPEN


def evidence(commune, tasks, **kwargs) -> dict[str, list]:
    with commune_scope(commune):
        listed = with_contest_evidence(list(Task.objects.filter(pk__in=[t.pk for t in tasks]).order_by("pk")), **kwargs)
    return {task.title: task.contest_rounds for task in listed}


def test_a_round_opening_in_a_contest_tasks_quarter_counts_its_entrants_per_village(commune_a, commune_b):
    _plan, tasks = make_plan(commune_a)
    contests = Contests(commune_a)
    contests.village("Nà Mòn", kind=VillageKind.BAN, order=2)
    contests.village("Đồng Tâm", order=1)
    # Quý IV on Vietnam's clock (still 30 September in UTC).
    held = contests.round(
        local(2026, 10, 1, 0, 30),
        [
            ("Nguyễn Thị Hoa", "Đồng Tâm", SUBMITTED),
            ("Nguyễn Thị Hoa", "Đồng Tâm", SUBMITTED),  # a second attempt: still one person
            ("Đặng Văn Đức", "Đồng Tâm", SUBMITTED),
            ("Lò Văn Ánh", "Nà Mòn", SUBMITTED),
            ("Hà Văn Sơn", None, SUBMITTED),  # anyone may enter: no village named
            ("Lường Thị Mai", "Nà Mòn", LATE),  # refused papers and unfinished ones are no evidence
            ("Vi Văn Tú", "Khuôn Tát", OPEN),
        ],
    )
    contests.round(local(2026, 11, 2, 7), [("Hoàng Văn Nam", "Đồng Tâm", LATE), ("Lê Thị Thu", None, OPEN)])
    contests.round(local(2026, 9, 30, 23, 30), [("Trần Văn Bình", "Đồng Tâm", SUBMITTED)])  # Quý III
    contests.round(local(2027, 1, 5, 7), [("Trần Văn Bình", "Đồng Tâm", SUBMITTED)])  # next year
    Contests(commune_b).round(local(2026, 10, 5, 7), [("Người xã khác", "Phú Đình", SUBMITTED)])

    found = evidence(commune_a, tasks.values())

    assert found["Cuộc thi tìm hiểu CCHC quý II"] == []
    assert found["Phát thanh về CCHC"] == []
    (only,) = found["Cuộc thi tìm hiểu CCHC quý IV"]
    assert only.round_id == held.pk
    assert only.entrants == 4
    assert only.villages == [("Xóm Đồng Tâm", 2), ("Bản Nà Mòn", 1), ("Không khai thôn, xóm", 1)]  # the commune's order
    assert str(only) == "Cuộc thi «Tìm hiểu pháp luật về cải cách hành chính», đợt 1: 4 người dự thi"


def test_a_task_with_its_own_dates_counts_the_rounds_opening_within_them(commune_a):
    _plan, tasks = make_plan(commune_a)
    with commune_scope(commune_a):
        Task.objects.filter(pk=tasks["q2"].pk).update(
            quarter=None, starts_on=dt.date(2026, 4, 1), due_date=dt.date(2026, 4, 30)
        )
    contests = Contests(commune_a)
    contests.round(local(2026, 4, 30, 20), [("Nguyễn Thị Hoa", "Đồng Tâm", SUBMITTED)])
    contests.round(local(2026, 5, 1, 7), [("Nguyễn Thị Hoa", "Đồng Tâm", SUBMITTED)])
    found = evidence(commune_a, [tasks["q2"]])
    assert [held.number for held in found["Cuộc thi tìm hiểu CCHC quý II"]] == [1]


def test_contest_evidence_for_a_whole_task_list_takes_two_queries(commune_a, django_assert_num_queries):
    plans = [make_plan(commune_a, year=year) for year in (2025, 2026)]
    contests = Contests(commune_a)
    for month in (10, 11, 12):
        contests.round(local(2026, month, 1, 7), [(f"Người dự thi {n}", f"Xóm {n}", SUBMITTED) for n in range(5)])
    with commune_scope(commune_a):
        tasks = list(Task.objects.filter(plan__in=[plan for plan, _tasks in plans]))
        with django_assert_num_queries(2):  # the plans' years, the entrants by round and village
            with_contest_evidence(tasks)
        with django_assert_num_queries(1):
            with_contest_evidence(tasks, years={plan.pk: plan.year for plan, _tasks in plans})
        with django_assert_num_queries(0):
            with_contest_evidence([t for t in tasks if t.channel != Channel.CONTEST])
    assert sorted(len(t.contest_rounds) for t in tasks if t.channel == Channel.CONTEST) == [0, 0, 0, 3]
    assert all(held.entrants == 5 for t in tasks for held in t.contest_rounds)


def test_the_task_list_links_the_round_and_names_its_villages(client, commune_a, commune_b, office_a):
    make_plan(commune_a)
    held = Contests(commune_a).round(
        local(2026, 10, 6, 7), [("Nguyễn Thị Hoa", "Đồng Tâm", SUBMITTED), ("Lò Văn Ánh", "Nà Mòn", SUBMITTED)]
    )
    make_plan(commune_b)
    Contests(commune_b, title="Cuộc thi của Phú Đình").round(
        local(2026, 10, 6, 7), [("Người xã khác", "Phú Đình", SUBMITTED)]
    )
    client.force_login(office_a)
    html = client.get(reverse("nhiem-vu:index")).content.decode()
    assert reverse("cchc_contests_round_results", args=[held.pk]) in html
    assert (
        "Cuộc thi «Tìm hiểu pháp luật về cải cách hành chính», đợt 1: 2 người dự thi</a> (Xóm Đồng Tâm 1, Xóm Nà Mòn 1)"
        in html
    )
    assert "Phú Đình" not in html


def test_the_tasks_table_costs_the_same_queries_however_many_contest_tasks_and_rounds(client, commune_a, office_a):
    contests = Contests(commune_a)
    make_plan(commune_a)
    contests.round(local(2026, 10, 6, 7), [("Nguyễn Thị Hoa", "Đồng Tâm", SUBMITTED)])
    client.force_login(office_a)
    client.get(reverse("nhiem-vu:index"))  # warm caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("nhiem-vu:index")).status_code == 200
        return len(queries)

    few = count()
    for _ in range(3):
        make_plan(commune_a)
        contests.round(local(2026, 11, 6, 7), [(f"Người {n}", f"Xóm {n}", SUBMITTED) for n in range(4)])
    assert count() == few


def test_the_dashboard_lists_each_round_once_with_the_tasks_it_is_evidence_of(client, commune_a, office_a):
    plan, tasks = make_plan(commune_a)
    with commune_scope(commune_a):
        year_task = Task.objects.create(
            commune=commune_a, plan=plan, title="Cuộc thi tìm hiểu CCHC cả năm", channel=Channel.CONTEST
        )
    held = Contests(commune_a).round(
        local(2026, 10, 6, 7), [("Nguyễn Thị Hoa", "Đồng Tâm", SUBMITTED), ("Lò Văn Ánh", "Nà Mòn", SUBMITTED)]
    )

    board = build_dashboard(plan, today=dt.date(2026, 12, 1))
    assert board.has_contest
    assert [(row.round_id, {t.pk for t in for_tasks}) for row, for_tasks in board.contest_rounds] == [
        (held.pk, {tasks["q4"].pk, year_task.pk})
    ]

    client.force_login(office_a)
    html = client.get(reverse("cchc_plans_dashboard", args=[plan.pk])).content.decode()
    section = " ".join(html.split('id="cuoc-thi"')[1].split("</section>")[0].split())
    assert reverse("cchc_contests_round_results", args=[held.pk]) in section
    assert "Xóm Đồng Tâm 1, Xóm Nà Mòn 1" in section
    assert "06/10/2026" in section
    assert "Cuộc thi tìm hiểu CCHC quý IV" in section
    assert "Cuộc thi tìm hiểu CCHC quý II" not in section


def test_a_plan_without_contest_tasks_shows_no_contest_section(client, commune_a, office_a):
    with commune_scope(commune_a):
        plan = Plan.objects.create(commune=commune_a, title="Tuyên truyền CCHC năm 2026", year=2026)
        Task.objects.create(commune=commune_a, plan=plan, title="Phát thanh", channel=Channel.RADIO, quarter=4)
    Contests(commune_a).round(local(2026, 10, 6, 7), [("Nguyễn Thị Hoa", "Đồng Tâm", SUBMITTED)])
    client.force_login(office_a)
    html = client.get(reverse("cchc_plans_dashboard", args=[plan.pk])).content.decode()
    assert 'id="cuoc-thi"' not in html
