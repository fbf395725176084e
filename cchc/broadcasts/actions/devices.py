"""Device tokens of speaker clusters: issue one (shown once, replacing the old) or revoke it.

Who may: the broadcaster, Culture-Information, the office and the committee's leaders. Each write leaves
one audit record on the cluster, with the token's last four characters, never the token.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from cchc.communes.actions import CommuneAction, require_role
from cchc.communes.models import Commune
from cchc.communes.roles import Role

from ..devices import new_token, token_digest
from ..models import SpeakerCluster

TOKEN_MANAGERS = frozenset({Role.BROADCASTER, Role.CULTURE_INFO, Role.OFFICE, Role.CHAIRMAN})
REFUSAL = gettext_lazy(
    "Chỉ cán bộ phát thanh, Văn hóa - Thông tin, Văn phòng HĐND - UBND và lãnh đạo UBND xã được cấp "
    "hoặc thu hồi mã thiết bị của cụm loa."
)


@hooks.register("register_log_actions")
def register_device_log_actions(actions):
    actions.register_action("cchc.device_token", gettext_lazy("Cấp mã thiết bị"), gettext_lazy("Cấp mã thiết bị"))
    actions.register_action(
        "cchc.device_revoke", gettext_lazy("Thu hồi mã thiết bị"), gettext_lazy("Thu hồi mã thiết bị")
    )


class _TokenAction(CommuneAction):
    def __init__(self, cluster: SpeakerCluster, user=None, *, commune: Commune | None = None):
        super().__init__(commune=commune or cluster.commune, user=user)
        self.cluster = cluster
        self.previous_hint = cluster.token_hint

    def check(self) -> None:
        require_role(self.user, self.commune, TOKEN_MANAGERS, str(REFUSAL))
        if self.cluster.commune_id != self.commune.pk:
            raise PermissionDenied(_("Cụm loa này thuộc xã khác."))

    def audit_instance(self, result) -> SpeakerCluster:
        return self.cluster


class IssueDeviceToken(_TokenAction):
    """Give the cluster a new token and return it, the only time it is readable; the old one stops working."""

    log_action = "cchc.device_token"

    def check(self) -> None:
        super().check()
        if not self.cluster.is_active:
            raise PermissionDenied(_("Cụm loa đang ngừng hoạt động: hãy bật lại trước khi cấp mã thiết bị."))

    def perform(self) -> str:
        raw = new_token()
        self.cluster.token_digest = token_digest(raw)
        self.cluster.token_hint = raw[-4:]
        self.cluster.token_issued_at = timezone.now()
        self.cluster.save(update_fields=["token_digest", "token_hint", "token_issued_at"])
        return raw

    def audit_data(self, result: str) -> dict:
        return {"hint": self.cluster.token_hint, "replaced_hint": self.previous_hint}


class RevokeDeviceToken(_TokenAction):
    """Stop the cluster's token from working (a stolen or replaced device); the speaker gets 401 from then on."""

    log_action = "cchc.device_revoke"

    def check(self) -> None:
        super().check()
        if not self.cluster.token_digest:
            raise PermissionDenied(_("Cụm loa này chưa có mã thiết bị."))

    def perform(self) -> None:
        self.cluster.token_digest = ""
        self.cluster.token_hint = ""
        self.cluster.token_issued_at = None
        self.cluster.save(update_fields=["token_digest", "token_hint", "token_issued_at"])

    def audit_data(self, result) -> dict:
        return {"revoked_hint": self.previous_hint}
