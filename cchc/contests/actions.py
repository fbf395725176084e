"""Writes of the contests app that carry a rule (see ``cchc.communes.actions``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cchc.communes.actions import CommuneAction, CreateRecord, DeleteRecord, EditRecord, require_role
from cchc.communes.models import Commune
from cchc.communes.roles import Role

from .importing import held_texts, parse_questions, text_key
from .models import Contest, ContestRound, Question

# The justice officer runs the commune's contests; the office and the committee's leaders may too.
CONTEST_EDITORS = {Role.JUSTICE, Role.OFFICE, Role.CHAIRMAN}
REFUSAL = _("Chỉ công chức Tư pháp, Văn phòng và lãnh đạo UBND xã được quản lý ngân hàng câu hỏi và cuộc thi.")
PUBLISH_REFUSAL = _("Chỉ công chức Tư pháp, Văn phòng và lãnh đạo UBND xã được công bố kết quả cuộc thi.")
IMPORT_REFUSAL = _("Chỉ công chức Tư pháp, Văn phòng và lãnh đạo UBND xã được nhập câu hỏi vào ngân hàng câu hỏi.")


class EditorRules:
    """Questions, contests and rounds are written by ``CONTEST_EDITORS`` on every screen."""

    denied_message = REFUSAL

    def check_rules(self) -> None:
        require_role(self.user, self.commune, CONTEST_EDITORS, str(REFUSAL))


class CreateQuestion(EditorRules, CreateRecord):
    pass


class EditQuestion(EditorRules, EditRecord):
    pass


class DeleteQuestion(EditorRules, DeleteRecord):
    pass


class CreateContest(EditorRules, CreateRecord):
    pass


# Settings that decide who an entrant is and how many attempts they have: changing them once papers are
# out would give everyone fresh attempts (a new identity kind hashes differently) or change the rules
# under people who already entered.
FIXED_ONCE_ENTERED = ("identity_kind", "attempt_rule", "max_attempts", "uses_prediction", "eligibility")


class EditContest(EditorRules, EditRecord):
    def check_rules(self) -> None:
        super().check_rules()
        from .models import Entry

        stored = self.stored()
        if stored is None or not Entry.objects.filter(commune=self.commune, round__contest=stored).exists():
            return
        changed = [name for name in FIXED_ONCE_ENTERED if getattr(stored, name) != getattr(self.instance, name)]
        if changed:
            labels = ", ".join(f"«{Contest._meta.get_field(name).verbose_name}»" for name in changed)
            raise PermissionDenied(
                _("Cuộc thi đã có người dự thi nên không đổi được %(fields)s: thể lệ đã công bố phải giữ nguyên.")
                % {"fields": labels}
            )


class DeleteContest(EditorRules, DeleteRecord):
    """Remove a contest with its rounds."""


class CreateRound(EditorRules, CreateRecord):
    pass


class EditRound(EditorRules, EditRecord):
    pass


class DeleteRound(EditorRules, DeleteRecord):
    pass


RECORD_ACTIONS = {
    Question: [CreateQuestion, EditQuestion, DeleteQuestion],
    Contest: [CreateContest, EditContest, DeleteContest],
    ContestRound: [CreateRound, EditRound, DeleteRound],
}


@dataclass
class ImportReport:
    stored: int
    already: int  # questions already in the bank (the commune's or the national one), not stored again
    skipped_blank: int


class ImportQuestions(CommuneAction):
    """Add the questions of a spreadsheet to the commune's own bank, all of them or none.

    ``rows`` are the file's rows, header first (``importing.read_question_file`` reads an upload and
    refuses files over 5 MB or not .xlsx). Every row is checked before anything is stored; a wrong
    row raises ``importing.ImportFailed`` listing each wrong cell by row and column, and nothing is
    saved. Questions whose text the bank already holds are left out, so importing a file again adds
    only its new rows.

    The import runs in the request, not in the task worker: files are small (at most 2,000 questions,
    5 MB) and checked in one pass. Should banks grow past that, queue it as ``surveys/uploads.py`` does.
    """

    log_action = "cchc.import"

    def __init__(self, *, commune: Commune, user=None, rows: list[list[Any]], source_name: str = ""):
        super().__init__(commune=commune, user=user)
        self.rows = rows
        self.source_name = source_name

    def check(self) -> None:
        require_role(self.user, self.commune, CONTEST_EDITORS, str(IMPORT_REFUSAL))

    def perform(self) -> ImportReport:
        parsed, skipped = parse_questions(self.rows, commune=self.commune)
        held = held_texts(self.commune)
        new = [item for item in parsed if text_key(item.text) not in held]
        questions = Question.objects.bulk_create(
            [
                Question(
                    commune=self.commune,
                    text=item.text,
                    kind=item.kind,
                    choices=item.choices,
                    legal_source=item.legal_source,
                )
                for item in new
            ]
        )
        Link = Question.topics.through
        Link.objects.bulk_create(
            [
                Link(question_id=question.pk, topic_id=topic.pk)
                for question, item in zip(questions, new, strict=True)
                for topic in item.topics
            ]
        )
        return ImportReport(stored=len(new), already=len(parsed) - len(new), skipped_blank=skipped)

    def audit_data(self, result: ImportReport) -> dict:
        return {
            "source": self.source_name,
            "questions": result.stored,
            "already": result.already,
        }


class PublishResults(CommuneAction):
    """Công bố kết quả: open a round's winners page (``/cuoc-thi/<slug>/dot-<n>/ket-qua/``) to everyone.

    Only once the round has closed, so that nobody is ranked while others may still enter; and only
    once, so that the date on the winners page is the date the results were announced. The ranking
    itself is not stored: the page reads it from the entries with ``results.round_results``, the
    same way the officials' screen and the workbook do.
    """

    log_action = "cchc.publish"

    def __init__(self, *, commune: Commune, user=None, round: ContestRound):
        super().__init__(commune=commune, user=user)
        self.round = round
        self.now = timezone.now()

    def check(self) -> None:
        require_role(self.user, self.commune, CONTEST_EDITORS, str(PUBLISH_REFUSAL))
        if self.round.commune_id != self.commune.pk:
            raise PermissionDenied(gettext("Đợt thi này thuộc xã khác."))
        stored = ContestRound.objects.filter(commune=self.commune, pk=self.round.pk).first()
        if stored is None:
            raise PermissionDenied(gettext("Không có đợt thi này."))
        if self.now < stored.closes_at:
            raise PermissionDenied(
                gettext("Đợt thi chưa kết thúc: chỉ công bố kết quả sau %(end)s.")
                % {"end": timezone.localtime(stored.closes_at).strftime("%H:%M ngày %d/%m/%Y")}
            )
        if stored.results_published_at is not None:
            raise PermissionDenied(
                gettext("Kết quả đợt thi này đã được công bố lúc %(at)s.")
                % {"at": timezone.localtime(stored.results_published_at).strftime("%H:%M ngày %d/%m/%Y")}
            )

    def perform(self) -> ContestRound:
        # Conditional update: of two officials pressing at once, one publishes and one is told it is done.
        updated = ContestRound.objects.filter(
            commune=self.commune, pk=self.round.pk, results_published_at__isnull=True
        ).update(results_published_at=self.now)
        if not updated:
            raise PermissionDenied(gettext("Kết quả đợt thi này đã được công bố."))
        self.round.results_published_at = self.now
        return self.round

    def audit_instance(self, result: ContestRound):
        return result

    def audit_data(self, result: ContestRound) -> dict:
        return {"results_published_at": result.results_published_at.isoformat(), "round": result.number}
