"""A score typed as officials write it: ``6,85`` (the Vietnamese decimal comma) or ``6.85``."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .numbers import format_score


class ScoreFormField(forms.DecimalField):
    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Nhập điểm bằng chữ số, ví dụ 6,85 hoặc 82,5")}

    def to_python(self, value):
        if isinstance(value, str):
            # Scores have no thousands: a comma or a dot is the decimal mark.
            value = "".join(value.split()).replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_score(value)
        return value


class ScoreField(models.DecimalField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ScoreFormField, **kwargs})
