"""Public views of the portal that are not Wagtail pages: search and robots.txt (feeds: feeds.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from cchc.communes.requests import site_commune

from . import search as portal_search


@require_safe
def search(request):
    commune = site_commune(request)
    query = (request.GET.get("q") or "").strip()[: portal_search.MAX_QUERY_LENGTH]
    results = portal_search.search_pages(commune=commune, query=query) if query else []
    context = {"commune": commune, "query": query, "results": results}
    return TemplateResponse(request, "portal/search.html", context)


@require_safe
def robots_txt(request):
    """Crawlers may read the portal, never the admin; the sitemap says what there is."""
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /tim-kiem/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
