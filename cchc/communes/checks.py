"""Tenancy invariants that ``manage.py check`` (and so every test run and every start) enforces.

communes.E001  A model with a foreign-key path to ``Commune`` (a foreign key, one-to-one or
               many-to-many to ``Commune`` or to any commune data, directly or through other
               models) is neither ``CommuneOwned`` nor declared platform-wide.
communes.E002  A model declares ``commune_scope = "platform"`` without ``commune_scope_reason``,
               or a ``CommuneOwned`` model declares itself platform-wide.
communes.E003  A unique constraint, ``unique_together`` or ``unique=True`` field of a
               ``CommuneOwned`` model is not per commune.
communes.E004  A ``CommuneOwned`` model has a generic foreign key: the row it points at could be
               any commune's, and neither the scoping nor the save-time guard can follow it.

The path to ``Commune`` follows relations *from* a model outward only. ``Commune`` points at its
Wagtail site, root page and collection; those do not point back, so pages, sites and
collections are not on a path (their scoping is Wagtail's permission policies' business).

When is a unique constraint per commune? When it includes ``commune``, or when it includes a
foreign key to a ``CommuneOwned`` parent (``(plan, position)``): the save-time guard
(``guards.py``) makes every row's commune its parent's commune, so two rows that share a parent
share a commune, and the constraint never compares rows of two communes. A one-to-one to a
commune-owned parent is per commune for the same reason. A nullable parent counts too, since SQL
never finds two NULLs equal, unless the constraint sets ``nulls_distinct=False``.

Declaring a model platform-wide (data that is the same for every commune, or glue that the
platform itself reads before any commune scope exists) takes two class attributes::

    commune_scope = "platform"
    commune_scope_reason = "Why this row belongs to no single commune."
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .scoping import is_commune_scoped

PLATFORM = "platform"


_owned = is_commune_scoped  # one test of "is this commune data", in scoping


def _is_commune(model) -> bool:
    from .models import Commune

    return model is Commune


def _outgoing(model) -> Iterable[models.Field]:
    """Relations the model itself declares (foreign keys, one-to-ones, many-to-manys)."""
    for field in model._meta.get_fields():
        if not field.is_relation or field.auto_created or field.related_model is None:
            continue
        if field.many_to_one or field.one_to_one or field.many_to_many:
            yield field


def path_to_commune(model, _seen: frozenset = frozenset()) -> list[str] | None:
    """Field names leading from ``model`` to ``Commune`` (``["task", "plan", "commune"]``), or None."""
    for field in _outgoing(model):
        target = field.related_model
        if isinstance(target, str):  # unresolved lazy reference; Django reports it itself
            continue
        if _is_commune(target):
            return [field.name]
        if _owned(target):
            return [field.name, "commune"]
        if target in _seen or target is model:
            continue
        rest = path_to_commune(target, _seen | {model})
        if rest is not None:
            return [field.name, *rest]
    return None


def declared_platform_wide(model) -> bool:
    return getattr(model, "commune_scope", None) == PLATFORM


def _unique_sets(model) -> Iterable[tuple[str, tuple[str, ...], models.UniqueConstraint | None]]:
    """(what, field names, constraint) for every uniqueness rule declared on the model."""
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names = tuple(constraint.fields)
            for expression in constraint.expressions:
                names += tuple(ref.name for ref in expression.flatten() if isinstance(ref, models.F))
            yield f"constraint {constraint.name!r}", names, constraint
    for together in model._meta.unique_together:
        yield f"unique_together {tuple(together)!r}", tuple(together), None
    for field in model._meta.local_fields:
        if field.unique and not field.primary_key:
            yield f"field {field.name!r} (unique=True)", (field.name,), None


def _per_commune(model, names: tuple[str, ...], constraint: models.UniqueConstraint | None) -> bool:
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # an attname such as "commune_id"
            field = next((f for f in model._meta.concrete_fields if f.attname == name), None)
            if field is None:
                continue
        if field.name == "commune":
            return True
        if (field.many_to_one or field.one_to_one) and _owned(field.related_model):
            nulls_equal = constraint is not None and constraint.nulls_distinct is False
            if not (field.null and nulls_equal):
                return True
    return False


def tenancy_errors(model_list: Iterable[type[models.Model]]) -> list[checks.CheckMessage]:
    """Every breach of the tenancy invariants among ``model_list`` (see the module docstring)."""
    errors: list[checks.CheckMessage] = []
    for model in model_list:
        meta = model._meta
        if meta.abstract or meta.auto_created or _is_commune(model):
            continue
        if declared_platform_wide(model):
            if _owned(model):
                errors.append(
                    checks.Error(
                        f"{meta.label} is CommuneOwned and also declares commune_scope = 'platform'.",
                        hint="A model is either commune data or platform-wide, not both.",
                        obj=model,
                        id="communes.E002",
                    )
                )
            elif not str(getattr(model, "commune_scope_reason", "")).strip():
                errors.append(
                    checks.Error(
                        f"{meta.label} declares commune_scope = 'platform' without a reason.",
                        hint="Add commune_scope_reason = '…why no single commune owns these rows…'.",
                        obj=model,
                        id="communes.E002",
                    )
                )
            continue
        if not _owned(model):
            path = path_to_commune(model)
            if path is not None:
                errors.append(
                    checks.Error(
                        f"{meta.label} reaches Commune through {'.'.join(path)} but is not commune-owned.",
                        hint=(
                            "Inherit cchc.communes.models.CommuneOwned (its rows are then scoped to their "
                            "commune), or declare commune_scope = 'platform' with a commune_scope_reason."
                        ),
                        obj=model,
                        id="communes.E001",
                    )
                )
            continue
        if meta.proxy:
            continue
        errors += [
            checks.Error(
                f"{meta.label}.{field.name} is a generic foreign key on commune data.",
                hint="Use a foreign key to each model it may point at, so the save-time guard can check its commune.",
                obj=model,
                id="communes.E004",
            )
            for field in meta.private_fields
            if isinstance(field, GenericForeignKey)
        ]
        for what, names, constraint in _unique_sets(model):
            if not _per_commune(model, names, constraint):
                errors.append(
                    checks.Error(
                        f"{meta.label}: {what} on {list(names)} does not include the commune, so one "
                        "commune's rows would block another's.",
                        hint=(
                            "Add 'commune' to the fields, or include the foreign key to the commune-owned "
                            "parent the rows belong to."
                        ),
                        obj=model,
                        id="communes.E003",
                    )
                )
    return errors


@checks.register(checks.Tags.models)
def check_tenancy(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if app_configs is None:
        model_list = apps.get_models()
    else:
        model_list = [m for config in app_configs for m in config.get_models()]
    return tenancy_errors(model_list)
