from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from cchc.communes.models import CommuneOwned, Unit, Village
from cchc.communes.roles import Role
from cchc.core.fields import MoneyField
from cchc.core.official_document import BlockKind
from cchc.core.storage import private_storage

from .structure import Channel, Quarter, Recurrence, SectionRole


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã ký ban hành")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    EVALUATING = "evaluating", _("Đánh giá, tổng kết")
    CLOSED = "closed", _("Đã kết thúc")


@dataclass(frozen=True)
class Transition:
    roles: frozenset[str]
    label: str  # the button that makes the move
    refusal: str  # why someone without the role may not
    consequence: str = ""  # what the move changes, asked on the confirmation page


# The plan's life as a state machine: which move, by whom. Only the chairman signs and issues.
PLAN_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (PlanStatus.DRAFT, PlanStatus.APPROVED): Transition(
        frozenset({Role.CHAIRMAN}),
        _("Ký ban hành"),
        _("Chỉ Chủ tịch, Phó Chủ tịch UBND xã được ký ban hành kế hoạch."),
        _("Nội dung kế hoạch sẽ bị khóa; các đơn vị thấy nhiệm vụ của mình."),
    ),
    (PlanStatus.APPROVED, PlanStatus.DRAFT): Transition(
        frozenset({Role.CHAIRMAN}),
        _("Thu hồi về dự thảo"),
        _("Chỉ Chủ tịch, Phó Chủ tịch UBND xã được thu hồi kế hoạch đã ký."),
        _("Kế hoạch trở lại dự thảo để sửa nội dung; cần ký ban hành lại."),
    ),
    (PlanStatus.APPROVED, PlanStatus.IN_PROGRESS): Transition(
        frozenset({Role.CHAIRMAN, Role.OFFICE, Role.CULTURE_INFO}),
        _("Bắt đầu thực hiện"),
        _("Chỉ lãnh đạo UBND xã, Văn phòng và Văn hóa - Thông tin được chuyển kế hoạch sang thực hiện."),
        _("Các đơn vị bắt đầu báo cáo tiến độ nhiệm vụ."),
    ),
    # The seed's fourth quarter: the year's work is reviewed before the plan is closed. The system makes
    # this move itself once the plan's year is over (``years.advance_plan_years``).
    (PlanStatus.IN_PROGRESS, PlanStatus.EVALUATING): Transition(
        frozenset({Role.CHAIRMAN, Role.OFFICE, Role.CULTURE_INFO}),
        _("Chuyển sang đánh giá, tổng kết"),
        _("Chỉ lãnh đạo UBND xã, Văn phòng và Văn hóa - Thông tin được chuyển kế hoạch sang đánh giá, tổng kết."),
        _("Kế hoạch chuyển sang đánh giá, tổng kết; hạn nhiệm vụ được tính đến hết năm của kế hoạch."),
    ),
    (PlanStatus.EVALUATING, PlanStatus.IN_PROGRESS): Transition(
        frozenset({Role.CHAIRMAN}),
        _("Tiếp tục thực hiện"),
        _("Chỉ Chủ tịch, Phó Chủ tịch UBND xã được đưa kế hoạch trở lại thực hiện."),
        _("Kế hoạch trở lại thực hiện."),
    ),
    (PlanStatus.IN_PROGRESS, PlanStatus.CLOSED): Transition(
        frozenset({Role.CHAIRMAN, Role.OFFICE}),
        _("Kết thúc kế hoạch"),
        _("Chỉ lãnh đạo UBND xã và Văn phòng được kết thúc kế hoạch."),
        _("Kế hoạch kết thúc; các đơn vị không báo cáo thêm."),
    ),
    (PlanStatus.EVALUATING, PlanStatus.CLOSED): Transition(
        frozenset({Role.CHAIRMAN, Role.OFFICE}),
        _("Kết thúc kế hoạch"),
        _("Chỉ lãnh đạo UBND xã và Văn phòng được kết thúc kế hoạch."),
        _("Kế hoạch kết thúc; các đơn vị không báo cáo thêm."),
    ),
    (PlanStatus.CLOSED, PlanStatus.IN_PROGRESS): Transition(
        frozenset({Role.CHAIRMAN}),
        _("Mở lại kế hoạch"),
        _("Chỉ Chủ tịch, Phó Chủ tịch UBND xã được mở lại kế hoạch đã kết thúc."),
        _("Kế hoạch được mở lại để thực hiện tiếp."),
    ),
}
# Roles that lead the plan: they act on every task; other officials on their own unit's tasks.
PLAN_LEADERS = frozenset({Role.CHAIRMAN, Role.OFFICE, Role.CULTURE_INFO})


