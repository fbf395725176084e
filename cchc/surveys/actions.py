"""Writes on a commune's survey campaigns and its own extra questions: the office and the committee's leaders.

The generic record actions (``cchc.communes.actions``) validate the row and leave one audit record
each; the role rule added here holds for every screen, command and later import. Responses are not
written here but through ``cchc.surveys.responses.record_response``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from cchc.communes.actions import CreateRecord, DeleteRecord, EditRecord, require_role
from cchc.communes.roles import Role

from .models import Answer, Campaign, CampaignQuestion, FieldTarget

EDITORS = frozenset({Role.CHAIRMAN, Role.OFFICE})
REFUSAL = _("Chỉ Văn phòng HĐND - UBND và lãnh đạo UBND xã được tạo, sửa đợt khảo sát sự hài lòng.")


class CampaignRules:
    denied_message = REFUSAL

    def check_rules(self) -> None:
        require_role(self.user, self.commune, EDITORS, str(REFUSAL))


class CreateCampaign(CampaignRules, CreateRecord):
    """Open a survey round on a template."""


class EditCampaign(CampaignRules, EditRecord):
    """Change a round's period, target, formula or status.

    Its questionnaire stays as it was once a form is in: the stored answers carry its codes.
    """

    def check_rules(self) -> None:
        super().check_rules()
        stored = self.stored()
        if stored is not None and stored.template_id != self.instance.template_id and stored.responses.exists():
            raise PermissionDenied(_("Đợt khảo sát đã có phiếu trả lời: không đổi được mẫu phiếu. Hãy mở đợt mới."))


class DeleteCampaign(CampaignRules, DeleteRecord):
    """Remove a round created by mistake (its responses go with it)."""


def next_question_number(campaign: Campaign) -> int:
    """The next free number of a round's own questions: one after the highest (R.1 for the first)."""
    highest = CampaignQuestion.objects.filter(campaign=campaign).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def is_answered(question: CampaignQuestion) -> bool:
    return Answer.objects.filter(question=question).exists()


class CreateCampaignQuestion(CampaignRules, CreateRecord):
    """Add one of the commune's own questions (R.n) to a round; without a number it takes the next free one."""

    def check_rules(self) -> None:
        super().check_rules()
        if self.instance.number is None and self.instance.campaign_id is not None:
            self.instance.number = next_question_number(self.instance.campaign)


class EditCampaignQuestion(CampaignRules, EditRecord):
    """Reword a question; an answered one keeps its number and its round (the answers carry its code)."""

    def check_rules(self) -> None:
        super().check_rules()
        stored = self.stored()
        if stored is None:
            return
        moved = stored.number != self.instance.number or stored.campaign_id != self.instance.campaign_id
        if moved and is_answered(stored):
            raise PermissionDenied(
                _("Câu hỏi %(code)s đã có người trả lời: không đổi được số thứ tự hay đợt khảo sát.")
                % {"code": stored.code}
            )


class DeleteCampaignQuestion(CampaignRules, DeleteRecord):
    """Remove a question nobody has answered yet."""

    def check_rules(self) -> None:
        super().check_rules()
        stored = self.stored()
        if stored is not None and is_answered(stored):
            raise PermissionDenied(
                _("Câu hỏi %(code)s đã có người trả lời: không xóa được. Có thể sửa lời câu hỏi.")
                % {"code": stored.code}
            )


class FieldTargetRules(CampaignRules):
    def check_rules(self) -> None:
        super().check_rules()
        row = self.instance
        surveyed = row.campaign.procedure_fields.values_list("pk", flat=True)
        if surveyed and row.procedure_field_id not in set(surveyed):
            raise PermissionDenied(_("Đợt khảo sát này không khảo sát lĩnh vực đã chọn."))


class CreateFieldTarget(FieldTargetRules, CreateRecord):
    """Set how many forms a round means to gather in one of the fields it surveys."""


class EditFieldTarget(FieldTargetRules, EditRecord):
    pass


class DeleteFieldTarget(CampaignRules, DeleteRecord):
    pass


SURVEY_ACTIONS = {
    Campaign: [CreateCampaign, EditCampaign, DeleteCampaign],
    CampaignQuestion: [CreateCampaignQuestion, EditCampaignQuestion, DeleteCampaignQuestion],
    FieldTarget: [CreateFieldTarget, EditFieldTarget, DeleteFieldTarget],
}
