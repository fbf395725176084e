"""The roles an official holds in a commune, and what each role may do.

A role is data shared by every commune; each commune gets its own Django group per role
(so that Wagtail page and collection permissions can point at that commune's tree only).
Apps add their model permissions to ``ROLE_MODEL_PERMISSIONS`` as they arrive.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CHAIRMAN = "chairman", _("Chủ tịch / Phó Chủ tịch UBND xã")
    OFFICE = "office", _("Văn phòng HĐND - UBND")
    CULTURE_INFO = "culture_info", _("Văn hóa - Thông tin")
    BROADCASTER = "broadcaster", _("Phát thanh - Truyền thông")
    JUSTICE = "justice", _("Tư pháp")
    FINANCE = "finance", _("Tài chính - Ngân sách")
    UNIT_MEMBER = "unit_member", _("Thành viên ban, ngành, đoàn thể")
    OVERSEER = "overseer", _("Cấp trên (chỉ xem)")
    PLATFORM_ADMIN = "platform_admin", _("Quản trị nền tảng")


# The portal's editorial line, as the seed plan puts it: the broadcasting officer (and any unit)
# writes, the culture-information board agrees or sends back, the office publishes.
# Roles whose members publish the commune's pages (the last step of the approval workflow).
PAGE_PUBLISHERS = {Role.CHAIRMAN, Role.OFFICE}
# Roles whose members review every draft (the first step): they edit anyone's draft, never publish.
PAGE_REVIEWERS = {Role.CULTURE_INFO}
# Roles whose members may write page drafts and submit them for approval.
PAGE_EDITORS = PAGE_PUBLISHERS | PAGE_REVIEWERS | {Role.BROADCASTER, Role.JUSTICE, Role.FINANCE, Role.UNIT_MEMBER}
# Roles whose members may add and change the commune's images and documents.
FILE_EDITORS = PAGE_EDITORS
READ_ONLY_ROLES = {Role.OVERSEER}

# model permissions ("app_label.codename") per role; apps extend this dict.
ROLE_MODEL_PERMISSIONS: dict[str, set[str]] = {
    Role.CHAIRMAN: {
        "communes.view_village",
        "communes.change_village",
        "communes.add_village",
        "communes.view_unit",
        "communes.change_unit",
        "communes.add_unit",
        "communes.view_membership",
    },
    Role.OFFICE: {
        "communes.view_village",
        "communes.change_village",
        "communes.add_village",
        "communes.delete_village",
        "communes.view_unit",
        "communes.change_unit",
        "communes.add_unit",
        "communes.delete_unit",
        "communes.view_membership",
    },
    Role.CULTURE_INFO: {"communes.view_village", "communes.view_unit"},
    Role.BROADCASTER: {"communes.view_village", "communes.view_unit"},
    Role.JUSTICE: {"communes.view_village", "communes.view_unit"},
    Role.FINANCE: {"communes.view_village", "communes.view_unit"},
    Role.UNIT_MEMBER: {"communes.view_village", "communes.view_unit"},
    Role.OVERSEER: {"communes.view_village", "communes.view_unit", "communes.view_membership"},
    Role.PLATFORM_ADMIN: set(),
}
