"""Open data on procedures: the national catalogue and each commune's published set."""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from . import publishing
from .local_terms import LocalTerms, local_terms
from .models import Procedure, ProcedureField, PublishedProcedure

router = Router(tags=[gettext_lazy("Thủ tục hành chính")])


class FieldOut(Schema):
    code: str
    name: str
    slug: str


class ProcedureBrief(Schema):
    code: str
    version: int
    name: str
    field: str
    processing_time: str
    fees: str
    online_level: str
    url: str


class SubmissionOut(Schema):
    method: str
    label: str
    time: str = ""
    fee: str = ""


class DossierOut(Schema):
    name: str
    copies: str = ""


class ProcedureDetail(ProcedureBrief):
    level: str
    audiences: list[str]
    steps: list[str]
    submission: list[SubmissionOut]
    dossier: list[DossierOut]
    who_may_submit: str
    agency: str
    result: str
    conditions: str
    legal_basis: list[str]
    effective_date: str | None
    forms: list[str]


class LocalDetails(Schema):
    """Where and when to hand the dossier in at this commune, and what it costs here (as on its sheets)."""

    fee: str
    desk: str
    desk_address: str
    phone: str
    opening_hours: str
    official_in_charge: str
    local_fee: str
    notes: str


class ElsewhereOut(Schema):
    need: str
    body: str
    note: str


class SearchHit(Schema):
    code: str
    name: str
    url: str


class SearchOut(Schema):
    elsewhere: ElsewhereOut | None
    results: list[SearchHit]


class PublishedOut(ProcedureDetail):
    local: LocalDetails


@contextmanager
def _public_commune(slug: str):
    commune = Commune.objects.select_related("site").filter(slug=slug, is_active=True).first()
    if commune is None:
        raise Http404(_("Không có xã này"))
    with commune_scope(commune):
        yield commune


def _url(p: Procedure, request, commune: Commune | None) -> str:
    """The procedure's page on the commune's own site (or on the host the API was asked on)."""
    if commune is not None:
        return commune.site.root_url + p.get_absolute_url()
    return request.build_absolute_uri(p.get_absolute_url())


def _terms(commune: Commune, item: PublishedProcedure) -> LocalTerms:
    return local_terms(commune=commune, procedure=item.procedure, published=item)


def _brief(p: Procedure, request, commune: Commune | None = None, terms: LocalTerms | None = None) -> dict:
    """A procedure in a list; for a commune, with the fee that applies there."""
    return {
        "code": p.code,
        "version": p.version,
        "name": p.name,
        "field": p.field.name,
        "processing_time": p.processing_time,
        "fees": terms.fee if terms else p.fees,
        "online_level": p.online_level,
        "url": _url(p, request, commune),
    }


def _detail(p: Procedure, request, commune: Commune | None = None, terms: LocalTerms | None = None) -> dict:
    if terms is not None:
        submission = terms.submission
    else:
        submission = [{**row, "time": row.get("time") or "", "fee": row.get("fee") or ""} for row in p.submission_rows]
    return {
        **_brief(p, request, commune, terms),
        "level": p.level,
        "audiences": p.audiences,
        "steps": p.steps,
        "submission": submission,
        "dossier": [{"name": d.get("name", ""), "copies": d.get("copies") or ""} for d in p.dossier],
        "who_may_submit": p.who_may_submit,
        "agency": p.agency,
        "result": p.result,
        "conditions": p.conditions,
        "legal_basis": p.legal_basis,
        "effective_date": p.effective_date.isoformat() if p.effective_date else None,
        "forms": [f.name for f in p.forms.all()],
    }


@router.get("/fields", response=list[FieldOut], summary=gettext_lazy("Các lĩnh vực"))
def fields(request):
    return list(ProcedureField.objects.all())


