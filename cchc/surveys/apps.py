from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "cchc.surveys"
    label = "surveys"
    verbose_name = _("Khảo sát hài lòng")

    def ready(self):
        from cchc.communes.roles import ROLE_MODEL_PERMISSIONS, Role

        models = ("campaign", "campaignquestion", "fieldtarget")
        edit = {f"surveys.{action}_{model}" for model in models for action in ("view", "add", "change", "delete")}
        view = {f"surveys.view_{model}" for model in (*models, "response")}
        # The office and the committee's leaders run the surveys; the overseer reads them.
        for role in (Role.CHAIRMAN, Role.OFFICE):
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(edit | view)
        ROLE_MODEL_PERMISSIONS.setdefault(Role.OVERSEER, set()).update(view)
