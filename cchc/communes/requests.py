"""The commune a request is about, or 404: one helper for every view.

A public page belongs to the commune whose site it is on (``request.site_commune``); an official's
screen to the commune they are working in (``request.commune``). A request with neither is about no
commune, and gets a 404 rather than another commune's data.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _


def site_commune(request):
    commune = getattr(request, "site_commune", None)
    if commune is None:
        raise Http404(_("Không có xã nào ở địa chỉ này"))
    return commune


def working_commune(request):
    commune = getattr(request, "commune", None)
    if commune is None:
        raise Http404(_("Không có xã nào ở địa chỉ này"))
    return commune
