"""Writes that carry a rule: one action each, whatever screen, command, task or loader asks for them.

Shaped after Wagtail's ``wagtail/actions/``: an action is built with the commune and the user;
``check()`` raises ``PermissionDenied`` with a Vietnamese reason (role, unit, object state);
``execute()`` checks, then writes in one transaction inside the commune's scope and leaves one
audit record through ``wagtail.log_actions.log`` (kept per commune by ``cchc.audit``).

Two kinds:
- ``CommuneAction`` for a write with its own verb (change a plan's status, record a posting).
- ``CreateRecord`` / ``EditRecord`` / ``DeleteRecord``: Wagtail's generic create, edit and delete
  actions, registered for every ``CommuneOwned`` model, so that every admin screen of commune data
  goes through them. An app registers a subclass for its model (``register_actions`` hook) to add
  object rules in ``check_rules()``; those hold even when the screen already checked the model
  permission. ``user=None`` means the system itself (a command, the demo loader, a task): role
  rules are not asked, object-state rules still are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.log_actions import log

from .access import roles_in
from .models import Commune, Unit
from .provisioning import join_role_group, leave_role_group
from .scoping import commune_scope


def is_system(user) -> bool:
    return user is None


def require_role(user, commune: Commune, roles: Iterable[str], reason: str) -> None:
    """Refuse unless ``user`` holds one of ``roles`` in ``commune`` (platform admins always may)."""
    if is_system(user) or user.is_superuser:
        return
    if not roles_in(user, commune) & set(roles):
        raise PermissionDenied(reason)


def require_permission(user, perm: str, reason: str = "") -> None:
    """Refuse unless ``user`` has model permission ``perm`` in the active commune scope."""
    if is_system(user):
        return
    if not user.has_perm(perm):
        raise PermissionDenied(reason or _("Vai trò của bạn ở xã này không được làm việc này."))


def units_of(user, commune: Commune) -> set[int]:
    """Ids of the units ``user`` belongs to in ``commune`` (read with their roles, once per request)."""
    from .access import units_in

    return units_in(user, commune)


def unit_names(ids: Iterable[int]) -> str:
    return ", ".join(Unit.objects.filter(id__in=ids).values_list("name", flat=True)) or _("chưa được gán đơn vị")


class CommuneAction:
    """Base of a write with a rule: ``check()``, then ``perform()`` in a transaction, then one audit record."""

    log_action: str = ""

    def __init__(self, *, commune: Commune, user=None):
        if not isinstance(commune, Commune):
            raise TypeError("an action needs commune=Commune")
        self.commune = commune
        self.user = user

    def check(self) -> None:
        """Raise ``PermissionDenied`` with a Vietnamese reason when the write is not allowed.

        Every action says who may do it: there is no default that lets everyone write.
        """
        raise NotImplementedError(f"{type(self).__name__} must say who may act in check()")

    def perform(self) -> Any:
        raise NotImplementedError

    def audit_instance(self, result: Any):
        """The object whose history records the action (the commune itself by default)."""
        return self.commune

    def audit_data(self, result: Any) -> dict:
        return {}

    def execute(self) -> Any:
        with commune_scope(self.commune):
            self.check()
            with transaction.atomic():
                result = self.perform()
                log(
                    instance=self.audit_instance(result),
                    action=self.log_action,
                    user=self.user,
                    data=self.audit_data(result),
                )
        return result


class RecordRules:
    """What the generic create, edit and delete of commune data share: the commune, its scope, the rules."""

    permission_policy_action: str
    denied_message = ""

    def __init__(self, instance, user=None, *, commune: Commune | None = None, **kwargs):
        super().__init__(instance, user=user, **kwargs)
        self.commune = commune or instance.commune
        if instance.commune_id is not None and instance.commune_id != self.commune.pk:
            raise PermissionDenied(_("Dữ liệu này thuộc xã khác."))

    def check_rules(self) -> None:
        """Object rules of the model; subclasses add theirs. Asked even when the screen checked permissions,
        and for the system and platform admins too: a rule on a role returns early for them itself."""

    def stored(self):
        """The row as it is in the database before this action changes it."""
        return type(self.instance).objects.filter(pk=self.instance.pk).first()

    def check(self, skip_permission_checks: bool = False) -> None:
        with commune_scope(self.commune):
            if self.user is not None and not skip_permission_checks and not self.user_has_permission():
                raise self.permission_error_class(self.denied_message or _("Bạn không có quyền làm việc này."))
            self.check_rules()

    def execute(self, skip_permission_checks: bool = False):
        with commune_scope(self.commune):
            return super().execute(skip_permission_checks=skip_permission_checks)


class CreateRecord(RecordRules, CreateAction):
    """Add a row of commune data (behind every admin "add" screen)."""


class EditRecord(RecordRules, EditAction):
    """Change a row of commune data (behind every admin "edit" screen)."""


class DeleteRecord(RecordRules, DeleteAction):
    """Delete a row of commune data (behind every admin "delete" screen)."""


class GrantRole(CreateRecord):
    """A membership added on the admin screen joins the role's group, as ``provisioning.grant_role`` does."""

    def _save_instance(self):
        super()._save_instance()
        join_role_group(self.instance)


class ChangeRole(EditRecord):
    def _save_instance(self):
        before = self.stored()
        super()._save_instance()
        if before is not None and (before.role, before.user_id) != (self.instance.role, self.instance.user_id):
            leave_role_group(commune=self.commune, user=before.user, role=before.role)
            join_role_group(self.instance)


class RevokeRole(DeleteRecord):
    def _delete(self):
        membership = self.instance
        with transaction.atomic():
            result = super()._delete()
            leave_role_group(commune=self.commune, user=membership.user, role=membership.role)
        return result


MEMBERSHIP_ACTIONS = (GrantRole, ChangeRole, RevokeRole)

__all__ = [
    "CommuneAction",
    "CreateRecord",
    "DeleteRecord",
    "EditRecord",
    "require_permission",
    "require_role",
    "units_of",
]
