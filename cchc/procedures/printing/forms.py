"""Blank forms (mẫu đơn, tờ khai) as Word files, to print and fill by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Pt

from cchc.core.rendering import layout, metrics
from cchc.core.rendering.word import add_rule, add_text, docx_bytes, new_document

from ..models import FormTemplate

if TYPE_CHECKING:
    from cchc.communes.models import Commune

FORM_PT = 14
FORM_MOTTO_PT = 13
FORM_LINE_SPACING = 1.5  # room for handwriting between dotted lines
BLANK = "……"


def form_docx(form: FormTemplate, *, commune: Commune) -> bytes:
    """A blank form to print and fill by hand, each item a label followed by a dotted line."""
    doc = new_document()
    width = layout.TEXT_WIDTH_PT
    centre = WD_ALIGN_PARAGRAPH.CENTER
    single = {"space_after": 0, "line_spacing": 1.0}

    for text, size in ((layout.MOTTO, FORM_MOTTO_PT), (layout.SLOGAN, FORM_PT)):
        add_text(doc, text, size=size, bold=True, align=centre, **single)
    slogan = metrics.text_width(layout.SLOGAN, size=FORM_PT, bold=True)
    add_rule(doc, width_pt=slogan, available_pt=width, space_after=18)

    title = form.name.strip().upper()
    add_text(doc, title, size=FORM_PT, bold=True, align=centre, space_before=6, space_after=12, line_spacing=1.0)
    to = _("Kính gửi: Ủy ban nhân dân %(commune)s") % {"commune": commune.name_in_text}
    add_text(doc, to, size=FORM_PT, align=centre, space_after=12)

    for label in form.fields:
        paragraph = add_text(
            doc, f"{str(label).strip().rstrip(':')}:\t", size=FORM_PT, align=WD_ALIGN_PARAGRAPH.LEFT,
            space_after=0, line_spacing=FORM_LINE_SPACING,
        )  # fmt: skip
        # A right tab with a dot leader draws the line to the margin in Word and LibreOffice alike,
        # whatever the label's length; typed dots would wrap or stop short.
        paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    signature_indent = Pt(width / 2)
    date = _("%(place)s, ngày %(day)s tháng %(month)s năm %(year)s") % dict.fromkeys(
        ("place", "day", "month", "year"), BLANK
    )
    signature = [
        (date, False, True, {"space_before": 18}),
        (_("NGƯỜI YÊU CẦU"), True, False, {}),
        (_("(Ký, ghi rõ họ tên)"), False, True, {}),
    ]
    for text, bold, italic, extra in signature:
        paragraph = add_text(doc, text, size=FORM_PT, bold=bold, italic=italic, align=centre, **single, **extra)
        paragraph.paragraph_format.left_indent = signature_indent
    return docx_bytes(doc, title=form.name)
