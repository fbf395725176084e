from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "cchc.contests"
    label = "contests"
    verbose_name = _("Cuộc thi tìm hiểu pháp luật")

    def ready(self):
        from cchc.communes.roles import ROLE_MODEL_PERMISSIONS, Role

        edited = ("question", "contest", "contestround")
        edit = {f"contests.{action}_{model}" for model in edited for action in ("view", "add", "change", "delete")}
        view = {f"contests.view_{model}" for model in (*edited, "nationalquestion")}
        # The justice officer runs the commune's contests; the office and the committee's leaders may
        # too (``actions.CONTEST_EDITORS``); the overseer reads.
        for role in (Role.JUSTICE, Role.OFFICE, Role.CHAIRMAN):
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(edit | view)
        ROLE_MODEL_PERMISSIONS.setdefault(Role.OVERSEER, set()).update(view)
