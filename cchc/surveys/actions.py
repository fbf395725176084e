"""Writes on a commune's survey campaigns and its own extra questions: the office and the committee's leaders.

The generic record actions (``cchc.communes.actions``) validate the row and leave one audit record
each; the role rule added here holds for every screen, command and later import. Responses are not
written here but through ``cchc.surveys.responses.record_response``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from cchc.communes.actions import CreateRecord, DeleteRecord, EditRecord, require_role
from cchc.communes.roles import Role

from .models import Campaign, CampaignQuestion

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


class CreateCampaignQuestion(CampaignRules, CreateRecord):
    """Add one of the commune's own questions (R.n) to a round."""


class EditCampaignQuestion(CampaignRules, EditRecord):
    pass


class DeleteCampaignQuestion(CampaignRules, DeleteRecord):
    pass


SURVEY_ACTIONS = {
    Campaign: [CreateCampaign, EditCampaign, DeleteCampaign],
    CampaignQuestion: [CreateCampaignQuestion, EditCampaignQuestion, DeleteCampaignQuestion],
}
