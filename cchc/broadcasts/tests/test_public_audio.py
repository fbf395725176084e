"""The archive's audio, served from private storage: the on-air file (the recording first), with its type,
length, cache headers and single byte ranges (what iPhones and podcast apps ask for), only for scripts
the archive shows."""

from __future__ import annotations

import pytest

from cchc.broadcasts.public_views import byte_range

from .test_public_archive import aired_script, host, mp3_bytes, wav_bytes, with_audio


@pytest.fixture
def cluster_a(commune_a, make_cluster):
    return make_cluster(commune_a)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_rendered_audio_is_served_whole_with_type_length_and_cache_headers(client, commune_a, cluster_a):
    script = aired_script(commune_a, cluster_a, "Bản tin sáng")

    response = client.get(f"/truyen-thanh/{script.pk}/am-thanh.wav", **host(commune_a))

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    body = _body(response)
    assert body == wav_bytes(1)
    assert response["Content-Length"] == str(len(body))
    assert response["Accept-Ranges"] == "bytes"
    assert "public" in response["Cache-Control"]
    assert "max-age=86400" in response["Cache-Control"]
    assert response["ETag"]
    assert response["Last-Modified"]


def test_the_broadcasters_recording_is_preferred_and_named_by_its_extension(client, commune_a, cluster_a):
    recording = mp3_bytes(1)
    script = aired_script(commune_a, cluster_a, "Bản tin có ghi âm", recording=recording)
    with_audio(script)  # rendered audio as well: the recording still goes on air

    page = client.get(f"/truyen-thanh/{script.pk}/", **host(commune_a)).content.decode()
    response = client.get(f"/truyen-thanh/{script.pk}/am-thanh.mp3", **host(commune_a))

    assert f"/truyen-thanh/{script.pk}/am-thanh.mp3" in page
    assert response["Content-Type"] == "audio/mpeg"
    assert _body(response) == recording
    wrong = client.get(f"/truyen-thanh/{script.pk}/am-thanh.wav", **host(commune_a))
    assert wrong.status_code == 302
    assert wrong["Location"].endswith("am-thanh.mp3")


def test_a_range_gets_206_with_just_those_bytes(client, commune_a, cluster_a):
    script = aired_script(commune_a, cluster_a, "Bản tin sáng")
    whole = wav_bytes(1)

    first = client.get(f"/truyen-thanh/{script.pk}/am-thanh.wav", HTTP_RANGE="bytes=0-1", **host(commune_a))
    middle = client.get(f"/truyen-thanh/{script.pk}/am-thanh.wav", HTTP_RANGE="bytes=100-199", **host(commune_a))
    tail = client.get(f"/truyen-thanh/{script.pk}/am-thanh.wav", HTTP_RANGE="bytes=-10", **host(commune_a))
    beyond = client.get(f"/truyen-thanh/{script.pk}/am-thanh.wav", HTTP_RANGE="bytes=99999-", **host(commune_a))

    assert first.status_code == 206
    assert _body(first) == b"RI"
    assert first["Content-Range"] == f"bytes 0-1/{len(whole)}"
    assert first["Content-Length"] == "2"
    assert _body(middle) == whole[100:200]
    assert middle["Content-Type"] == "audio/wav"
    assert _body(tail) == whole[-10:]
    assert tail["Content-Range"] == f"bytes {len(whole) - 10}-{len(whole) - 1}/{len(whole)}"
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(whole)}"


def test_a_range_for_an_older_copy_gets_the_whole_file_and_an_unchanged_file_gets_304(client, commune_a, cluster_a):
    script = aired_script(commune_a, cluster_a, "Bản tin sáng")
    url = f"/truyen-thanh/{script.pk}/am-thanh.wav"
    etag = client.get(url, **host(commune_a))["ETag"]

    stale = client.get(url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE='"another"', **host(commune_a))
    same = client.get(url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE=etag, **host(commune_a))
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=etag, **host(commune_a))

    assert stale.status_code == 200
    assert _body(stale) == wav_bytes(1)
    assert same.status_code == 206
    assert unchanged.status_code == 304


def test_reading_range_headers():
    assert byte_range("", 100) is None
    assert byte_range("bytes=0-", 100) == (0, 99)
    assert byte_range("bytes=10-500", 100) == (10, 99)
    assert byte_range("bytes=-500", 100) == (0, 99)
    assert byte_range("bytes=0-1,5-6", 100) is None  # several ranges: the whole file
    assert byte_range("bytes=5-1", 100) is None
    assert byte_range("bytes=100-", 100) is False
    assert byte_range("bytes=-0", 100) is False


def test_a_script_outside_the_archive_has_no_audio(client, commune_a, cluster_a, make_script):
    unscheduled = with_audio(make_script(commune_a, title="Bài chưa xếp lịch"))

    assert client.get(f"/truyen-thanh/{unscheduled.pk}/am-thanh.wav", **host(commune_a)).status_code == 404


def test_a_head_request_tells_the_length_without_the_body(client, commune_a, cluster_a):
    script = aired_script(commune_a, cluster_a, "Bản tin sáng")

    response = client.head(f"/truyen-thanh/{script.pk}/am-thanh.wav", **host(commune_a))

    assert response.status_code == 200
    assert response["Content-Length"] == str(len(wav_bytes(1)))
    assert _body(response) == b""
