"""Test helpers: build a valid row of any commune model, so tenancy tests cover new models unaided."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from .scoping import all_communes, is_commune_scoped

_serial = itertools.count(1)


def _value_for(field: models.Field, commune, label: str):
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.ForeignKey):
        target = field.related_model
        if target.__name__ == "Commune":
            return commune
        if is_commune_scoped(target):
            return make_instance(target, commune, sample=label)
        if target is get_user_model():
            return get_user_model().objects.create_user(username=f"nguoi-dung-{next(_serial)}")
        return _make_shared(target, commune, label)
    if isinstance(field, models.EmailField):
        return f"mau{next(_serial)}@example.vn"
    if isinstance(field, models.SlugField):
        return f"mau-{next(_serial)}"
    if isinstance(field, models.URLField):
        return "https://example.vn/"
    if isinstance(field, (models.CharField, models.TextField)):
        return f"{label} {next(_serial)}"[: field.max_length or 200]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal(1)
    if isinstance(field, (models.IntegerField, models.FloatField)):
        return 1
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date(2022, 3, 15)
    if isinstance(field, models.JSONField):
        return {}
    return None


def _required_values(model, commune, label: str, values: dict) -> dict:
    for field in model._meta.concrete_fields:
        if field.name in values or field.primary_key or field.name == "commune":
            continue
        if field.has_default() or field.null or field.blank:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        value = _value_for(field, commune, label)
        if value is not None:
            values[field.name] = value
    return values


def _make_shared(model, commune, label: str):
    """A row of data shared by all communes (the procedure catalogue…) that a commune row points to."""
    return model._base_manager.create(**_required_values(model, commune, label, {}))


def make_instance(model, commune, *, sample: str = "Mẫu", **values):
    """Save a row of ``model`` in ``commune``, filling required fields with plausible values."""
    with all_communes():
        return model.objects.create(commune=commune, **_required_values(model, commune, sample, values))


def restore_wagtail_roots() -> None:
    """A transactional test (a live server, threads writing at once) ends with a flush of every table:
    put back the rows Wagtail's migrations made (locale, root page, root collection)."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils.translation import get_language
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=get_language() or "vi")
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page), locale=locale)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
