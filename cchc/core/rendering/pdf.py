"""PDF output: the Django template ``core/official_document.html`` laid out by WeasyPrint.

The CSS in the template follows Decree 30/2020/NĐ-CP; widths measured in ``layout`` (wrapping of
the issuing body and title, rule lengths) are passed in so the PDF matches the DOCX.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from cchc.core.official_document import BlockKind, OfficialDocument
from cchc.core.rendering import layout

TEMPLATE = "core/official_document.html"
# The font stack of every printed page: fontconfig maps Times New Roman to the metric-compatible
# Liberation Serif, which carries every Vietnamese glyph, so nothing falls back to DejaVu.
SERIF_FONT_FAMILY = '"Times New Roman", "Liberation Serif", serif'


def _pt(value: float) -> str:
    # Formatted here, not in the template: floatformat would localise to "12,5" under vi.
    return f"{value:.2f}pt"


def _percent(share: float) -> str:
    return f"{share * 100:.2f}%"


def render_html(document: OfficialDocument) -> str:
    """The print page as HTML, also usable as an on-screen preview."""
    sheet = layout.prepare(document)
    blocks = [
        {
            "block": block,
            "is_heading": block.kind == BlockKind.HEADING,
            "is_table": block.kind == BlockKind.TABLE,
            # Level 1 becomes h2 under the document type's h1, so PDF bookmarks mirror the outline.
            "heading_tag": f"h{min(max(block.level, 1), 3) + 1}",
            "columns": [_percent(share) for share in block.column_shares],
        }
        for block in sheet.blocks
    ]
    widths = {
        "issuer_box": _pt(sheet.issuer_box_pt),
        "issuer_rule": _pt(sheet.issuer_rule_pt),
        "slogan_rule": _pt(sheet.slogan_rule_pt),
        "title_box": _pt(sheet.title_box_pt),
        "title_rule": _pt(sheet.title_rule_pt),
        "left_column": _percent(layout.LEFT_COLUMN_SHARE),
    }
    return render_to_string(
        TEMPLATE,
        {"sheet": sheet, "blocks": blocks, "widths": widths},
    )


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Any print page laid out by WeasyPrint, so every printed thing is made the same way."""
    from weasyprint import HTML  # imported late: loading Pango costs about half a second

    return HTML(string=html, base_url=base_url).write_pdf()


def render_pdf(document: OfficialDocument) -> bytes:
    """The document as a print-ready A4 PDF with embedded Times-compatible fonts."""
    return html_to_pdf(render_html(document))
