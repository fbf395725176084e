"""The few Wagtail admin views whose rows cannot be scoped through a queryset we control.

Almost every admin view of Wagtail's asks a permission policy or a hook which rows a user may
see, and those are scoped in ``wagtail_files`` (images, documents, their admin API) and in
``cchc.portal.wagtail_hooks`` (page explorer, chooser, page API). This module is not a list of
forbidden URLs: it checks, for the Wagtail views below only, that every row named in the request
is one of those same scoped querysets would show (``visible_rows``). Each is here because
Wagtail builds its rows from the model's plain manager with no hook to narrow it:

- bulk actions (``bulk/<app>/<model>/<action>/``): ``BulkAction.get_queryset`` is a classmethod
  over ``model.objects`` and the confirmation page lists the titles of the rows the user may
  *not* act on too; with ``id=all`` Wagtail picks the rows itself (every page of every site);
- the page chooser opened on a page (``choose-page/<id>/``) shows that page as a choice;
  opened for a page type (``choose-page/?page_type=…``) it starts at the first common ancestor
  of that type's pages in every site, which is another commune's page when only that commune
  has such pages; ``choose-page/chosen-multiple/`` returns the title of every id it is given;
- every page view that takes a page id in its URL (``pages/<page_id>/…``, ``pages/<page_to_move_id>/
  move/<destination_id>/confirm/``, ``workflows/remove/<page_pk>/``, form submissions…): Wagtail
  fetches the page with ``get_object_or_404(Page, id=…)`` and some of them (the move confirmation)
  print its title before asking any permission. The check goes by the URL's parameter *names*
  (``PAGE_KWARGS``, read from the resolver), so a new Wagtail page view is covered unnamed;
- reports counting or logging across every site (page types usage, aging pages, site history):
  their querysets have no hook, so they are for platform admins only.

A new Wagtail view that uses a policy or a chooser hook is covered without being named here.
"""

from __future__ import annotations

import re

from django.http import Http404

from .scoping import commune_scope
from .wagtail_files import visible_rows

BULK = re.compile(r"^bulk/(?P<app>[\w]+)/(?P<model>[\w]+)/(?P<action>[\w-]+)/")
PAGE_CHOOSER = re.compile(r"^choose-page/(?P<id>\d+)/")
PAGE_CHOOSER_START = "choose-page/"
PAGE_CHOSEN_MULTIPLE = "choose-page/chosen-multiple/"
# URL parameters through which Wagtail's admin names a page (and ``pk`` under ``pages/``).
PAGE_KWARGS = frozenset({"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"})
PLATFORM_ONLY_REPORTS = ("reports/page-types-usage/", "reports/aging-pages/", "reports/site-history/")


def _ids(request) -> list[str]:
    return [v for v in request.GET.getlist("id") if v.isdigit()]


def _all_visible(model, ids, request) -> bool:
    ids = {int(i) for i in ids}
    return visible_rows(model, request).filter(pk__in=ids).count() == len(ids)


def _bulk_rows_visible(request, app: str, model_name: str, action: str) -> bool:
    from django.apps import apps
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    try:
        model = apps.get_model(app, model_name)
    except LookupError:
        return True  # Wagtail answers 404 itself
    action_class = bulk_action_registry.get_bulk_action_class(app, model_name, action)
    if action_class is None:
        return True
    # The rows the confirmation page would list: those the user may act on and those not.
    allowed, refused = action_class(request, model).get_actionable_objects()
    rows = list(allowed) + list(refused["items_with_no_access"])
    return _all_visible(model, [str(row.pk) for row in rows], request)


def _page_chooser_start(page_type: str):
    """The page Wagtail's chooser opens on for a page type, found as ``BrowseView`` finds it."""
    from wagtail.admin.views.chooser import page_models_from_string
    from wagtail.models import Page

    try:
        classes = page_models_from_string(page_type)
    except (ValueError, LookupError):
        return None  # Wagtail answers 404 itself
    if classes == (Page,):
        return None
    return Page.objects.type(*classes).first_common_ancestor()


def check_admin_request(request, admin_path: str) -> None:
    """Raise Http404 when an official's admin request names rows outside their commune."""
    if request.user.is_superuser:
        return
    if admin_path.startswith(PLATFORM_ONLY_REPORTS):
        raise Http404
    if request.commune is None:
        return  # the middleware lets such a request reach the login and logout pages only
    # The middleware calls us before it opens the request's scope.
    with commune_scope(request.commune):
        _check_rows(request, admin_path)


def _pages_named_in_url(request, admin_path: str) -> list[str]:
    from django.urls import Resolver404, resolve

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return []
    names = set(PAGE_KWARGS)
    if admin_path.startswith("pages/"):
        names.add("pk")
    return [str(value) for key, value in match.kwargs.items() if key in names and str(value).isdigit()]


def _check_rows(request, admin_path: str) -> None:
    from wagtail.models import Page

    named = _pages_named_in_url(request, admin_path)
    if named:  # the tree's root ("Root") belongs to no commune and names nothing
        named = [pk for pk in named if int(pk) != Page.get_first_root_node().pk]
    if named and not _all_visible(Page, named, request):
        raise Http404

    if admin_path.startswith(PAGE_CHOSEN_MULTIPLE):
        if not _all_visible(Page, _ids(request), request):
            raise Http404
        return
    chooser = PAGE_CHOOSER.match(admin_path)
    if chooser and not _all_visible(Page, [chooser["id"]], request):
        raise Http404
    if admin_path == PAGE_CHOOSER_START and request.GET.get("page_type"):
        start = _page_chooser_start(request.GET["page_type"])
        if start is not None and not start.is_root() and not _all_visible(Page, [start.pk], request):
            raise Http404
    bulk = BULK.match(admin_path)
    if bulk and not _bulk_rows_visible(request, bulk["app"], bulk["model"], bulk["action"]):
        raise Http404
