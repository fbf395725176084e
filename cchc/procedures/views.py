"""Citizens' pages of the procedures: browse, search, read, download forms, print sheets."""

from __future__ import annotations

import re

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _

from cchc.communes.requests import working_commune
from cchc.feedback.public_answers import answers_for_procedure

from . import printed_sets, publishing
from .local_terms import local_terms
from .models import FormTemplate, LifeEvent, PrintedKind, ProcedureField

MAX_QUERY = 200


def index(request):
    commune = working_commune(request)
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    context = {"commune": commune, "query": query}
    if query:
        from .learning import SearchChannel, logged_channel, open_token

        channel = logged_channel(request, commune, SearchChannel.WEB)
        found = publishing.answer(query, commune=commune, channel=channel)
        context.update(
            results=found.results, elsewhere=found.elsewhere, weak=found.weak, open_token=open_token(found.log)
        )
        response = TemplateResponse(request, "procedures/index.html", context)
        add_never_cache_headers(response)  # each search is logged: a cached page would count none
        return response
    context["listing"] = publishing.browse(commune=commune)
    return TemplateResponse(request, "procedures/index.html", context)


def field_list(request, slug: str):
    commune = working_commune(request)
    field = get_object_or_404(ProcedureField, slug=slug)
    items = publishing.in_field(field, commune=commune)
    if not items:
        raise Http404
    return TemplateResponse(request, "procedures/list.html", {"heading": field.name, "items": items, "field": field})


def life_event_list(request, slug: str):
    commune = working_commune(request)
    event = get_object_or_404(LifeEvent, slug=slug)
    items = publishing.in_life_event(event, commune=commune)
    if not items:
        raise Http404
    return TemplateResponse(request, "procedures/list.html", {"heading": event.name, "items": items, "event": event})


def detail(request, slug: str):
    commune = working_commune(request)
    procedure, local = publishing.get_published(slug, commune=commune)
    if "tk" in request.GET:  # opened from a search's results: counted once against that search
        from .learning import record_open

        rank = request.GET.get("vt", "")
        rank_number = int(rank) if re.fullmatch(r"[0-9]{1,3}", rank) else None
        record_open(commune=commune, token=request.GET["tk"], code=procedure.code, rank=rank_number)
    context = {
        "procedure": procedure,
        "terms": local_terms(commune=commune, procedure=procedure, published=local),
        "forms": procedure.forms.all(),
        "answers": answers_for_procedure(procedure.code, commune=commune),
    }
    return TemplateResponse(request, "procedures/detail.html", context)


def form_download(request, slug: str, form_slug: str):
    commune = working_commune(request)
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


# A stored set is served as it is for this long before a browser or proxy asks again; a rebuild
# after a change replaces it within minutes, so the wall and the web never disagree for long.
PRINTED_MAX_AGE = 300
PREPARING_RETRY_SECONDS = 30


def _printed_set(request, *, kind: str, field: ProcedureField | None, name: str):
    """The stored PDF of a printed set; never rendered here (see ``printed_sets``)."""
    commune = working_commune(request)
    found = printed_sets.stored_set(commune=commune, kind=kind, field=field)
    if not found.stamp:
        raise Http404(_("Xã chưa công khai thủ tục nào ở đây"))
    if not found.fresh:
        printed_sets.request_rebuild(commune=commune)
    if not found.ready:
        response = TemplateResponse(
            request, "procedures/preparing.html", {"retry": PREPARING_RETRY_SECONDS, "name": name}, status=503
        )
        response["Retry-After"] = str(PREPARING_RETRY_SECONDS)
        response["Refresh"] = str(PREPARING_RETRY_SECONDS)
        add_never_cache_headers(response)
        return response
    row = found.row
    response = FileResponse(row.file.open("rb"), filename=name, content_type="application/pdf")
    patch_cache_control(response, public=True, max_age=PRINTED_MAX_AGE)
    response["Last-Modified"] = http_date(row.built_at.timestamp())
    response["ETag"] = f'"{row.stamp[:32]}"'
    return response


def posting_sheet(request, slug: str):
    """One procedure's sheet: light enough to render here, and rendered once per change (see ``printed_sets``)."""
    commune = working_commune(request)
    procedure, local = publishing.get_published(slug, commune=commune)
    from .printing import filename

    return _pdf(
        printed_sets.procedure_sheet(commune=commune, published=local), filename("niem-yet", procedure.slug, "pdf")
    )


def _field(request, slug: str) -> ProcedureField:
    return get_object_or_404(ProcedureField, slug=slug)


def field_posting_sheets(request, slug: str):
    from .printing import filename

    field = _field(request, slug)
    return _printed_set(
        request, kind=PrintedKind.FIELD_SHEETS, field=field, name=filename("niem-yet", field.slug, "pdf")
    )


def all_posting_sheets(request):
    from .printing import filename

    return _printed_set(
        request, kind=PrintedKind.ALL_SHEETS, field=None, name=filename("niem-yet", "bo-thu-tuc", "pdf")
    )


def field_leaflet(request, slug: str):
    from .printing import filename

    field = _field(request, slug)
    name = filename("to-gap", field.slug, "pdf")
    return _printed_set(request, kind=PrintedKind.FIELD_LEAFLET, field=field, name=name)
