"""Satisfaction surveys (SIPAS method): the nationwide questionnaire templates, and each commune's
campaigns, its own extra questions, the responses and their answers.

Platform data (the same for every commune): ``SurveyTemplate`` → ``SurveyElement`` → ``SurveyCriterion``,
shipped by a data migration from ``official.py`` (QĐ 2640/QĐ-BNV and the service-delivery part of
QĐ 1001/QĐ-BNV). A criterion's code is ``E.C``: element number, then criterion number within it.

Commune data: ``Campaign`` (one survey round), ``CampaignQuestion`` (the commune's own extra
questions, coded ``R.1``, ``R.2``…, never part of the official index), ``Response`` (one respondent's
form) and ``Answer`` (one value 1–5 per criterion or extra question; a blank answer is no row).

Responses are stored only through ``cchc.surveys.responses.record_response`` (or its bulk variant);
the index is computed by ``cchc.surveys.index``. Why one row per answer: see that module's docstring.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.communes.models import CommuneOwned

PLATFORM_REASON = (
    "The official SIPAS questionnaires (QĐ 2640/QĐ-BNV, QĐ 1001/QĐ-BNV) are the same for every commune; "
    "campaigns of every commune point at them."
)


class Scale(models.IntegerChoices):
    """The answer scale, with its labels beside the values (the one place they are written)."""

    VERY_DISSATISFIED = 1, _("Rất không hài lòng")
    DISSATISFIED = 2, _("Không hài lòng")
    NEUTRAL = 3, _("Bình thường")
    SATISFIED = 4, _("Hài lòng")
    VERY_SATISFIED = 5, _("Rất hài lòng")


SCALE_MIN = Scale.VERY_DISSATISFIED.value
SCALE_MAX = Scale.VERY_SATISFIED.value
SATISFIED_FROM = Scale.SATISFIED.value  # "share satisfied" counts answers from this value up


class SurveyTemplate(models.Model):
    """A nationwide questionnaire: its elements and criteria (editable platform data)."""

    code = models.CharField(_("mã mẫu phiếu"), max_length=20, unique=True, help_text=_("Ví dụ: 2640"))
    name = models.CharField(_("tên mẫu phiếu"), max_length=255)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    is_default = models.BooleanField(_("mẫu mặc định"), default=False)

    commune_scope = "platform"
    commune_scope_reason = PLATFORM_REASON

    class Meta:
        verbose_name = _("mẫu phiếu khảo sát")
        verbose_name_plural = _("mẫu phiếu khảo sát")
        ordering = ["-is_default", "code"]

    def __str__(self) -> str:
        return self.name

    def criteria(self):
        return SurveyCriterion.objects.filter(element__template=self).select_related("element")


class SurveyElement(models.Model):
    """Yếu tố: one of the template's elements, numbered from 1."""

    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.CASCADE, related_name="elements", verbose_name=_("mẫu phiếu")
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    name = models.CharField(_("tên yếu tố"), max_length=255)

    commune_scope = "platform"
    commune_scope_reason = PLATFORM_REASON

    class Meta:
        verbose_name = _("yếu tố")
        verbose_name_plural = _("yếu tố")
        ordering = ["template", "number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="surveyelement_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class SurveyCriterion(models.Model):
    """Tiêu chí: one statement the respondent rates 1–5, coded ``E.C``."""

    element = models.ForeignKey(
        SurveyElement, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("yếu tố")
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự trong yếu tố"))
    code = models.CharField(_("mã tiêu chí"), max_length=10, help_text=_("Số yếu tố, dấu chấm, số tiêu chí: 1.1"))
    text = models.CharField(_("nội dung"), max_length=400)

    commune_scope = "platform"
    commune_scope_reason = PLATFORM_REASON

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["element__template", "element__number", "number"]
        constraints = [models.UniqueConstraint(fields=["element", "number"], name="surveycriterion_unique_number")]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang thu phiếu")
    CLOSED = "closed", _("Đã kết thúc")


class Formula(models.TextChoices):
    """How the index turns answers into a percentage (``cchc.surveys.index``)."""

    SHARE_SATISFIED = "share_satisfied", _("Tỷ lệ hài lòng (số ý kiến Hài lòng và Rất hài lòng)")
    MEAN_SCORE = "mean_score", _("Điểm trung bình quy về thang 0–100")


class Campaign(CommuneOwned):
    """One survey round of a commune (đợt khảo sát)."""

    title = models.CharField(_("tên đợt khảo sát"), max_length=255, help_text=_("Ví dụ: Khảo sát quý IV năm 2026"))
    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("mẫu phiếu")
    )
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    procedure_fields = models.ManyToManyField(
        "procedures.ProcedureField",
        blank=True,
        related_name="+",
        verbose_name=_("lĩnh vực khảo sát"),
        help_text=_("Để trống nếu khảo sát mọi lĩnh vực"),
    )
    scope_note = models.CharField(
        _("thủ tục, lĩnh vực (ghi chú)"),
        max_length=400,
        blank=True,
        help_text=_("Ví dụ: Các thủ tục hộ tịch, chứng thực giải quyết tại Bộ phận một cửa"),
    )
    sample_target = models.PositiveIntegerField(_("số phiếu dự kiến"), null=True, blank=True)
    respondents = models.CharField(
        _("đối tượng khảo sát"),
        max_length=400,
        blank=True,
        help_text=_("Ví dụ: Người từ 18 tuổi đã giải quyết thủ tục tại xã trong 12 tháng qua"),
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=CampaignStatus, default=CampaignStatus.OPEN)
    formula = models.CharField(_("cách tính chỉ số"), max_length=20, choices=Formula, default=Formula.SHARE_SATISFIED)
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now, editable=False)
    # The secret part of the kiosk's address (/khao-sat/quay/<token>/); blank: no kiosk. Set by
    # ``manage.py survey_kiosk``, never typed on a screen.
    kiosk_token = models.CharField(_("mã máy khảo sát"), max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("đợt khảo sát")
        verbose_name_plural = _("đợt khảo sát")
        ordering = ["commune", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "title"],
                name="campaign_unique_title_per_commune",
                violation_error_message=_("Xã đã có đợt khảo sát mang tên này."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="campaign_period_in_order",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
            models.UniqueConstraint(
                fields=["commune", "kiosk_token"], condition=~Q(kiosk_token=""), name="campaign_unique_kiosk_token"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN

    def within_period(self, day) -> bool:
        return (self.period_start is None or day >= self.period_start) and (
            self.period_end is None or day <= self.period_end
        )


class CampaignQuestion(CommuneOwned):
    """A commune's own extra question in one campaign, coded ``R.<number>``; not part of the index."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="questions", verbose_name=_("đợt khảo sát")
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.CharField(_("nội dung câu hỏi"), max_length=400)

    class Meta:
        verbose_name = _("câu hỏi riêng của xã")
        verbose_name_plural = _("câu hỏi riêng của xã")
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"],
                name="campaignquestion_unique_number",
                violation_error_message=_("Đợt khảo sát đã có câu hỏi số này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"

    @property
    def code(self) -> str:
        return f"R.{self.number}"


class FieldTarget(CommuneOwned):
    """How many forms a round means to gather in one procedure field (the sample target per field)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="field_targets", verbose_name=_("đợt khảo sát")
    )
    procedure_field = models.ForeignKey(
        "procedures.ProcedureField", on_delete=models.PROTECT, related_name="+", verbose_name=_("lĩnh vực")
    )
    target = models.PositiveIntegerField(_("số phiếu dự kiến"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("số phiếu dự kiến theo lĩnh vực")
        verbose_name_plural = _("số phiếu dự kiến theo lĩnh vực")
        ordering = ["campaign", "procedure_field__sort_order", "procedure_field__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "campaign", "procedure_field"],
                name="fieldtarget_unique_field_per_campaign",
                violation_error_message=_("Đợt khảo sát đã có số phiếu dự kiến cho lĩnh vực này."),
            ),
            models.CheckConstraint(condition=Q(target__gte=1), name="fieldtarget_target_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.procedure_field}: {self.target}"


class Channel(models.TextChoices):
    WEB = "web", _("Điện thoại, trang web")
    KIOSK = "kiosk", _("Máy khảo sát tại Bộ phận một cửa")
    PAPER = "paper", _("Phiếu giấy, nhập lại trên máy")
    IMPORT = "import", _("Nhập từ bảng tính")


class Response(CommuneOwned):
    """One respondent's form. Stored once per idempotency key (see ``responses.record_response``)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responses", verbose_name=_("đợt khảo sát")
    )
    channel = models.CharField(_("hình thức"), max_length=10, choices=Channel)
    procedure_field = models.ForeignKey(
        "procedures.ProcedureField",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lĩnh vực"),
    )
    # The field as the paper form or spreadsheet wrote it, kept when it names none of the catalogue's.
    field_label = models.CharField(_("lĩnh vực (như ghi trên phiếu)"), max_length=200, blank=True)
    comment = models.TextField(_("ý kiến khác"), blank=True)
    contact_name = models.CharField(_("họ và tên người trả lời"), max_length=120, blank=True)
    contact_phone = models.CharField(_("số điện thoại"), max_length=30, blank=True)
    contact_consent = models.BooleanField(_("đồng ý để xã liên hệ"), default=False)
    contact_consent_at = models.DateTimeField(_("thời điểm đồng ý"), null=True, blank=True)
    idempotency_key = models.CharField(_("khóa chống ghi trùng"), max_length=100)
    receipt_code = models.CharField(_("mã phiếu"), max_length=12)
    created_at = models.DateTimeField(_("thời điểm ghi nhận"), default=timezone.now)

    class Meta:
        verbose_name = _("phiếu khảo sát")
        verbose_name_plural = _("phiếu khảo sát")
        ordering = ["commune", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "campaign", "idempotency_key"], name="response_unique_key_per_campaign"
            ),
            models.UniqueConstraint(fields=["commune", "receipt_code"], name="response_unique_receipt_per_commune"),
            models.CheckConstraint(
                condition=Q(contact_consent=True) | (Q(contact_name="") & Q(contact_phone="")),
                name="response_contact_only_with_consent",
            ),
        ]
        indexes = [models.Index(fields=["commune", "campaign", "created_at"], name="response_campaign_created")]

    def __str__(self) -> str:
        return self.receipt_code


class Answer(CommuneOwned):
    """One value 1–5 given to one criterion (or one extra question) on one response.

    ``campaign`` repeats the response's campaign so that the index groups answers without a join.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(SurveyCriterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    question = models.ForeignKey(CampaignQuestion, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    value = models.PositiveSmallIntegerField(_("mức hài lòng"), choices=Scale)

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["response", "criterion"], name="answer_unique_criterion"),
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique_question"),
            models.CheckConstraint(condition=Q(value__gte=SCALE_MIN, value__lte=SCALE_MAX), name="answer_value_1_to_5"),
            models.CheckConstraint(
                condition=Q(criterion__isnull=True, question__isnull=False)
                | Q(criterion__isnull=False, question__isnull=True),
                name="answer_criterion_or_question",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "campaign", "criterion", "value"], name="answer_campaign_criterion"),
        ]


def _column(name: str):
    """A plain column in an expression constraint (wrapped: tenancy checks walk expressions' trees)."""
    return models.ExpressionWrapper(models.F(name), output_field=models.IntegerField())


class AnswerTally(CommuneOwned):
    """Running count of answers per (campaign, criterion or own question, procedure field, month, value).

    Kept by ``cchc.surveys.tallies`` in the same transaction as the answers, so that the index reads a
    few hundred rows per campaign instead of every answer. The row with neither criterion nor question
    (value 0) counts the forms themselves, blank ones included. ``month`` is the first day of the
    response's month in local time (Asia/Ho_Chi_Minh). ``procedure_field`` carries no database
    constraint: when a field is deleted its responses lose it and the campaign's tallies are rebuilt.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(SurveyCriterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    question = models.ForeignKey(CampaignQuestion, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    procedure_field = models.ForeignKey(
        "procedures.ProcedureField",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    month = models.DateField()
    value = models.PositiveSmallIntegerField()  # 1–5; 0 on the row counting forms
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("số đếm câu trả lời")
        verbose_name_plural = _("số đếm câu trả lời")
        constraints = [
            models.UniqueConstraint(
                _column("commune"),
                _column("campaign"),
                Coalesce("criterion", Value(0), output_field=models.IntegerField()),
                Coalesce("question", Value(0), output_field=models.IntegerField()),
                Coalesce("procedure_field", Value(0), output_field=models.IntegerField()),
                _column("month"),
                _column("value"),
                name="answertally_unique_key",
            ),
            models.CheckConstraint(
                condition=Q(criterion__isnull=True, question__isnull=True, value=0)
                | Q(criterion__isnull=False, question__isnull=True, value__gte=SCALE_MIN, value__lte=SCALE_MAX)
                | Q(criterion__isnull=True, question__isnull=False, value__gte=SCALE_MIN, value__lte=SCALE_MAX),
                name="answertally_kind_and_value",
            ),
        ]
        indexes = [models.Index(fields=["commune", "campaign", "month"], name="answertally_campaign_month")]


class CriterionTally(CommuneOwned):
    """Running totals per (campaign, criterion, month), every procedure field together: what the province needs.

    ``valid`` answers, ``satisfied`` ones (value ≥ 4) and the ``total`` of values — one row per
    criterion and month of a campaign, so every commune's overall index reads ~22 rows per month.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(SurveyCriterion, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    valid = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("tổng theo tiêu chí")
        verbose_name_plural = _("tổng theo tiêu chí")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "campaign", "criterion", "month"], name="criteriontally_unique_key"
            ),
        ]


@receiver(pre_delete, sender="procedures.ProcedureField")
def remember_campaigns_counting_field(sender, instance, **kwargs):
    """A deleted procedure field leaves its responses without one: their tallies must move too."""
    from .tallies import campaigns_counting_field

    instance._survey_tallies_to_rebuild = campaigns_counting_field(instance.pk)


@receiver(post_delete, sender="procedures.ProcedureField")
def rebuild_tallies_after_field_deleted(sender, instance, **kwargs):
    from .tallies import rebuild_tallies

    for commune_id, campaign_id in getattr(instance, "_survey_tallies_to_rebuild", ()):
        rebuild_tallies(commune=commune_id, campaign=campaign_id)
