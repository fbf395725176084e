"""Admin URLs of Wagtail's own that would show another commune's titles or counts.

Wagtail's bulk-action confirmation pages list the titles of every id in the query string
(even the ones the user may not act on), and some reports count across all sites. An official
gets a 404 for ids outside their commune, and those reports are for platform admins only.
"""

from __future__ import annotations

import re

from django.http import Http404

BULK = re.compile(r"^bulk/(?P<app>[\w]+)/(?P<model>[\w]+)/")
# Wagtail's page chooser shows the page it is opened on as a choice, whatever its site.
PAGE_CHOOSER = re.compile(r"^choose-page/(?P<id>\d+)/")
# Site history lists every logged admin action (plans, budgets, reports…) of every commune.
PLATFORM_ONLY_REPORTS = ("reports/page-types-usage/", "reports/aging-pages/", "reports/site-history/")


def _ids(request) -> list[int]:
    values = request.GET.getlist("id") + request.POST.getlist("id")
    return [int(v) for v in values if v.isdigit()]


def _outside_commune(app: str, model: str, ids: list[int], commune) -> bool:
    if app == "wagtailcore" and model == "page":
        from wagtail.models import Page

        inside = Page.objects.filter(id__in=ids).descendant_of(commune.root_page, inclusive=True).count()
        return inside != len(set(ids))
    if app in ("wagtailimages", "wagtaildocs"):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        cls = get_image_model() if app == "wagtailimages" else get_document_model()
        inside = cls.objects.filter(id__in=ids, collection__path__startswith=commune.collection.path).count()
        return inside != len(set(ids))
    return False


def check_admin_request(request, admin_path: str) -> None:
    """Raise Http404 when an official's admin request reaches beyond their commune."""
    if request.user.is_superuser:
        return
    if admin_path.startswith(PLATFORM_ONLY_REPORTS):
        raise Http404
    chooser = PAGE_CHOOSER.match(admin_path)
    in_commune = request.commune is not None
    if chooser and in_commune and _outside_commune("wagtailcore", "page", [int(chooser["id"])], request.commune):
        raise Http404
    match = BULK.match(admin_path)
    if match and request.commune is not None:
        ids = _ids(request)
        if ids and _outside_commune(match["app"], match["model"], ids, request.commune):
            raise Http404
