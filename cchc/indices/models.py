from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.communes.models import CommuneOwned

from .catalogue import IndexKind, info
from .fields import ScoreField
from .numbers import format_score

FIRST_YEAR = 2000
LAST_YEAR = 2100


class IndexScore(CommuneOwned):
    """One figure of one index for one year: the total (no component) or one component's score."""

    index = models.CharField(_("chỉ số"), max_length=12, choices=IndexKind)
    year = models.PositiveSmallIntegerField(
        _("năm"),
        validators=[
            MinValueValidator(FIRST_YEAR, _("Năm phải từ %(limit_value)s trở đi.")),
            MaxValueValidator(LAST_YEAR, _("Năm không được sau %(limit_value)s.")),
        ],
    )
    component = models.CharField(
        _("chỉ số thành phần, lĩnh vực"),
        max_length=200,
        blank=True,
        help_text=_("Để trống khi nhập điểm tổng hợp của chỉ số. Ví dụ: Tính minh bạch, Cải cách thể chế"),
    )
    score = ScoreField(
        _("điểm"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0), _("Điểm không được là số âm."))],
        help_text=_("Với SIPAS: tỷ lệ phần trăm, ví dụ 82,66"),
    )
    max_score = ScoreField(
        _("điểm tối đa"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"), _("Điểm tối đa phải lớn hơn 0."))],
        help_text=_("Để trống thì dùng điểm tối đa theo phương pháp của chỉ số, nếu có"),
    )
    source = models.CharField(
        _("nguồn, căn cứ"),
        max_length=255,
        blank=True,
        help_text=_("Văn bản công bố, ví dụ: Quyết định số 123/QĐ-UBND ngày 15/3/2023 của UBND tỉnh"),
    )
    is_illustrative = models.BooleanField(
        _("số liệu minh họa"),
        default=False,
        help_text=_("Đánh dấu khi đây là số liệu minh họa, chưa phải số liệu được công bố"),
    )

    class Meta:
        verbose_name = _("điểm chỉ số")
        verbose_name_plural = _("điểm các chỉ số")
        ordering = ["commune", "index", "-year", "component"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "index", "year", "component"],
                name="indexscore_unique_per_commune_year_component",
                violation_error_message=_("Xã đã nhập điểm này của chỉ số cho năm đó; hãy sửa bản đã nhập."),
            )
        ]
        indexes = [models.Index(fields=["commune", "index", "year"], name="indexscore_commune_index_year")]

    def __str__(self) -> str:
        return f"{self.get_index_display()} {self.year} — {self.component_label}"

    @property
    def component_label(self) -> str:
        return self.component or str(_("Điểm tổng hợp"))

    component_label.fget.short_description = _("thành phần")

    @property
    def effective_max(self) -> Decimal | None:
        if self.max_score is not None:
            return self.max_score
        return info(self.index).known_max(self.component) if self.index in IndexKind.values else None

    def clean(self) -> None:
        super().clean()
        self.component = " ".join((self.component or "").split())
        if self.index not in IndexKind.values:
            return
        self.component = info(self.index).canonical_name(self.component)
        ceiling = self.effective_max
        if self.score is not None and ceiling is not None and self.score > ceiling:
            raise ValidationError(
                {
                    "score": _("Điểm %(score)s lớn hơn điểm tối đa %(max)s của thành phần này.")
                    % {"score": format_score(self.score), "max": format_score(ceiling)}
                }
            )
