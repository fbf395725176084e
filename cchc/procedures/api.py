"""Open data on procedures: the national catalogue and each commune's published set."""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager

from django.http import Http404, HttpResponse
from ninja import Router, Schema

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from . import publishing
from .models import Procedure, ProcedureField

router = Router(tags=["Thủ tục hành chính"])


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
    desk: str
    desk_address: str
    opening_hours: str
    official_in_charge: str
    local_fee: str
    notes: str


class PublishedOut(ProcedureDetail):
    local: LocalDetails


@contextmanager
def _public_commune(slug: str):
    commune = Commune.objects.filter(slug=slug, is_active=True).first()
    if commune is None:
        raise Http404("Không có xã này")
    with commune_scope(commune):
        yield commune


def _url(p: Procedure, request, commune: Commune | None) -> str:
    """The procedure's page on the commune's own site (or on the host the API was asked on)."""
    if commune is not None:
        return commune.site.root_url + p.get_absolute_url()
    return request.build_absolute_uri(p.get_absolute_url())


def _brief(p: Procedure, request, commune: Commune | None = None) -> dict:
    return {
        "code": p.code,
        "version": p.version,
        "name": p.name,
        "field": p.field.name,
        "processing_time": p.processing_time,
        "fees": p.fees,
        "online_level": p.online_level,
        "url": _url(p, request, commune),
    }


def _detail(p: Procedure, request, commune: Commune | None = None) -> dict:
    return {
        **_brief(p, request, commune),
        "level": p.level,
        "audiences": p.audiences,
        "steps": p.steps,
        "submission": [
            {**row, "time": row.get("time") or "", "fee": row.get("fee") or ""} for row in p.submission_rows
        ],
        "dossier": [{"name": d.get("name", ""), "copies": d.get("copies") or ""} for d in p.dossier],
        "who_may_submit": p.who_may_submit,
        "agency": p.agency,
        "result": p.result,
        "conditions": p.conditions,
        "legal_basis": p.legal_basis,
        "effective_date": p.effective_date.isoformat() if p.effective_date else None,
        "forms": [f.name for f in p.forms.all()],
    }


@router.get("/fields", response=list[FieldOut], summary="Các lĩnh vực")
def fields(request):
    return list(ProcedureField.objects.all())


@router.get("/procedures/{code}", response=ProcedureDetail, summary="Một thủ tục trong danh mục dùng chung")
def national_procedure(request, code: str):
    procedure = Procedure.objects.select_related("field").filter(code=code, is_current=True).first()
    if procedure is None:
        raise Http404("Không có thủ tục mang mã này trong danh mục.")
    return _detail(procedure, request)


@router.get("/communes/{slug}/procedures", response=list[ProcedureBrief], summary="Các thủ tục xã công khai")
def commune_procedures(request, slug: str, q: str = ""):
    with _public_commune(slug) as commune:
        items = publishing.search(q[:200], limit=50) if q.strip() else list(publishing.published())
        return [_brief(item.procedure, request, commune) for item in items]


@router.get("/communes/{slug}/procedures/{code}", response=PublishedOut, summary="Một thủ tục xã công khai")
def commune_procedure(request, slug: str, code: str):
    with _public_commune(slug) as commune:
        item = publishing.published().filter(code=code).first()
        if item is None:
            raise Http404("Xã không công khai thủ tục này")
        desk = item.desk
        return {
            **_detail(item.procedure, request, commune),
            "local": {
                "desk": desk.name if desk else "",
                "desk_address": desk.address if desk else "",
                "opening_hours": item.opening_hours or (desk.opening_hours if desk else ""),
                "official_in_charge": item.official_in_charge,
                "local_fee": item.local_fee,
                "notes": item.local_notes,
            },
        }


CSV_COLUMNS = ["Mã thủ tục", "Phiên bản", "Tên thủ tục", "Lĩnh vực", "Thời hạn giải quyết", "Phí, lệ phí",
               "Mức phí tại xã", "Nơi tiếp nhận", "Dịch vụ công trực tuyến", "Địa chỉ trang"]  # fmt: skip


@router.get("/communes/{slug}/procedures.csv", summary="Các thủ tục xã công khai (CSV)")
def commune_procedures_csv(request, slug: str):
    with _public_commune(slug) as commune:
        rows = list(publishing.published())
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for item in rows:
        p = item.procedure
        writer.writerow([p.code, p.version, p.name, p.field.name, p.processing_time, p.fees, item.local_fee,
                         item.desk.name if item.desk else "", p.get_online_level_display(),
                         _url(p, request, commune)])  # fmt: skip
    # A byte-order mark so that Excel opens the Vietnamese text as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="thu-tuc-{commune.slug}.csv"'
    return response
