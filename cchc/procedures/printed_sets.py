"""Heavy printed documents built once per change, by the task worker, and served as stored files.

The whole set of posting sheets runs to about a hundred pages and takes WeasyPrint seconds; a public
URL that rendered it on each request would let anyone tie up the server. So each set (the whole set
of sheets, each field's sheets, each field's leaflet) is built by ``build_printed_sets`` in the task
worker and stored with a ``catalogue_stamp``: a hash of everything the document shows. A change that
shows on paper calls ``request_rebuild``, which queues one build; the build redoes only the sets
whose stamp changed. The public views only read what is stored: a stale file is still served (and a
rebuild asked for), a missing one gives a short "being prepared" page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.core.stored_files import Stored, is_stored

from .models import OneStopDesk, PrintedKind, PrintedSet, ProcedureField, PublishedProcedure

# Raise when the templates or the layout change, so that every stored set is built again.
LAYOUT_VERSION = 2  # 2: each sheet carries the QR of the satisfaction survey
# A request queued longer ago than this without a build has lost its worker (restarted, job failed):
# the next change or visit queues another.
LOST_AFTER = dt.timedelta(minutes=15)
SHEET_CACHE_SECONDS = 7 * 24 * 3600  # a stamp names one state of the catalogue: an old entry is never read again

FIELD_KINDS = (PrintedKind.FIELD_SHEETS, PrintedKind.FIELD_LEAFLET)


def _published(commune: Commune, field: ProcedureField | None = None):
    query = PublishedProcedure.objects.filter(commune=commune, is_published=True, procedure__is_current=True)
    return query.filter(procedure__field=field) if field is not None else query


def catalogue_stamp(*, commune: Commune, field: ProcedureField | None = None) -> str:
    """A hash of what the sheets and leaflet of ``field`` (or of the whole set) show; "" when nothing is published.

    It covers the published procedures (their version, content and local details), the desks, the
    commune's name and contact details, its web address (in the QR codes) and the field itself.
    """
    field_part = [field.pk, field.name, field.slug] if field is not None else None
    return _stamp(commune, field, field_part)


def _stamp(commune: Commune, field: ProcedureField | None, extra, **filters) -> str:
    with commune_scope(commune):
        items = list(
            _published(commune, field)
            .filter(**filters)
            .order_by("pk").values_list(
                "pk", "procedure_id", "procedure__content_hash", "procedure__name", "procedure__field__name",
                "desk_id", "official_in_charge", "opening_hours", "local_fee", "local_notes",
            )
        )  # fmt: skip
        if not items:
            return ""
        desks = list(OneStopDesk.objects.order_by("pk").values_list("pk", "name", "address", "opening_hours", "phone"))
    details = Commune.objects.filter(pk=commune.pk).values_list(
        "name", "kind", "address", "phone", "office_hours", "site__hostname", "site__port"
    )
    payload = {
        "layout": LAYOUT_VERSION,
        "commune": list(details.first() or ()),
        "extra": extra,
        "items": items,
        "desks": desks,
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, default=str).encode()).hexdigest()


def expected_sets(*, commune: Commune) -> list[tuple[str, ProcedureField | None]]:
    """The printed sets the commune's published procedures call for: the whole set, then two per field."""
    with commune_scope(commune):
        field_ids = set(_published(commune).values_list("procedure__field_id", flat=True))
    if not field_ids:
        return []
    fields = ProcedureField.objects.filter(pk__in=field_ids)
    return [(PrintedKind.ALL_SHEETS, None)] + [(kind, f) for f in fields for kind in FIELD_KINDS]


def _absolute(commune: Commune, path: str) -> str:
    return commune.site.root_url + path


