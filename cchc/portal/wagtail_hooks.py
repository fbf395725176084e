"""Close Wagtail's multi-site gap (wagtail/wagtail#4288) for pages.

Page permissions already stop an official from editing another commune's pages; these hooks
also stop them from browsing or choosing them.
"""

from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page, PageLogEntry


def _limit_to_commune(pages, request):
    commune = getattr(request, "commune", None)
    if commune is None:
        return pages.none()
    return pages.descendant_of(commune.root_page, inclusive=True)


@hooks.register("construct_explorer_page_queryset")
def explorer_pages_of_own_commune(parent_page, pages, request):
    if request.user.is_superuser:
        return pages
    return _limit_to_commune(pages, request)


@hooks.register("construct_page_chooser_queryset")
def chooser_pages_of_own_commune(pages, request):
    if request.user.is_superuser:
        return pages
    return _limit_to_commune(pages, request)


def _owners(request):
    pages = Page.objects.order_by()
    if not request.user.is_superuser:
        pages = _limit_to_commune(pages, request)
    return pages.values_list("owner_id", flat=True).distinct()


def _editors(request):
    pages = Page.objects.order_by()
    if not request.user.is_superuser:
        pages = _limit_to_commune(pages, request)
    logs = PageLogEntry.objects.filter(action="wagtail.edit", page__in=pages.values("pk")).order_by()
    return logs.values_list("user_id", flat=True).distinct()


def _scope_page_filters(filterset_class) -> None:
    """Wagtail's page listings (explorer, usage by type, forms) offer every site's page owners and
    editors as filter choices, by name; an official sees their commune's only."""
    filters = filterset_class.base_filters
    if "owner" in filters:
        filters["owner"].queryset = lambda request: get_user_model().objects.filter(pk__in=_owners(request))
    if "edited_by" in filters:
        filters["edited_by"].queryset = lambda request: get_user_model().objects.filter(pk__in=_editors(request))
    for subclass in filterset_class.__subclasses__():
        _scope_page_filters(subclass)


def scope_page_filters() -> None:
    import wagtail.contrib.forms.views  # noqa: F401  (its filter set subclasses the explorer's)
    from wagtail.admin.views.pages.listing import PageFilterSet

    _scope_page_filters(PageFilterSet)


scope_page_filters()


class CommunePagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """``/quan-tri/api/main/pages/``: Wagtail's lists every page the user has a permission on,
    in every commune where they hold a role; this one lists the working commune's only."""

    def get_base_queryset(self):
        pages = super().get_base_queryset()
        if self.request.user.is_superuser:
            return pages
        return _limit_to_commune(pages, self.request)


@hooks.register("construct_admin_api", order=100)
def scope_the_admin_apis_pages(router):
    router.register_endpoint("pages", CommunePagesAdminAPIViewSet)
