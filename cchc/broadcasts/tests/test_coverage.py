"""Airings per village and quarter: scheduled, played (once per airing), missed, silent speakers."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from cchc.broadcasts.coverage import GRACE, attention, village_coverage
from cchc.broadcasts.models import Airing, Broadcast, PlayLog, PlayOutcome
from cchc.communes.scoping import commune_scope

_keys = itertools.count(1)


def local(*args) -> dt.datetime:
    """A moment on Vietnam's clock."""
    return timezone.make_aware(dt.datetime(*args))


NOW = local(2026, 11, 15, 12, 0)


@pytest.fixture
def rule(make_script):
    """A schedule rule of a commune (the rows under test are its airings, made directly)."""

    def make(commune, *, cancelled=False):
        script = make_script(commune)
        with commune_scope(commune):
            return Broadcast.objects.create(
                commune=commune,
                script=script,
                starts_on=dt.date(2026, 1, 1),
                ends_on=dt.date(2026, 12, 31),
                times=["06:30"],
                all_clusters=True,
                is_cancelled=cancelled,
            )

    return make


def airing(broadcast, cluster, at, *plays):
    """An airing at ``at`` with the speaker's reports of it, each an outcome."""
    with commune_scope(cluster.commune):
        row = Airing.objects.create(commune=cluster.commune, broadcast=broadcast, cluster=cluster, starts_at=at)
        for outcome in plays:
            PlayLog.objects.create(
                commune=cluster.commune,
                cluster=cluster,
                airing=row,
                report_key=f"r{next(_keys)}",
                started_at=at,
                outcome=outcome,
            )
    return row


def heard(cluster, at):
    with commune_scope(cluster.commune):
        cluster.last_seen_at = at
        cluster.save(update_fields=["last_seen_at"])


def coverage(commune, **kwargs):
    with commune_scope(commune):
        return village_coverage(commune=commune, **kwargs)


PLAYED, FAILED, SKIPPED = PlayOutcome.PLAYED, PlayOutcome.FAILED, PlayOutcome.SKIPPED


def test_each_village_shows_its_airings_played_and_missed_ethnic_minority_villages_first(commune_a, make_cluster, rule):
    broadcast = rule(commune_a)
    well = make_cluster(commune_a, "Cụm loa xóm Đồng Tâm")
    missing = make_cluster(commune_a, "Cụm loa xóm Bản Lải", ethnic=True)
    quiet = make_cluster(commune_a, "Cụm loa xóm Na Hoa")
    for day in (10, 11, 12):
        airing(broadcast, well, local(2026, 11, day, 6, 30), PLAYED)
        airing(broadcast, quiet, local(2026, 11, day, 6, 30), PLAYED)
    airing(broadcast, missing, local(2026, 11, 10, 6, 30), PLAYED)
    airing(broadcast, missing, local(2026, 11, 11, 6, 30))
    airing(broadcast, missing, local(2026, 11, 12, 6, 30), SKIPPED)
    heard(well, NOW - dt.timedelta(minutes=5))
    heard(missing, NOW - dt.timedelta(minutes=10))
    heard(quiet, NOW - dt.timedelta(hours=3))

    rows = coverage(commune_a, year=2026, quarter=4, now=NOW)

    assert [(r.name, r.scheduled, r.played, r.missed, r.silent) for r in rows] == [
        ("xóm Bản Lải", 3, 1, 2, False),  # ethnic-minority village first, whatever its figures
        ("xóm Na Hoa", 3, 3, 0, True),  # then the silent one
        ("xóm Đồng Tâm", 3, 3, 0, False),
    ]
    assert rows[0].is_ethnic_minority
    assert rows[0].percent == 33
    assert rows[1].last_heard == NOW - dt.timedelta(hours=3)
    assert [c.name for c in rows[2].clusters] == ["Cụm loa xóm Đồng Tâm"]


def test_a_failed_play_is_not_played_and_a_report_sent_twice_counts_once(commune_a, make_cluster, rule):
    broadcast = rule(commune_a)
    cluster = make_cluster(commune_a, "Cụm loa xóm Đồng Tâm")
    airing(broadcast, cluster, local(2026, 11, 10, 6, 30), FAILED)
    airing(broadcast, cluster, local(2026, 11, 11, 6, 30), PLAYED, PLAYED)  # resent after a network cut
    airing(broadcast, cluster, local(2026, 11, 12, 6, 30), FAILED, PLAYED)  # failed, then played on retry

    (row,) = coverage(commune_a, year=2026, quarter=4, now=NOW)

    assert (row.scheduled, row.played, row.missed) == (3, 2, 1)