class Plan(CommuneOwned):
    """A communication plan as signed: every part of the document, and the work it assigns."""

    doc_type = models.CharField(_("loại văn bản"), max_length=40, default="KẾ HOẠCH")
    title = models.CharField(_("trích yếu"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND", blank=True)
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuing_parent = models.CharField(_("cơ quan chủ quản"), max_length=160, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=160, blank=True)
    basis = models.TextField(_("căn cứ"), blank=True, help_text=_("Mỗi căn cứ một dòng"))
    intro = models.TextField(_("mở đầu"), blank=True)
    closing = models.TextField(_("kết thúc"), blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi nơi nhận một dòng"))
    signing_capacity = models.CharField(_("thẩm quyền ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=PlanStatus, default=PlanStatus.DRAFT)
    source_name = models.CharField(_("tệp gốc"), max_length=255, blank=True)
    unplaced = models.JSONField(_("dòng chưa xếp được"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["commune", "year"])]

    def __str__(self) -> str:
        return f"{self.doc_type.capitalize()} {self.title}"

    @property
    def number_symbol(self) -> str:
        return f"{self.number or '    '}/{self.symbol}" if self.symbol else self.number

    @property
    def number_label(self) -> str:
        """For lists: "12/KH-UBND", or that the plan has no number yet (not "/KH-UBND")."""
        return self.number_symbol if self.number else _("Chưa có số")

    @property
    def basis_lines(self) -> list[str]:
        return [line.strip() for line in self.basis.splitlines() if line.strip()]

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class PlanSection(CommuneOwned):
    """One block of the plan's body, in document order: headings, paragraphs, bullets, tables."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("kế hoạch"))
    position = models.PositiveIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại"), max_length=12, choices=BlockKind)
    marker = models.CharField(_("số, ký hiệu đầu dòng"), max_length=20, blank=True)
    level = models.PositiveSmallIntegerField(_("cấp"), default=1)
    text = models.TextField(_("nội dung"), blank=True)
    role = models.CharField(_("phần"), max_length=20, choices=SectionRole, blank=True)
    rows = models.JSONField(_("các dòng của bảng"), default=list, blank=True)

    class Meta:
        verbose_name = _("đoạn của kế hoạch")
        verbose_name_plural = _("nội dung kế hoạch")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="plansection_unique_position")]

    def __str__(self) -> str:
        return f"{self.marker} {self.text}".strip()[:120]


class TaskStatus(models.TextChoices):
    TODO = "todo", _("Chưa bắt đầu")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Hủy bỏ")


class TaskSource(models.TextChoices):
    TIMELINE = "timeline", _("Mục thời gian thực hiện")
    RESPONSIBILITIES = "responsibilities", _("Mục trách nhiệm thực hiện")
    TABLE = "table", _("Bảng phân công")
    MANUAL = "manual", _("Cán bộ thêm")


# A lead "unit" that is every unit: "Các ban, ngành, đoàn thể", "các cơ quan, đơn vị", "Tất cả các hội".
# Written for both Python's and PostgreSQL's regular expressions (``lead_unit_name__iregex``).
EVERY_UNIT = r"^\s*(tất cả\s+)?(các|mọi)\s+(ban|ngành|cơ quan|đơn vị|đoàn thể|tổ chức|hội|thôn|xóm)"


class Task(CommuneOwned):
    """Work the plan assigns to a unit, for a quarter or by a date, through a channel."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("kế hoạch"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="subtasks",
        verbose_name=_("tách từ nhiệm vụ"),
    )  # fmt: skip
    title = models.TextField(_("nội dung nhiệm vụ"))
    lead_unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("đơn vị chủ trì")
    )
    lead_unit_name = models.CharField(_("đơn vị chủ trì (theo văn bản)"), max_length=200, blank=True)
    coordinating_units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("đơn vị phối hợp"))
    quarter = models.PositiveSmallIntegerField(_("quý"), choices=Quarter, null=True, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    channel = models.CharField(_("hình thức"), max_length=20, choices=Channel, default=Channel.OTHER)
    target_value = models.PositiveIntegerField(_("chỉ tiêu"), null=True, blank=True)
    target_label = models.CharField(
        _("đơn vị tính chỉ tiêu"), max_length=60, blank=True, help_text=_("Ví dụ: tin bài, hội nghị, xóm")
    )
    starts_on = models.DateField(
        _("bắt đầu từ"), null=True, blank=True, help_text=_("Ngày đầu của khoảng thời gian, ví dụ «Tháng 4 - 6»")
    )
    recurrence = models.CharField(
        _("lặp lại"), max_length=12, choices=Recurrence, default=Recurrence.NONE, blank=True,
        help_text=_("Việc làm định kỳ: mỗi tuần, tháng hoặc quý được theo dõi riêng"),
    )  # fmt: skip
    times_per_period = models.PositiveSmallIntegerField(
        _("số lần mỗi kỳ"), default=1, validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Ví dụ «02 lần/tuần» là 2"),
    )  # fmt: skip
    status = models.CharField(_("trạng thái"), max_length=20, choices=TaskStatus, default=TaskStatus.TODO)
    source = models.CharField(_("nguồn"), max_length=20, choices=TaskSource, default=TaskSource.MANUAL)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position", "id"]
        indexes = [models.Index(fields=["commune", "plan", "quarter"])]

    def __str__(self) -> str:
        # Shown in drop-downs on phones: when, how and who first, so that similar titles can be told apart.
        when = (
            Quarter(self.quarter).label
            if self.quarter
            else (f"{self.due_date:%d/%m/%Y}" if self.due_date else _("Cả năm"))
        )
        title = self.title if len(self.title) <= 60 else self.title[:57] + "…"
        return f"{when} · {Channel(self.channel).label} · {title}"

    @property
    def lead_display(self) -> str:
        return self.lead_unit.name if self.lead_unit else (self.lead_unit_name or "—")

    @property
    def lead_label(self) -> str:
        """Who leads, as an official should read it: a unit, or what the office must still do."""
        if not self.needs_unit:
            return self.lead_display
        if self.lead_unit_name:  # named in the plan, but not one of the commune's units
            return _("%(name)s — chưa khớp đơn vị nào của xã, Văn phòng chọn đơn vị") % {"name": self.lead_unit_name}
        return _("Chưa có đơn vị chủ trì — Văn phòng phân công")

    @property
    def for_every_unit(self) -> bool:
        """The plan gives the task to every unit ("các ban, ngành, đoàn thể"): each reports its share."""
        return self.lead_unit_id is None and bool(re.match(EVERY_UNIT, self.lead_unit_name, re.IGNORECASE))

    @property
    def needs_unit(self) -> bool:
        """No unit of the commune leads this task: the plan names none, or one the commune's list lacks
        ("Đài truyền thanh xã" where there is no such unit). The office assigns one."""
        return self.lead_unit_id is None and not self.for_every_unit

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Past its due date and not finished, reckoned at ``today`` (callers pass the plan's own
        reckoning date, ``years.as_of``, so that a past year's plan is judged by its year)."""
        today = today or timezone.localdate()
        return bool(
            self.due_date and self.due_date < today and self.status not in (TaskStatus.DONE, TaskStatus.CANCELLED)
        )


class TaskOccurrence(CommuneOwned):
    """One period of a recurring task ("Tuần 14/2026", "Tháng 4/2026", "Quý II/2026"): done when its
    reports reach the task's times per period. Kept in step with the task by ``recurrence.sync_occurrences``."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("nhiệm vụ"))
    starts_on = models.DateField(_("từ ngày"))
    due_date = models.DateField(_("đến ngày"))
    label = models.CharField(_("kỳ"), max_length=40)

    class Meta:
        verbose_name = _("kỳ thực hiện")
        verbose_name_plural = _("các kỳ thực hiện")
        ordering = ["task", "starts_on"]
        constraints = [models.UniqueConstraint(fields=["task", "starts_on"], name="taskoccurrence_unique_start")]

    def __str__(self) -> str:
        return self.label


def evidence_upload_to(instance, filename: str) -> str:
    return f"minh-chung/{instance.commune.code}/{timezone.now():%Y/%m}/{filename}"


class ProgressReport(CommuneOwned, ClusterableModel):
    """A unit's word on how far a task has come, with its evidence."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("nhiệm vụ"))
    occurrence = models.ForeignKey(
        TaskOccurrence, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports",
        verbose_name=_("kỳ thực hiện"), help_text=_("Để trống: kỳ chứa ngày báo cáo"),
    )  # fmt: skip
    reported_on = models.DateField(_("ngày báo cáo"), default=timezone.localdate)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("người báo cáo"),
    )  # fmt: skip
    percent = models.PositiveSmallIntegerField(
        _("tỷ lệ hoàn thành (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    achieved_value = models.PositiveIntegerField(_("số lượng đã thực hiện"), null=True, blank=True)
    note = models.TextField(_("nội dung báo cáo"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-reported_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.task} — {self.reported_on:%d/%m/%Y}"


class Evidence(CommuneOwned):
    """A photo, a document or a link that shows the work was done."""

    report = ParentalKey(
        ProgressReport, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence",
        verbose_name=_("báo cáo tiến độ"),
    )  # fmt: skip
    activity = ParentalKey(
        "OutreachActivity", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence",
        verbose_name=_("hoạt động"),
    )  # fmt: skip
    file = models.FileField(_("tệp (ảnh, PDF)"), upload_to=evidence_upload_to, blank=True, storage=private_storage)
    link = models.URLField(_("đường dẫn (bài đã đăng)"), blank=True)
    caption = models.CharField(_("ghi chú"), max_length=255, blank=True)

    panels = [FieldPanel("file"), FieldPanel("link"), FieldPanel("caption")]

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.caption or (self.file.name.rsplit("/", 1)[-1] if self.file else self.link)


class BudgetLine(CommuneOwned):
    """Money the finance board sets aside for the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("kế hoạch"))
    name = models.CharField(_("khoản mục"), max_length=200)
    amount = MoneyField(_("dự toán (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("dự toán kinh phí")
        verbose_name_plural = _("dự toán kinh phí")
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return self.name


class OutreachActivity(CommuneOwned, ClusterableModel):
    """A field activity: a conference, a village meeting, banners hung, leaflets handed out…"""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("kế hoạch"))
    task = models.ForeignKey(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities",
        verbose_name=_("phục vụ nhiệm vụ"),
    )  # fmt: skip
    channel = models.CharField(_("hình thức"), max_length=20, choices=Channel)
    title = models.CharField(_("tên hoạt động"), max_length=255)
    held_on = models.DateField(_("ngày thực hiện"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    villages = models.ManyToManyField(
        Village, blank=True, related_name="+", verbose_name=_("thôn, xóm được tuyên truyền")
    )
    attendees = models.PositiveIntegerField(_("số người tham dự, được tiếp cận"), null=True, blank=True)
    quantity = models.PositiveIntegerField(
        _("số lượng"), null=True, blank=True, help_text=_("Số băng rôn, tờ rơi, buổi phát thanh…")
    )
    cost = MoneyField(_("kinh phí (đồng)"), default=0)
    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities",
        verbose_name=_("chi từ khoản"),
    )  # fmt: skip
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("hoạt động tuyên truyền")
        verbose_name_plural = _("hoạt động tuyên truyền")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


def import_upload_to(instance, filename: str) -> str:
    return f"nhap-ke-hoach/{instance.commune.code}/{timezone.now():%Y/%m}/{filename}"


class ImportStatus(models.TextChoices):
    WAITING = "waiting", _("Chờ đọc")
    READING = "reading", _("Đang đọc")
    READ = "read", _("Đã đọc")
    FAILED = "failed", _("Lỗi")


class PlanImport(CommuneOwned):
    """An uploaded plan file, read once by the task worker; kept until the official confirms the
    preview (and after, as a record). Imports never confirmed are deleted after some days."""

    file = models.FileField(_("tệp"), upload_to=import_upload_to, storage=private_storage)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kế hoạch đã tạo")
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=ImportStatus, default=ImportStatus.WAITING)
    result = models.JSONField(_("kết quả đọc tệp"), null=True, blank=True, editable=False)  # a ParsedPlan, to_json
    error = models.TextField(_("lý do không đọc được"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu đọc lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("đọc xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập kế hoạch")
        verbose_name_plural = _("các lần nhập kế hoạch")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
