"""Handling a message, step by step: the office triages it and gives it to a unit with a due date, the
unit drafts an answer, a leader approves it (or sends it back), and the office may publish it.

Each step is one action (``check()``, ``perform()`` in a transaction, one audit record on the
message), whoever calls it: the message's screen, the demo loader, a test. The message is read again
under a row lock, so two officials acting at once do not both move it. Who may do what:

- triage (give to a unit, or decline with a reason): the office and the leaders;
- draft the answer: the officials of the unit it was given to, the office and the leaders;
- approve or send back: the leaders (chairman, vice-chairmen), never on an answer they drafted;
- publish in the public Q&A: the office and the leaders, once answered, without personal data.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.access import roles_in
from cchc.communes.actions import CommuneAction, require_role, units_of
from cchc.communes.models import Commune, Unit
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.core.text import fold_vietnamese

from .limits import lawful_due
from .models import OPEN_STATUSES, Feedback, Status

LOG_ASSIGN = "cchc.feedback_assigned"
LOG_DECLINE = "cchc.feedback_declined"
LOG_DRAFT = "cchc.feedback_drafted"
LOG_RETURN = "cchc.feedback_returned"
LOG_APPROVE = "cchc.feedback_approved"
LOG_PUBLISH = "cchc.feedback_published"
LOG_UNPUBLISH = "cchc.feedback_unpublished"

TRIAGERS = (Role.OFFICE, Role.CHAIRMAN)
LEADERS = (Role.CHAIRMAN,)
PUBLISHERS = (Role.OFFICE, Role.CHAIRMAN)
MAX_ANSWER = 8000
MAX_NOTE = 500


def is_handler(user, commune: Commune) -> bool:
    """The office and the leaders see every message with its contact details, as they triage them."""
    return user.is_superuser or bool(roles_in(user, commune) & set(TRIAGERS))


def may_draft(user, commune: Commune, feedback: Feedback) -> bool:
    return is_handler(user, commune) or (feedback.unit_id is not None and feedback.unit_id in units_of(user, commune))


def _text(value: str, *, field: str, shortest: int, longest: int, what: str) -> str:
    value = (value or "").replace("\x00", "").strip()
    if len(value) < shortest:
        raise ValidationError({field: _("Hãy ghi %(what)s (ít nhất %(n)d ký tự).") % {"what": what, "n": shortest}})
    if len(value) > longest:
        raise ValidationError({field: _("Tối đa %(limit)s ký tự (bạn đã nhập %(count)s).")
                               % {"limit": longest, "count": len(value)}})  # fmt: skip
    return value


class FeedbackStep(CommuneAction):
    """One step on one message: read again under a lock, in the commune's scope, in the state it needs."""

    allowed_from: tuple[str, ...] = OPEN_STATUSES
    refused_state = ""

    def __init__(self, *, commune: Commune, feedback: Feedback, user=None):
        super().__init__(commune=commune, user=user)
        if feedback.commune_id != commune.pk:
            raise PermissionDenied(_("Phản ánh này thuộc xã khác."))
        self.feedback = feedback

    def execute(self) -> Feedback:
        # The rules read the message as it is now, not as the caller last saw it.
        with commune_scope(self.commune):
            self.feedback = Feedback.objects.get(pk=self.feedback.pk, commune=self.commune)
        return super().execute()

    def need(self, roles, reason: str) -> None:
        if self.user is None:
            raise PermissionDenied(_("Cần một cán bộ để làm việc này."))
        require_role(self.user, self.commune, roles, reason)

    def perform(self) -> Feedback:
        feedback = Feedback.objects.select_for_update().get(pk=self.feedback.pk, commune=self.commune)
        if feedback.status not in self.allowed_from:
            # Someone else moved it a moment ago: say what it is now rather than overwrite their step.
            raise ValidationError(self.refused_state or _("Phản ánh đang ở bước «%(s)s», không làm được việc này.")
                                  % {"s": feedback.get_status_display()})  # fmt: skip
        self.change(feedback)
        feedback.save()
        self.feedback = feedback
        return feedback

    def change(self, feedback: Feedback) -> None:
        raise NotImplementedError

    def audit_instance(self, result: Feedback):
        return result

    def audit_data(self, result: Feedback) -> dict:
        return {"status": result.status}


