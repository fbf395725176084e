from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import BooleanColumn, Column

from cchc.communes.menus import PermissionMenuItem
from cchc.communes.viewsets import CommuneOwnedViewSet, CommuneViewSetGroup

from . import admin_views
from .models import OneStopDesk, Posting, PostingPlace, PublishedProcedure


class PublishedProcedureViewSet(CommuneOwnedViewSet):
    model = PublishedProcedure
    icon = "list-ul"
    menu_label = _("Thủ tục xã công khai")
    list_display = [
        "procedure",
        Column("code", label=_("Mã")),
        "desk",
        "local_fee",
        BooleanColumn("is_published", label=_("Đang công khai")),
    ]
    list_filter = ["is_published", "procedure__field"]
    search_fields = ["procedure__name", "code"]
    panels = [
        FieldPanel("procedure"),
        FieldRowPanel([FieldPanel("desk"), FieldPanel("official_in_charge")]),
        FieldRowPanel([FieldPanel("opening_hours"), FieldPanel("local_fee")]),
        FieldPanel("local_notes"),
        FieldPanel("is_published"),
    ]


class OneStopDeskViewSet(CommuneOwnedViewSet):
    model = OneStopDesk
    icon = "home"
    menu_label = _("Bộ phận một cửa")
    list_display = ["name", "address", "opening_hours", "phone"]
    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("opening_hours"), FieldPanel("phone")]),
    ]


class PostingPlaceViewSet(CommuneOwnedViewSet):
    model = PostingPlace
    icon = "pick"
    menu_label = _("Nơi niêm yết")
    list_display = ["name", "kind", "village", BooleanColumn("expects_full_set", label=_("Đủ bộ thủ tục"))]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("village")]),
        FieldPanel("expects_full_set"),
        FieldPanel("fields"),
    ]


class PostingViewSet(CommuneOwnedViewSet):
    model = Posting
    icon = "clipboard-list"
    menu_label = _("Sổ niêm yết")
    list_display = ["procedure", "place", "posted_on", "checked_on", "checked_by", "removed_on"]
    list_filter = ["place", "posted_on"]
    search_fields = ["procedure__name", "checked_by"]
    panels = [
        FieldRowPanel([FieldPanel("place"), FieldPanel("procedure")]),
        FieldRowPanel([FieldPanel("posted_on"), FieldPanel("checked_on"), FieldPanel("checked_by")]),
        FieldRowPanel([FieldPanel("removed_on"), FieldPanel("note")]),
    ]


class ProceduresGroup(CommuneViewSetGroup):
    menu_label = _("Thủ tục hành chính")
    menu_icon = "list-ul"
    menu_order = 120
    items = (
        PublishedProcedureViewSet("thu-tuc-xa"),
        OneStopDeskViewSet("mot-cua"),
        PostingPlaceViewSet("noi-niem-yet"),
        PostingViewSet("so-niem-yet"),
    )

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            0,
            PermissionMenuItem(
                _("Tình hình niêm yết"),
                reverse("cchc_procedures_postings"),
                permission="procedures.view_posting",
                icon_name="view",
                order=0,
            ),
        )
        return items


@hooks.register("register_actions")
def register_procedure_actions(registry):
    from .actions import PROCEDURE_ACTIONS

    for model, actions in PROCEDURE_ACTIONS.items():
        for action in actions:
            registry.register(model, action)


@hooks.register("register_admin_viewset")
def register_procedure_viewsets():
    return ProceduresGroup()


@hooks.register("register_admin_urls")
def register_procedure_urls():
    return [
        path("niem-yet/", admin_views.posting_overview, name="cchc_procedures_postings"),
        path("thu-tuc/cong-khai-tat-ca/", admin_views.publish_catalogue, name="cchc_procedures_publish_all"),
    ]
