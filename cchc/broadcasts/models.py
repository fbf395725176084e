"""Commune radio and village loudspeakers (truyền thanh cơ sở, TT 39/2020/TT-BTTTT).

``Script`` (bài phát thanh): a text, its spoken form (``normalize.py``), its rendered audio (``speech.py``,
built by the worker) or the broadcaster's own recording, which is preferred on air.
``SpeechTerm``: the commune's own reading dictionary (abbreviations and how they are read).
``SpeakerCluster`` (cụm loa): one IP loudspeaker cluster in a village, with its device token and its quiet hours.
``Programme`` → ``Broadcast`` (a schedule rule: which script, when, how often, to which clusters, at which
priority and volume) → ``Airing`` (one dated airing the rule expands into, what a speaker fetches).
``PlayLog``: what a speaker reports it played, once per report key; the plan's radio tasks read these.
``ListenerFeedback``: what a villager says of a broadcast on the public archive.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.communes.models import CommuneOwned, Village
from cchc.core.storage import private_storage

# How long a speaker may stay unheard from before the dashboard calls it silent.
SILENT_AFTER = dt.timedelta(minutes=30)
# Quiet hours when a cluster names none: nothing before 6:00 or after 21:00.
DEFAULT_DAY_STARTS = dt.time(6, 0)
DEFAULT_DAY_ENDS = dt.time(21, 0)


class AudioStatus(models.TextChoices):
    NONE = "none", _("Chưa tạo âm thanh")
    PENDING = "pending", _("Đang tạo âm thanh")
    READY = "ready", _("Đã có âm thanh")
    FAILED = "failed", _("Tạo âm thanh lỗi")


class Engine(models.TextChoices):
    """Speech engines behind ``speech.py``'s one interface; the labels are what officials choose from."""

    ESPEAK = "espeak", _("Giọng máy cơ bản (espeak-ng, không cần mạng)")
    PIPER = "piper", _("Giọng tự nhiên (Piper, cần tệp giọng đọc trên máy chủ)")


class Priority(models.TextChoices):
    """Bulletin priorities as TT 39/2020 sets them."""

    NORMAL = "normal", _("Thông thường")
    PRIORITY = "priority", _("Ưu tiên")
    EMERGENCY = "emergency", _("Khẩn cấp")


PRIORITY_RANK = {Priority.NORMAL: 0, Priority.PRIORITY: 1, Priority.EMERGENCY: 2}


def _audio_path(instance, filename: str) -> str:
    return f"truyen-thanh/{instance.commune_id}/{filename}"


