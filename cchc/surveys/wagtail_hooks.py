from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.views import generic
from wagtail.admin.widgets import ListingButton

from cchc.communes.viewsets import CommuneOwnedViewSet

from . import admin_views
from .models import Campaign


class CampaignIndexView(generic.IndexView):
    """Each round leads to its results, its entry screens and its printable form."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("template")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        extra = [
            (_("Kết quả"), "cchc_surveys_results", "view"),
            (_("Nhập phiếu giấy"), "cchc_surveys_paper_entry", "edit"),
            (_("Nhập từ tệp Excel, CSV"), "cchc_surveys_upload", "upload"),
            (_("In phiếu giấy (PDF)"), "cchc_surveys_paper_form", "doc-full"),
        ]
        for priority, (label, name, icon) in enumerate(extra, start=1):
            buttons.insert(
                priority - 1,
                ListingButton(label, reverse(name, args=[instance.pk]), icon_name=icon, priority=priority),
            )
        return buttons


class CampaignViewSet(CommuneOwnedViewSet):
    """The commune's survey rounds: list and create; each row leads to entry, import, results and files."""

    model = Campaign
    icon = "clipboard-list"
    menu_label = _("Khảo sát hài lòng")
    menu_order = 135
    add_to_admin_menu = True
    index_view_class = CampaignIndexView
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


@hooks.register("register_admin_urls")
def register_survey_urls():
    return [
        path("khao-sat/<int:campaign_id>/ket-qua/", admin_views.campaign_results, name="cchc_surveys_results"),
        path("khao-sat/<int:campaign_id>/nhap-phieu/", admin_views.paper_entry, name="cchc_surveys_paper_entry"),
        path("khao-sat/<int:campaign_id>/nhap-tu-tep/", admin_views.upload_responses, name="cchc_surveys_upload"),
        path(
            "khao-sat/<int:campaign_id>/nhap-tu-tep/<str:result_id>/",
            admin_views.import_status,
            name="cchc_surveys_import_status",
        ),
        path("khao-sat/<int:campaign_id>/phieu-giay.pdf", admin_views.paper_form, name="cchc_surveys_paper_form"),
        path("khao-sat/<int:campaign_id>/tai-ve/<str:fmt>/", admin_views.export_results, name="cchc_surveys_export"),
    ]
