"""The tri-fold leaflet (tờ gấp) of one field: what to bring, how long, how much, for each procedure.

One A4 landscape sheet folded in three; the procedures are measured with the fonts' own metrics
and fitted into panels so that none runs across a fold.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cchc.core.rendering import layout, metrics
from cchc.core.rendering.pdf import SERIF_FONT_FAMILY, html_to_pdf
from cchc.core.text import format_date_short

from .. import local_terms
from ..models import Procedure, ProcedureField
from .common import Items, dossier_line, qr, today

if TYPE_CHECKING:
    from cchc.communes.models import Commune

LEAFLET_TEMPLATE = "procedures/print/leaflet.html"

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
    """One procedure as a leaflet shows it: what to bring, how long, how much (and when, if not the usual hours)."""

    name: str
    dossier: list[str]
    time: str
    fee: str
    hours: str = ""  # only when the procedure's own hours differ from those on the cover
    omitted: int = 0  # dossier items left out when even a whole panel is too short
    height: float = 0.0  # points, measured by _measure

    @property
    def more_line(self) -> str:
        return _("… và %(n)d giấy tờ khác (quét mã để xem đủ)") % {"n": self.omitted}


def labels() -> dict[str, str]:
    """The words before each fact of a brief, measured here and printed by the template."""
    return {"bring": _("Cần mang:"), "time": _("Thời hạn:"), "fee": _("Phí, lệ phí:"), "hours": _("Giờ tiếp nhận:")}


def _measure(brief: Brief, *, kind: LeafletType) -> float:
    body = {"size": kind.body, "width_mm": LEAFLET_TEXT_WIDTH_MM}
    item = {"size": kind.body, "width_mm": LEAFLET_TEXT_WIDTH_MM - LEAFLET_LIST_INDENT_MM}
    total = BRIEF_GAP_PT + BRIEF_RULE_PT + BRIEF_NAME_AFTER_PT
    total += _text_height(brief.name, size=kind.name, width_mm=LEAFLET_TEXT_WIDTH_MM, bold=True)
    words = labels()
    total += _text_height(words["bring"], **body)
    total += sum(_text_height(line, **item) for line in brief.dossier)
    if brief.omitted:
        total += _text_height(brief.more_line, **item)
    for key in ("time", "fee", "hours"):
        if getattr(brief, key):
            total += _text_height(f"{words[key]} {getattr(brief, key)}", **body)
    return total


def _brief(
    terms: local_terms.LocalTerms, procedure: Procedure, *, cover_hours: str, kind: LeafletType, capacity: float
) -> Brief:
    hours = terms.reception.hours
    brief = Brief(
        name=procedure.name,
        dossier=[dossier_line(item) for item in procedure.dossier],
        time=procedure.processing_time.strip(),
        fee=terms.fee,
        hours=hours if hours != cover_hours else "",
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
    for _step in range(30):  # the greedy fill under a common ceiling is exact; search the lowest ceiling
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


def _plan_leaflet(*, commune: Commune, field_name: str, items: Items, list_url: str, cover_hours: str) -> LeafletPlan:
    """The largest type that fits every procedure, or the smallest and as many as fit with a "see all" line."""
    heading = _("Các thủ tục lĩnh vực %(field)s") % {"field": field_name}
    terms = [(local_terms.local_terms(commune=commune, procedure=p, published=pub), p) for p, pub in items]
    for kind in LEAFLET_TYPES:
        capacities = [_capacity(_heading_height(heading, kind=kind))] + [_capacity()] * (LEAFLET_PROCEDURE_PANELS - 1)
        briefs = [_brief(t, p, cover_hours=cover_hours, kind=kind, capacity=min(capacities)) for t, p in terms]
        filled, placed = _fill(briefs, capacities)
        if placed == len(briefs):
            break
    more = ""
    if placed < len(briefs):
        more = _("Xem đủ %(n)d thủ tục tại %(url)s") % {"n": len(briefs), "url": _display_url(list_url)}
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
    # The cover names the desk most of the field's procedures go to; a procedure with other hours says so.
    desk = next((pub.desk for _procedure, pub in items if pub is not None and pub.desk), None)
    reception = local_terms.reception(commune, desk=desk)
    plan = _plan_leaflet(
        commune=commune, field_name=field.name, items=items, list_url=list_url, cover_hours=reception.hours
    )
    panels = plan.panels
    return render_to_string(
        LEAFLET_TEMPLATE,
        {
            "font_family": mark_safe(SERIF_FONT_FAMILY),  # noqa: S308 - a constant, needed unescaped in CSS
            "issuing_body": commune.issuing_body,
            "field": field,
            "title": _("Hướng dẫn thủ tục hành chính lĩnh vực %(field)s") % {"field": field.name},
            "labels": labels(),
            "count": len(items),
            "reception": reception,
            "qr_list": qr(list_url),
            "list_url": _display_url(list_url),
            "inside": panels[:3],
            "flap": panels[3],
            "back": panels[4],
            "printed_on": format_date_short(today()),
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
