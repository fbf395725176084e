"""Taking in a citizen's message: checked, stored once, answered with a tracking code.

``ReceiveFeedback`` is the one write, whoever asks for it: the public form (no account), an
official typing in what was said at the desk or on the phone, the demo loader. A message sent again
with the same key (a double tap, a retry after a lost connection) gets its first code back and
stores nothing more. The photo is attached after the message is stored, so a photo that fails never
costs the message.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.actions import CommuneAction, require_role
from cchc.communes.models import Commune, Village
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.core.codes import CODE_ALPHABET, new_receipt_code
from cchc.core.phones import normalize_phone
from cchc.core.storage import private_storage

from .models import Channel, Feedback, Kind, Photo, PhotoStatus, Subject

LOG_RECEIVE = "cchc.feedback_received"

MAX_TITLE = 200
MAX_BODY = 4000
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}  # what the file is, not what it is called
MAX_PIXELS = 40_000_000

# Who may type in a message received at the desk or by phone: the office, the one-stop desk's staff
# (office and justice officers) and the committee's leaders.
DESK_ROLES = (Role.OFFICE, Role.JUSTICE, Role.CHAIRMAN)


@dataclass
class Message:
    """What a sender says, as the form or the desk has read it (``clean_message`` checks it)."""

    kind: str
    subject: str
    title: str
    body: str
    about: str = ""
    village: Village | None = None
    sender_name: str = ""
    contact_phone: str = ""
    consent: bool = False


def clean_message(*, commune: Commune, data: dict) -> Message:
    """The message from raw values, or ``ValidationError`` with a Vietnamese message per field."""
    errors: dict[str, str] = {}

    def text(name: str, limit: int) -> str:
        value = " ".join(str(data.get(name) or "").split()) if name != "body" else str(data.get(name) or "").strip()
        if len(value) > limit:
            errors[name] = _("Tối đa %(limit)s ký tự (bạn đã nhập %(count)s).") % {"limit": limit, "count": len(value)}
        return value.replace("\x00", "")

    kind = str(data.get("kind") or "")
    if kind not in Kind.values:
        errors["kind"] = _("Hãy chọn bạn muốn hỏi, phản ánh, kiến nghị hay khiếu nại.")
    subject = str(data.get("subject") or "")
    if subject not in Subject.values:
        errors["subject"] = _("Hãy chọn việc bạn muốn nói đến.")
    title = text("title", MAX_TITLE)
    body = text("body", MAX_BODY)
    about = text("about", 200)
    if not title and "title" not in errors:
        errors["title"] = _("Hãy ghi tiêu đề ngắn, ví dụ: «Hỏi về thủ tục đăng ký khai sinh».")
    if len(body) < 10 and "body" not in errors:
        errors["body"] = _("Hãy ghi rõ nội dung (ít nhất 10 ký tự).")
    village = None
    village_id = str(data.get("village") or "").strip()
    if village_id:
        with commune_scope(commune):
            village = (
                Village.objects.filter(commune=commune, pk=int(village_id)).first()
                if village_id.isascii() and village_id.isdigit()
                else None
            )
        if village is None:
            errors["village"] = _("Thôn, xóm này không có trong danh sách của xã.")
    consent = str(data.get("consent") or "") in ("1", "on", "true", "True")
    sender_name = text("sender_name", 120)
    raw_phone = str(data.get("contact_phone") or "").strip()[:30]
    phone = ""
    if raw_phone:
        try:
            phone = normalize_phone(raw_phone)
        except ValueError:
            errors["contact_phone"] = _("Số điện thoại chưa đúng. Ví dụ: 0912 345 678 hoặc 0208 3878 000.")
    if kind == Kind.COMPLAINT and not (sender_name and raw_phone and consent):
        errors["consent"] = _(
            "Theo Luật Khiếu nại, người khiếu nại phải ghi rõ họ tên và cách liên hệ: hãy ghi họ tên, số điện "
            "thoại và đánh dấu đồng ý. Nếu không muốn ghi tên, hãy chọn «Phản ánh» hoặc «Kiến nghị»."
        )
    elif (sender_name or raw_phone) and not consent and "contact_phone" not in errors:
        errors["consent"] = _(
            "Bạn đã ghi tên hoặc số điện thoại: hãy đánh dấu đồng ý để xã dùng chúng trả lời bạn, "
            "hoặc xóa chúng để gửi không kèm thông tin liên hệ."
        )
    if errors:
        raise ValidationError(errors)
    return Message(kind=kind, subject=subject, title=title, body=body, about=about, village=village,
                   sender_name=sender_name if consent else "", contact_phone=phone if consent else "",
                   consent=consent)  # fmt: skip


def normalize_code(raw: str) -> str:
    """``7hq2 m9xa`` or ``7HQ2-M9XA`` → ``7HQ2-M9XA``; "" when it cannot be a tracking code."""
    letters = "".join(ch for ch in (raw or "")[:40].upper() if ch.isalnum())
    if len(letters) != 8 or any(ch not in CODE_ALPHABET for ch in letters):
        return ""
    return f"{letters[:4]}-{letters[4:]}"


def find(commune: Commune, code: str) -> Feedback | None:
    code = normalize_code(code)
    if not code:
        return None
    with commune_scope(commune):
        return Feedback.objects.filter(commune=commune, code=code).select_related("village").first()


def fingerprint(message: Message) -> str:
    """A short digest of what the message says: the same form key with other words is another message."""
    village = str(message.village.pk) if message.village else ""
    parts = [message.kind, message.subject, message.about, message.title, message.body, village,
             message.sender_name, message.contact_phone]  # fmt: skip
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


class ReceiveFeedback(CommuneAction):
    """Store a message once and give it a tracking code; ``already_recorded`` says it was there before."""

    log_action = LOG_RECEIVE

    def __init__(self, *, commune: Commune, message: Message, key: str, channel: str = Channel.WEB, user=None,
                 session=None):  # fmt: skip
        super().__init__(commune=commune, user=user)
        self.message = message
        self.session = session
        # The key of the form load and what was written: a form sent again (a double tap, a resend) is
        # the same message; the same page reused for other words (Back on a shared phone) is a new one.
        self.key = f"{(key or '').strip()[:70]}:{fingerprint(message)}"
        self.channel = channel

    def check(self) -> None:
        """Anyone may send from the public form; a message taken at the desk or by phone is typed in by the
        office, the one-stop desk or a leader, who says which channel it came by."""
        if not self.key:
            raise PermissionDenied(_("Thiếu khóa chống gửi trùng."))
        if self.channel not in Channel.values:
            raise PermissionDenied(_("Kênh tiếp nhận không hợp lệ."))
        if self.channel == Channel.WEB:
            if self.session is not None:
                raise PermissionDenied(_("Câu hỏi gửi qua cổng thông tin không thuộc hội nghị nào."))
            return
        if self.channel == Channel.SESSION:
            from .sessions import is_dialogue_session

            if not is_dialogue_session(self.session, commune=self.commune):
                raise PermissionDenied(_("Hãy chọn một hội nghị đối thoại của xã."))
        elif self.session is not None:
            raise PermissionDenied(_("Chỉ câu hỏi nêu tại hội nghị đối thoại mới gắn với hội nghị."))
        if self.user is not None:
            reason = _("Chỉ văn phòng, bộ phận một cửa và lãnh đạo xã được nhập phản ánh thay người dân.")
            require_role(self.user, self.commune, DESK_ROLES, reason)

    def existing(self) -> Feedback | None:
        with commune_scope(self.commune):
            return Feedback.objects.filter(commune=self.commune, idempotency_key=self.key).first()

    def execute(self) -> Feedback:
        first = self.existing()
        if first is not None:
            first.already_recorded = True
            return first
        for _attempt in range(3):
            try:
                stored = super().execute()
            except IntegrityError:
                first = self.existing()
                if first is not None:  # the same message, stored a moment ago by a concurrent request
                    first.already_recorded = True
                    return first
                continue  # the rare tracking-code collision: a new code
            stored.already_recorded = False
            return stored
        raise IntegrityError("could not store the message")  # pragma: no cover

    def perform(self) -> Feedback:
        from .limits import due_on_receipt

        m = self.message
        now = timezone.now()
        due = due_on_receipt(commune=self.commune, kind=m.kind, received_on=timezone.localtime(now).date())
        return Feedback.objects.create(
            commune=self.commune, code=new_receipt_code(), kind=m.kind, subject=m.subject, about=m.about,
            title=m.title, body=m.body, village=m.village, sender_name=m.sender_name,
            contact_phone=m.contact_phone, consented_at=timezone.now() if m.consent else None,
            channel=self.channel, entered_by=self.user, received_at=now, idempotency_key=self.key,
            session=self.session, due_date=due,
        )  # fmt: skip

    def audit_instance(self, result: Feedback):
        return result

    def audit_data(self, result: Feedback) -> dict:
        return {"kind": result.kind, "channel": result.channel}


class PhotoRefused(Exception):
    pass


def check_photo(upload: UploadedFile) -> str:
    """The photo's stored extension, or ``PhotoRefused`` with the reason in Vietnamese. Reads only the
    file's header here; decoding it whole is the task worker's (``photos.clean_photo``)."""
    from pathlib import Path

    from PIL import Image, UnidentifiedImageError

    extension = Path(upload.name or "").suffix.lower()
    if extension not in PHOTO_EXTENSIONS:
        raise PhotoRefused(_("Chỉ nhận ảnh JPG, PNG hoặc WEBP."))
    if upload.size > MAX_PHOTO_BYTES:
        raise PhotoRefused(
            _("Ảnh nặng %(size)s MB, quá giới hạn %(max)s MB.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","), "max": MAX_PHOTO_BYTES // 1024 // 1024}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in PHOTO_FORMATS:
                raise PhotoRefused(_("Tệp không phải là ảnh JPG, PNG hoặc WEBP."))
            stored_extension = PHOTO_FORMATS[image.format]
            width, height = image.size
            image.verify()
    except PhotoRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise PhotoRefused(_("Không đọc được ảnh này.")) from error
    if width * height > MAX_PIXELS:
        raise PhotoRefused(_("Ảnh quá lớn, hãy gửi ảnh nhỏ hơn."))
    upload.seek(0)
    return stored_extension


def attach_photo(*, commune: Commune, feedback: Feedback, upload: UploadedFile) -> Photo:
    """Keep the photo of a stored message (private storage) and queue its cleaning. A photo refused is
    recorded as refused, with the reason the sender reads on the receipt; the message stands either way.
    One photo per message: a second send of the same form keeps the first."""
    from .tasks import clean_photo

    with commune_scope(commune):
        if feedback.photos.exists():
            return feedback.photos.first()
        try:
            extension = check_photo(upload)
        except PhotoRefused as refused:
            return Photo.objects.create(commune=commune, feedback=feedback, status=PhotoStatus.REFUSED,
                                        note=str(refused)[:200])  # fmt: skip
        try:
            name = private_storage.save(f"phan-anh/{commune.code}/{uuid.uuid4().hex}{extension}", upload)
        except OSError:  # the disk is full or unwritable: the message stands, the sender is told
            return Photo.objects.create(commune=commune, feedback=feedback, status=PhotoStatus.REFUSED,
                                        note=_("Máy chủ chưa lưu được ảnh, hãy gửi lại ảnh sau."))  # fmt: skip
        with transaction.atomic():
            photo = Photo.objects.create(commune=commune, feedback=feedback, name=name, size=upload.size)
            transaction.on_commit(lambda: clean_photo.enqueue(commune_id=commune.pk, photo_id=photo.pk))
        return photo
