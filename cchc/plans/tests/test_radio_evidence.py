"""Airings the speakers report played are evidence of the plan's radio tasks, with no report filed."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cchc.broadcasts.models import Airing, Broadcast, PlayLog, PlayOutcome, Script, SpeakerCluster
from cchc.communes.models import Village
from cchc.communes.scoping import commune_scope
from cchc.plans.dashboard import build_dashboard
from cchc.plans.models import Plan, ProgressReport, Task
from cchc.plans.progress import task_percent, with_radio_evidence
from cchc.plans.structure import Channel

_keys = itertools.count(1)


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


class Radio:
    """A commune's speakers, one per village, and a rule whose airings the tests place and report."""

    def __init__(self, commune):
        self.commune = commune
        with commune_scope(commune):
            script = Script.objects.create(commune=commune, title="Cải cách hành chính", body="Thông báo.")
            self.rule = Broadcast.objects.create(
                commune=commune,
                script=script,
                starts_on=dt.date(2026, 1, 1),
                ends_on=dt.date(2026, 12, 31),
                times=["06:30"],
                all_clusters=True,
            )
        self.clusters: dict[str, SpeakerCluster] = {}

    def cluster(self, village: str, *, ethnic=False) -> SpeakerCluster:
        if village not in self.clusters:
            with commune_scope(self.commune):
                place = Village.objects.create(commune=self.commune, name=village, is_ethnic_minority=ethnic)
                self.clusters[village] = SpeakerCluster.objects.create(
                    commune=self.commune, name=f"Cụm loa {village}", village=place, last_seen_at=timezone.now()
                )
        return self.clusters[village]

    def air(self, village: str, at: dt.datetime, outcome: str | None = PlayOutcome.PLAYED) -> None:
        cluster = self.cluster(village)
        with commune_scope(self.commune):
            airing = Airing.objects.create(commune=self.commune, broadcast=self.rule, cluster=cluster, starts_at=at)
            if outcome:
                PlayLog.objects.create(
                    commune=self.commune,
                    cluster=cluster,
                    airing=airing,
                    report_key=f"r{next(_keys)}",
                    started_at=at,
                    outcome=outcome,
                )


def make_plan(commune, year=2026, **radio_task):
    with commune_scope(commune):
        plan = Plan.objects.create(commune=commune, title=f"Tuyên truyền CCHC năm {year}", year=year)
        radio = Task.objects.create(
            commune=commune,
            plan=plan,
            title="Phát thanh về CCHC trên loa các thôn, xóm",
            channel=Channel.RADIO,
            **({"quarter": 4} | radio_task),
        )
        survey = Task.objects.create(
            commune=commune, plan=plan, title="Khảo sát sự hài lòng", channel=Channel.SURVEY, quarter=4
        )
    return plan, radio, survey


def evidence(commune, *tasks):
    with commune_scope(commune):
        listed = with_radio_evidence(list(Task.objects.filter(pk__in=[t.pk for t in tasks]).order_by("pk")))
    return [task.radio_evidence for task in listed]


@pytest.fixture
def radio_a(commune_a):
    return Radio(commune_a)


def test_a_radio_task_counts_the_airings_played_in_its_quarter_in_its_own_commune(commune_a, commune_b, radio_a):
    _plan, radio, survey = make_plan(commune_a)
    radio_a.cluster("bản Nà Mòn", ethnic=True)
    radio_a.air("xóm Đồng Tâm", local(2026, 10, 1, 0, 30))  # Quý IV on Vietnam's clock (still 30/9 in UTC)
    radio_a.air("xóm Đồng Tâm", local(2026, 11, 2, 6, 30))
    radio_a.air("bản Nà Mòn", local(2026, 11, 2, 6, 30))
    radio_a.air("xóm Đồng Tâm", local(2026, 9, 30, 23, 30))  # Quý III
    radio_a.air("xóm Đồng Tâm", local(2027, 1, 1, 6, 30))  # next year
    radio_a.air("xóm Khuôn Tát", local(2026, 11, 3, 6, 30), PlayOutcome.FAILED)
    radio_a.air("xóm Khuôn Tát", local(2026, 11, 4, 6, 30), None)  # never reported
    other = Radio(commune_b)
    other.air("xóm Phú Đình", local(2026, 11, 2, 6, 30))

    radio_evidence, survey_evidence = evidence(commune_a, radio, survey)

    assert radio_evidence.played == 3
    assert radio_evidence.villages == [("bản Nà Mòn", 1), ("xóm Đồng Tâm", 2)]  # ethnic-minority village first
    assert str(radio_evidence) == "Đã phát 3 lượt tại 2 thôn, xóm"
    assert survey_evidence is None


def test_a_task_with_its_own_dates_counts_within_them(commune_a, radio_a):
    _plan, radio, survey = make_plan(
        commune_a, quarter=None, starts_on=dt.date(2026, 4, 1), due_date=dt.date(2026, 4, 30)
    )
    radio_a.air("xóm Đồng Tâm", local(2026, 4, 30, 20, 0))
    radio_a.air("xóm Đồng Tâm", local(2026, 5, 1, 6, 30))
    (found, _none) = evidence(commune_a, radio, survey)
    assert found.played == 1


