from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from cchc.communes.viewsets import CommuneOwnedViewSet

from .models import Campaign


class CampaignViewSet(CommuneOwnedViewSet):
    """The commune's survey rounds: list and create (the answering and report screens come later)."""

    model = Campaign
    icon = "clipboard-list"
    menu_label = _("Khảo sát hài lòng")
    menu_order = 135
    add_to_admin_menu = True
    list_display = ["title", "template", "period_start", "period_end", "status"]
    list_filter = ["status", "template"]
    search_fields = ["title"]
    ordering = ["-created_at"]
    panels = [
        FieldPanel("title"),
        FieldPanel("template"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("procedure_fields"),
        FieldPanel("scope_note"),
        FieldRowPanel([FieldPanel("sample_target"), FieldPanel("status")]),
        FieldPanel("respondents"),
        FieldPanel("formula"),
    ]


@hooks.register("register_actions")
def register_survey_actions(registry):
    from .actions import SURVEY_ACTIONS

    for model, actions in SURVEY_ACTIONS.items():
        for action in actions:
            registry.register(model, action)


@hooks.register("register_admin_viewset")
def register_campaign_viewset():
    return CampaignViewSet("khao-sat")
