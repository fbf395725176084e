"""Model fields for amounts in đồng, typed the way officials write them ("1.500.000", "2 triệu" is not)."""

from __future__ import annotations

import re

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.,_]|đồng|đ|vnd", re.IGNORECASE)


class MoneyFormField(forms.IntegerField):
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Nhập số tiền bằng chữ số, ví dụ 1.500.000")}

    def to_python(self, value):
        if isinstance(value, str):
            value = _SEPARATORS.sub("", value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


class MoneyField(models.PositiveBigIntegerField):
    """An amount in đồng."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyFormField, **kwargs})
