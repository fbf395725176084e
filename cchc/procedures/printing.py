"""Printed matter of the one-stop desk: posting sheets, field leaflets and blank forms.

Villagers read procedures on the wall of the desk or the village cultural house, take a leaflet
home, and fill a form by hand, so each is made for paper: large serif type, one procedure per
sheet, panels that never run across a fold, dotted lines long enough to write on. The PDFs go
through the official-document renderer (same fonts, same WeasyPrint set-up) and the form through
its Word page and style set-up.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

import segno
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Pt

from cchc.core.rendering import layout, metrics
from cchc.core.rendering.pdf import SERIF_FONT_FAMILY, html_to_pdf

# Private helpers of the Word renderer, reused so a form and an official document share page and fonts.
from cchc.core.rendering.word import add_rule, format_paragraph, set_up_page, set_up_styles, write
from cchc.core.text import format_date_short, slugify_vi

from .models import FormTemplate, Procedure, ProcedureField, PublishedProcedure

if TYPE_CHECKING:
    from cchc.communes.models import Commune

Items = list[tuple[Procedure, PublishedProcedure | None]]

SHEETS_TEMPLATE = "procedures/print/posting_sheets.html"
LEAFLET_TEMPLATE = "procedures/print/leaflet.html"

QR_ERROR = "m"  # 15 % of the code can be dirty or torn, enough for a sheet on a wall for months
PAGE_QR_CAPTION = "Quét mã để xem và tải mẫu đơn"
SURVEY_QR_CAPTION = "Đánh giá mức độ hài lòng"
_BLANK = "……"

# --- leaflet geometry: one A4 landscape sheet folded in three ------------------------------------
# The numbers here drive both the CSS (passed to the template) and the fitting of procedures into
# panels, so what is measured is what is printed.
LEAFLET_PAGE_WIDTH_MM = 297
LEAFLET_PAGE_HEIGHT_MM = 210
LEAFLET_PANEL_WIDTH_MM = LEAFLET_PAGE_WIDTH_MM / 3
LEAFLET_EDGE_MM = 9  # paper edge: printers cannot print the last 4–5 mm
LEAFLET_FOLD_MM = 5  # each side of a fold, so a 10 mm gutter around it
LEAFLET_TEXT_WIDTH_MM = LEAFLET_PANEL_WIDTH_MM - LEAFLET_EDGE_MM - LEAFLET_FOLD_MM  # the narrower outer panels
LEAFLET_TEXT_HEIGHT_MM = LEAFLET_PAGE_HEIGHT_MM - 2 * LEAFLET_EDGE_MM - 1  # 1 mm so rounding never adds a page
LEAFLET_LEADING = 1.25
LEAFLET_LIST_INDENT_MM = 4
LEAFLET_MORE_QR_MM = 26
LEAFLET_PROCEDURE_PANELS = 5
# Liberation Serif metrics give WeasyPrint's line breaks to the point (kerning only narrows lines);
# this share of each panel stays free for rounding.
_FIT_SAFETY = 0.025


def qr_svg(url: str) -> str:
    """An inline SVG QR code that scales with CSS (a view box, no fixed size) and prints as vectors."""
    return segno.make(url, error=QR_ERROR).svg_inline(omitsize=True, svgclass="qr", lineclass=None)


def _qr(url: str) -> SafeString:
    return mark_safe(qr_svg(url))  # noqa: S308 - segno's own markup; the URL is encoded as modules, not text


def filename(kind: str, slug: str, ext: str) -> str:
    """An ASCII download name a browser and any OS keep intact: ``niem-yet-dang-ky-khai-sinh.pdf``."""
    stem = "-".join(part for part in (slugify_vi(kind), slugify_vi(slug, max_length=120)) if part) or "tai-lieu"
    return f"{stem}.{ext.lstrip('.').lower()}"


# --- what a villager needs to know about where to go ---------------------------------------------


@dataclass(frozen=True)
class Reception:
    """Where the dossier is handed in, from the commune's own details."""

    name: str
    address: str
    hours: str
    phone: str
    official: str = ""


def _reception(commune: Commune, published: PublishedProcedure | None) -> Reception:
    desk = published.desk if published is not None else None
    return Reception(
        name=desk.name if desk else f"Ủy ban nhân dân {commune.name_in_text}",
        address=(desk.address if desk else "") or commune.address,
        hours=(published.opening_hours if published else "") or (desk.opening_hours if desk else "")
        or commune.office_hours,
        phone=(desk.phone if desk else "") or commune.phone,
        official=published.official_in_charge if published else "",
    )  # fmt: skip


