"""The speakers' device API: a token opens only its own cluster's schedule, audio and reports."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
import wave

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from cchc.audit.models import CommuneLogEntry
from cchc.broadcasts.actions.devices import IssueDeviceToken, RevokeDeviceToken
from cchc.broadcasts.devices import cluster_for_token, record_health
from cchc.broadcasts.models import Airing, Broadcast, PlayLog, Priority, SpeakerCluster
from cchc.communes.roles import Role
from cchc.communes.scoping import all_communes, commune_scope

API = "/api/v1/loa"


def wav_bytes(seconds: float = 0.2) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * int(8000 * seconds))
    return buf.getvalue()


def give_audio(script, data: bytes | None = None):
    """Audio as the worker stores it: the file, its length and its digest."""
    data = data or wav_bytes()
    with commune_scope(script.commune):
        script.audio.save("bai.wav", ContentFile(data), save=False)
        script.audio_duration = 0.2
        script.audio_sha256 = hashlib.sha256(data).hexdigest()
        script.save()
    return script


def airing_for(cluster, script, starts_at, priority=Priority.NORMAL):
    with commune_scope(cluster.commune):
        rule = Broadcast.objects.create(
            commune=cluster.commune,
            script=script,
            priority=priority,
            starts_on=starts_at.date(),
            ends_on=starts_at.date(),
            times=[timezone.localtime(starts_at).strftime("%H:%M")],
        )
        return Airing.objects.create(
            commune=cluster.commune, broadcast=rule, cluster=cluster, starts_at=starts_at, priority=priority
        )


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def two_speakers(commune_a, commune_b, make_cluster, make_script):
    """A cluster in each commune, each with a token and one airing in an hour."""
    soon = timezone.now() + dt.timedelta(hours=1)
    out = {}
    for key, commune in (("a", commune_a), ("b", commune_b)):
        cluster = make_cluster(commune, f"Cụm loa xóm {key}")
        script = give_audio(make_script(commune, title=f"Bài của xã {key}"))
        out[key] = {
            "cluster": cluster,
            "token": IssueDeviceToken(cluster).execute(),
            "airing": airing_for(cluster, script, soon),
            "script": script,
        }
    return out


def test_issuing_a_token_keeps_only_its_digest_and_leaves_one_audit_record(commune_a, make_cluster, broadcaster_a):
    cluster = make_cluster(commune_a)
    token = IssueDeviceToken(cluster, broadcaster_a).execute()
    cluster.refresh_from_db()
    assert token not in (cluster.token_digest, cluster.token_hint)
    assert cluster.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert cluster.token_hint == token[-4:]
    assert cluster_for_token(token) == cluster
    with commune_scope(commune_a):
        entries = CommuneLogEntry.objects.filter(action="cchc.device_token", object_id=str(cluster.pk))
        assert entries.count() == 1
        assert token not in str(entries.get().data)


def test_a_new_token_replaces_the_old_and_revoking_ends_it(commune_a, make_cluster):
    cluster = make_cluster(commune_a)
    old = IssueDeviceToken(cluster).execute()
    new = IssueDeviceToken(cluster).execute()
    assert cluster_for_token(old) is None
    assert cluster_for_token(new) == cluster
    RevokeDeviceToken(cluster).execute()
    assert cluster_for_token(new) is None


def test_only_the_radio_roles_may_issue_tokens(commune_a, make_cluster, make_official, commune_b, broadcaster_a):
    cluster = make_cluster(commune_a)
    with pytest.raises(PermissionDenied):
        IssueDeviceToken(cluster, make_official(commune_a, Role.JUSTICE)).execute()
    with pytest.raises(PermissionDenied):
        IssueDeviceToken(cluster, make_official(commune_b, Role.BROADCASTER)).execute()
    with pytest.raises(PermissionDenied):
        IssueDeviceToken(cluster, broadcaster_a, commune=commune_b).execute()
    assert IssueDeviceToken(cluster, make_official(commune_a, Role.CULTURE_INFO)).execute()


def test_an_inactive_cluster_token_is_refused(commune_a, make_cluster):
    cluster = make_cluster(commune_a)
    token = IssueDeviceToken(cluster).execute()
    with all_communes():
        SpeakerCluster.objects.filter(pk=cluster.pk).update(is_active=False)
    assert cluster_for_token(token) is None


@pytest.mark.parametrize("headers", [{}, bearer("khong-dung-ma-nay"), {"HTTP_AUTHORIZATION": "Basic abc"}])
def test_no_or_wrong_token_gets_401_in_vietnamese(client: Client, two_speakers, headers):
    response = client.get(f"{API}/lich/", **headers)
    assert response.status_code == 401
    assert "Mã thiết bị" in response.json()["detail"]


def test_a_revoked_token_gets_401(client: Client, two_speakers):
    a = two_speakers["a"]
    RevokeDeviceToken(a["cluster"]).execute()
    response = client.get(f"{API}/lich/", **bearer(a["token"]))
    assert response.status_code == 401


def test_a_speaker_sees_only_its_own_schedule(client: Client, two_speakers, make_cluster, make_script, commune_a):
    a, b = two_speakers["a"], two_speakers["b"]
    neighbour = make_cluster(commune_a, "Cụm loa xóm bên")  # same commune, another cluster
    airing_for(neighbour, a["script"], timezone.now() + dt.timedelta(hours=2))
    silent = make_script(commune_a, title="Bài chưa có âm thanh")
    no_audio = airing_for(a["cluster"], silent, timezone.now() + dt.timedelta(hours=3))
    airing_for(a["cluster"], a["script"], timezone.now() + dt.timedelta(hours=60))  # beyond two days

    body = client.get(f"{API}/lich/", **bearer(a["token"])).json()
    assert [x["id"] for x in body["airings"]] == [a["airing"].pk, no_audio.pk]
    first, second = body["airings"]
    assert first["script_title"] == "Bài của xã a"
    assert first["starts_at"].endswith("+07:00")
    assert first["audio_sha256"] == hashlib.sha256(a["script"].audio.open("rb").read()).hexdigest()
    assert first["audio_url"].endswith(f"/api/v1/loa/am-thanh/{a['airing'].pk}")
    assert second["audio_url"] is None
    assert second["audio_sha256"] is None

    body_b = client.get(f"{API}/lich/", **bearer(b["token"])).json()
    assert [x["id"] for x in body_b["airings"]] == [b["airing"].pk]


def test_an_unreported_emergency_stays_listed_until_reported(client: Client, two_speakers):
    a = two_speakers["a"]
    emergency = airing_for(a["cluster"], a["script"], timezone.now() - dt.timedelta(hours=2), Priority.EMERGENCY)
    airing_for(a["cluster"], a["script"], timezone.now() - dt.timedelta(hours=2, minutes=1))  # normal, gone by
    ids = [x["id"] for x in client.get(f"{API}/lich/", **bearer(a["token"])).json()["airings"]]
    assert ids == [emergency.pk, a["airing"].pk]
    play = {"report_key": uuid.uuid4().hex, "airing_id": emergency.pk, "started_at": timezone.now().isoformat()}
    client.post(f"{API}/nhat-ky/", {"plays": [play]}, content_type="application/json", **bearer(a["token"]))
    ids = [x["id"] for x in client.get(f"{API}/lich/", **bearer(a["token"])).json()["airings"]]
    assert ids == [a["airing"].pk]


def test_audio_only_for_the_clusters_own_airing(client: Client, two_speakers):
    a, b = two_speakers["a"], two_speakers["b"]
    own = client.get(f"{API}/am-thanh/{a['airing'].pk}", **bearer(a["token"]))
    assert own.status_code == 200
    assert own["Content-Type"] == "audio/x-wav"
    assert b"".join(own.streaming_content) == a["script"].audio.open("rb").read()
    other = client.get(f"{API}/am-thanh/{b['airing'].pk}", **bearer(a["token"]))
    assert other.status_code == 404
    assert other.json()["detail"]


def test_plays_are_stored_once_per_report_key(client: Client, two_speakers):
    a, b = two_speakers["a"], two_speakers["b"]
    started = timezone.now().isoformat()
    plays = [
        {"report_key": "k-00000001", "airing_id": a["airing"].pk, "started_at": started, "duration": 12.5},
        {"report_key": "k-00000002", "airing_id": a["airing"].pk, "started_at": started, "outcome": "failed"},
        {"report_key": "k-00000003", "airing_id": b["airing"].pk, "started_at": started},  # not this cluster's
    ]

    def send(batch):
        return client.post(
            f"{API}/nhat-ky/", {"plays": batch}, content_type="application/json", **bearer(a["token"])
        ).json()

    first = send(plays[:2])
    assert (first["stored"], first["duplicates"]) == (2, 0)
    again = send(plays)
    assert (again["stored"], again["duplicates"], again["refused"]) == (0, 2, 1)
    assert again["duplicate_keys"] == ["k-00000001", "k-00000002"]
    assert again["refused_keys"] == ["k-00000003"]
    assert sorted(again["settled"]) == ["k-00000001", "k-00000002", "k-00000003"]
    with commune_scope(a["cluster"].commune):
        assert PlayLog.objects.filter(cluster=a["cluster"]).count() == 2
        assert PlayLog.objects.get(report_key="k-00000001").script == a["script"]
    with commune_scope(b["cluster"].commune):
        assert not PlayLog.objects.exists()


def test_a_play_of_an_airing_cancelled_after_the_speaker_fetched_it_is_still_recorded(
    client: Client, two_speakers, commune_a, broadcaster_a
):
    from cchc.broadcasts.actions.schedule import CancelBroadcast

    a = two_speakers["a"]
    fetched = client.get(f"{API}/lich/", **bearer(a["token"])).json()
    assert [x["id"] for x in fetched["airings"]] == [a["airing"].pk]
    CancelBroadcast(a["airing"].broadcast, commune=commune_a, user=broadcaster_a).execute()
    assert client.get(f"{API}/lich/", **bearer(a["token"])).json()["airings"] == []
    # The speaker was offline when the cancellation came, played it, and reports it now.
    play = {"report_key": "late-0001", "airing_id": a["airing"].pk, "started_at": a["airing"].starts_at.isoformat()}
    answer = client.post(f"{API}/nhat-ky/", {"plays": [play]}, content_type="application/json", **bearer(a["token"]))
    assert answer.json()["stored"] == 1
    with commune_scope(commune_a):
        assert PlayLog.objects.get(report_key="late-0001").airing_id == a["airing"].pk


def test_a_batch_over_the_cap_is_refused(client: Client, two_speakers):
    a = two_speakers["a"]
    play = {"airing_id": a["airing"].pk, "started_at": timezone.now().isoformat()}
    batch = [{**play, "report_key": f"key-{i:08d}"} for i in range(501)]
    response = client.post(f"{API}/nhat-ky/", {"plays": batch}, content_type="application/json", **bearer(a["token"]))
    assert response.status_code == 422


def test_health_is_kept_and_marks_the_speaker_seen(client: Client, two_speakers):
    a = two_speakers["a"]
    health = {"version": "1.0", "volume": 70, "disk_free_mb": 900, "cached_files": 3, "pending_reports": 0}
    response = client.post(f"{API}/tinh-trang/", health, content_type="application/json", **bearer(a["token"]))
    assert response.status_code == 200
    cluster = a["cluster"]
    cluster.refresh_from_db()
    assert cluster.is_online()
    assert cluster.health["disk_free_mb"] == 900


def test_any_call_marks_the_speaker_seen(client: Client, two_speakers):
    cluster = two_speakers["a"]["cluster"]
    assert cluster.last_seen_at is None
    client.get(f"{API}/lich/", **bearer(two_speakers["a"]["token"]))
    cluster.refresh_from_db()
    assert cluster.is_online()


def test_oversized_health_is_capped(commune_a, make_cluster):
    cluster = make_cluster(commune_a)
    record_health(cluster, {"last_error": "x" * 10000, "nested": {"a": list(range(5000))}})
    cluster.refresh_from_db()
    assert len(cluster.health["last_error"]) == 200
    assert "nested" not in cluster.health


@pytest.mark.django_db
def test_the_openapi_schema_lists_the_device_paths(client: Client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("lich/", "am-thanh/{airing_id}", "nhat-ky/", "tinh-trang/"):
        assert f"/api/v1/loa/{path}" in schema["paths"]
    schedule = schema["paths"]["/api/v1/loa/lich/"]["get"]
    assert schedule["security"] == [{"DeviceToken": []}]
    assert "401" in schedule["responses"]
    airing = schema["components"]["schemas"]["AiringOut"]["properties"]
    assert airing["audio_sha256"]["description"].startswith("Mã băm SHA-256")
