"""Writes on radio scripts and the commune's reading dictionary.

Who may: the broadcasting officer, the culture-information board, the office and the committee's
leaders (``SCRIPT_EDITORS``), on every screen, command and task. A script's spoken text follows its
body as ``cchc.broadcasts.scripts`` says (filled when empty, refreshed while untouched by hand).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cchc.communes.actions import CommuneAction, CreateRecord, DeleteRecord, EditRecord, require_role
from cchc.communes.roles import Role

from .. import scripts as text
from ..models import AudioStatus, Broadcast, Script, SpeechTerm

SCRIPT_EDITORS = frozenset({Role.BROADCASTER, Role.CULTURE_INFO, Role.OFFICE, Role.CHAIRMAN})
REFUSAL = _(
    "Chỉ cán bộ Phát thanh - Truyền thông, Văn hóa - Thông tin, Văn phòng HĐND - UBND và lãnh đạo UBND xã "
    "được soạn bài phát thanh và từ điển đọc."
)

# Log actions of the writes that are not a plain create, edit or delete (labels in ``admin_scripts``).
LOG_FROM_PAGE = "cchc.broadcasts.script_from_page"
LOG_RENDER = "cchc.broadcasts.render_request"
LOG_RECORDING_ATTACH = "cchc.broadcasts.recording_attach"
LOG_RECORDING_REMOVE = "cchc.broadcasts.recording_remove"


def require_editor(user, commune) -> None:
    require_role(user, commune, SCRIPT_EDITORS, str(REFUSAL))


class ScriptRules:
    denied_message = REFUSAL

    def check_rules(self) -> None:
        require_editor(self.user, self.commune)


class SpokenTextFollowsBody:
    """Before the row is written, its spoken text is set by the rule of ``cchc.broadcasts.scripts``."""

    def _save_instance(self):
        script = self.instance
        before = self.stored() if script.pk else None
        script.spoken_text = text.spoken_to_keep(
            body=script.body, spoken=script.spoken_text, commune=self.commune, before=before
        )
        if script.pk is None and script.created_by_id is None and self.user is not None:
            script.created_by = self.user
        super()._save_instance()


class CreateScript(ScriptRules, SpokenTextFollowsBody, CreateRecord):
    """Write a new script; its spoken text is read from the body when left empty."""


class EditScript(ScriptRules, SpokenTextFollowsBody, EditRecord):
    """Change a script; an untouched spoken text follows a changed body."""


class DeleteScript(ScriptRules, DeleteRecord):
    """Remove a script that no schedule airs (its audio files go with it)."""

    def check_rules(self) -> None:
        super().check_rules()
        if Broadcast.objects.filter(script_id=self.instance.pk).exists():
            raise PermissionDenied(
                gettext("Bài này đang có lịch phát: hãy xóa các lịch phát của bài trước khi xóa bài.")
            )

    def _delete(self):
        files = [f for f in (self.instance.audio, self.instance.recording) if f]
        result = super()._delete()
        for stored_file in files:
            _delete_on_commit(stored_file.storage, stored_file.name)
        return result


class SpeechTermRules(ScriptRules):
    pass


class CreateSpeechTerm(SpeechTermRules, CreateRecord):
    """Add how a word of the commune is read aloud."""


class EditSpeechTerm(SpeechTermRules, EditRecord):
    pass


class DeleteSpeechTerm(SpeechTermRules, DeleteRecord):
    pass


SCRIPT_ACTIONS = {
    Script: [CreateScript, EditScript, DeleteScript],
    SpeechTerm: [CreateSpeechTerm, EditSpeechTerm, DeleteSpeechTerm],
}


def _delete_on_commit(storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name))


class ScriptAction(CommuneAction):
    """A write on one script of the commune by one of its editors."""

    def __init__(self, script: Script, *, commune, user=None):
        super().__init__(commune=commune, user=user)
        if script.commune_id != commune.pk:
            raise PermissionDenied(gettext("Dữ liệu này thuộc xã khác."))
        self.script = script

    def check(self) -> None:
        require_editor(self.user, self.commune)

    def audit_instance(self, result):
        return self.script


class ScriptFromPage(CommuneAction):
    """Bài phát thanh from a published article or bulletin issue of the commune's own site, in one step."""

    log_action = LOG_FROM_PAGE

    def __init__(self, page, *, commune, user=None):
        super().__init__(commune=commune, user=user)
        self.page = page.specific

    def check(self) -> None:
        require_editor(self.user, self.commune)
        if not text.page_belongs_to(self.page, self.commune):
            raise PermissionDenied(gettext("Trang này không thuộc trang thông tin của xã."))
        if not text.is_script_source(self.page):
            raise PermissionDenied(gettext("Chỉ tạo được bài phát thanh từ tin bài hoặc bản tin cải cách hành chính."))
        if not self.page.live:
            raise PermissionDenied(gettext("Trang này chưa được xuất bản: hãy xuất bản trước khi tạo bài phát thanh."))

    def perform(self) -> Script:
        body = text.page_text(self.page)
        script = Script(
            commune=self.commune,
            title=self.page.title[:255],
            body=body[: Script._meta.get_field("body").max_length],
            source_page=self.page,
            created_by=self.user,
        )
        script.spoken_text = text.spoken_of(script.body, commune=self.commune)
        script.full_clean()
        script.save()
        return script

    def audit_instance(self, result):
        return result

    def audit_data(self, result) -> dict:
        return {"page": self.page.pk, "title": self.page.title}