def _local_fee(published: PublishedProcedure | None) -> str:
    return (published.local_fee or "").strip() if published is not None else ""


def _fee(procedure: Procedure, published: PublishedProcedure | None) -> str:
    """The fee a villager pays here: the province's level when the commune entered it, else the national text."""
    return _local_fee(published) or procedure.fees.strip()


def _dossier_line(item: dict) -> str:
    copies = str(item.get("copies") or "").strip()
    name = str(item.get("name") or "").strip()
    return f"{name} ({copies})" if copies else name


def _today() -> dt.date:
    return timezone.localdate()


# --- posting sheets -------------------------------------------------------------------------------


def _merged(values: list[str]) -> list[dict[str, object] | None]:
    """Runs of equal cells as one cell spanning rows: "Miễn lệ phí" once, not three times."""
    cells: list[dict[str, object] | None] = []
    start = 0
    while start < len(values):
        end = start
        while end + 1 < len(values) and values[end + 1] == values[start]:
            end += 1
        cells.append({"text": values[start], "rows": end - start + 1})
        cells.extend([None] * (end - start))
        start = end + 1
    return cells


def _submission(procedure: Procedure, *, local_fee: str) -> list[dict[str, object]]:
    rows = procedure.submission_rows
    times = _merged([str(row.get("time") or "").strip() for row in rows])
    # The province's fee applies whichever way the dossier comes in, so it fills one merged cell.
    fees = _merged([local_fee or str(row.get("fee") or "").strip() for row in rows])
    return [{"label": row["label"], "time": time, "fee": fee} for row, time, fee in zip(rows, times, fees, strict=True)]


def _sheet(
    *, commune: Commune, procedure: Procedure, published: PublishedProcedure | None, page_url: str
) -> dict[str, object]:
    fee = _fee(procedure, published)
    audiences = ", ".join(str(a).strip() for a in procedure.audiences if str(a).strip())
    who = [
        f"{audiences}." if audiences else "",
        f"Người nộp hồ sơ: {procedure.who_may_submit.strip()}" if procedure.who_may_submit.strip() else "",
        f"Yêu cầu, điều kiện: {procedure.conditions.strip()}" if procedure.conditions.strip() else "",
    ]
    facts = [
        ("Thời hạn giải quyết", [procedure.processing_time.strip()]),
        ("Phí, lệ phí", [fee]),
        ("Đối tượng, người nộp hồ sơ", [line for line in who if line]),
        ("Kết quả", [procedure.result.strip()]),
    ]
    facts = [(title, lines) for title, lines in facts if any(lines)]
    return {
        "procedure": procedure,
        "field": procedure.field.name,
        "code_line": f"Mã: {procedure.code} — phiên bản {procedure.version}",
        "version": str(procedure.version),
        "continued": f"{procedure.name} (tiếp theo)",
        "steps": [str(step).strip() for step in procedure.steps if str(step).strip()],
        "submission": _submission(procedure, local_fee=_local_fee(published)),
        "dossier": [
            {
                "text": str(item.get("name") or "").strip(),
                "copies": str(item.get("copies") or "").strip(),
                "has_form": bool(item.get("form")),
            }
            for item in procedure.dossier
        ],
        "facts": [{"number": number, "title": title, "lines": lines} for number, (title, lines) in enumerate(facts, 4)],
        "reception_number": 4 + len(facts),
        "reception": _reception(commune, published),
        "notes": (published.local_notes or "").strip() if published is not None else "",
        "legal_basis": [str(text).strip().rstrip(".;") for text in procedure.legal_basis if str(text).strip()],
        "qr_page": _qr(page_url),
    }


def posting_sheets_html(
    *,
    commune: Commune,
    items: Items,
    page_url: Callable[[Procedure], str],
    survey_url: str | None = None,
    printed_on: dt.date | None = None,
) -> str:
    """The sheets as HTML, for a preview on screen and for the tests to look inside."""
    return render_to_string(
        SHEETS_TEMPLATE,
        {
            "font_family": mark_safe(SERIF_FONT_FAMILY),  # noqa: S308 - a constant, needed unescaped in CSS
            "commune": commune,
            "issuing_body": commune.issuing_body,
            "printed_on": format_date_short(printed_on or _today()),
            "sheets": [
                _sheet(commune=commune, procedure=procedure, published=published, page_url=page_url(procedure))
                for procedure, published in items
            ],
            "qr_survey": _qr(survey_url) if survey_url else "",
            "page_caption": PAGE_QR_CAPTION,
            "survey_caption": SURVEY_QR_CAPTION,
        },
    )


