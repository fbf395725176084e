"""Commune scoping: the one place where commune data is filtered by tenant.

Every model of commune data uses ``commune_scoped_manager()`` as its default manager
(django-scopes underneath). A query runs only inside ``commune_scope(...)``, which the
middleware opens for each request, and tasks and commands open explicitly; outside a scope
the query raises ``ScopeError`` instead of returning every commune's rows (it fails closed).
Platform-wide jobs say so with ``all_communes()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.forms import ModelMultipleChoiceField
from django_scopes import ScopedManager, get_scope, scope, scopes_disabled
from django_scopes.exceptions import ScopeError

if TYPE_CHECKING:
    from .models import Commune

__all__ = ["ScopeError", "all_communes", "commune_scope", "commune_scoped_manager", "current_communes"]


def commune_scoped_manager(manager_class=None):
    """The default manager of commune data: scoped, and refusing cross-commune bulk writes.

    ``manager_class`` adds the methods of another manager (the audit log's, for instance).
    """
    from .guards import CommuneOwnedManager

    base = CommuneOwnedManager
    if manager_class is not None:
        base = type(f"CommuneOwned{manager_class.__name__}", (CommuneOwnedManager, manager_class), {})
    return ScopedManager(_manager_class=base, commune="commune")


@contextmanager
def commune_scope(communes: Commune | Iterable[Commune]) -> Iterator[None]:
    """Run the block with queries limited to ``communes`` (one commune or several, never none)."""
    from .models import Commune

    if isinstance(communes, Commune):
        value: Commune | list[Commune] = communes
    else:
        value = list(communes or [])
        if not value or not all(isinstance(c, Commune) for c in value):
            raise ScopeError("commune_scope needs at least one Commune")
    with scope(commune=value):
        yield


@contextmanager
def all_communes() -> Iterator[None]:
    """For platform-wide work only (demo loading, cross-commune reports by a platform admin)."""
    with scopes_disabled():
        yield


def current_communes() -> list[Commune]:
    """The communes of the active scope; empty when none is active."""
    value = get_scope().get("commune")
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def is_commune_scoped(model) -> bool:
    from .models import CommuneOwned

    return isinstance(model, type) and issubclass(model, CommuneOwned)


def rescope_choice_fields(form) -> None:
    """Give a form's choice fields over commune data the choices of the active scope.

    Form classes are built at start-up, outside any scope, with empty choices (see
    ``register_scoped_form_fields``); each form instance fills them here, inside the request.
    """
    from django.forms import ModelChoiceField

    for field in form.fields.values():
        if isinstance(field, ModelChoiceField) and is_commune_scoped(field.queryset.model):
            field.queryset = field.queryset.model.objects.all()


def register_scoped_form_fields() -> None:
    """Make admin form classes over commune data buildable without a scope."""
    from django.apps import apps
    from django.db import models
    from django_scopes.forms import SafeModelChoiceField
    from wagtail.admin.forms.models import register_form_field_override

    for model in apps.get_models():
        if is_commune_scoped(model):
            register_form_field_override(models.ForeignKey, to=model, override={"form_class": SafeModelChoiceField})
    # Wagtail takes a target model only for foreign keys; this field checks the target itself.
    register_form_field_override(models.ManyToManyField, override={"form_class": ScopeSafeMultipleChoiceField})


class ScopeSafeMultipleChoiceField(ModelMultipleChoiceField):
    def __init__(self, queryset, **kwargs):
        if is_commune_scoped(queryset.model):
            queryset = queryset.model.objects.none()
        super().__init__(queryset, **kwargs)
