"""Loading validated catalogue data: fields, procedures (a new version when the content changed) and life events."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _

from cchc.core.text import slugify_vi

from ..models import FormTemplate, LifeEvent, Procedure, ProcedureField, PublishedProcedure
from .common import CONTENT_KEYS, CatalogueError, CatalogueReport
from .reading import read_catalogue_file
from .validation import validate

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "catalogue.json"


def _hash(item: dict) -> str:
    content = {key: item.get(key) for key in CONTENT_KEYS}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def load_catalogue(data: dict) -> CatalogueReport:
    """Validate ``data`` and load it in one transaction; CatalogueError with every problem otherwise."""
    errors = validate(data, known_fields=set(ProcedureField.objects.values_list("code", flat=True)))
    if errors:
        raise CatalogueError(errors)
    try:
        with transaction.atomic():
            return _load(data)
    except (IntegrityError, DataError) as exc:  # what validation could not foresee; nothing was kept
        raise CatalogueError([_("Không lưu được danh mục: %(reason)s") % {"reason": exc}]) from exc


def _load(data: dict) -> CatalogueReport:
    report = CatalogueReport()
    for order, f in enumerate(data.get("fields", []), start=1):
        ProcedureField.objects.update_or_create(
            code=f["code"].strip(),
            defaults={"name": f["name"].strip(), "slug": slugify_vi(f["name"]), "sort_order": order},
        )
        report.fields += 1
    fields = {f.code: f for f in ProcedureField.objects.all()}
    for item in data["procedures"]:
        _load_procedure(item, fields, report)
    for order, event in enumerate(data.get("life_events", []), start=1):
        LifeEvent.objects.update_or_create(
            slug=event["slug"],
            defaults={"name": event["name"], "procedure_codes": event.get("procedures", []), "sort_order": order},
        )
        report.life_events += 1
    if report.communes_following:
        _rebuild_printed_sets(report.communes_following)
    return report


def _rebuild_printed_sets(commune_ids: set[int]) -> None:
    """Communes publishing a procedure that has a new version print it again (a platform-wide change)."""
    from cchc.communes.models import Commune

    from ..printed_sets import request_rebuild

    for commune in Commune.objects.filter(pk__in=commune_ids):
        request_rebuild(commune=commune)


def _load_procedure(item: dict, fields: dict[str, ProcedureField], report: CatalogueReport) -> None:
    code = str(item["code"]).strip()
    digest = _hash(item)
    current = Procedure.objects.filter(code=code, is_current=True).first()
    if current is not None and current.content_hash == digest:
        report.unchanged.append(code)
        return
    version = (current.version + 1) if current else int(item.get("version") or 1)
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    days = item.get("processing_days")
    date = item.get("effective_date")
    procedure = Procedure.objects.create(
        code=code,
        version=version,
        is_current=True,
        name=str(item["name"]).strip(),
        slug=f"{slugify_vi(item['name'], max_length=100)}-{slugify_vi(code)}"[:120],
        field=fields[item["field"]],
        level=item.get("level") or "Cấp xã",
        audiences=item.get("audiences") or [],
        steps=item["steps"],
        submission=item["submission"],
        dossier=item["dossier"],
        processing_time=item["processing_time"],
        processing_days=int(days) if days not in (None, "") else None,
        fees=item.get("fees") or "",
        who_may_submit=item.get("who_may_submit") or "",
        agency=item["agency"],
        result=item["result"],
        conditions=item.get("conditions") or "",
        legal_basis=item.get("legal_basis") or [],
        effective_date=dt.date.fromisoformat(str(date)[:10]) if date else None,
        online_level=item.get("online_level") or "",
        keywords=item.get("keywords") or [],
        code_verified=bool(item.get("code_verified")),
        sources=item.get("sources") or [],
        content_hash=digest,
    )
    for form in item.get("forms") or []:
        FormTemplate.objects.create(
            procedure=procedure, slug=form.get("slug") or slugify_vi(form["name"]), name=form["name"],
            fields=form.get("fields") or [],
        )  # fmt: skip
    if current is not None:
        # Every commune that publishes the procedure follows the new version (a cross-commune update
        # of the shared catalogue, done by the platform).
        following = PublishedProcedure._base_manager.filter(code=code)
        report.communes_following.update(following.values_list("commune_id", flat=True))
        following.update(procedure=procedure)
        report.new_versions.append(code)
    else:
        report.created.append(code)


def load_shipped_catalogue() -> CatalogueReport:
    """The catalogue that ships with the project (cchc/procedures/data/catalogue.json)."""
    return load_catalogue(read_catalogue_file(SHIPPED))
