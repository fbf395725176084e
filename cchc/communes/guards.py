"""Save-time guard: a commune row never points at another commune's rows.

Checked in one place for every ``CommuneOwned`` model: ``pre_save`` (every ``save()``,
``create()``, admin form and inline), ``m2m_changed`` (``add()`` and ``set()`` of a
many-to-many between commune rows, from either side) and the scoped manager's ``bulk_create``
and ``bulk_update``. Not covered, by design: ``QuerySet.update(...)`` (it never loads the rows;
use ``save()`` to change a foreign key) and direct writes to an auto-created many-to-many
``through`` table. Reading the referenced rows' commune uses ``_base_manager`` on purpose: the
guard must see the row it refuses, whatever scope is active.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import models
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver

from .scoping import is_commune_scoped


class CrossCommuneError(ValueError):
    """A commune row was about to reference a row of another commune (a programming error)."""


_owned = is_commune_scoped  # one test of "is this commune data", in scoping


def _foreign_keys(model, points_at) -> list[models.Field]:
    """The model's own foreign keys and one-to-ones (not ``commune``) whose target passes ``points_at``."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation
        and (field.many_to_one or field.one_to_one)
        and field.name != "commune"
        and not field.auto_created
        and points_at(field.related_model)
    ]


def _commune_foreign_keys(model) -> list[models.Field]:
    return _foreign_keys(model, _owned)


def _wagtail_foreign_keys(model) -> list[models.Field]:
    """Foreign keys of a commune row to Wagtail's pages, images and documents (each commune has its own)."""
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

    return _foreign_keys(model, lambda target: issubclass(target, (Page, AbstractImage, AbstractDocument)))


def _assert_wagtail_rows_of_commune(objs: list[models.Model]) -> None:
    """A page must lie under the commune's home page; an image or document in the commune's collection."""
    from wagtail.models import Page

    from .models import Commune

    communes: dict[int, Commune] = {}
    for obj in objs:
        for field in _wagtail_foreign_keys(type(obj)):
            target_id = getattr(obj, field.attname)
            if target_id is None:
                continue
            if obj.commune_id not in communes:
                communes[obj.commune_id] = Commune.objects.select_related("root_page", "collection").get(
                    pk=obj.commune_id
                )
            commune = communes[obj.commune_id]
            target = field.related_model._base_manager.filter(pk=target_id)
            if issubclass(field.related_model, Page):
                inside = target.filter(path__startswith=commune.root_page.path).exists()
            else:
                inside = target.filter(collection__path__startswith=commune.collection.path).exists()
            if not inside and target.exists():
                raise CrossCommuneError(
                    f"{type(obj)._meta.label}.{field.name} points at {field.related_model._meta.label} {target_id}, "
                    f"which is not in commune {obj.commune_id}'s pages or files."
                )


def assert_same_commune(objs: Iterable[models.Model]) -> None:
    """Raise ``CrossCommuneError`` if any row's foreign keys point into another commune."""
    objs = [obj for obj in objs if _owned(type(obj)) and obj.commune_id is not None]
    if not objs:
        return
    _assert_wagtail_rows_of_commune(objs)
    wanted: dict[tuple[type, str], set] = defaultdict(set)
    checks = []
    for obj in objs:
        for field in _commune_foreign_keys(type(obj)):
            value = getattr(obj, field.attname)
            if value is None:
                continue
            cached = field.get_cached_value(obj, default=None)
            if cached is not None and getattr(cached, field.target_field.attname) == value:
                checks.append((obj, field, value, cached.commune_id))
            else:
                key = (field.related_model, field.target_field.attname)
                wanted[key].add(value)
                checks.append((obj, field, value, key))
    found = {}
    for (target, attname), values in wanted.items():
        rows = target._base_manager.filter(**{f"{attname}__in": values}).values_list(attname, "commune_id")
        found[(target, attname)] = dict(rows)
    for obj, field, value, commune in checks:
        if isinstance(commune, tuple):
            commune = found[commune].get(value, obj.commune_id)  # a missing row is the database's to refuse
        if commune != obj.commune_id:
            raise CrossCommuneError(
                f"{type(obj)._meta.label}.{field.name} points at {field.related_model._meta.label} {value} "
                f"of commune {commune}, but the row belongs to commune {obj.commune_id}."
            )


@receiver(pre_save)
def refuse_cross_commune_foreign_keys(sender, instance, **kwargs):
    if _owned(sender):
        assert_same_commune([instance])


@receiver(m2m_changed)
def refuse_cross_commune_many_to_many(sender, instance, action, model, pk_set, **kwargs):
    if action != "pre_add" or not pk_set or not (_owned(type(instance)) and _owned(model)):
        return
    communes = set(model._base_manager.filter(pk__in=pk_set).values_list("commune_id", flat=True))
    if communes - {instance.commune_id}:
        raise CrossCommuneError(
            f"{type(instance)._meta.label} {instance.pk} of commune {instance.commune_id} cannot be linked to "
            f"{model._meta.label} rows of commune(s) {sorted(communes - {instance.commune_id})}."
        )


class CommuneOwnedManager(models.Manager):
    """The manager under the scoped one: bulk writes pass the same guard as ``save()``."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        assert_same_commune(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        assert_same_commune(objs)
        return super().bulk_update(objs, fields, *args, **kwargs)