class RequestRender(ScriptAction):
    """Ask the worker to make the audio of the spoken text (the status shows «Đang tạo âm thanh…»)."""

    log_action = LOG_RENDER

    def check(self) -> None:
        super().check()
        if not self.script.spoken_text.strip():
            raise PermissionDenied(gettext("Bài chưa có lời đọc: hãy lưu bài với nội dung trước."))

    def perform(self) -> Script:
        from ..tasks import render_script

        script = self.script
        script.audio_status = AudioStatus.PENDING
        script.audio_error = ""
        script.save(update_fields=["audio_status", "audio_error", "updated_at"])
        commune_id, pk = self.commune.pk, script.pk
        transaction.on_commit(lambda: render_script.enqueue(commune_id=commune_id, script_id=pk))
        return script

    def audit_data(self, result) -> dict:
        return {"engine": self.script.engine}


class AttachRecording(ScriptAction):
    """Keep the broadcaster's own recording of the script: it goes on air instead of the machine voice."""

    log_action = LOG_RECORDING_ATTACH

    def __init__(self, script: Script, uploaded, *, commune, user=None):
        super().__init__(script, commune=commune, user=user)
        self.uploaded = uploaded

    def perform(self) -> Script:
        from ..recordings import read_recording

        duration = read_recording(self.uploaded)  # a Vietnamese ValidationError for a file it cannot read
        if hasattr(self.uploaded, "seek"):
            self.uploaded.seek(0)
        script = self.script
        old = script.recording.name if script.recording else ""
        suffix = Path(self.uploaded.name or "").suffix.lower() or ".mp3"
        script.recording.save(f"bai-{script.pk}-ghi-am{suffix}", self.uploaded, save=False)
        script.recording_duration = duration
        script.recording_sha256 = _sha256(self.uploaded)
        script.save(update_fields=["recording", "recording_duration", "recording_sha256", "updated_at"])
        new = script.recording.name
        storage = script.recording.storage
        # A file written before a rollback is an orphan; the replaced one goes after the commit.
        transaction.on_commit(lambda: old and old != new and storage.delete(old))
        return script

    def audit_data(self, result) -> dict:
        return {"file": result.recording.name, "duration": result.recording_duration}


def _sha256(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    return digest.hexdigest()


class RemoveRecording(ScriptAction):
    """Drop the broadcaster's recording: the machine voice goes on air again."""

    log_action = LOG_RECORDING_REMOVE

    def check(self) -> None:
        super().check()
        if not self.script.recording:
            raise PermissionDenied(gettext("Bài này không có bản ghi âm."))

    def perform(self) -> Script:
        script = self.script
        name, storage = script.recording.name, script.recording.storage
        script.recording = ""
        script.recording_duration = None
        script.recording_sha256 = ""
        script.save(update_fields=["recording", "recording_duration", "recording_sha256", "updated_at"])
        _delete_on_commit(storage, name)
        return script

    def audit_data(self, result) -> dict:
        return {}
