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

from cchc.communes.models import CommuneOwned, Village


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


class Status(models.TextChoices):
    RECEIVED = "da_nhan", _("Đã tiếp nhận")
    IN_PROGRESS = "dang_xu_ly", _("Đang xử lý")
    ANSWERED = "da_tra_loi", _("Đã trả lời")


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

    def __str__(self) -> str:
        # What the audit trail names the message by: neither its code (the only key to it) nor its title
        # (which may name the sender).
        return f"{self.get_kind_display()} số {self.pk}"

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
