"""The archive villagers hear again (/truyen-thanh/): only the commune's public scripts with audio that
have aired or are scheduled, newest first, each with its date, duration, player and download link."""

from __future__ import annotations

import datetime as dt
import io
import wave

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from cchc.broadcasts.models import Airing, AudioStatus, Broadcast, Script
from cchc.communes.scoping import commune_scope

SECOND_OF_SILENCE = 8000  # frames at 8 kHz


def wav_bytes(seconds: float = 1.0) -> bytes:
    """A small mono WAV: what the speech engine or a broadcaster's upload would leave in storage."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(bytes(2 * int(SECOND_OF_SILENCE * seconds)))
    return buffer.getvalue()


def mp3_bytes(seconds: float = 1.0) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(8000)
    encoder.set_channels(1)
    encoder.set_quality(7)
    return encoder.encode(bytes(2 * int(8000 * seconds))) + encoder.flush()


def with_audio(script: Script, *, seconds: float = 185.0, recording: bytes | None = None) -> Script:
    """Rendered audio (ready), or a broadcaster's recording (an MP3) when given."""
    with commune_scope(script.commune):
        if recording is not None:
            script.recording.save(f"ghi-am-{script.pk}.mp3", ContentFile(recording), save=False)
            script.recording_duration = seconds
        else:
            script.audio.save(f"bai-{script.pk}.wav", ContentFile(wav_bytes(1)), save=False)
            script.audio_duration = seconds
            script.audio_status = AudioStatus.READY
        script.save()
    return script


def air(script: Script, cluster, when: dt.datetime, *, cancelled: bool = False) -> Airing:
    with commune_scope(script.commune):
        day = timezone.localdate(when)
        broadcast = Broadcast.objects.create(
            commune=script.commune,
            script=script,
            starts_on=day,
            ends_on=day,
            times=[timezone.localtime(when).strftime("%H:%M")],
            is_cancelled=cancelled,
        )
        return Airing.objects.create(commune=script.commune, broadcast=broadcast, cluster=cluster, starts_at=when)


def aired_script(commune, cluster, title: str, *, days_ago: float = 1, **audio) -> Script:
    with commune_scope(commune):
        script = Script.objects.create(commune=commune, title=title, body=f"Nội dung bài «{title}».")
    with_audio(script, **audio)
    air(script, cluster, timezone.now() - dt.timedelta(days=days_ago))
    return script


def host(commune) -> dict:
    return {"HTTP_HOST": commune.site.hostname}


@pytest.fixture
def cluster_a(commune_a, make_cluster):
    return make_cluster(commune_a)


@pytest.fixture
def cluster_b(commune_b, make_cluster):
    return make_cluster(commune_b, "Cụm loa thôn Phú")


def test_the_archive_lists_public_aired_scripts_with_audio_newest_first(client, commune_a, cluster_a, make_script):
    older = aired_script(commune_a, cluster_a, "Lịch tiếp công dân tháng 11", days_ago=3)
    newer = aired_script(commune_a, cluster_a, "Hướng dẫn nộp hồ sơ trực tuyến", days_ago=1)
    scheduled = make_script(commune_a, title="Thông báo tiêm chủng sắp phát")
    with_audio(scheduled)
    air(scheduled, cluster_a, timezone.now() + dt.timedelta(days=2))
    private = make_script(commune_a, title="Bài nội bộ chưa công khai", is_public=False)
    with_audio(private)
    air(private, cluster_a, timezone.now() - dt.timedelta(hours=2))
    silent = make_script(commune_a, title="Bài chưa có âm thanh")
    air(silent, cluster_a, timezone.now() - dt.timedelta(hours=2))
    unscheduled = make_script(commune_a, title="Bài chưa xếp lịch")
    with_audio(unscheduled)
    called_off = make_script(commune_a, title="Bài đã hủy lịch")
    with_audio(called_off)
    air(called_off, cluster_a, timezone.now() + dt.timedelta(days=1), cancelled=True)

    response = client.get("/truyen-thanh/", **host(commune_a))

    assert response.status_code == 200
    html = response.content.decode()
    titles = [s.title for s in response.context["page_obj"].object_list]
    assert titles == [scheduled.title, newer.title, older.title]
    for absent in ("Bài nội bộ", "Bài chưa có âm thanh", "Bài chưa xếp lịch", "Bài đã hủy lịch"):
        assert absent not in html
    assert "3 phút 05 giây" in html
    assert f'<audio controls preload="none" src="/truyen-thanh/{newer.pk}/am-thanh.wav"' in html
    assert f'href="/truyen-thanh/{newer.pk}/am-thanh.wav" download' in html
    assert timezone.localtime(timezone.now() - dt.timedelta(days=3)).strftime("%d/%m/%Y") in html
    # What is still to come says so, with its time: the villager knows when to listen.
    upcoming = html.split(scheduled.title)[1].split("</p>")[0]
    assert "Sắp phát" in upcoming
    assert timezone.localtime(timezone.now() + dt.timedelta(days=2)).strftime("%H:%M %d/%m/%Y") in upcoming
    assert "Đã phát" in html.split(newer.title)[1].split("</p>")[0]
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert "/truyen-thanh/podcast.xml" in html
    assert 'rel="alternate"' in response["Link"]
    assert "/truyen-thanh/podcast.xml" in response["Link"]


