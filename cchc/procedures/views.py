"""Citizens' pages of the procedures: browse, search, read, download forms, print sheets."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import publishing
from .local_terms import local_terms
from .models import FormTemplate, LifeEvent, ProcedureField

MAX_QUERY = 200


def _commune(request):
    if getattr(request, "commune", None) is None:
        raise Http404(_("Không có xã nào ở địa chỉ này"))
    return request.commune


def index(request):
    commune = _commune(request)
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    context = {"commune": commune, "query": query}
    if query:
        context["results"] = publishing.search(query, commune=commune)
    else:
        context["listing"] = publishing.browse(commune=commune)
    return TemplateResponse(request, "procedures/index.html", context)


def field_list(request, slug: str):
    commune = _commune(request)
    field = get_object_or_404(ProcedureField, slug=slug)
    items = publishing.in_field(field, commune=commune)
    if not items:
        raise Http404
    return TemplateResponse(request, "procedures/list.html", {"heading": field.name, "items": items, "field": field})


def life_event_list(request, slug: str):
    commune = _commune(request)
    event = get_object_or_404(LifeEvent, slug=slug)
    items = publishing.in_life_event(event, commune=commune)
    if not items:
        raise Http404
    return TemplateResponse(request, "procedures/list.html", {"heading": event.name, "items": items, "event": event})


def detail(request, slug: str):
    commune = _commune(request)
    procedure, local = publishing.get_published(slug, commune=commune)
    context = {
        "procedure": procedure,
        "terms": local_terms(commune=commune, procedure=procedure, published=local),
        "forms": procedure.forms.all(),
    }
    return TemplateResponse(request, "procedures/detail.html", context)


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def form_download(request, slug: str, form_slug: str):
    commune = _commune(request)
    procedure, _local = publishing.get_published(slug, commune=commune)
    form = get_object_or_404(FormTemplate, procedure=procedure, slug=form_slug)
    from .printing import filename, form_docx

    response = HttpResponse(
        form_docx(form, commune=commune),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename("mau", form.slug, "docx")}"'
    return response


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _sheets(request, items, name: str):
    from .printing import posting_sheets_pdf

    commune = _commune(request)
    pairs = [(item.procedure, item) for item in items]
    content = posting_sheets_pdf(
        commune=commune, items=pairs, page_url=lambda p: _absolute(request, p.get_absolute_url())
    )
    return _pdf(content, name)


def posting_sheet(request, slug: str):
    procedure, local = publishing.get_published(slug, commune=_commune(request))
    from .printing import filename

    return _sheets(request, [local], filename("niem-yet", procedure.slug, "pdf"))


def field_posting_sheets(request, slug: str):
    commune = _commune(request)
    field = get_object_or_404(ProcedureField, slug=slug)
    items = publishing.in_field(field, commune=commune)
    if not items:
        raise Http404
    from .printing import filename

    return _sheets(request, items, filename("niem-yet", field.slug, "pdf"))


def all_posting_sheets(request):
    items = publishing.published(commune=_commune(request))
    if not items:
        raise Http404
    from .printing import filename

    return _sheets(request, items, filename("niem-yet", "bo-thu-tuc", "pdf"))


def field_leaflet(request, slug: str):
    commune = _commune(request)
    field = get_object_or_404(ProcedureField, slug=slug)
    items = publishing.in_field(field, commune=commune)
    if not items:
        raise Http404
    from .printing import filename, leaflet_pdf

    content = leaflet_pdf(
        commune=commune,
        field=field,
        items=[(item.procedure, item) for item in items],
        page_url=lambda p: _absolute(request, p.get_absolute_url()),
        list_url=_absolute(request, reverse("procedures:field", args=[field.slug])),
    )
    return _pdf(content, filename("to-gap", field.slug, "pdf"))
