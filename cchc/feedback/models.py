"""Citizens' questions, feedback and complaints, each with a tracking code read over the phone.

A message is stored once (``idempotency_key`` per commune) whatever else fails: its photo is a row
of its own, kept apart so that a photo that cannot be read never costs the message. Contact details
are kept only with the sender's consent, for the stated purpose of answering them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.communes.models import CommuneOwned, Unit, Village


class Kind(models.TextChoices):
    QUESTION = "cau_hoi", _("Hỏi, đề nghị hướng dẫn")
    FEEDBACK = "phan_anh", _("Phản ánh")
    PROPOSAL = "kien_nghi", _("Kiến nghị")
    COMPLAINT = "khieu_nai", _("Khiếu nại")


class Subject(models.TextChoices):
    PROCEDURE = "thu_tuc", _("Thủ tục hành chính")
    SERVICE = "phuc_vu", _("Thái độ, cách phục vụ của cán bộ")
    BROADCAST = "truyen_thanh", _("Chương trình truyền thanh")
    ARTICLE = "bai_viet", _("Bài viết, tin trên cổng thông tin")
    OTHER = "khac", _("Việc khác")


class Channel(models.TextChoices):
    WEB = "web", _("Gửi qua cổng thông tin")
    IN_PERSON = "truc_tiep", _("Trực tiếp tại bộ phận một cửa")
    PHONE = "dien_thoai", _("Qua điện thoại")
    SESSION = "hoi_nghi", _("Tại hội nghị đối thoại")


class Status(models.TextChoices):
    RECEIVED = "da_nhan", _("Đã tiếp nhận")
    IN_PROGRESS = "dang_xu_ly", _("Đang xử lý")
    AWAITING_APPROVAL = "cho_duyet", _("Chờ lãnh đạo duyệt")
    ANSWERED = "da_tra_loi", _("Đã trả lời")
    DECLINED = "khong_xu_ly", _("Không xử lý")


# What the sender reads on the code page: the steps inside the committee are not theirs to follow.
PUBLIC_STATUS = {
    Status.RECEIVED: Status.RECEIVED,
    Status.IN_PROGRESS: Status.IN_PROGRESS,
    Status.AWAITING_APPROVAL: Status.IN_PROGRESS,
    Status.ANSWERED: Status.ANSWERED,
    Status.DECLINED: Status.DECLINED,
}
OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL)


class Feedback(CommuneOwned):
    code = models.CharField(_("mã theo dõi"), max_length=9, editable=False)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind, default=Kind.QUESTION)
    subject = models.CharField(_("về việc"), max_length=14, choices=Subject, default=Subject.PROCEDURE)
    about = models.CharField(_("tên thủ tục, bài viết hoặc chương trình"), max_length=200, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), max_length=4000)
    village = models.ForeignKey(
        Village, verbose_name=_("thôn, xóm"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sender_name = models.CharField(_("họ và tên người gửi"), max_length=120, blank=True)
    contact_phone = models.CharField(_("số điện thoại"), max_length=12, blank=True)
    consented_at = models.DateTimeField(_("đồng ý cho xã liên hệ lúc"), null=True, blank=True)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=12, choices=Channel, default=Channel.WEB)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ nhập"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("tình trạng"), max_length=12, choices=Status, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("tiếp nhận lúc"))
    idempotency_key = models.CharField(max_length=100, editable=False)
    # A question raised at a dialogue conference (an outreach activity of the plan) is evidence of it.
    session = models.ForeignKey(
        "plans.OutreachActivity", verbose_name=_("hội nghị đối thoại"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="feedback_raised",
    )  # fmt: skip

    # Handling (``handling.py``): the office gives it to a unit with a due date, the unit drafts an
    # answer, a leader approves it; each step is an action with its audit record.
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị xử lý"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("giao lúc"), null=True, blank=True)
    due_date = models.DateField(_("hạn trả lời"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), max_length=8000, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người soạn trả lời"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    leader_note = models.CharField(_("ý kiến của lãnh đạo"), max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lãnh đạo duyệt"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    # The public question and answer: written again without personal data, chosen by the commune.
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    public_title = models.CharField(_("tiêu đề công khai"), max_length=200, blank=True)
    public_question = models.TextField(_("câu hỏi công khai"), max_length=4000, blank=True)
    public_answer = models.TextField(_("câu trả lời công khai"), max_length=8000, blank=True)
    public_folded = models.TextField(editable=False, blank=True)  # both, without tones, for the search
    procedure_code = models.CharField(_("mã thủ tục liên quan"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="feedback_unique_code"),
            models.UniqueConstraint(fields=["commune", "idempotency_key"], name="feedback_unique_key"),
            models.CheckConstraint(
                condition=Q(consented_at__isnull=False) | (Q(sender_name="") & Q(contact_phone="")),
                name="feedback_contact_only_with_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "status", "due_date"], name="feedback_open_by_due"),
            models.Index(fields=["commune", "published_at"], name="feedback_published"),
        ]

    def __str__(self) -> str:
        # What the audit trail names the message by: neither its code (the only key to it) nor its title
        # (which may name the sender).
        return f"{self.get_kind_display()} số {self.pk}"

    @property
    def public_status(self) -> str:
        return PUBLIC_STATUS[Status(self.status)]

    @property
    def public_status_label(self) -> str:
        return Status(self.public_status).label

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def answered_on_time(self) -> bool | None:
        """None while there is no due date or no answer; else whether the answer came by the due date."""
        if self.due_date is None or self.answered_at is None:
            return None
        from django.utils import timezone

        return timezone.localtime(self.answered_at).date() <= self.due_date

    @property
    def masked_phone(self) -> str:
        return f"••••••{self.contact_phone[-3:]}" if self.contact_phone else ""


class PhotoStatus(models.TextChoices):
    WAITING = "cho", _("Đang xử lý ảnh")
    READY = "san_sang", _("Đã nhận ảnh")
    REFUSED = "khong_doc_duoc", _("Không đọc được ảnh")


class Photo(CommuneOwned):
    """A photo sent with a message: kept in private storage, re-encoded by the task worker (which drops
    its metadata, the place it was taken included), never served to the public."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="photos")
    name = models.CharField(max_length=200, blank=True, editable=False)
    status = models.CharField(max_length=16, choices=PhotoStatus, default=PhotoStatus.WAITING)
    size = models.PositiveIntegerField(default=0)
    note = models.CharField(_("lý do không nhận"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh kèm theo")
        verbose_name_plural = _("ảnh kèm theo")
        ordering = ["pk"]


class TimeLimit(CommuneOwned):
    """A commune's time limit for answering one kind of message, in working days (``limits.py`` holds
    the defaults and their basis)."""

    kind = models.CharField(_("loại"), max_length=12, choices=Kind)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))

    class Meta:
        verbose_name = _("thời hạn trả lời")
        verbose_name_plural = _("thời hạn trả lời")
        constraints = [models.UniqueConstraint(fields=["commune", "kind"], name="feedback_one_limit_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days}"
