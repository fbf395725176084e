from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastsConfig(AppConfig):
    name = "cchc.broadcasts"
    label = "broadcasts"
    verbose_name = _("Truyền thanh")

    def ready(self):
        from cchc.communes.roles import ROLE_MODEL_PERMISSIONS, Role

        edited = ("script", "speechterm", "speakercluster", "programme", "broadcast")
        edit = {f"broadcasts.{action}_{model}" for model in edited for action in ("view", "add", "change", "delete")}
        view = {f"broadcasts.view_{model}" for model in (*edited, "airing", "playlog", "listenerfeedback")}
        # The broadcasting officer runs the radio; the committee's leaders, the office and the
        # culture-information board work with them; the overseer reads.
        for role in (Role.BROADCASTER, Role.CULTURE_INFO, Role.OFFICE, Role.CHAIRMAN):
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(edit | view)
        ROLE_MODEL_PERMISSIONS.setdefault(Role.OVERSEER, set()).update(view)