def posting_sheets_pdf(
    *,
    commune: Commune,
    items: Items,
    page_url: Callable[[Procedure], str],
    survey_url: str | None = None,
) -> bytes:
    """A4 portrait sheets to post, one procedure per sheet (a long one runs on to a second page)."""
    return html_to_pdf(posting_sheets_html(commune=commune, items=items, page_url=page_url, survey_url=survey_url))


# --- leaflet ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeafletType:
    """Type sizes of a leaflet in points: the largest set that fits the field's procedures is used."""

    body: float
    name: float
    heading: float


# Largest first; a short field gets type older eyes read without glasses, a long one never less than 10 pt.
LEAFLET_TYPES = (LeafletType(12, 13.5, 14), LeafletType(11, 12.5, 13.5), LeafletType(10.5, 12, 13))


def _mm(value: float) -> float:
    return value * layout.MM_TO_PT


def _text_height(text: str, *, size: float, width_mm: float, bold: bool = False) -> float:
    """Height of a paragraph, counting also the extra lines a long URL or code breaks into."""
    width = _mm(width_mm)
    lines = 0
    for line in metrics.wrap(text, size=size, width=width, bold=bold) or [""]:
        lines += max(1, math.ceil(metrics.text_width(line, size=size, bold=bold) / width))
    return lines * size * LEAFLET_LEADING


# Vertical space in points around and inside briefs; the template uses the same values.
BRIEF_GAP_PT = 6.0
BRIEF_RULE_PT = 4.0  # the rule above each brief and its padding
BRIEF_NAME_AFTER_PT = 2.0
HEADING_AFTER_PT = 4.0


@dataclass
class Brief:
    """One procedure as a leaflet shows it: what to bring, how long, how much."""

    name: str
    dossier: list[str]
    time: str
    fee: str
    omitted: int = 0  # dossier items left out when even a whole panel is too short
    height: float = 0.0  # points, measured by _measure

    @property
    def more_line(self) -> str:
        return f"… và {self.omitted} giấy tờ khác (quét mã để xem đủ)"


def _measure(brief: Brief, *, kind: LeafletType) -> float:
    body = {"size": kind.body, "width_mm": LEAFLET_TEXT_WIDTH_MM}
    item = {"size": kind.body, "width_mm": LEAFLET_TEXT_WIDTH_MM - LEAFLET_LIST_INDENT_MM}
    total = BRIEF_GAP_PT + BRIEF_RULE_PT + BRIEF_NAME_AFTER_PT
    total += _text_height(brief.name, size=kind.name, width_mm=LEAFLET_TEXT_WIDTH_MM, bold=True)
    total += _text_height("Cần mang:", **body)
    total += sum(_text_height(line, **item) for line in brief.dossier)
    if brief.omitted:
        total += _text_height(brief.more_line, **item)
    total += _text_height(f"Thời hạn: {brief.time}", **body)
    if brief.fee:
        total += _text_height(f"Phí, lệ phí: {brief.fee}", **body)
    return total


def _brief(procedure: Procedure, published: PublishedProcedure | None, *, kind: LeafletType, capacity: float) -> Brief:
    brief = Brief(
        name=procedure.name,
        dossier=[_dossier_line(item) for item in procedure.dossier],
        time=procedure.processing_time.strip(),
        fee=_fee(procedure, published),
    )
    brief.height = _measure(brief, kind=kind)
    # A brief never splits across a fold; one longer than a whole panel loses its last documents.
    while brief.height > capacity and brief.dossier:
        brief.dossier.pop()
        brief.omitted += 1
        brief.height = _measure(brief, kind=kind)
    return brief


def _capacity(extra_pt: float = 0.0) -> float:
    return _mm(LEAFLET_TEXT_HEIGHT_MM) * (1 - _FIT_SAFETY) - extra_pt


def _heading_height(text: str, *, kind: LeafletType) -> float:
    width = LEAFLET_TEXT_WIDTH_MM
    return _text_height(text.upper(), size=kind.heading, width_mm=width, bold=True) + HEADING_AFTER_PT


