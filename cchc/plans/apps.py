from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "cchc.plans"
    label = "plans"
    verbose_name = _("Kế hoạch tuyên truyền")

    def ready(self):
        from cchc.communes.roles import ROLE_MODEL_PERMISSIONS

        from .roles import PLAN_PERMISSIONS

        for role, perms in PLAN_PERMISSIONS.items():
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(perms)
