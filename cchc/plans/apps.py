from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cchc.plans"
    label = "plans"
    verbose_name = "Kế hoạch tuyên truyền"

    def ready(self):
        from cchc.communes.roles import ROLE_MODEL_PERMISSIONS

        from .roles import PLAN_PERMISSIONS

        for role, perms in PLAN_PERMISSIONS.items():
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(perms)
