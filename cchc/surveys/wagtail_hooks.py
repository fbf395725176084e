from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.views import generic
from wagtail.admin.widgets import ListingButton

from cchc.communes.viewsets import CommuneCreateView, CommuneOwnedForm, CommuneOwnedViewSet

from . import admin_views
from .actions import next_question_number
from .models import Campaign, CampaignQuestion, FieldTarget


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
        per_round = [
            (_("Câu hỏi riêng"), "khao-sat-cau-hoi:index", "help"),
            (_("Số phiếu dự kiến theo lĩnh vực"), "khao-sat-chi-tieu:index", "list-ol"),
        ]
        for priority, (label, name, icon) in enumerate(per_round, start=len(extra) + 1):
            url = f"{reverse(name)}?campaign={instance.pk}"
            buttons.insert(priority - 1, ListingButton(label, url, icon_name=icon, priority=priority))
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


class PerCampaignIndexView(generic.IndexView):
    """A round's rows, reached from the round's listing button (``?campaign=<id>``)."""

    related = ("campaign",)  # what the columns show, read with the rows (pinned in tests)

    def get_base_queryset(self):
        rows = super().get_base_queryset().select_related(*self.related)
        chosen = self.request.GET.get("campaign", "")
        return rows.filter(campaign_id=int(chosen)) if chosen.isdigit() else rows


class PerCampaignCreateView(CommuneCreateView):
    """Coming from a round's rows, the form starts on that round."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        chosen = self.request.GET.get("campaign", "")
        if chosen.isdigit():
            campaign = Campaign.objects.filter(pk=int(chosen)).first()  # scoped: another commune's is None
            if campaign is not None:
                instance.campaign = campaign
                if isinstance(instance, CampaignQuestion):
                    instance.number = next_question_number(campaign)
        return instance


class CampaignQuestionForm(CommuneOwnedForm):
    """The number may be left empty: the round's next free number is given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "number" in self.fields:
            self.fields["number"].required = False
            self.fields["number"].help_text = _("Để trống để lấy số tiếp theo của đợt khảo sát.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("number") is None and cleaned.get("campaign") is not None:
            cleaned["number"] = next_question_number(cleaned["campaign"])
        return cleaned


class CampaignQuestionViewSet(CommuneOwnedViewSet):
    """The commune's own questions (R.1, R.2…) of its rounds."""

    model = CampaignQuestion
    icon = "help"
    menu_label = _("Câu hỏi riêng của xã")
    add_to_admin_menu = False
    index_view_class = PerCampaignIndexView
    add_view_class = PerCampaignCreateView
    base_form_class = CampaignQuestionForm
    list_display = ["campaign", "code", "text"]
    search_fields = ["text"]
    ordering = ["campaign", "number"]
    panels = [FieldPanel("campaign"), FieldPanel("number"), FieldPanel("text")]


class FieldTargetIndexView(PerCampaignIndexView):
    related = ("campaign", "procedure_field")


class FieldTargetViewSet(CommuneOwnedViewSet):
    """How many forms each round means to gather per procedure field."""

    model = FieldTarget
    icon = "list-ol"
    menu_label = _("Số phiếu dự kiến theo lĩnh vực")
    add_to_admin_menu = False
    index_view_class = FieldTargetIndexView
    add_view_class = PerCampaignCreateView
    list_display = ["campaign", "procedure_field", "target"]
    ordering = ["campaign", "procedure_field__sort_order"]
    panels = [FieldPanel("campaign"), FieldPanel("procedure_field"), FieldPanel("target")]


@hooks.register("register_actions")
def register_survey_actions(registry):
    from .actions import SURVEY_ACTIONS

    for model, actions in SURVEY_ACTIONS.items():
        for action in actions:
            registry.register(model, action)


@hooks.register("register_admin_viewset")
def register_campaign_viewset():
    return CampaignViewSet("khao-sat")


@hooks.register("register_admin_viewset")
def register_campaign_question_viewset():
    return CampaignQuestionViewSet("khao-sat-cau-hoi")


@hooks.register("register_admin_viewset")
def register_field_target_viewset():
    return FieldTargetViewSet("khao-sat-chi-tieu")


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