def _more_height(text: str, *, kind: LeafletType) -> float:
    return (
        BRIEF_RULE_PT + _text_height(text, size=kind.body, width_mm=LEAFLET_TEXT_WIDTH_MM, bold=True)
        + _mm(LEAFLET_MORE_QR_MM) + 4
    )  # fmt: skip


@dataclass
class Panel:
    briefs: list[Brief] = field(default_factory=list)
    heading: str = ""
    more: str = ""  # "Xem đủ … thủ tục tại …" on the last panel when not all fit
    guide: bool = False  # an otherwise empty flap explains the steps of any procedure
    online: bool = False  # an otherwise empty back panel points to the online portal


def _fill(briefs: list[Brief], capacities: list[float]) -> tuple[list[list[Brief]], int]:
    """Briefs in order into panels, as many as fit; returns the panels and how many were placed."""
    panels: list[list[Brief]] = [[] for _ in capacities]
    placed = 0
    for panel, capacity in zip(panels, capacities, strict=True):
        used = 0.0
        while placed < len(briefs) and used + briefs[placed].height <= capacity:
            used += briefs[placed].height
            panel.append(briefs[placed])
            placed += 1
    return panels, placed


def _balanced(briefs: list[Brief], capacities: list[float], *, panels: int) -> list[list[Brief]]:
    """All briefs over the first ``panels`` panels, as even as their order allows (they all fit)."""

    def ceilings(limit: float) -> list[float]:
        return [min(c, limit) for c in capacities[:panels]] + [0.0] * (len(capacities) - panels)

    low, high = max(b.height for b in briefs), sum(b.height for b in briefs)
    for _ in range(30):  # the greedy fill under a common ceiling is exact; search the lowest ceiling
        middle = (low + high) / 2
        if _fill(briefs, ceilings(middle))[1] == len(briefs):
            high = middle
        else:
            low = middle
    return _fill(briefs, ceilings(high))[0]


def _display_url(url: str) -> str:
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


@dataclass
class LeafletPlan:
    kind: LeafletType
    panels: list[Panel]  # the five procedure panels in reading order: three inside, the flap, the back


def _plan_leaflet(*, field_name: str, items: Items, list_url: str) -> LeafletPlan:
    """The largest type that fits every procedure, or the smallest and as many as fit with a "see all" line."""
    heading = f"Các thủ tục lĩnh vực {field_name}"
    for kind in LEAFLET_TYPES:
        capacities = [_capacity(_heading_height(heading, kind=kind))] + [_capacity()] * (LEAFLET_PROCEDURE_PANELS - 1)
        briefs = [_brief(p, published, kind=kind, capacity=min(capacities)) for p, published in items]
        filled, placed = _fill(briefs, capacities)
        if placed == len(briefs):
            break
    more = ""
    if placed < len(briefs):
        more = f"Xem đủ {len(briefs)} thủ tục tại {_display_url(list_url)}"
        filled, placed = _fill(briefs, [*capacities[:-1], capacities[-1] - _more_height(more, kind=kind)])
    elif briefs:
        # A short field spreads over the three inside panels instead of crowding the first.
        used = sum(1 for group in filled if group)
        filled = _balanced(briefs, capacities, panels=max(used, min(3, len(briefs))))
    panels = [Panel(briefs=group) for group in filled]
    panels[0].heading = heading
    panels[-1].more = more
    flap, back = panels[3], panels[4]
    flap.guide = not flap.briefs
    back.online = not back.briefs and not back.more
    return LeafletPlan(kind=kind, panels=panels)


