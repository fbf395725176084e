"""Rendering a script's audio, by the worker: what an official then sees on the script (status,
duration, error) and hears (the stored MP3), and whether the audio still matches the text.

The spoken text is set explicitly: ``normalize.to_spoken`` is written separately."""

from __future__ import annotations

import hashlib
import os

import mutagen
import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from cchc.audit.models import CommuneLogEntry
from cchc.broadcasts.models import AudioStatus, Engine, Script
from cchc.broadcasts.rendering import audio_is_current, render_script_audio
from cchc.broadcasts.tasks import render_script
from cchc.communes.scoping import commune_scope
from cchc.core.testing import require_espeak

SPOKEN = "ủy ban nhân dân xã thông báo lịch tiếp công dân định kỳ vào sáng thứ năm hằng tuần"


def reloaded(script, commune):
    with commune_scope(commune):
        return Script.objects.get(pk=script.pk)


def audit_of(script, commune):
    with commune_scope(commune):
        return list(CommuneLogEntry.objects.for_instance(script).order_by("id"))


def test_the_rendered_audio_is_stored_privately_with_its_duration_and_matches_the_text(
    commune_a, make_script, settings, django_capture_on_commit_callbacks
):
    require_espeak()
    script = make_script(commune_a, spoken_text=SPOKEN)
    render_script_audio(script, commune=commune_a)
    script = reloaded(script, commune_a)
    assert script.audio_status == AudioStatus.READY
    assert script.audio_error == ""
    path = script.audio.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT)), "only officials may fetch the audio"
    assert mutagen.File(path).info.length == pytest.approx(script.audio_duration, abs=0.1)
    assert script.audio_duration > 2
    with open(path, "rb") as f:  # the digest speakers cache by is the file's own
        assert script.audio_sha256 == hashlib.sha256(f.read()).hexdigest()
    assert audio_is_current(script)
    [entry] = audit_of(script, commune_a)
    assert entry.user is None
    assert entry.data["audio_status"] == "ready"

    # An official corrects the reading: the audio no longer matches until it is rendered again,
    # and the old file goes once the new one is stored.
    script.spoken_text = SPOKEN + " từ bảy giờ đến mười một giờ"
    with commune_scope(commune_a):
        script.save(update_fields=["spoken_text"])
    assert not audio_is_current(reloaded(script, commune_a))
    with django_capture_on_commit_callbacks(execute=True):
        render_script_audio(script, commune=commune_a)
    script = reloaded(script, commune_a)
    assert audio_is_current(script)
    assert script.audio.path != path
    assert not os.path.exists(path)


def test_changing_the_voice_makes_the_audio_stale(commune_a, make_script):
    require_espeak()
    script = render_script_audio(make_script(commune_a, spoken_text=SPOKEN), commune=commune_a)
    assert audio_is_current(script)
    script.engine = Engine.PIPER
    assert not audio_is_current(script)


def test_a_voice_the_server_lacks_marks_the_script_failed_with_the_reason_and_does_not_raise(
    commune_a, make_script, settings
):
    settings.PIPER_VOICE = ""
    script = make_script(commune_a, spoken_text=SPOKEN, engine=Engine.PIPER)
    render_script_audio(script, commune=commune_a)
    script = reloaded(script, commune_a)
    assert script.audio_status == AudioStatus.FAILED
    assert "Chưa cấu hình tệp giọng đọc Piper" in script.audio_error
    assert not script.audio
    assert not audio_is_current(script)
    [entry] = audit_of(script, commune_a)
    assert entry.data["audio_status"] == "failed"


def test_a_script_is_never_rendered_into_another_communes_files(commune_a, commune_b, make_script):
    script = make_script(commune_a, spoken_text=SPOKEN)
    with pytest.raises(ValueError, match="another commune"):
        render_script_audio(script, commune=commune_b)


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """Tasks queued in the database as in production, run by ``db_worker`` when the test says so."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    # The worker closes stale connections between tasks; here the connection is the test's own transaction.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run_worker():
        call_command("db_worker", "--batch", "--queue-name", "default")

    return run_worker


def test_the_worker_renders_a_queued_script_and_skips_one_deleted_meanwhile(commune_a, make_script, database_tasks):
    require_espeak()
    script = make_script(commune_a, spoken_text=SPOKEN)
    gone = make_script(commune_a, title="Bài đã xóa", spoken_text=SPOKEN)
    render_script.enqueue(commune_id=commune_a.pk, script_id=script.pk)
    render_script.enqueue(commune_id=commune_a.pk, script_id=gone.pk)
    with commune_scope(commune_a):
        gone.delete()
    database_tasks()
    assert reloaded(script, commune_a).audio_status == AudioStatus.READY
    ours = DBTaskResult.objects.filter(task_path="cchc.broadcasts.tasks.render_script")
    assert sorted(ours.values_list("status", flat=True)) == ["SUCCESSFUL", "SUCCESSFUL"]
