"""The national catalogue of administrative procedures (stored once, versioned) and what each
commune publishes and posts of it."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cchc.communes.models import CommuneOwned, Village
from cchc.core.storage import private_storage


class ProcedureField(models.Model):
    """Lĩnh vực: hộ tịch, chứng thực, đất đai…"""

    code = models.CharField(_("mã lĩnh vực"), max_length=20, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=160)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class OnlineLevel(models.TextChoices):
    NONE = "", _("Chưa có dịch vụ công trực tuyến")
    PARTIAL = "mot_phan", _("Dịch vụ công trực tuyến một phần")
    FULL = "toan_trinh", _("Dịch vụ công trực tuyến toàn trình")


class SubmissionMethod(models.TextChoices):
    """How a dossier reaches the commune (``method`` of each row of ``Procedure.submission``)."""

    IN_PERSON = "truc_tiep", _("Nộp trực tiếp")
    BY_POST = "buu_chinh", _("Qua dịch vụ bưu chính")
    ONLINE = "truc_tuyen", _("Nộp trực tuyến")


class Procedure(models.Model):
    """One version of a procedure of the national database (CSDLQG về TTHC).

    A change to a procedure makes a new row with the next version; the old one stays, so that
    sheets posted from it can be flagged as outdated.
    """

    code = models.CharField(_("mã thủ tục"), max_length=40)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    is_current = models.BooleanField(_("phiên bản hiện hành"), default=True)
    name = models.CharField(_("tên thủ tục"), max_length=400)
    slug = models.SlugField(_("đường dẫn"), max_length=120)
    field = models.ForeignKey(
        ProcedureField, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("lĩnh vực")
    )
    level = models.CharField(_("cấp thực hiện"), max_length=60, default="Cấp xã")
    audiences = models.JSONField(_("đối tượng thực hiện"), default=list, blank=True)
    steps = models.JSONField(_("trình tự thực hiện"), default=list)
    submission = models.JSONField(_("cách thức thực hiện"), default=list)
    dossier = models.JSONField(_("thành phần hồ sơ"), default=list)
    processing_time = models.TextField(_("thời hạn giải quyết"))
    processing_days = models.PositiveSmallIntegerField(_("số ngày làm việc"), null=True, blank=True)
    fees = models.TextField(_("phí, lệ phí"), blank=True)
    who_may_submit = models.TextField(_("người được nộp hồ sơ"), blank=True)
    agency = models.CharField(_("cơ quan thực hiện"), max_length=255)
    result = models.TextField(_("kết quả"))
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    legal_basis = models.JSONField(_("căn cứ pháp lý"), default=list, blank=True)
    effective_date = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    online_level = models.CharField(_("dịch vụ công trực tuyến"), max_length=20, choices=OnlineLevel, blank=True)
    keywords = models.JSONField(_("cách gọi thường dùng"), default=list, blank=True)
    code_verified = models.BooleanField(_("mã đã đối chiếu"), default=False)
    sources = models.JSONField(_("nguồn"), default=list, blank=True)
    content_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["field__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="procedure_unique_code_version"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(is_current=True), name="procedure_one_current_version"
            ),
        ]
        indexes = [models.Index(fields=["slug", "is_current"]), models.Index(fields=["field", "is_current"])]

    def __str__(self) -> str:
        if self.is_current:
            return self.name
        return gettext("%(name)s (phiên bản %(version)d, đã cũ)") % {"name": self.name, "version": self.version}

    def get_absolute_url(self) -> str:
        return reverse("procedures:detail", args=[self.slug])

    @property
    def submission_rows(self) -> list[dict]:
        labels = dict(SubmissionMethod.choices)
        return [{**row, "label": str(labels.get(row.get("method"), row.get("method", "")))} for row in self.submission]


class FormTemplate(models.Model):
    """A form (mẫu đơn, tờ khai) a citizen fills in; downloaded as a Word file built from its fields."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="forms", verbose_name=_("thủ tục"))
    slug = models.SlugField(_("đường dẫn"), max_length=120)
    name = models.CharField(_("tên mẫu"), max_length=255)
    fields = models.JSONField(_("các mục cần điền"), default=list)

    class Meta:
        verbose_name = _("mẫu đơn, tờ khai")
        verbose_name_plural = _("mẫu đơn, tờ khai")
        constraints = [models.UniqueConstraint(fields=["procedure", "slug"], name="formtemplate_unique_slug")]

    def __str__(self) -> str:
        return self.name


