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


class CrossCommuneError(ValueError):
    """A commune row was about to reference a row of another commune (a programming error)."""


def _owned(model) -> bool:
    from .models import CommuneOwned

    return isinstance(model, type) and issubclass(model, CommuneOwned)


def _commune_foreign_keys(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation
        and (field.many_to_one or field.one_to_one)
        and field.name != "commune"
        and not field.auto_created
        and _owned(field.related_model)
    ]


def assert_same_commune(objs: Iterable[models.Model]) -> None:
    """Raise ``CrossCommuneError`` if any row's foreign keys point into another commune."""
    objs = [obj for obj in objs if _owned(type(obj)) and obj.commune_id is not None]
    if not objs:
        return
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