def test_the_archive_pages_by_ten(client, commune_a, cluster_a):
    for n in range(12):
        aired_script(commune_a, cluster_a, f"Bản tin số {n:02d}", days_ago=n + 1)

    first = client.get("/truyen-thanh/", **host(commune_a)).content.decode()
    second = client.get("/truyen-thanh/?trang=2", **host(commune_a)).content.decode()

    assert "Bản tin số 00" in first
    assert "Bản tin số 09" in first
    assert "Bản tin số 10" not in first
    assert "Bản tin số 10" in second
    assert "Bản tin số 11" in second
    assert "Bản tin số 00" not in second
    assert "Trang 2/2" in second
    assert 'href="?trang=1"' in second


def test_another_communes_site_never_shows_these_scripts(client, commune_a, commune_b, cluster_a, cluster_b):
    ours = aired_script(commune_a, cluster_a, "Bài của Định Biên")
    theirs = aired_script(commune_b, cluster_b, "Bài của Phú Đình")

    on_b = client.get("/truyen-thanh/", **host(commune_b)).content.decode()
    assert "Bài của Phú Đình" in on_b
    assert "Bài của Định Biên" not in on_b
    assert client.get(f"/truyen-thanh/{ours.pk}/", **host(commune_b)).status_code == 404
    assert client.get(f"/truyen-thanh/{ours.pk}/am-thanh.wav", **host(commune_b)).status_code == 404
    assert client.get(f"/truyen-thanh/{theirs.pk}/", **host(commune_b)).status_code == 200


def test_one_broadcast_shows_its_text_player_and_feedback_form(client, commune_a, cluster_a):
    script = aired_script(commune_a, cluster_a, "Lịch tiếp công dân", seconds=45)

    response = client.get(f"/truyen-thanh/{script.pk}/", **host(commune_a))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung bài «Lịch tiếp công dân»." in html
    assert "45 giây" in html
    assert f'<audio controls preload="none" src="/truyen-thanh/{script.pk}/am-thanh.wav"' in html
    assert 'name="key"' in html
    assert "Gửi ý kiến" in html
    assert "xã sẽ không lưu họ tên và số điện thoại" in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_private_script_is_not_found_even_with_its_address(client, commune_a, cluster_a):
    script = aired_script(commune_a, cluster_a, "Bài sẽ thôi công khai")
    with commune_scope(commune_a):
        Script.objects.filter(pk=script.pk).update(is_public=False)

    assert client.get(f"/truyen-thanh/{script.pk}/", **host(commune_a)).status_code == 404
    assert client.get(f"/truyen-thanh/{script.pk}/am-thanh.wav", **host(commune_a)).status_code == 404


def test_durations_read_as_villagers_say_them():
    from cchc.broadcasts.archive import clock_duration, duration_label

    assert duration_label(185) == "3 phút 05 giây"
    assert duration_label(44.6) == "45 giây"
    assert duration_label(3725) == "1 giờ 02 phút 05 giây"
    assert duration_label(None) == ""
    assert clock_duration(185.2) == "00:03:05"


@pytest.mark.parametrize("url", ["/truyen-thanh/", "/truyen-thanh/podcast.xml"])
def test_the_archive_and_its_feed_cost_the_same_queries_for_two_scripts_or_eight(
    client, commune_a, cluster_a, url, django_assert_max_num_queries, settings
):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(2):
        aired_script(commune_a, cluster_a, f"Bài số {n}", days_ago=n + 1)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url, **host(commune_a)).status_code == 200
    for n in range(2, 8):
        aired_script(commune_a, cluster_a, f"Bài số {n}", days_ago=n + 1)
    for cache in caches.all():
        cache.clear()  # a cached page would cost nothing and prove nothing
    with django_assert_max_num_queries(len(two.captured_queries)):
        page = client.get(url, **host(commune_a)).content.decode()
    assert "Bài số 7" in page


def test_a_cancelled_airing_counts_in_the_archive_only_if_a_speaker_played_it(
    client, commune_a, cluster_a, make_script
):
    from cchc.broadcasts.models import PlayLog

    when = timezone.now() - dt.timedelta(hours=3)
    played_anyway = with_audio(make_script(commune_a, title="Phát trước khi biết bị hủy"))
    never_played = with_audio(make_script(commune_a, title="Hủy và không phát"))
    for script in (played_anyway, never_played):
        airing = air(script, cluster_a, when)
        with commune_scope(commune_a):
            Airing.objects.filter(pk=airing.pk).update(is_cancelled=True)
        if script is played_anyway:
            with commune_scope(commune_a):
                PlayLog.objects.create(
                    commune=commune_a, cluster=cluster_a, airing=airing, report_key="k1", started_at=when
                )
    page = client.get("/truyen-thanh/", **host(commune_a)).content.decode()
    assert "Phát trước khi biết bị hủy" in page
    assert "Hủy và không phát" not in page
