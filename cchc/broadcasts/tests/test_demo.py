"""The radio demo: a cluster per village of Định Biên, past and future airings, and a coverage report
with played airings, missed ones and one silent cluster; loading it again changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.broadcasts.coverage import attention, village_coverage
from cchc.broadcasts.demo import SILENT_VILLAGE, load_demo_radio
from cchc.broadcasts.devices import cluster_for_token
from cchc.broadcasts.models import (
    Airing,
    AudioStatus,
    Broadcast,
    PlayLog,
    PlayOutcome,
    Programme,
    Script,
    SpeakerCluster,
)
from cchc.communes.scoping import commune_scope
from cchc.demo.communes import DINH_BIEN_VILLAGES, load_demo_communes
from cchc.portal.demo import load_demo_news

NOW = timezone.make_aware(dt.datetime(2026, 11, 18, 10, 0))  # a Wednesday morning, Vietnam's clock


@pytest.fixture
def dinh_bien(db):
    """Định Biên with its villages, officials and articles, as the demo loads them before the radio."""
    commune = load_demo_communes()[0]
    load_demo_news(commune)
    return commune


def counts(commune):
    with commune_scope(commune):
        return {
            model.__name__: model.objects.filter(commune=commune).count()
            for model in (SpeakerCluster, Programme, Script, Broadcast, Airing, PlayLog)
        }


def test_loading_the_radio_demo_again_the_next_day_adds_nothing(dinh_bien):
    load_demo_radio(dinh_bien, now=NOW)
    first = counts(dinh_bien)
    assert first["SpeakerCluster"] == 9
    assert first["Script"] == 3
    assert first["Broadcast"] == 3
    assert first["PlayLog"] > 0
    load_demo_radio(dinh_bien, now=NOW + dt.timedelta(days=1))
    assert counts(dinh_bien) == first


def test_every_village_has_a_cluster_with_a_place_and_the_broadcaster_wrote_the_radio(dinh_bien):
    load_demo_radio(dinh_bien, now=NOW)
    with commune_scope(dinh_bien):
        clusters = list(SpeakerCluster.objects.select_related("village"))
        scripts = list(Script.objects.select_related("created_by"))
        rules = list(Broadcast.objects.select_related("created_by"))
        future = Airing.objects.filter(starts_at__gt=NOW).count()
        past = Airing.objects.filter(starts_at__lt=NOW).count()
    assert {c.village.name for c in clusters} == {name for name, *_rest in DINH_BIEN_VILLAGES}
    assert all(c.location and c.village.name in c.location for c in clusters)
    assert past
    assert future
    # One script read from a demo article, two written by the commune; audio asked for, not yet made.
    assert sum(s.source_page_id is not None for s in scripts) == 1
    assert {s.audio_status for s in scripts} == {AudioStatus.PENDING}
    assert all(s.spoken_text for s in scripts)
    assert {s.created_by.username for s in scripts} | {r.created_by.username for r in rules} == {"phatthanh"}


def test_coverage_shows_played_and_missed_airings_and_one_silent_cluster(dinh_bien):
    load_demo_radio(dinh_bien, now=NOW)
    with commune_scope(dinh_bien):
        rows = village_coverage(commune=dinh_bien, year=2026, quarter=4, now=NOW)
        needing = attention(commune=dinh_bien, now=NOW)
        failed = list(PlayLog.objects.filter(outcome=PlayOutcome.FAILED).values_list("detail", flat=True))
    by_name = {row.name: row for row in rows}
    assert len(rows) == 9
    assert [row.name for row in rows if row.silent] == [SILENT_VILLAGE]
    silent = by_name[SILENT_VILLAGE]
    assert silent.scheduled > 0
    assert silent.played == 0
    assert silent.missed == silent.scheduled
    assert silent.last_heard is None
    power_cut = by_name["Làng Vẹ"]
    assert 0 < power_cut.missed < power_cut.scheduled
    assert power_cut.played == power_cut.scheduled - power_cut.missed
    assert len(failed) == 1
    assert "Mất điện" in failed[0]
    others = [row for row in rows if row.name not in (SILENT_VILLAGE, "Làng Vẹ")]
    assert all(row.scheduled and row.played == row.scheduled for row in others)
    # The silent ethnic-minority village heads the list; the dashboard asks about exactly these two.
    assert rows[0].name == SILENT_VILLAGE
    assert [row.name for row in needing] == [SILENT_VILLAGE, "Làng Vẹ"]


def test_a_device_token_asked_for_works_once_printed_and_the_next_replaces_it(dinh_bien):
    load_demo_radio(dinh_bien, now=NOW)
    assert load_demo_radio(dinh_bien, now=NOW).device_token is None
    first = load_demo_radio(dinh_bien, now=NOW, issue_token=True)
    assert cluster_for_token(first.device_token).name == "Cụm loa xóm Đồng Đau"
    assert first.device_token in first.accounts_line()
    assert "Mã thiết bị" in first.accounts_line()
    second = load_demo_radio(dinh_bien, now=NOW, issue_token=True)
    assert cluster_for_token(first.device_token) is None
    assert cluster_for_token(second.device_token).name == "Cụm loa xóm Đồng Đau"