class LifeEvent(models.Model):
    """Sự kiện trong đời (sinh con, kết hôn…): how citizens think of what they need."""

    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=160)
    procedure_codes = models.JSONField(_("mã các thủ tục"), default=list)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("sự kiện trong đời")
        verbose_name_plural = _("sự kiện trong đời")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class OneStopDesk(CommuneOwned):
    """The commune's front office: Bộ phận Tiếp nhận và trả kết quả, since 7/2025 the Trung tâm
    Phục vụ hành chính công. Its name is data."""

    name = models.CharField(_("tên"), max_length=200, default="Bộ phận Tiếp nhận và trả kết quả")
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    opening_hours = models.CharField(_("giờ tiếp nhận"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("bộ phận một cửa")
        verbose_name_plural = _("bộ phận một cửa")

    def __str__(self) -> str:
        return self.name


class PublishedProcedure(CommuneOwned):
    """A procedure the commune handles, with its local details."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="+", verbose_name=_("thủ tục"),
        limit_choices_to={"is_current": True},
    )  # fmt: skip
    code = models.CharField(_("mã thủ tục"), max_length=40, editable=False)
    desk = models.ForeignKey(
        OneStopDesk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("nơi tiếp nhận")
    )
    official_in_charge = models.CharField(_("công chức phụ trách"), max_length=160, blank=True)
    opening_hours = models.CharField(_("giờ tiếp nhận riêng"), max_length=255, blank=True)
    local_fee = models.CharField(
        _("mức phí, lệ phí tại địa phương"), max_length=255, blank=True,
        help_text=_("Khi Hội đồng nhân dân tỉnh quy định mức cụ thể"),
    )  # fmt: skip
    local_notes = models.TextField(_("ghi chú của xã"), blank=True)
    is_published = models.BooleanField(_("đang công khai"), default=True)

    class Meta:
        verbose_name = _("thủ tục xã công khai")
        verbose_name_plural = _("thủ tục xã công khai")
        ordering = ["procedure__field__sort_order", "procedure__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "code"],
                name="published_unique_code_per_commune",
                violation_error_message=_("Xã đã công khai thủ tục này."),
            )
        ]
        indexes = [models.Index(fields=["commune", "is_published"])]

    def __str__(self) -> str:
        return self.procedure.name

    def clean(self):
        # The code follows the procedure, so that a new version keeps the commune's local details.
        if self.procedure_id:
            self.code = self.procedure.code


class PlaceKind(models.TextChoices):
    DESK = "desk", _("Bộ phận một cửa")
    VILLAGE_HOUSE = "village_house", _("Nhà văn hóa thôn, xóm")
    OTHER = "other", _("Nơi khác")


class PostingPlace(CommuneOwned):
    """Where procedures are posted: the one-stop desk, each village cultural house…"""

    name = models.CharField(_("tên nơi niêm yết"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=PlaceKind, default=PlaceKind.VILLAGE_HOUSE)
    village = models.ForeignKey(
        Village, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("thôn, xóm")
    )
    expects_full_set = models.BooleanField(
        _("niêm yết đủ bộ thủ tục"),
        default=False,
        help_text=_("Bộ phận một cửa niêm yết đủ; nhà văn hóa có thể chỉ một số lĩnh vực"),
    )
    fields = models.ManyToManyField(
        ProcedureField,
        blank=True,
        related_name="+",
        verbose_name=_("lĩnh vực cần niêm yết"),
    )

    class Meta:
        verbose_name = _("nơi niêm yết")
        verbose_name_plural = _("nơi niêm yết")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Posting(CommuneOwned):
    """One procedure sheet posted at one place, in one version: the posting register."""

    place = models.ForeignKey(
        PostingPlace, on_delete=models.CASCADE, related_name="postings", verbose_name=_("nơi niêm yết")
    )
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="+", verbose_name=_("thủ tục (phiên bản)")
    )
    posted_on = models.DateField(_("ngày niêm yết"))
    checked_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    checked_by = models.CharField(_("người kiểm tra"), max_length=160, blank=True)
    removed_on = models.DateField(_("ngày gỡ"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lượt niêm yết")
        verbose_name_plural = _("sổ niêm yết")
        ordering = ["place", "-posted_on"]
        indexes = [models.Index(fields=["commune", "place", "removed_on"])]

    def __str__(self) -> str:
        return f"{self.procedure.name} — {self.place.name}"

    @property
    def is_outdated(self) -> bool:
        return not self.procedure.is_current


class PrintedKind(models.TextChoices):
    ALL_SHEETS = "all_sheets", _("Tờ niêm yết toàn bộ thủ tục")
    FIELD_SHEETS = "field_sheets", _("Tờ niêm yết một lĩnh vực")
    FIELD_LEAFLET = "field_leaflet", _("Tờ gấp một lĩnh vực")


def printed_upload_to(instance: PrintedSet, filename: str) -> str:
    return f"in-an/{instance.commune.code}/{filename}"


class PrintedSet(CommuneOwned):
    """A heavy printed document (the whole set of posting sheets, a field's sheets or leaflet) built once
    by the task worker from the catalogue state named by ``stamp``, and served as a file.

    ``rebuild_requested_at`` is set when a change asked for a build the worker has not started yet.
    """

    kind = models.CharField(_("loại"), max_length=20, choices=PrintedKind)
    field = models.ForeignKey(
        ProcedureField, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("lĩnh vực")
    )
    file = models.FileField(_("tệp PDF"), upload_to=printed_upload_to, storage=private_storage, blank=True)
    stamp = models.CharField(_("dấu trạng thái danh mục"), max_length=64, blank=True, editable=False)
    built_at = models.DateTimeField(_("dựng lúc"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    rebuild_requested_at = models.DateTimeField(_("yêu cầu dựng lại lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bộ tài liệu in")
        verbose_name_plural = _("bộ tài liệu in")
        ordering = ["kind", "field__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "kind", "field"],
                condition=models.Q(field__isnull=False),
                name="printedset_unique_field_kind",
            ),
            models.UniqueConstraint(
                fields=["commune", "kind"], condition=models.Q(field__isnull=True), name="printedset_unique_whole_kind"
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label}: {self.field.name}" if self.field_id else label


# Learning from what villagers search (issue #14 point 3): the log, and what officials teach the search.


class SearchChannel(models.TextChoices):
    WEB = "web", _("Trang tìm thủ tục")
    API = "api", _("API dữ liệu mở")


class SearchLog(CommuneOwned):
    """One search, without personal data: the query folded, with numbers and names hidden
    (``learning.loggable``); what came first; which result the villager opened."""

    query = models.CharField(_("từ khóa (không dấu)"), max_length=200)
    result_count = models.PositiveSmallIntegerField(_("số kết quả"))
    first_code = models.CharField(_("kết quả đầu"), max_length=40, blank=True)
    elsewhere = models.CharField(_("việc không làm ở xã"), max_length=40, blank=True)
    weak = models.BooleanField(_("kết quả yếu"), default=False)
    opened_code = models.CharField(_("thủ tục được mở"), max_length=40, blank=True)
    opened_rank = models.PositiveSmallIntegerField(_("vị trí được mở"), null=True, blank=True)
    channel = models.CharField(_("kênh"), max_length=10, choices=SearchChannel, default=SearchChannel.WEB)
    searched_at = models.DateTimeField(_("lúc tìm"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt tìm thủ tục")
        verbose_name_plural = _("lượt tìm thủ tục")
        indexes = [models.Index(fields=["commune", "searched_at"], name="searchlog_commune_time")]


class TaughtEquivalence(models.Model):
    """«When villagers say ``says``, they mean ``means``» — words of the procedure names."""

    says = models.CharField(_("người dân nói"), max_length=100)
    says_folded = models.CharField(max_length=100, editable=False)
    means = models.CharField(_("nghĩa là"), max_length=300)
    means_folded = models.CharField(max_length=300, editable=False)
    created_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("người thêm")
    )
    created_at = models.DateTimeField(_("lúc thêm"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.says} → {self.means}"


class CommuneEquivalence(CommuneOwned, TaughtEquivalence):
    class Meta:
        verbose_name = _("cách gọi của xã")
        verbose_name_plural = _("cách gọi của xã")
        constraints = [
            models.UniqueConstraint(fields=["commune", "says_folded"], name="equivalence_unique_per_commune")
        ]


class NationalEquivalence(TaughtEquivalence):
    """Added by a platform administrator: every commune's search reads it."""

    class Meta:
        verbose_name = _("cách gọi dùng chung")
        verbose_name_plural = _("cách gọi dùng chung")
        constraints = [models.UniqueConstraint(fields=["says_folded"], name="equivalence_unique_national")]


class TaughtPin(models.Model):
    """For this query (folded), this procedure comes first."""

    query = models.CharField(_("từ khóa"), max_length=200)
    query_folded = models.CharField(max_length=200, editable=False)
    procedure_code = models.CharField(_("mã thủ tục"), max_length=40)
    created_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("người ghim")
    )
    created_at = models.DateTimeField(_("lúc ghim"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.query} → {self.procedure_code}"


class CommunePin(CommuneOwned, TaughtPin):
    class Meta:
        verbose_name = _("thủ tục ghim của xã")
        verbose_name_plural = _("thủ tục ghim của xã")
        constraints = [models.UniqueConstraint(fields=["commune", "query_folded"], name="pin_unique_per_commune")]


class NationalPin(TaughtPin):
    class Meta:
        verbose_name = _("thủ tục ghim dùng chung")
        verbose_name_plural = _("thủ tục ghim dùng chung")
        constraints = [models.UniqueConstraint(fields=["query_folded"], name="pin_unique_national")]