class AssignFeedback(FeedbackStep):
    """Give the message to a unit, with the due date its kind's limit gives (or an earlier one the office
    chooses). Giving it again to another unit keeps the due date unless a new one is chosen."""

    log_action = LOG_ASSIGN

    def __init__(self, *, commune: Commune, feedback: Feedback, unit: Unit, due_date: dt.date | None = None, user=None):
        super().__init__(commune=commune, feedback=feedback, user=user)
        self.unit = unit
        self.due_date = due_date

    def check(self) -> None:
        self.need(TRIAGERS, _("Chỉ Văn phòng và lãnh đạo xã được giao phản ánh cho đơn vị."))
        if self.unit is None or self.unit.commune_id != self.commune.pk:
            raise ValidationError({"unit": _("Hãy chọn một đơn vị của xã.")})
        if self.due_date is not None and self.due_date < timezone.localdate():
            raise ValidationError({"due_date": _("Hạn trả lời không thể là ngày đã qua.")})

    def change(self, feedback: Feedback) -> None:
        now = timezone.now()
        lawful = lawful_due(feedback, commune=self.commune, today=timezone.localtime(now).date())
        if self.due_date is not None and self.due_date > lawful:
            raise ValidationError({"due_date": _("Hạn trả lời không được quá %(day)s, thời hạn của loại này.")
                                   % {"day": lawful.strftime("%d/%m/%Y")}})  # fmt: skip
        feedback.unit = self.unit
        feedback.assigned_at = now
        feedback.due_date = self.due_date or lawful
        if feedback.status == Status.RECEIVED:
            feedback.status = Status.IN_PROGRESS

    def audit_data(self, result: Feedback) -> dict:
        return {"status": result.status, "unit": result.unit.name, "due_date": result.due_date.isoformat()}


class DeclineFeedback(FeedbackStep):
    """Not handled, with the reason the sender reads: a duplicate, a message with nothing to answer, or one
    for another body (which the reason names)."""

    log_action = LOG_DECLINE

    def __init__(self, *, commune: Commune, feedback: Feedback, reason: str, user=None):
        super().__init__(commune=commune, feedback=feedback, user=user)
        self.reason = reason

    def check(self) -> None:
        self.need(TRIAGERS, _("Chỉ Văn phòng và lãnh đạo xã được quyết định không xử lý phản ánh."))
        self.reason = _text(self.reason, field="reason", shortest=10, longest=MAX_NOTE,
                            what=_("lý do để người gửi được biết"))  # fmt: skip

    def change(self, feedback: Feedback) -> None:
        feedback.status = Status.DECLINED
        feedback.answer = self.reason
        feedback.answered_at = timezone.now()  # who decided it is in the audit record


class DraftAnswer(FeedbackStep):
    """The unit's answer, sent to a leader for approval. A draft waiting for approval may be written again."""

    log_action = LOG_DRAFT
    allowed_from = (Status.IN_PROGRESS, Status.AWAITING_APPROVAL)
    refused_state = _("Phản ánh chưa được giao cho đơn vị hoặc đã có trả lời.")

    def __init__(self, *, commune: Commune, feedback: Feedback, text: str, user=None):
        super().__init__(commune=commune, feedback=feedback, user=user)
        self.text = text

    def check(self) -> None:
        if self.user is None:
            raise PermissionDenied(_("Cần một cán bộ để soạn trả lời."))
        if not self.user.is_superuser and not may_draft(self.user, self.commune, self.feedback):
            raise PermissionDenied(_("Chỉ đơn vị được giao, Văn phòng và lãnh đạo xã được soạn trả lời."))
        self.text = _text(self.text, field="answer", shortest=20, longest=MAX_ANSWER, what=_("nội dung trả lời"))

    def change(self, feedback: Feedback) -> None:
        feedback.answer = self.text
        feedback.drafted_by = self.user
        feedback.leader_note = ""
        feedback.status = Status.AWAITING_APPROVAL

    def audit_data(self, result: Feedback) -> dict:
        return {"status": result.status, "answer": result.answer}


class ReturnDraft(FeedbackStep):
    """A leader sends the draft back to the unit with what to change."""

    log_action = LOG_RETURN
    allowed_from = (Status.AWAITING_APPROVAL,)
    refused_state = _("Không có bản trả lời nào đang chờ duyệt.")

    def __init__(self, *, commune: Commune, feedback: Feedback, note: str, user=None):
        super().__init__(commune=commune, feedback=feedback, user=user)
        self.note = note

    def check(self) -> None:
        self.need(LEADERS, _("Chỉ lãnh đạo xã được trả lại bản trả lời."))
        self.note = _text(self.note, field="note", shortest=5, longest=MAX_NOTE, what=_("điều cần sửa"))

    def change(self, feedback: Feedback) -> None:
        feedback.leader_note = self.note
        feedback.status = Status.IN_PROGRESS


