"""Writes on radio scripts: who may, the spoken text that follows the body, a script from a page,
the audio request, the broadcaster's recording.

``normalize.to_spoken`` is replaced by a small stand-in (lower case, the dictionary applied), and the
worker's task and the recording reader are stand-ins when their modules are not there yet.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import types
import wave

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.broadcasts import normalize
from cchc.broadcasts.actions.scripts import (
    AttachRecording,
    CreateScript,
    DeleteScript,
    EditScript,
    RemoveRecording,
    RequestRender,
    ScriptFromPage,
)
from cchc.broadcasts.models import AudioStatus, Script, SpeechTerm
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.portal.bulletins import BulletinArticle, BulletinIndexPage, BulletinPage
from cchc.portal.tests.news_helpers import publish_article


def fake_to_spoken(text, *, terms=None):
    for written, spoken in (terms or {}).items():
        text = text.replace(written, spoken)
    return " ".join(text.lower().split())


def wav_bytes(seconds: float = 1.0, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x00" * int(seconds * rate))
    return buffer.getvalue()


def fake_read_recording(uploaded) -> float:
    uploaded.seek(0)
    try:
        with wave.open(uploaded, "rb") as sound:
            return sound.getnframes() / sound.getframerate()
    except (wave.Error, EOFError) as bad:
        raise ValidationError("Không đọc được tệp ghi âm.") from bad


def _stand_in(monkeypatch, module_name: str, **names):
    """Replace ``names`` in ``module_name``, or put a stand-in module there while it is not written yet."""
    try:
        module = __import__(module_name, fromlist=["_"])
    except ImportError:
        module = types.ModuleType(module_name)
        monkeypatch.setitem(sys.modules, module_name, module)
        monkeypatch.setattr(sys.modules["cchc.broadcasts"], module_name.rsplit(".", 1)[1], module, raising=False)
    for name, value in names.items():
        monkeypatch.setattr(module, name, value, raising=False)
    return module


def install_fakes(monkeypatch):
    """The stand-ins of the modules other people are writing; what was enqueued is in ``.enqueued``."""
    monkeypatch.setattr(normalize, "to_spoken", fake_to_spoken)
    enqueued = []
    task = types.SimpleNamespace(enqueue=lambda **kwargs: enqueued.append(kwargs))
    _stand_in(monkeypatch, "cchc.broadcasts.tasks", render_script=task)
    _stand_in(monkeypatch, "cchc.broadcasts.recordings", read_recording=fake_read_recording)
    _stand_in(monkeypatch, "cchc.broadcasts.rendering", audio_is_current=lambda script: True)
    return types.SimpleNamespace(enqueued=enqueued)


@pytest.fixture
def radio_fakes(monkeypatch):
    return install_fakes(monkeypatch)


def stored(commune, pk):
    with commune_scope(commune):
        return Script.objects.get(pk=pk)


@pytest.mark.parametrize("role", [Role.BROADCASTER, Role.CULTURE_INFO, Role.OFFICE, Role.CHAIRMAN])
def test_the_radio_roles_write_a_script_and_its_spoken_text_is_read_from_the_body(
    commune_a, make_official, radio_fakes, role
):
    official = make_official(commune_a, role)
    script = Script(commune=commune_a, title="Lịch tiếp dân", body="UBND xã tiếp dân Thứ Năm")
    with commune_scope(commune_a):
        SpeechTerm.objects.create(commune=commune_a, written="UBND", spoken="ủy ban nhân dân")
        CreateScript(script, user=official).execute()
    script = stored(commune_a, script.pk)
    assert script.spoken_text == "ủy ban nhân dân xã tiếp dân thứ năm"
    assert script.created_by == official


@pytest.mark.parametrize("role", [Role.JUSTICE, Role.FINANCE, Role.UNIT_MEMBER, Role.OVERSEER])
def test_other_roles_may_not_write_scripts(commune_a, make_official, make_script, radio_fakes, role):
    official = make_official(commune_a, role)
    with pytest.raises(PermissionDenied, match="Phát thanh - Truyền thông"):
        CreateScript(Script(commune=commune_a, title="Tin", body="Nội dung"), user=official).execute()
    script = make_script(commune_a)
    with pytest.raises(PermissionDenied, match="Phát thanh - Truyền thông"):
        RequestRender(script, commune=commune_a, user=official).execute()
    with pytest.raises(PermissionDenied, match="Phát thanh - Truyền thông"):
        ScriptFromPage(publish_article(commune_a, "Tin mới"), commune=commune_a, user=official).execute()


def test_commune_bs_broadcaster_cannot_touch_commune_as_script(
    commune_a, commune_b, make_official, make_script, radio_fakes
):
    theirs = make_official(commune_b, Role.BROADCASTER)
    script = make_script(commune_a)
    with pytest.raises(PermissionDenied, match="xã khác"):
        RequestRender(script, commune=commune_b, user=theirs).execute()
    with pytest.raises(PermissionDenied, match="xã khác"):
        EditScript(script, user=theirs, commune=commune_b).execute()


def test_an_untouched_spoken_text_follows_the_body_and_a_corrected_one_is_kept(commune_a, broadcaster_a, radio_fakes):
    script = Script(commune=commune_a, title="Tin", body="Họp thôn lúc 8 giờ")
    CreateScript(script, user=broadcaster_a).execute()
    script = stored(commune_a, script.pk)
    script.body = "Họp thôn lúc 9 giờ"
    EditScript(script, user=broadcaster_a).execute()
    assert stored(commune_a, script.pk).spoken_text == "họp thôn lúc 9 giờ"

    script = stored(commune_a, script.pk)
    script.spoken_text = "họp thôn lúc chín giờ sáng"  # corrected by hand
    EditScript(script, user=broadcaster_a).execute()
    script = stored(commune_a, script.pk)
    script.body = "Họp thôn lúc 10 giờ"
    EditScript(script, user=broadcaster_a).execute()
    assert stored(commune_a, script.pk).spoken_text == "họp thôn lúc chín giờ sáng"

    script = stored(commune_a, script.pk)
    script.spoken_text = ""  # cleared: read again
    EditScript(script, user=broadcaster_a).execute()
    assert stored(commune_a, script.pk).spoken_text == "họp thôn lúc 10 giờ"


def test_a_script_from_a_published_article_takes_its_title_and_plain_text(commune_a, broadcaster_a, radio_fakes):
    article = publish_article(
        commune_a,
        "Một cửa liên thông",
        summary="Xã mở bộ phận một cửa.",
        body="<p>Người dân <b>nộp hồ sơ</b> tại UBND.</p><p>Thứ Hai &amp; Thứ Sáu.</p>",
    )
    script = ScriptFromPage(article, commune=commune_a, user=broadcaster_a).execute()
    script = stored(commune_a, script.pk)
    assert script.title == "Một cửa liên thông"
    assert script.body == "Xã mở bộ phận một cửa.\n\nNgười dân nộp hồ sơ tại UBND.\nThứ Hai & Thứ Sáu."
    assert script.source_page_id == article.pk
    assert script.spoken_text == "xã mở bộ phận một cửa. người dân nộp hồ sơ tại ubnd. thứ hai & thứ sáu."
    assert "<" not in script.body


def test_a_script_from_a_bulletin_reads_its_opening_and_its_articles(commune_a, broadcaster_a, radio_fakes):
    first = publish_article(commune_a, "Dịch vụ công trực tuyến", summary="Nộp hồ sơ qua mạng.")
    second = publish_article(commune_a, "Chữ ký số", summary="Cán bộ dùng chữ ký số.")
    with commune_scope(commune_a):
        index = BulletinIndexPage.objects.child_of(commune_a.root_page).get()
        issue = BulletinPage(
            title="Bản tin số 2",
            slug="so-2-2026",
            number=2,
            year=2026,
            quarter="3",
            introduction="<p>Kính gửi bà con.</p>",
            gathered_articles=[BulletinArticle(article=first), BulletinArticle(article=second)],
        )
        index.add_child(instance=issue)
        issue.save_revision().publish()
    script = ScriptFromPage(issue, commune=commune_a, user=broadcaster_a).execute()
    body = stored(commune_a, script.pk).body
    assert body.startswith("Số 2/2026. ")
    assert "Kính gửi bà con." in body
    assert body.index("Dịch vụ công trực tuyến.") < body.index("Nộp hồ sơ qua mạng.") < body.index("Chữ ký số.")


def test_no_script_from_a_draft_or_from_another_communes_page(commune_a, commune_b, broadcaster_a, radio_fakes):
    draft = publish_article(commune_a, "Bản nháp", publish=False)
    with pytest.raises(PermissionDenied, match="chưa được xuất bản"):
        ScriptFromPage(draft, commune=commune_a, user=broadcaster_a).execute()
    theirs = publish_article(commune_b, "Tin của xã bạn")
    with pytest.raises(PermissionDenied, match="không thuộc trang thông tin của xã"):
        ScriptFromPage(theirs, commune=commune_a, user=broadcaster_a).execute()
    with commune_scope(commune_a):
        assert not Script.objects.exists()


def test_asking_for_audio_marks_it_pending_and_enqueues_the_task_on_commit(
    commune_a, broadcaster_a, make_script, radio_fakes, django_capture_on_commit_callbacks
):
    script = make_script(commune_a, spoken_text="ủy ban nhân dân xã thông báo")
    with django_capture_on_commit_callbacks(execute=True):
        RequestRender(script, commune=commune_a, user=broadcaster_a).execute()
    assert stored(commune_a, script.pk).audio_status == AudioStatus.PENDING
    assert radio_fakes.enqueued == [{"commune_id": commune_a.pk, "script_id": script.pk}]


def test_no_audio_without_spoken_text(commune_a, broadcaster_a, make_script, radio_fakes):
    script = make_script(commune_a, spoken_text="")
    with pytest.raises(PermissionDenied, match="chưa có lời đọc"):
        RequestRender(script, commune=commune_a, user=broadcaster_a).execute()
    assert radio_fakes.enqueued == []


def test_the_broadcasters_recording_is_kept_with_its_duration_and_removed_on_request(
    commune_a, broadcaster_a, make_script, radio_fakes, django_capture_on_commit_callbacks
):
    script = make_script(commune_a)
    upload = SimpleUploadedFile("giong-doc.wav", wav_bytes(2.0), content_type="audio/wav")
    AttachRecording(script, upload, commune=commune_a, user=broadcaster_a).execute()
    script = stored(commune_a, script.pk)
    assert script.recording_duration == pytest.approx(2.0)
    assert script.on_air == script.recording
    path = script.recording.path
    with open(path, "rb") as kept:
        data = kept.read()
    assert data[:4] == b"RIFF"
    assert script.on_air_sha256 == hashlib.sha256(data).hexdigest()

    with django_capture_on_commit_callbacks(execute=True):
        RemoveRecording(script, commune=commune_a, user=broadcaster_a).execute()
    script = stored(commune_a, script.pk)
    assert not script.recording
    assert script.recording_duration is None
    assert script.on_air_sha256 == script.audio_sha256 == ""
    assert not os.path.exists(path)


def test_an_unreadable_recording_is_refused_in_vietnamese(commune_a, broadcaster_a, make_script, radio_fakes):
    script = make_script(commune_a)
    upload = SimpleUploadedFile("giong-doc.wav", b"not audio", content_type="audio/wav")
    with pytest.raises(ValidationError, match="Không đọc được"):
        AttachRecording(script, upload, commune=commune_a, user=broadcaster_a).execute()
    assert not stored(commune_a, script.pk).recording


def test_a_scheduled_script_cannot_be_deleted(commune_a, broadcaster_a, make_script, radio_fakes):
    import datetime as dt

    from cchc.broadcasts.models import Broadcast

    script = make_script(commune_a)
    with commune_scope(commune_a):
        Broadcast.objects.create(
            commune=commune_a, script=script, starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 2)
        )
    with pytest.raises(PermissionDenied, match="lịch phát"):
        DeleteScript(script, user=broadcaster_a).execute()