def test_only_airings_already_due_count_and_a_late_report_has_a_grace_period(commune_a, make_cluster, rule):
    broadcast = rule(commune_a)
    cluster = make_cluster(commune_a, "Cụm loa xóm Đồng Tâm")
    airing(broadcast, cluster, NOW - GRACE - dt.timedelta(minutes=1))  # long past, never reported: missed
    airing(broadcast, cluster, NOW - dt.timedelta(minutes=20))  # just aired, the report may still come
    airing(broadcast, cluster, NOW + dt.timedelta(hours=5))  # not yet due

    (row,) = coverage(commune_a, year=2026, quarter=4, now=NOW)

    assert (row.scheduled, row.played, row.missed) == (2, 0, 1)


def test_an_unplayed_airing_of_a_cancelled_schedule_is_not_expected(commune_a, make_cluster, rule):
    cancelled = rule(commune_a, cancelled=True)
    cluster = make_cluster(commune_a, "Cụm loa xóm Đồng Tâm")
    airing(cancelled, cluster, local(2026, 11, 10, 6, 30), PLAYED)
    airing(cancelled, cluster, local(2026, 11, 11, 6, 30))

    (row,) = coverage(commune_a, year=2026, quarter=4, now=NOW)

    assert (row.scheduled, row.played, row.missed) == (1, 1, 0)


def test_quarters_split_at_midnight_on_vietnams_clock(commune_a, make_cluster, rule):
    broadcast = rule(commune_a)
    cluster = make_cluster(commune_a, "Cụm loa xóm Đồng Tâm")
    # Both fall on 30 September in UTC; on Vietnam's clock the second is already in Quý IV.
    airing(broadcast, cluster, local(2026, 9, 30, 23, 30), PLAYED)
    airing(broadcast, cluster, local(2026, 10, 1, 0, 30), PLAYED)
    airing(broadcast, cluster, local(2026, 12, 31, 23, 59), PLAYED)
    airing(broadcast, cluster, local(2027, 1, 1, 0, 0), PLAYED)
    later = local(2027, 2, 1)

    def played(**period):
        (row,) = coverage(commune_a, now=later, **period)
        return row.played

    assert played(year=2026, quarter=3) == 1
    assert played(year=2026, quarter=4) == 2
    assert played(year=2026) == 3
    assert played(year=2027, quarter=1) == 1


def test_a_cluster_never_heard_from_is_silent_and_one_switched_off_is_not(commune_a, make_cluster, rule):
    make_cluster(commune_a, "Cụm loa xóm Mới")
    make_cluster(commune_a, "Cụm loa xóm Cũ", is_active=False)

    rows = {r.name: r for r in coverage(commune_a, year=2026, now=NOW)}

    assert rows["xóm Mới"].silent
    assert rows["xóm Mới"].last_heard is None
    assert not rows["xóm Cũ"].silent


def test_attention_lists_villages_that_missed_airings_this_week_or_went_silent(
    commune_a, commune_b, make_cluster, rule
):
    broadcast = rule(commune_a)
    well = make_cluster(commune_a, "Cụm loa xóm Đồng Tâm")
    long_ago = make_cluster(commune_a, "Cụm loa xóm Khuôn Tát")
    missing = make_cluster(commune_a, "Cụm loa xóm Làng Quặng")
    silent_minority = make_cluster(commune_a, "Cụm loa bản Nà Mòn", ethnic=True)
    airing(broadcast, well, NOW - dt.timedelta(days=1), PLAYED)
    airing(broadcast, long_ago, NOW - dt.timedelta(days=9))  # missed, but before this week
    airing(broadcast, missing, NOW - dt.timedelta(days=2))
    airing(broadcast, missing, NOW - dt.timedelta(days=3), FAILED)
    for cluster in (well, long_ago, missing):
        heard(cluster, NOW - dt.timedelta(minutes=1))
    heard(silent_minority, NOW - dt.timedelta(days=2))
    other = make_cluster(commune_b, "Cụm loa xóm Phú Đình")  # silent too, but another commune's

    with commune_scope(commune_a):
        rows = attention(commune=commune_a, now=NOW)

    assert [(r.name, r.missed, r.silent) for r in rows] == [("bản Nà Mòn", 0, True), ("xóm Làng Quặng", 2, False)]
    assert other.village_id not in {r.village.pk for r in rows}
