from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicesConfig(AppConfig):
    name = "cchc.indices"
    label = "indices"
    verbose_name = _("Chỉ số CCHC")

    def ready(self):
        from cchc.communes.roles import ROLE_MODEL_PERMISSIONS, Role

        edit = {f"indices.{action}_indexscore" for action in ("view", "add", "change", "delete")}
        view = {"indices.view_indexscore"}
        # The office and the committee's leaders enter the figures the province publishes;
        # the culture-information board writes about them; the superior level reads them.
        for role in (Role.CHAIRMAN, Role.OFFICE):
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(edit)
        for role in (Role.CULTURE_INFO, Role.OVERSEER):
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(view)
