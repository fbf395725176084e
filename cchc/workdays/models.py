"""The national calendar of days off and make-up working days, which time limits in working days count by.

Not a fixed rule: Tết and Giỗ Tổ Hùng Vương follow the lunar calendar, and each year the Bộ Nội vụ
announces the exact days off of civil servants and sometimes a Saturday worked in exchange (e.g. Tết
2026: 16–20/2/2026, Thông báo 9441/BNV of 16/10/2025). Platform administrators enter them from that
notice; the same calendar serves every commune.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    DAY_OFF = "nghi", _("Ngày nghỉ (lễ, Tết, nghỉ bù)")
    WORKING = "lam_bu", _("Ngày làm việc bù (thứ Bảy, Chủ nhật đi làm)")


class CalendarDay(models.Model):
    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=8, choices=DayKind, default=DayKind.DAY_OFF)
    name = models.CharField(_("tên, căn cứ"), max_length=200, help_text=_("Ví dụ: Tết Nguyên đán (TB 9441/BNV)"))

    class Meta:
        verbose_name = _("ngày nghỉ hoặc làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.name}"
