"""Citizens' pages of the indices: the overview of every index's total by year, and one index's components."""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import figures
from .catalogue import INDICES


def _commune(request):
    if getattr(request, "commune", None) is None:
        raise Http404(_("Không có xã nào ở địa chỉ này"))
    return request.commune


def overview(request):
    commune = _commune(request)
    indices = figures.overview(commune=commune)
    context = {
        "indices": indices,
        "has_figures": any(item.has_figures for item in indices),
        "is_illustrative": any(item.is_illustrative for item in indices),
    }
    return TemplateResponse(request, "indices/overview.html", context)


def index_detail(request, kind: str):
    commune = _commune(request)
    if kind not in INDICES:
        raise Http404(_("Không có chỉ số này"))
    return TemplateResponse(request, "indices/detail.html", {"item": figures.of_index(commune=commune, kind=kind)})
