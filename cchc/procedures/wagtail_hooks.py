from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column

from cchc.communes.menus import PermissionMenuItem
from cchc.communes.viewsets import CommuneOwnedViewSet, CommuneViewSetGroup

from . import admin_views, learning, search_admin_views
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
            SearchesMenuItem(_("Người dân tìm gì"), reverse("cchc_procedures_searches"), icon_name="search", order=1),
        )
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
        path("tim-kiem/", search_admin_views.searches, name="cchc_procedures_searches"),
    ]


class SearchesMenuItem(MenuItem):
    def is_shown(self, request):
        commune = getattr(request, "commune", None)
        return commune is not None and search_admin_views.may_read(request.user, commune)


class SearchDigestPanel(Component):
    """On the office's home page: what villagers looked for this week and did not find."""

    name = "search_digest"
    order = 36

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        commune = getattr(request, "commune", None)
        if commune is None or not search_admin_views.may_read(request.user, commune):
            return ""
        lines = learning.weekly_digest(commune=commune)
        if not lines:
            return ""
        return render_to_string("procedures/admin/search_digest.html", {"lines": lines}, request=request)


@hooks.register("construct_homepage_panels")
def show_search_digest(request, panels):
    panels.append(SearchDigestPanel())


@hooks.register("register_log_actions")
def register_search_log_actions(actions):
    for action, label in (
        (learning.LOG_EQUIVALENCE, _("Dạy công cụ tìm kiếm một cách gọi")),
        (learning.LOG_EQUIVALENCE_REMOVED, _("Xóa một cách gọi của công cụ tìm kiếm")),
        (learning.LOG_PIN, _("Ghim thủ tục cho một từ khóa")),
        (learning.LOG_PIN_REMOVED, _("Bỏ ghim thủ tục")),
    ):
        actions.register_action(action, label, label)