def _render(*, commune: Commune, kind: str, field: ProcedureField | None) -> tuple[bytes, int]:
    """The PDF of one set and its number of pages: the slow part, run only by the worker or a command."""
    from weasyprint import HTML  # imported late: loading Pango costs about half a second

    from .printing import leaflet_html

    with commune_scope(commune):
        items = [(p.procedure, p) for p in _published(commune, field).select_related("procedure__field", "desk")]
    if kind == PrintedKind.FIELD_LEAFLET:
        with translation.override(settings.LANGUAGE_CODE):
            html = leaflet_html(
                commune=commune, field=field, items=items,
                page_url=lambda procedure: _absolute(commune, procedure.get_absolute_url()),
                list_url=_absolute(commune, reverse("procedures:field", args=[field.slug])),
            )  # fmt: skip
    else:
        html = _sheets_html(commune, items)
    document = HTML(string=html).render()
    return document.write_pdf(), len(document.pages)


def _sheets_html(commune: Commune, items) -> str:
    from .printing import posting_sheets_html

    page_url = lambda procedure: _absolute(commune, procedure.get_absolute_url())  # noqa: E731
    with translation.override(settings.LANGUAGE_CODE):
        return posting_sheets_html(
            commune=commune, items=items, page_url=page_url, survey_url=lambda p: survey_url(commune, p)
        )


def survey_url(commune: Commune, procedure) -> str:
    """The commune's satisfaction survey, told which procedure the respondent came about (``cchc.surveys``)."""
    return _absolute(commune, reverse("surveys:index") + "?" + urlencode({"thu-tuc": procedure.code}))


def procedure_sheet(*, commune: Commune, published: PublishedProcedure) -> bytes:
    """One procedure's sheet (one or two pages), rendered at most once per change of what it shows.

    Light enough to render on request, but a public URL: the PDF is kept in the cache under the
    stamp of that procedure, so asking again costs a cache read.
    """
    stamp = _stamp(commune, None, ["sheet", published.pk], pk=published.pk)
    key = f"cchc:procedure-sheet:{commune.pk}:{published.pk}:{stamp}"
    pdf = cache.get(key)
    if pdf is None:
        from cchc.core.rendering.pdf import html_to_pdf

        pdf = html_to_pdf(_sheets_html(commune, [(published.procedure, published)]))
        cache.set(key, pdf, SHEET_CACHE_SECONDS)
    return pdf


def _file_name(kind: str, field: ProcedureField | None, stamp: str) -> str:
    from .printing import filename

    return filename(kind.replace("_", "-"), field.slug if field is not None else "bo-thu-tuc", "pdf").replace(
        ".pdf", f"-{stamp[:12]}.pdf"
    )


def _store(*, commune: Commune, kind: str, field: ProcedureField | None, stamp: str, pdf: bytes, pages: int) -> None:
    with commune_scope(commune), transaction.atomic():
        locked = PrintedSet.objects.select_for_update(of=("self",))
        row, _created = locked.get_or_create(commune=commune, kind=kind, field=field)
        old = row.file.name if row.file else ""
        row.file.save(_file_name(kind, field, stamp), ContentFile(pdf), save=False)
        row.stamp, row.built_at, row.pages, row.size = stamp, timezone.now(), pages, len(pdf)
        row.save()
        if old and old != row.file.name:
            storage = row.file.storage
            transaction.on_commit(lambda: storage.delete(old))


def build_set(*, commune: Commune, kind: str, field: ProcedureField | None = None, stamp: str = "") -> None:
    """Render one set and store it in place of the previous file, whatever its stamp (a forced build)."""
    stamp = stamp or catalogue_stamp(commune=commune, field=field)
    pdf, pages = _render(commune=commune, kind=kind, field=field)
    _store(commune=commune, kind=kind, field=field, stamp=stamp, pdf=pdf, pages=pages)


@dataclass
class BuildReport:
    built: list[str] = dataclass_field(default_factory=list)
    unchanged: int = 0
    removed: int = 0


