"""sitemap.xml of a commune's site: its portal pages (Wagtail) and its published procedures."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.contrib.sitemaps import views as wagtail_sitemaps
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap


class ProcedureSitemap(Sitemap):
    """The procedures index and every procedure the commune publishes (``procedures.publishing``)."""

    changefreq = "monthly"

    def __init__(self, commune):
        self.commune = commune

    def items(self):
        from cchc.procedures import publishing

        published = publishing.published(commune=self.commune)
        return ["/thu-tuc-hanh-chinh/", *(entry.procedure.get_absolute_url() for entry in published)]

    def location(self, path):
        return path


def sitemap(request):
    commune = getattr(request, "site_commune", None)
    if commune is None:
        raise Http404(_("Không có xã nào ở địa chỉ này"))
    sitemaps = {"trang": PageSitemap(request), "thu-tuc": ProcedureSitemap(commune)}
    return wagtail_sitemaps.sitemap(request, sitemaps=sitemaps)
