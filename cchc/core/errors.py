"""Error pages in Vietnamese, in production and under `make run` alike.

With DEBUG on, Django answers a wrong URL with its English page listing every URL pattern, and an
error with a traceback. Officials and villagers try the demo under `make run`, so there too they see
the pages production shows; the traceback still goes to the console. A developer who wants Django's
own pages sets DJANGO_ERROR_PAGES=1.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import page_not_found

logger = logging.getLogger("django.request")


@requires_csrf_token
def server_error(request, template_name: str = "500.html"):
    """Django's own 500 view, with the commune's name when the request knows its commune.

    Rendered without context processors: the error may have come from them.
    """
    commune = getattr(request, "commune", None) or getattr(request, "site_commune", None)
    context = {"commune_name": commune.name_in_text if commune is not None else ""}
    return HttpResponseServerError(loader.get_template(template_name).render(context))


class FriendlyErrorPagesMiddleware:
    """Under DEBUG, show the 404 and 500 pages that production shows (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def active(self) -> bool:
        return settings.DEBUG and not settings.DJANGO_ERROR_PAGES

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.resolver_match is None and self.active():
            # No URL pattern matched: Django's debug page lists them all.
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if not self.active():
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, (PermissionDenied, BadRequest, SuspiciousOperation)):
            return None  # Django's own answers (403, 400)
        logger.error("Internal Server Error: %s", request.path, exc_info=exception, extra={"request": request})
        return server_error(request)
