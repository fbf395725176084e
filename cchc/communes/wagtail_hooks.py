from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn

from . import admin_views, wagtail_files
from .models import Membership, Unit, Village
from .viewsets import CommuneOwnedViewSet, CommuneViewSetGroup

# Before any view asks Wagtail's registry for the policy of images or documents.
wagtail_files.register_permission_policies()


class VillageViewSet(CommuneOwnedViewSet):
    model = Village
    icon = "home"
    menu_label = _("Thôn, xóm")
    list_display = [
        "name",
        "kind",
        "households",
        "population",
        BooleanColumn("is_ethnic_minority", label=_("Vùng đồng bào DTTS")),
        BooleanColumn("figures_are_illustrative", label=_("Số liệu minh họa")),
    ]
    list_filter = ["kind", "is_ethnic_minority"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("households"), FieldPanel("population")]),
        FieldPanel("is_ethnic_minority"),
        FieldPanel("figures_are_illustrative"),
        FieldPanel("sort_order"),
    ]


class UnitViewSet(CommuneOwnedViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Ban, ngành, đoàn thể")
    list_display = ["name", "kind", "short_name"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    ordering = ["sort_order", "name"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("short_name")]),
        FieldPanel("sort_order"),
    ]


class MembershipViewSet(CommuneOwnedViewSet):
    """Who holds which role: listed for the commune's leaders; granted by the platform admin."""

    model = Membership
    icon = "user"
    menu_label = _("Cán bộ, công chức")
    list_display = [
        "full_name",
        "role",
        "unit",
        "title",
    ]
    list_filter = ["role"]
    ordering = ["role"]
    panels = [FieldPanel("user"), FieldPanel("role"), FieldPanel("unit"), FieldPanel("title")]


class CommuneDataGroup(CommuneViewSetGroup):
    menu_label = _("Xã")
    menu_icon = "site"
    menu_order = 150
    items = (VillageViewSet("thon-xom"), UnitViewSet("don-vi"), MembershipViewSet("can-bo"))


@hooks.register("register_actions")
def register_commune_record_actions(registry):
    """Every admin create, edit and delete screen of commune data goes through the commune's actions."""
    from .actions import MEMBERSHIP_ACTIONS, CreateRecord, DeleteRecord, EditRecord
    from .models import CommuneOwned

    for action in (CreateRecord, EditRecord, DeleteRecord):
        registry.register(CommuneOwned, action)
    for action in MEMBERSHIP_ACTIONS:
        registry.register(Membership, action)


@hooks.register("register_admin_viewset")
def register_commune_viewsets():
    return CommuneDataGroup()


@hooks.register("register_admin_urls")
def register_commune_switcher():
    return [path("xa/chon/", admin_views.choose_commune, name="cchc_choose_commune")]


class CommuneSwitcherItem(MenuItem):
    def is_shown(self, request):
        from .access import communes_for_user

        return communes_for_user(request.user).count() > 1


@hooks.register("register_admin_menu_item")
def register_commune_switcher_menu_item():
    return CommuneSwitcherItem(
        _("Đổi xã làm việc"), reverse("cchc_choose_commune"), icon_name="arrows-up-down", order=10000
    )


@hooks.register("construct_help_menu")
def drop_wagtail_english_guides(request, menu_items):
    """Wagtail's help links open English guides on wagtail.org; officials get nothing from them."""
    menu_items[:] = [item for item in menu_items if "wagtail.org" not in str(getattr(item, "url", ""))]


@hooks.register("construct_reports_menu")
def keep_cross_commune_reports_for_platform_admins(request, menu_items):
    if not request.user.is_superuser:
        menu_items[:] = [i for i in menu_items if i.name not in {"page-types-usage", "aging-pages", "site-history"}]


@hooks.register("insert_global_admin_css")
def admin_fits_small_phones():
    """Long task titles, breadcrumbs and listing tables would otherwise push pages wider than a phone."""
    return format_html('<link rel="stylesheet" href="{}">', static("communes/admin-phone.css"))


class CommunePanel(Component):
    """Tells officials, overseers above all, which commune the admin is showing."""

    name = "commune"
    order = 10

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        commune = getattr(request, "commune", None)
        if commune is None:
            return ""
        return render_to_string("communes/dashboard_panel.html", {"commune": commune, "request": request})


@hooks.register("construct_homepage_panels")
def show_the_working_commune(request, panels):
    panels.insert(0, CommunePanel())


# --- images and documents: one commune's files only (see wagtail_files) --------------------------


@hooks.register("construct_admin_api", order=100)
def scope_the_admin_apis_files(router):
    # After wagtail.images and wagtail.documents (order 0) register theirs, which list every site's.
    router.register_endpoint("images", wagtail_files.CommuneImagesAdminAPIViewSet)
    router.register_endpoint("documents", wagtail_files.CommuneDocumentsAdminAPIViewSet)


@hooks.register("construct_image_chooser_queryset")
def choose_images_of_the_working_commune(images, request):
    return images if request.user.is_superuser else wagtail_files.files_of_working_commune(images)


@hooks.register("construct_document_chooser_queryset")
def choose_documents_of_the_working_commune(documents, request):
    return documents if request.user.is_superuser else wagtail_files.files_of_working_commune(documents)


@hooks.register("before_serve_document", order=-10)
def serve_documents_on_their_communes_host(document, request):
    # Before Wagtail's own view-restriction check, so another host answers 404, not a login form.
    wagtail_files.check_document_host(document, request)


@hooks.register("construct_main_menu")
def name_wagtails_reports_as_website_reports(request, menu_items):
    """Wagtail's "Báo cáo" menu holds reports on the website's pages; officials took it for progress reports."""
    for item in menu_items:
        if item.name == "reports":
            item.label = _("Báo cáo trang web")