def leaflet_html(
    *,
    commune: Commune,
    field: ProcedureField,
    items: Items,
    page_url: Callable[[Procedure], str],
    list_url: str,
) -> str:
    """The leaflet as HTML: page 1 is the outside (flap, back, cover), page 2 the inside."""
    del page_url  # one QR to the whole field is all a panel has room for
    plan = _plan_leaflet(field_name=field.name, items=items, list_url=list_url)
    panels = plan.panels
    desk = next((published.desk for _, published in items if published is not None and published.desk), None)
    reception = _reception(commune, None)
    if desk is not None:
        reception = Reception(
            name=desk.name, address=desk.address or commune.address, hours=desk.opening_hours or commune.office_hours,
            phone=desk.phone or commune.phone,
        )  # fmt: skip
    return render_to_string(
        LEAFLET_TEMPLATE,
        {
            "font_family": mark_safe(SERIF_FONT_FAMILY),  # noqa: S308 - a constant, needed unescaped in CSS
            "issuing_body": commune.issuing_body,
            "field": field,
            "title": f"Hướng dẫn thủ tục hành chính lĩnh vực {field.name}",
            "count": len(items),
            "reception": reception,
            "qr_list": _qr(list_url),
            "list_url": _display_url(list_url),
            "inside": panels[:3],
            "flap": panels[3],
            "back": panels[4],
            "printed_on": format_date_short(_today()),
            "geometry": {
                "panel": f"{LEAFLET_PANEL_WIDTH_MM:.3f}mm",
                "page_height": f"{LEAFLET_PAGE_HEIGHT_MM - 1}mm",
                "edge": f"{LEAFLET_EDGE_MM}mm",
                "fold": f"{LEAFLET_FOLD_MM}mm",
                "body": f"{plan.kind.body}pt",
                "name": f"{plan.kind.name}pt",
                "heading": f"{plan.kind.heading}pt",
                "heading_after": f"{HEADING_AFTER_PT}pt",
                "leading": str(LEAFLET_LEADING),
                "indent": f"{LEAFLET_LIST_INDENT_MM}mm",
                "gap": f"{BRIEF_GAP_PT}pt",
                "rule_gap": f"{BRIEF_RULE_PT - 1}pt",
                "name_after": f"{BRIEF_NAME_AFTER_PT}pt",
                "more_qr": f"{LEAFLET_MORE_QR_MM}mm",
            },
        },
    )


def leaflet_pdf(
    *,
    commune: Commune,
    field: ProcedureField,
    items: Items,
    page_url: Callable[[Procedure], str],
    list_url: str,
) -> bytes:
    """A tri-fold leaflet (tờ gấp) of one field: A4 landscape, two sides of three panels each."""
    return html_to_pdf(leaflet_html(commune=commune, field=field, items=items, page_url=page_url, list_url=list_url))


# --- blank form ---------------------------------------------------------------------------------

FORM_PT = 14
FORM_MOTTO_PT = 13
FORM_LINE_SPACING = 1.5  # room for handwriting between dotted lines


def form_docx(form: FormTemplate, *, commune: Commune) -> bytes:
    """A blank form to print and fill by hand, each item a label followed by a dotted line."""
    doc = Document()
    set_up_styles(doc)
    set_up_page(doc.sections[0])
    width = layout.TEXT_WIDTH_PT

    for text, size in ((layout.MOTTO, FORM_MOTTO_PT), (layout.SLOGAN, FORM_PT)):
        paragraph = doc.add_paragraph()
        format_paragraph(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, line_spacing=1.0)
        write(paragraph, text, size=size, bold=True)
    slogan = metrics.text_width(layout.SLOGAN, size=FORM_PT, bold=True)
    add_rule(doc, width_pt=slogan, available_pt=width, space_after=18)

    title = doc.add_paragraph()
    format_paragraph(title, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=6, space_after=12, line_spacing=1.0)
    write(title, form.name.strip().upper(), size=FORM_PT, bold=True)

    to = doc.add_paragraph()
    format_paragraph(to, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    write(to, f"Kính gửi: Ủy ban nhân dân {commune.name_in_text}", size=FORM_PT)

    for label in form.fields:
        paragraph = doc.add_paragraph()
        format_paragraph(paragraph, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0, line_spacing=FORM_LINE_SPACING)
        # A right tab with a dot leader draws the line to the margin in Word and LibreOffice alike,
        # whatever the label's length; typed dots would wrap or stop short.
        paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        write(paragraph, f"{str(label).strip().rstrip(':')}:\t", size=FORM_PT)

    signature_indent = Pt(width / 2)
    date = doc.add_paragraph()
    format_paragraph(date, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=18, space_after=0, line_spacing=1.0)
    date.paragraph_format.left_indent = signature_indent
    write(date, f"{_BLANK}, ngày {_BLANK} tháng {_BLANK} năm {_BLANK}", size=FORM_PT, italic=True)
    for text, bold, italic in (("NGƯỜI YÊU CẦU", True, False), ("(Ký, ghi rõ họ tên)", False, True)):
        paragraph = doc.add_paragraph()
        format_paragraph(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, line_spacing=1.0)
        paragraph.paragraph_format.left_indent = signature_indent
        write(paragraph, text, size=FORM_PT, bold=bold, italic=italic)

    doc.core_properties.title = form.name
    doc.core_properties.language = "vi-VN"
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
