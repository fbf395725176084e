from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask

from cchc.core.text import person_name

from .roles import Role
from .scoping import commune_scoped_manager


class CommuneKind(models.TextChoices):
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    THI_TRAN = "thi_tran", _("Thị trấn")
    DAC_KHU = "dac_khu", _("Đặc khu")


class Commune(models.Model):
    """A commune-level People's Committee: the tenant every row of commune data belongs to."""

    name = models.CharField(_("tên"), max_length=120, help_text=_("Ví dụ: Xã Định Biên"))
    kind = models.CharField(_("loại đơn vị"), max_length=12, choices=CommuneKind, default=CommuneKind.XA)
    code = models.CharField(
        _("mã đơn vị hành chính"), max_length=10, unique=True, help_text=_("Mã theo danh mục hành chính, ví dụ 05575")
    )
    province = models.CharField(_("tỉnh, thành phố"), max_length=120, help_text=_("Ví dụ: Tỉnh Thái Nguyên"))
    district = models.CharField(
        _("huyện (trước 7/2025)"), max_length=120, blank=True, help_text=_("Để trống nếu không còn cấp huyện")
    )
    superior_body = models.CharField(
        _("cơ quan cấp trên"),
        max_length=160,
        help_text=_("Cơ quan mà xã báo cáo, ví dụ: UBND huyện Định Hóa hoặc UBND tỉnh Thái Nguyên"),
    )
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    address = models.CharField(_("địa chỉ trụ sở"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.CharField(_("giờ làm việc"), max_length=255, blank=True)
    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name=_("trang web"), on_delete=models.PROTECT, related_name="commune"
    )
    root_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang chủ"), on_delete=models.PROTECT, related_name="+"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection", verbose_name=_("thư mục ảnh, tài liệu"), on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("xã")
        verbose_name_plural = _("các xã")
        ordering = ["province", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def place_name(self) -> str:
        """The name without its kind, as a document's place line writes it: "Định Biên"."""
        kind = self.get_kind_display()
        return self.name[len(kind) :].strip() if self.name.lower().startswith(kind.lower()) else self.name

    @property
    def name_in_text(self) -> str:
        """How running text writes the name: "xã Định Biên", not "Xã Định Biên"."""
        return self.name[:1].lower() + self.name[1:]

    @property
    def issuing_body(self) -> str:
        """The committee's name as a document header writes it: ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN."""
        return f"ỦY BAN NHÂN DÂN {self.name.upper()}"


class CommuneOwned(models.Model):
    """Base of every row of commune data: it carries its commune and is scoped by default."""

    commune = models.ForeignKey(Commune, verbose_name=_("xã"), on_delete=models.CASCADE, related_name="+")

    objects = commune_scoped_manager()

    # Wagtail's reference-index task loads rows through ``objects`` outside any scope; commune
    # rows would fail there, so they are left out of Wagtail's usage index.
    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True


class VillageKind(models.TextChoices):
    THON = "thon", _("Thôn")
    XOM = "xom", _("Xóm")
    BAN = "ban", _("Bản")
    LANG = "lang", _("Làng")
    TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố")


class Village(CommuneOwned):
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=12, choices=VillageKind, default=VillageKind.XOM)
    households = models.PositiveIntegerField(_("số hộ"), null=True, blank=True)
    population = models.PositiveIntegerField(_("số nhân khẩu"), null=True, blank=True)
    is_ethnic_minority = models.BooleanField(_("thôn vùng đồng bào dân tộc thiểu số"), default=False)
    figures_are_illustrative = models.BooleanField(
        _("số liệu minh họa"),
        default=False,
        help_text=_("Đánh dấu khi tên hoặc số hộ, nhân khẩu là số liệu minh họa, chưa được xác minh"),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thôn, xóm")
        verbose_name_plural = _("thôn, xóm")
        ordering = ["commune", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"],
                name="village_unique_name_per_commune",
                violation_error_message=_("Xã đã có thôn, xóm mang tên này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class UnitKind(models.TextChoices):
    BOARD = "ban", _("Ban")
    SECTOR = "nganh", _("Ngành, công chức chuyên môn")
    MASS_ORGANISATION = "doan_the", _("Đoàn thể")
    OFFICE = "don_vi", _("Cơ quan, đơn vị")
    PARTY = "dang", _("Tổ chức Đảng")


class Unit(CommuneOwned):
    """A board, sector, mass organisation or office of the commune that can be given tasks."""

    name = models.CharField(_("tên"), max_length=160)
    kind = models.CharField(_("loại"), max_length=12, choices=UnitKind, default=UnitKind.BOARD)
    short_name = models.CharField(_("tên viết tắt"), max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("ban, ngành, đoàn thể")
        verbose_name_plural = _("ban, ngành, đoàn thể")
        ordering = ["commune", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"],
                name="unit_unique_name_per_commune",
                violation_error_message=_("Xã đã có đơn vị mang tên này."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(CommuneOwned):
    """An official's role in one commune. Overseers hold one membership per commune they watch."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role)
    unit = models.ForeignKey(
        Unit, verbose_name=_("thuộc đơn vị"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("chức danh"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("cán bộ, công chức")
        verbose_name_plural = _("cán bộ, công chức")
        ordering = ["commune", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "user", "role"],
                name="membership_unique_role_per_commune",
                violation_error_message=_("Người này đã giữ vai trò này ở xã."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.get_role_display()}"

    @property
    def full_name(self) -> str:
        return person_name(self.user)

    full_name.fget.short_description = _("họ và tên")


class RoleGroup(models.Model):
    """Which Django group carries one role's permissions in one commune.

    Groups are found through this row, by commune and role code, never by their name: the name
    is for people (it follows the commune's name) and renaming a commune must not move anyone's
    rights.
    """

    commune = models.ForeignKey(Commune, verbose_name=_("xã"), on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role)
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="commune_role"
    )

    commune_scope = "platform"
    commune_scope_reason = (
        "Links Django's platform-wide groups to communes; read by the authentication backend and "
        "provisioning for the commune(s) they are given, before any commune scope exists."
    )

    class Meta:
        verbose_name = _("nhóm vai trò")
        verbose_name_plural = _("nhóm vai trò")
        constraints = [models.UniqueConstraint(fields=["commune", "role"], name="rolegroup_unique_role_per_commune")]

    def __str__(self) -> str:
        return self.group.name


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("Lý do trả lại, việc cần sửa"),
        required=True,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Hãy ghi lý do trả lại để người viết biết cần sửa gì.")},
    )


class EditorialStep(GroupApprovalTask):
    """A step of a commune's approval workflow (see ``provisioning.APPROVAL_STEPS``).

    Wagtail's group approval, except that sending a draft back needs a reason: its author reads it
    beside the draft and must know what to change.
    """

    class Meta:
        verbose_name = _("bước duyệt nội dung của xã")
        verbose_name_plural = _("bước duyệt nội dung của xã")

    def get_form_for_action(self, action):
        if action == "reject":
            return SendBackForm
        return super().get_form_for_action(action)