def test_airings_count_against_a_target_until_a_report_says_otherwise(commune_a, radio_a):
    _plan, radio, survey = make_plan(commune_a, target_value=10, target_label="lượt phát")
    for day in range(1, 5):
        radio_a.air("xóm Đồng Tâm", local(2026, 10, day, 6, 30))
    (found, _none) = evidence(commune_a, radio, survey)
    assert task_percent(radio, None, radio_played=found.played) == 40
    assert task_percent(radio, None, radio_played=30) == 100

    with commune_scope(commune_a):
        report = ProgressReport(commune=commune_a, task=radio, reported_on=dt.date(2026, 10, 5), percent=20)
    assert task_percent(radio, report, radio_played=found.played) == 20  # the unit's word prevails


def test_without_a_target_airings_are_shown_but_progress_comes_from_reports(commune_a, radio_a):
    _plan, radio, survey = make_plan(commune_a)
    radio_a.air("xóm Đồng Tâm", local(2026, 10, 1, 6, 30))
    (found, _none) = evidence(commune_a, radio, survey)
    assert found.played == 1
    assert task_percent(radio, None, radio_played=found.played) == 0


def test_the_dashboard_counts_airings_and_lists_villages_needing_attention(commune_a, radio_a):
    plan, _radio, _survey = make_plan(commune_a, target_value=4)
    radio_a.air("xóm Đồng Tâm", local(2026, 10, 1, 6, 30))
    radio_a.air("xóm Đồng Tâm", local(2026, 10, 2, 6, 30))
    radio_a.air("bản Nà Mòn", timezone.now() - dt.timedelta(days=1), None)  # missed this week

    board = build_dashboard(plan, today=dt.date(2026, 12, 1))

    assert board.total.percent == 25  # the radio task at 50%, the survey task at 0%
    assert [row.name for row in board.radio_attention] == ["bản Nà Mòn"]


def test_the_dashboard_page_names_the_village_and_links_the_coverage_report(client, commune_a, office_a, radio_a):
    plan, _radio, _survey = make_plan(commune_a)
    quiet = radio_a.cluster("bản Nà Mòn", ethnic=True)
    with commune_scope(commune_a):
        SpeakerCluster.objects.filter(pk=quiet.pk).update(last_seen_at=None)  # never heard from: silent
    radio_a.cluster("xóm Đồng Tâm")  # heard just now
    client.force_login(office_a)
    html = client.get(reverse("cchc_plans_dashboard", args=[plan.pk])).content.decode()
    radio = html.split('id="truyen-thanh"')[1].split("</section>")[0]
    assert "Truyền thanh: thôn, xóm cần chú ý" in html
    assert "bản Nà Mòn</strong> — <strong>vùng đồng bào dân tộc thiểu số</strong>" in " ".join(radio.split())
    assert "loa mất liên lạc (chưa từng liên lạc)" in " ".join(radio.split())
    assert "xóm Đồng Tâm" not in radio
    assert reverse("cchc_broadcasts_coverage") + "?year=2026" in html


def test_the_tasks_table_shows_the_airings_and_links_the_coverage_report(client, commune_a, office_a, radio_a):
    _plan, _radio, _survey = make_plan(commune_a)
    radio_a.air("xóm Đồng Tâm", local(2026, 10, 1, 6, 30))
    radio_a.air("bản Nà Mòn", local(2026, 10, 1, 6, 30))
    client.force_login(office_a)
    html = client.get(reverse("nhiem-vu:index")).content.decode()
    assert "Đã phát 2 lượt tại 2 thôn, xóm" in html
    assert reverse("cchc_broadcasts_coverage") + "?year=2026&amp;quarter=4" in html


def test_radio_evidence_for_a_whole_task_list_takes_two_queries(commune_a, radio_a, django_assert_num_queries):
    plans = [make_plan(commune_a, year=year) for year in (2025, 2026)]
    for day in range(1, 6):
        radio_a.air(f"xóm {day}", local(2026, 10, day, 6, 30))
    with commune_scope(commune_a):
        tasks = list(Task.objects.filter(plan__in=[p for p, _r, _s in plans]))
        with django_assert_num_queries(2):  # the plans' years, the played airings by village and day
            with_radio_evidence(tasks)
        with django_assert_num_queries(0):
            with_radio_evidence([t for t in tasks if t.channel != Channel.RADIO])
    assert sorted(t.radio_evidence.played for t in tasks if t.radio_evidence) == [0, 5]


def test_the_tasks_table_costs_the_same_queries_however_many_radio_tasks(client, commune_a, office_a, radio_a):
    radio_a.air("xóm Đồng Tâm", local(2026, 10, 1, 6, 30))
    make_plan(commune_a)
    client.force_login(office_a)
    client.get(reverse("nhiem-vu:index"))  # warm caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("nhiem-vu:index")).status_code == 200
        return len(queries)

    few = count()
    for _ in range(4):
        make_plan(commune_a)
    assert count() == few
