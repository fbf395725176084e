"""Permissions that hold in one commune only.

Django's groups give their permissions everywhere; an official who is office in A and only an
overseer in B must not edit B's data. Group permissions are therefore counted only for the
roles the user holds in the commune(s) of the active scope (the request's commune); outside any
scope a user has no group permissions at all.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

from .scoping import current_communes


class CommuneRoleBackend(ModelBackend):
    def _get_group_permissions(self, user_obj):
        from .models import Membership, RoleGroup

        if not current_communes():
            return Permission.objects.none()
        # Inside the request's scope, the user's memberships are those of its commune(s).
        held = Q(pk__in=[])
        for commune_id, role in Membership.objects.filter(user=user_obj).values_list("commune_id", "role"):
            held |= Q(commune_id=commune_id, role=role)
        groups = RoleGroup.objects.filter(held).values("group_id")
        return Permission.objects.filter(group__in=groups, group__user=user_obj)

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