class ApproveAnswer(FeedbackStep):
    """A leader approves the draft (corrected if need be): the sender reads it on the code page from now on.
    The one who drafted an answer does not approve it: the answer goes out in the committee's name."""

    log_action = LOG_APPROVE
    allowed_from = (Status.AWAITING_APPROVAL,)
    refused_state = _("Không có bản trả lời nào đang chờ duyệt.")

    def __init__(self, *, commune: Commune, feedback: Feedback, text: str | None = None, user=None):
        super().__init__(commune=commune, feedback=feedback, user=user)
        self.text = text

    def check(self) -> None:
        self.need(LEADERS, _("Chỉ lãnh đạo xã được duyệt trả lời."))
        if self.feedback.drafted_by_id is not None and self.feedback.drafted_by_id == self.user.pk:
            raise PermissionDenied(_("Bạn đã soạn bản trả lời này: cần một lãnh đạo khác duyệt."))
        if self.text is not None:
            self.text = _text(self.text, field="answer", shortest=20, longest=MAX_ANSWER, what=_("nội dung trả lời"))

    def change(self, feedback: Feedback) -> None:
        if feedback.drafted_by_id == self.user.pk:
            raise PermissionDenied(_("Bạn đã soạn bản trả lời này: cần một lãnh đạo khác duyệt."))
        self.corrected = bool(self.text) and self.text != feedback.answer
        if self.text:
            feedback.answer = self.text
        feedback.approved_by = self.user
        feedback.answered_at = timezone.now()
        feedback.leader_note = ""
        feedback.status = Status.ANSWERED

    def audit_data(self, result: Feedback) -> dict:
        # The answer as it went out, and whether the leader changed the unit's draft (whose text is in the
        # draft's own record): what the committee answered is never lost.
        return {"status": result.status, "on_time": result.answered_on_time(), "corrected": self.corrected,
                "answer": result.answer}  # fmt: skip


class PublishAnswer(FeedbackStep):
    """Put the question and its answer in the public Q&A, written without personal data (checked here:
    the sender's name, phone numbers, e-mail addresses and identity numbers are refused), optionally
    under one of the commune's procedures."""

    log_action = LOG_PUBLISH
    allowed_from = (Status.ANSWERED,)
    refused_state = _("Chỉ công khai được phản ánh đã có trả lời được duyệt.")

    def __init__(self, *, commune: Commune, feedback: Feedback, question: str, answer: str,
                 procedure_code: str = "", title: str = "", user=None):  # fmt: skip
        super().__init__(commune=commune, feedback=feedback, user=user)
        self.question, self.answer, self.procedure_code = question, answer, (procedure_code or "").strip()
        self.title = title

    def check(self) -> None:
        from .public_answers import personal_data_in, published_procedure_codes

        self.need(PUBLISHERS, _("Chỉ Văn phòng và lãnh đạo xã được công khai câu trả lời."))
        self.title = " ".join((self.title or "").split()) or " ".join(self.question.split())[:120]
        self.title = _text(self.title, field="public_title", shortest=5, longest=200, what=_("tiêu đề câu hỏi"))
        self.question = _text(self.question, field="question", shortest=10, longest=4000, what=_("câu hỏi"))
        self.answer = _text(self.answer, field="public_answer", shortest=20, longest=MAX_ANSWER,
                            what=_("câu trả lời"))  # fmt: skip
        errors = {}
        for field, text in (("public_title", self.title), ("question", self.question), ("public_answer", self.answer)):
            found = personal_data_in(text, feedback=self.feedback)
            if found:
                errors[field] = _("Còn thông tin cá nhân, hãy xóa trước khi công khai: %(found)s.") % {
                    "found": ", ".join(found)
                }
        if self.procedure_code and self.procedure_code not in published_procedure_codes(commune=self.commune):
            errors["procedure_code"] = _("Thủ tục này không có trong danh sách thủ tục xã công khai.")
        if errors:
            raise ValidationError(errors)

    def change(self, feedback: Feedback) -> None:
        feedback.public_title = self.title
        feedback.public_question = self.question
        feedback.public_answer = self.answer
        feedback.public_folded = fold_vietnamese(f"{self.title}\n{self.question}\n{self.answer}")
        feedback.procedure_code = self.procedure_code
        feedback.published_at = feedback.published_at or timezone.now()


class UnpublishAnswer(FeedbackStep):
    log_action = LOG_UNPUBLISH
    allowed_from = (Status.ANSWERED,)

    def check(self) -> None:
        self.need(PUBLISHERS, _("Chỉ Văn phòng và lãnh đạo xã được thôi công khai câu trả lời."))

    def change(self, feedback: Feedback) -> None:
        feedback.published_at = None
        feedback.public_folded = ""


def in_reach(*, commune: Commune, user):
    """The messages ``user`` may read: all of them for the office, the desk, leaders and overseers
    (``feedback.view_feedback``); else those given to their unit."""
    with commune_scope(commune):
        rows = Feedback.objects.filter(commune=commune)
        if user.is_superuser or user.has_perm("feedback.view_feedback"):
            return rows
        return rows.filter(unit_id__in=units_of(user, commune))