@router.get(
    "/procedures/{code}",
    response=ProcedureDetail,
    summary=gettext_lazy("Một thủ tục trong danh mục dùng chung"),
)
def national_procedure(request, code: str):
    procedure = Procedure.objects.select_related("field").filter(code=code, is_current=True).first()
    if procedure is None:
        raise Http404(_("Không có thủ tục mang mã này trong danh mục."))
    return _detail(procedure, request)


@router.get(
    "/communes/{slug}/procedures", response=list[ProcedureBrief], summary=gettext_lazy("Các thủ tục xã công khai")
)
def commune_procedures(request, slug: str, q: str = ""):
    with _public_commune(slug) as commune:
        items = (
            publishing.search(q[:200], commune=commune, limit=50)
            if q.strip()
            else publishing.published(commune=commune)
        )
        return [_brief(item.procedure, request, commune, _terms(commune, item)) for item in items]


@router.get("/communes/{slug}/search", response=SearchOut, summary=gettext_lazy("Tìm thủ tục như người dân hỏi"))
def commune_search(request, slug: str, q: str = ""):
    """The commune's procedures matching a question in everyday words, best first; when the need is one the
    commune does not handle (a divorce, an identity card, …), ``elsewhere`` says which body does, first."""
    with _public_commune(slug) as commune:
        query = q.strip()[:200]
        if not query:
            return {"elsewhere": None, "results": []}
        from .learning import SearchChannel, logged_channel

        channel = logged_channel(request, commune, SearchChannel.API)
        found = publishing.answer(query, commune=commune, channel=channel)
        elsewhere = found.elsewhere
        return {
            "elsewhere": {"need": str(elsewhere.need), "body": str(elsewhere.body), "note": str(elsewhere.note)}
            if elsewhere
            else None,
            "results": [
                {
                    "code": item.procedure.code,
                    "name": item.procedure.name,
                    "url": _url(item.procedure, request, commune),
                }
                for item in found.results
            ],
        }


@router.get(
    "/communes/{slug}/procedures/{code}", response=PublishedOut, summary=gettext_lazy("Một thủ tục xã công khai")
)
def commune_procedure(request, slug: str, code: str):
    with _public_commune(slug) as commune:
        item = publishing.published_with_code(code, commune=commune)
        if item is None:
            raise Http404(_("Xã không công khai thủ tục này"))
        terms = _terms(commune, item)
        return {
            **_detail(item.procedure, request, commune, terms),
            "local": {
                "fee": terms.fee,
                "desk": terms.reception.name,
                "desk_address": terms.reception.address,
                "phone": terms.reception.phone,
                "opening_hours": terms.reception.hours,
                "official_in_charge": terms.reception.official,
                "local_fee": item.local_fee,
                "notes": terms.notes,
            },
        }


def csv_columns() -> list[str]:
    return [
        _("Mã thủ tục"), _("Phiên bản"), _("Tên thủ tục"), _("Lĩnh vực"), _("Thời hạn giải quyết"),
        _("Phí, lệ phí"), _("Mức phí tại xã"), _("Nơi tiếp nhận"), _("Dịch vụ công trực tuyến"), _("Địa chỉ trang"),
    ]  # fmt: skip


@router.get("/communes/{slug}/procedures.csv", summary=gettext_lazy("Các thủ tục xã công khai (CSV)"))
def commune_procedures_csv(request, slug: str):
    """The commune's published set for a spreadsheet: the fee and place are those its sheets give."""
    with _public_commune(slug) as commune:
        rows = publishing.published(commune=commune)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_columns())
    for item in rows:
        p, terms = item.procedure, _terms(commune, item)
        writer.writerow([p.code, p.version, p.name, p.field.name, p.processing_time, terms.fee, item.local_fee,
                         terms.reception.name, p.get_online_level_display(), _url(p, request, commune)])  # fmt: skip
    # A byte-order mark so that Excel opens the Vietnamese text as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="thu-tuc-{commune.slug}.csv"'
    return response
