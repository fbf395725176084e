"""Permissions that hold in one commune only.

Django's groups give their permissions everywhere; an official who is office in A and only an
overseer in B must not edit B's data. Group permissions are therefore counted only for the
roles the user holds in the commune(s) of the active scope (the request's commune); outside any
scope a user has no group permissions at all.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from .scoping import all_communes, current_communes


class CommuneRoleBackend(ModelBackend):
    def _get_group_permissions(self, user_obj):
        from .models import Membership
        from .provisioning import group_name

        communes = current_communes()
        if not communes:
            return Permission.objects.none()
        with all_communes():
            memberships = list(Membership.objects.filter(user=user_obj, commune__in=communes).select_related("commune"))
        names = [group_name(m.commune, m.role) for m in memberships]
        return Permission.objects.filter(group__name__in=names, group__user=user_obj)

    def get_group_permissions(self, user_obj, obj=None):
        # ModelBackend caches per user object; the cache must also be per commune.
        key = tuple(sorted(c.pk for c in current_communes()))
        if getattr(user_obj, "_commune_perm_key", None) != key:
            for attr in ("_group_perm_cache", "_perm_cache"):
                if hasattr(user_obj, attr):
                    delattr(user_obj, attr)
            user_obj._commune_perm_key = key
        return super().get_group_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj, obj=None):
        self.get_group_permissions(user_obj, obj)  # refresh the per-commune cache first
        return super().get_all_permissions(user_obj, obj)
