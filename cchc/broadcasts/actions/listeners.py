"""A villager's feedback on a broadcast (ý kiến thính giả): the one way it is stored.

``RecordListenerFeedback`` takes the commune explicitly, refuses a script the archive does not show,
validates with ``clean_feedback`` (the public form shows the same messages), keeps name and phone only
with consent, and stores the feedback once per idempotency key: a double submit, or a retry after a
lost connection, gets the receipt stored first (``already_recorded`` is set on it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from cchc.communes.actions import CommuneAction
from cchc.communes.scoping import commune_scope
from cchc.core import codes
from cchc.core.phones import normalize_phone

from ..archive import is_archived
from ..models import ListenerFeedback, Script

LOG_ACTION = "cchc.radio_feedback"
MAX_MESSAGE = ListenerFeedback._meta.get_field("message").max_length  # 2000
MAX_NAME = ListenerFeedback._meta.get_field("name").max_length
MAX_KEY = ListenerFeedback._meta.get_field("idempotency_key").max_length


def new_receipt_code() -> str:
    """``TT-7HQ2-M9XA``: short, readable aloud, 31⁸ possibilities per commune."""
    return f"TT-{codes.new_receipt_code()}"


@dataclass
class Feedback:
    """What a villager sent, cleaned: contact details already dropped when there is no consent."""

    message: str
    name: str
    phone: str
    consent: bool


def clean_feedback(*, message: str, name: str = "", phone: str = "", consent: bool = False) -> Feedback:
    """The rule of a listener's feedback, with its messages keyed by field (``ValidationError``)."""
    errors: dict[str, str] = {}
    message = (message or "").strip()
    if not message:
        errors["message"] = _("Bạn hãy viết ý kiến của mình trước khi gửi.")
    elif len(message) > MAX_MESSAGE:
        errors["message"] = _("Ý kiến dài quá: tối đa %(limit)d ký tự (bạn đã viết %(count)d ký tự).") % {
            "limit": MAX_MESSAGE,
            "count": len(message),
        }
    name = (name or "").strip() if consent else ""
    phone = (phone or "").strip() if consent else ""
    if len(name) > MAX_NAME:
        errors["name"] = _("Họ và tên dài quá: tối đa %(limit)d ký tự.") % {"limit": MAX_NAME}
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValueError:
            errors["phone"] = _("Số điện thoại chưa đúng: ghi 10 chữ số, ví dụ 0912 345 678.")
    if errors:
        raise ValidationError(errors)
    return Feedback(message=message, name=name, phone=phone, consent=bool(consent))


def existing(commune, key: str) -> ListenerFeedback | None:
    with commune_scope(commune):
        return ListenerFeedback.objects.filter(commune=commune, idempotency_key=key).first()


class RecordListenerFeedback(CommuneAction):
    """Store one villager's feedback on an archived broadcast, once per idempotency key."""

    log_action = LOG_ACTION

    def __init__(
        self,
        *,
        commune,
        script: Script,
        idempotency_key: str,
        message: str,
        name: str = "",
        phone: str = "",
        consent: bool = False,
        user=None,
    ):
        super().__init__(commune=commune, user=user)
        self.script = script
        self.key = (idempotency_key or "").strip()[:MAX_KEY]
        self.raw = {"message": message, "name": name, "phone": phone, "consent": consent}

    def check(self) -> None:
        """Anyone may send feedback (villagers are not logged in), on a broadcast the commune's archive shows."""
        if self.script.commune_id != self.commune.pk:
            raise PermissionDenied(_("Bài phát thanh này thuộc xã khác."))
        if not is_archived(self.commune, self.script):
            raise PermissionDenied(_("Bài phát thanh này không có trên trang Nghe lại."))
        if not self.key:
            raise ValidationError({"idempotency_key": _("Thiếu khóa chống ghi trùng của ý kiến.")})

    def execute(self) -> ListenerFeedback:
        with commune_scope(self.commune):
            # A form sent again gets its first receipt back, even if the script has left the archive since.
            first = existing(self.commune, self.key)
            if first is not None:
                first.already_recorded = True
                return first
            for _attempt in range(3):
                try:
                    return super().execute()
                except IntegrityError:
                    first = existing(self.commune, self.key)
                    if first is not None:  # a concurrent submit of the same form stored it first
                        first.already_recorded = True
                        return first
                    continue  # the rare receipt-code collision: a new code next time
        raise IntegrityError("could not store the listener feedback")  # pragma: no cover

    def perform(self) -> ListenerFeedback:
        feedback = clean_feedback(**self.raw)
        row = ListenerFeedback.objects.create(
            commune=self.commune,
            script=self.script,
            message=feedback.message,
            name=feedback.name,
            phone=feedback.phone,
            consent=feedback.consent,
            code=new_receipt_code(),
            idempotency_key=self.key,
        )
        row.already_recorded = False
        return row

    def audit_instance(self, result: ListenerFeedback):
        return result

    def audit_data(self, result: ListenerFeedback) -> dict:
        # No message, name or phone in the audit trail: the receipt code leads to them.
        return {"script": self.script.pk, "code": result.code, "consent": result.consent}
