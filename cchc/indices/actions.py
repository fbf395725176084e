"""Writes on a commune's index figures: entered, corrected and removed by the office and the committee's leaders.

The generic record actions (``cchc.communes.actions``) validate the figure (non-negative, within its
maximum, one per commune, index, year and component) and leave one audit record each; the rule added
here holds for every screen, the demo loader and any later import.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cchc.communes.actions import CreateRecord, DeleteRecord, EditRecord, require_role
from cchc.communes.roles import Role

from .models import IndexScore

EDITORS = frozenset({Role.CHAIRMAN, Role.OFFICE})
REFUSAL = _("Chỉ Văn phòng HĐND - UBND và lãnh đạo UBND xã được nhập, sửa điểm các chỉ số.")


class IndexScoreRules:
    denied_message = REFUSAL

    def check_rules(self) -> None:
        require_role(self.user, self.commune, EDITORS, str(REFUSAL))


class CreateIndexScore(IndexScoreRules, CreateRecord):
    """Enter one figure (a total or a component) of one index for one year."""


class EditIndexScore(IndexScoreRules, EditRecord):
    """Correct a figure entered earlier."""


class DeleteIndexScore(IndexScoreRules, DeleteRecord):
    """Remove a figure entered by mistake."""


INDEX_ACTIONS = {IndexScore: [CreateIndexScore, EditIndexScore, DeleteIndexScore]}