def build_printed_sets(*, commune: Commune) -> BuildReport:
    """Build the commune's printed sets whose catalogue stamp changed; drop those nothing calls for any more.

    Claiming the waiting request first means a change made while this runs queues a build of its own.
    """
    commune = Commune.objects.select_related("site").get(pk=commune.pk)  # its details as they are now
    report = BuildReport()
    with commune_scope(commune):
        PrintedSet.objects.filter(commune=commune).update(rebuild_requested_at=None)
    wanted = expected_sets(commune=commune)
    stamps: dict[int | None, str] = {}
    for kind, field in wanted:
        key = field.pk if field is not None else None
        if key not in stamps:
            stamps[key] = catalogue_stamp(commune=commune, field=field)
        stamp = stamps[key]
        with commune_scope(commune):
            row = PrintedSet.objects.filter(kind=kind, field=field).first()
        if row is not None and row.stamp == stamp and is_stored(row):
            report.unchanged += 1
            continue
        build_set(commune=commune, kind=kind, field=field, stamp=stamp)
        report.built.append(str(PrintedSet(kind=kind, field=field)))
    keep = {(kind, field.pk if field is not None else None) for kind, field in wanted}
    with commune_scope(commune):
        for row in PrintedSet.objects.filter(commune=commune):
            if (row.kind, row.field_id) not in keep:
                if row.file:
                    row.file.delete(save=False)
                row.delete()
                report.removed += 1
    return report


def _queue(commune: Commune) -> bool:
    from .tasks import build_printed_sets as build_task

    now = timezone.now()
    with commune_scope(commune), transaction.atomic():
        rows = list(PrintedSet.objects.select_for_update(of=("self",)).filter(commune=commune).order_by("pk"))
        have = {(row.kind, row.field_id) for row in rows}
        missing = [
            PrintedSet(commune=commune, kind=kind, field=field)
            for kind, field in expected_sets(commune=commune)
            if (kind, field.pk if field is not None else None) not in have
        ]
        PrintedSet.objects.bulk_create(missing)
        if not rows and not missing:
            return False  # nothing published, nothing stored: nothing to build
        if any(row.rebuild_requested_at and row.rebuild_requested_at > now - LOST_AFTER for row in rows):
            return False  # a build is already waiting for the worker; it will see this change too
        PrintedSet.objects.filter(commune=commune).update(rebuild_requested_at=now)
        build_task.enqueue(commune_id=commune.pk)
    return True


def request_rebuild(*, commune: Commune) -> None:
    """Ask the worker to bring the commune's printed sets up to date once the caller's transaction commits.

    Safe to call any number of times: while one build waits for the worker, further calls queue nothing.
    """
    transaction.on_commit(lambda: _queue(commune))


def stored_set(*, commune: Commune, kind: str, field: ProcedureField | None = None) -> Stored:
    """The stored file of one set of ``commune`` (never another commune's) and whether it is up to date."""
    with commune_scope(commune):
        row = PrintedSet.objects.filter(commune=commune, kind=kind, field=field).first()
    return Stored(stamp=catalogue_stamp(commune=commune, field=field), row=row)


@dataclass
class SetStatus:
    row: PrintedSet
    fresh: bool

    @property
    def pending(self) -> bool:
        return self.row.rebuild_requested_at is not None


def printed_status(*, commune: Commune) -> list[SetStatus]:
    """Each printed set of the commune with when it was built and whether it shows the catalogue as it is."""
    with commune_scope(commune):
        rows = list(PrintedSet.objects.filter(commune=commune).select_related("field"))
    kinds = list(PrintedKind.values)
    rows.sort(key=lambda r: (r.field_id is not None, r.field.sort_order if r.field else 0, r.field_id or 0,
                             kinds.index(r.kind)))  # fmt: skip
    stamps: dict[int | None, str] = {}
    statuses = []
    for row in rows:
        if row.field_id not in stamps:
            stamps[row.field_id] = catalogue_stamp(commune=commune, field=row.field)
        statuses.append(SetStatus(row=row, fresh=bool(row.file) and row.stamp == stamps[row.field_id]))
    return statuses