class SpeechTerm(CommuneOwned):
    """One entry of the commune's reading dictionary: how a written abbreviation or name is read aloud."""

    written = models.CharField(_("cách viết"), max_length=60, help_text=_("Ví dụ: BCĐ, HTX, Nậm Pồ"))
    spoken = models.CharField(_("cách đọc"), max_length=200, help_text=_("Ví dụ: ban chỉ đạo, hợp tác xã"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("từ đọc riêng của xã")
        verbose_name_plural = _("từ điển đọc của xã")
        ordering = ["commune", "written"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "written"],
                name="speechterm_unique_per_commune",
                violation_error_message=_("Từ điển của xã đã có cách đọc cho từ này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.written} → {self.spoken}"


class Script(CommuneOwned):
    """Bài phát thanh: the text, the spoken text officials checked, and the audio that goes on air."""

    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung bài"), max_length=30000)
    spoken_text = models.TextField(
        _("lời đọc"),
        max_length=60000,
        blank=True,
        help_text=_("Văn bản máy sẽ đọc: số, ngày, chữ viết tắt đã viết thành chữ. Sửa ở đây nếu máy đọc sai."),
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("tạo từ tin bài"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    engine = models.CharField(_("giọng đọc"), max_length=12, choices=Engine, default=Engine.ESPEAK)
    audio = models.FileField(_("âm thanh tạo từ lời đọc"), storage=private_storage, upload_to=_audio_path, blank=True)
    audio_duration = models.FloatField(_("thời lượng (giây)"), null=True, blank=True)
    audio_status = models.CharField(
        _("trạng thái âm thanh"), max_length=10, choices=AudioStatus, default=AudioStatus.NONE
    )
    audio_error = models.CharField(_("lỗi khi tạo âm thanh"), max_length=500, blank=True)
    # A digest of the spoken text and engine the audio was made from: stale audio is not aired.
    audio_stamp = models.CharField(max_length=64, blank=True, editable=False)
    # The files' SHA-256, taken when they are written: speakers cache audio by it.
    audio_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    recording = models.FileField(
        _("bản ghi âm giọng phát thanh viên"),
        storage=private_storage,
        upload_to=_audio_path,
        blank=True,
        help_text=_("Nếu có, bản ghi âm được phát thay cho giọng máy."),
    )
    recording_duration = models.FloatField(_("thời lượng bản ghi âm (giây)"), null=True, blank=True)
    recording_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    is_public = models.BooleanField(
        _("đăng lên mục Nghe lại"), default=True, help_text=_("Người dân nghe lại trên trang Truyền thanh.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bài phát thanh")
        verbose_name_plural = _("bài phát thanh")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def on_air(self):
        """The file that goes on air: the broadcaster's recording when there is one, else the rendered audio."""
        return self.recording if self.recording else self.audio

    @property
    def on_air_duration(self) -> float | None:
        return self.recording_duration if self.recording else self.audio_duration

    @property
    def on_air_sha256(self) -> str:
        return self.recording_sha256 if self.recording else self.audio_sha256


class SpeakerCluster(CommuneOwned):
    """Cụm loa: an IP loudspeaker cluster in a village, which fetches its schedule with its own token."""

    name = models.CharField(_("tên cụm loa"), max_length=120)
    village = models.ForeignKey(
        Village, verbose_name=_("thôn, xóm"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    location = models.CharField(_("vị trí đặt"), max_length=255, blank=True)
    day_starts = models.TimeField(
        _("được phát từ"), default=DEFAULT_DAY_STARTS, help_text=_("Không phát trước giờ này (trừ tin khẩn cấp).")
    )
    day_ends = models.TimeField(
        _("được phát đến"), default=DEFAULT_DAY_ENDS, help_text=_("Không phát sau giờ này (trừ tin khẩn cấp).")
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # The device token is shown once when issued; only its SHA-256 digest is kept.
    token_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    token_hint = models.CharField(_("đuôi mã thiết bị"), max_length=8, blank=True, editable=False)
    token_issued_at = models.DateTimeField(_("cấp mã lúc"), null=True, blank=True, editable=False)
    last_seen_at = models.DateTimeField(_("liên lạc lần cuối"), null=True, blank=True, editable=False)
    health = models.JSONField(_("tình trạng thiết bị"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("cụm loa")
        verbose_name_plural = _("cụm loa")
        ordering = ["commune", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"],
                name="speakercluster_unique_name_per_commune",
                violation_error_message=_("Xã đã có cụm loa mang tên này."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_online(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.last_seen_at is not None and now - self.last_seen_at <= SILENT_AFTER


class Programme(CommuneOwned):
    """Chương trình phát thanh: a named series (e.g. «Chuyên mục cải cách hành chính»)."""

    name = models.CharField(_("tên chương trình"), max_length=200)
    description = models.TextField(_("giới thiệu"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("chương trình phát thanh")
        verbose_name_plural = _("chương trình phát thanh")
        ordering = ["commune", "name"]

    def __str__(self) -> str:
        return self.name


class Broadcast(CommuneOwned):
    """Lịch phát: one script aired on chosen days at chosen times, to chosen clusters (or all).

    ``times`` holds "HH:MM" strings; ``weekdays`` the ISO weekdays (1 = Monday) it airs on, empty for
    every day. Saving goes through ``actions.schedule``, which expands it into ``Airing`` rows and
    refuses a rule that breaks a cluster's quiet hours unless it is an emergency.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    script = models.ForeignKey(Script, verbose_name=_("bài phát thanh"), on_delete=models.PROTECT, related_name="+")
    priority = models.CharField(_("mức ưu tiên"), max_length=10, choices=Priority, default=Priority.NORMAL)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    times = models.JSONField(_("giờ phát"), default=list)
    weekdays = models.JSONField(_("các ngày trong tuần"), default=list, blank=True)
    all_clusters = models.BooleanField(_("phát trên tất cả cụm loa"), default=False)
    clusters = models.ManyToManyField(SpeakerCluster, verbose_name=_("cụm loa"), blank=True, related_name="+")
    volume = models.PositiveSmallIntegerField(
        _("âm lượng (%)"), default=80, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    is_cancelled = models.BooleanField(_("đã hủy"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lịch phát")
        verbose_name_plural = _("lịch phát")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.script} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"


class Airing(CommuneOwned):
    """One airing of a broadcast rule on one cluster at one moment: what the speaker fetches and plays."""

    broadcast = models.ForeignKey(Broadcast, on_delete=models.CASCADE, related_name="airings")
    # A cluster that had airings is switched off, not deleted: what was due and played stays on record.
    # RESTRICT, not PROTECT: deleting a whole commune still cascades through its clusters.
    cluster = models.ForeignKey(SpeakerCluster, on_delete=models.RESTRICT, related_name="airings")
    starts_at = models.DateTimeField(_("phát lúc"), db_index=True)
    # Copied from the rule so that a speaker's schedule is read from one table.
    priority = models.CharField(_("mức ưu tiên"), max_length=10, choices=Priority, default=Priority.NORMAL)
    volume = models.PositiveSmallIntegerField(_("âm lượng (%)"), default=80)
    # Cancelled or dropped by an edit, kept: a speaker that played it before it heard reports it here.
    is_cancelled = models.BooleanField(_("đã hủy"), default=False)

    class Meta:
        verbose_name = _("lượt phát")
        verbose_name_plural = _("lượt phát")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "cluster", "starts_at"], name="airing_unique_per_cluster")
        ]
        indexes = [models.Index(fields=["cluster", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.cluster} {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"


class PlayOutcome(models.TextChoices):
    PLAYED = "played", _("Đã phát")
    FAILED = "failed", _("Phát lỗi")
    SKIPPED = "skipped", _("Bỏ qua")


class PlayLog(CommuneOwned):
    """What a speaker reports it played. ``report_key`` is the speaker's own id of the report, so a
    report sent again after a network cut is stored once."""

    cluster = models.ForeignKey(SpeakerCluster, on_delete=models.RESTRICT, related_name="plays")
    airing = models.ForeignKey(Airing, null=True, blank=True, on_delete=models.SET_NULL, related_name="plays")
    script = models.ForeignKey(Script, null=True, blank=True, on_delete=models.SET_NULL, related_name="plays")
    report_key = models.CharField(max_length=64)
    started_at = models.DateTimeField(_("bắt đầu phát"))
    duration = models.FloatField(_("thời lượng (giây)"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=PlayOutcome, default=PlayOutcome.PLAYED)
    detail = models.CharField(_("ghi chú"), max_length=500, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhật ký phát")
        verbose_name_plural = _("nhật ký phát")
        ordering = ["-started_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["cluster", "report_key"], name="playlog_unique_report")]
        indexes = [models.Index(fields=["commune", "started_at"])]

    def __str__(self) -> str:
        return f"{self.cluster} {timezone.localtime(self.started_at):%d/%m/%Y %H:%M}"


class ListenerFeedback(CommuneOwned):
    """Ý kiến thính giả: what a villager says of a broadcast on the public archive, with a receipt code.

    Name and phone are optional, kept only with consent, and never shown in public.
    """

    script = models.ForeignKey(Script, verbose_name=_("bài phát thanh"), on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("ý kiến"), max_length=2000)
    name = models.CharField(_("họ tên"), max_length=120, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    consent = models.BooleanField(_("đồng ý cho xã dùng thông tin liên hệ để trả lời"), default=False)
    code = models.CharField(_("mã tiếp nhận"), max_length=12)
    idempotency_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến thính giả")
        verbose_name_plural = _("ý kiến thính giả")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "idempotency_key"], name="listenerfeedback_unique_key"),
            models.UniqueConstraint(fields=["commune", "code"], name="listenerfeedback_unique_code"),
        ]

    def __str__(self) -> str:
        return self.code
