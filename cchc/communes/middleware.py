from __future__ import annotations

from django.conf import settings
from django.template.response import TemplateResponse

from .access import admin_commune, site_and_commune_for_request
from .admin_guard import check_admin_request
from .scoping import commune_scope

OPEN_ADMIN_PATHS = ("login/", "logout/", "password_reset/", "jsi18n/")


class CommuneMiddleware:
    """Open the commune scope for the request.

    Citizens' pages belong to the commune of the site (hostname) they are served on; the
    admin works on the official's own commune, whatever host it is opened on. A request
    with no commune gets no scope, so any query of commune data in it fails.

    The site and commune come from an in-process map (``access.current_site_map``), so a
    citizen's request costs no query for them; Wagtail's own lookups reuse the site found here.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.WAGTAILADMIN_PATH.strip("/") + "/"

    def __call__(self, request):
        site, request.site_commune = site_and_commune_for_request(request)
        request._wagtail_site = site  # what Site.find_for_request(request) returns from now on
        if request.path.startswith(self.admin_prefix) and request.user.is_authenticated:
            request.commune = admin_commune(request, request.site_commune)
            path = request.path[len(self.admin_prefix) :]
            if request.commune is None and not request.user.is_superuser and not path.startswith(OPEN_ADMIN_PATHS):
                # No active commune where they hold a role (a commune deactivated, roles revoked).
                return TemplateResponse(request, "communes/no_commune.html", status=403).render()
            check_admin_request(request, path)
        else:
            request.commune = request.site_commune
        if request.commune is None:
            return self.get_response(request)
        with commune_scope(request.commune):
            return self.get_response(request)
