"""Citizens' pages of the indices: the overview of every index's total by year, and one index's components."""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cchc.communes.requests import working_commune

from . import figures
from .catalogue import INDICES


def overview(request):
    commune = working_commune(request)
    indices = figures.overview(commune=commune)
    context = {
        "indices": indices,
        "has_figures": any(item.has_figures for item in indices),
        "is_illustrative": any(item.is_illustrative for item in indices),
    }
    return TemplateResponse(request, "indices/overview.html", context)


def index_detail(request, kind: str):
    commune = working_commune(request)
    if kind not in INDICES:
        raise Http404(_("Không có chỉ số này"))
    return TemplateResponse(request, "indices/detail.html", {"item": figures.of_index(commune=commune, kind=kind)})
