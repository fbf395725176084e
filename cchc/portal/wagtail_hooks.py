"""Close Wagtail's multi-site gap (wagtail/wagtail#4288) for pages.

Page permissions already stop an official from editing another commune's pages; these hooks
also stop them from browsing or choosing them.
"""

from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet


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
