from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "cchc.procedures"
    label = "procedures"
    verbose_name = _("Thủ tục hành chính")

    def ready(self):
        from cchc.communes.roles import ROLE_MODEL_PERMISSIONS, Role

        from . import signals  # noqa: F401

        publish = {f"procedures.{a}_{m}" for a in ("view", "add", "change", "delete")
                   for m in ("publishedprocedure", "onestopdesk", "postingplace", "posting")}  # fmt: skip
        view = {f"procedures.view_{m}" for m in ("publishedprocedure", "onestopdesk", "postingplace", "posting")}
        record = {f"procedures.{a}_posting" for a in ("add", "change")}
        for role in (Role.CHAIRMAN, Role.OFFICE):
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(publish)
        # Sector officials post their procedures; mass organisations read the register.
        for role in (Role.CULTURE_INFO, Role.BROADCASTER, Role.JUSTICE, Role.FINANCE):
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(view | record)
        ROLE_MODEL_PERMISSIONS.setdefault(Role.UNIT_MEMBER, set()).update(view)
        ROLE_MODEL_PERMISSIONS.setdefault(Role.OVERSEER, set()).update(view)
