from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "cchc.feedback"
    label = "feedback"
    verbose_name = _("Phản ánh, kiến nghị của người dân")

    def ready(self):
        from cchc.communes.roles import ROLE_MODEL_PERMISSIONS, Role

        # The office, the one-stop desk (justice officer) and the leaders take messages in and read them;
        # the overseer reads. Contact details stay on the message's own screen.
        desk = {"feedback.view_feedback", "feedback.add_feedback"}
        for role in (Role.OFFICE, Role.JUSTICE, Role.CHAIRMAN):
            ROLE_MODEL_PERMISSIONS.setdefault(role, set()).update(desk)
        ROLE_MODEL_PERMISSIONS.setdefault(Role.OVERSEER, set()).add("feedback.view_feedback")
