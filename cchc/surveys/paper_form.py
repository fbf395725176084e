"""The printable paper form of a campaign, and the order its questions come in.

``entry_sections`` is the one order of the questions: the template's elements and criteria by number,
then the commune's own questions (R.1, R.2…). The screen that types paper forms in and this PDF both
read it, so a clerk reads the sheet top to bottom while tabbing down the screen.
The PDF has a Decree 30 style header (issuing body and national motto) and is laid out by the official
renderer's WeasyPrint path (``cchc.core.rendering.pdf.html_to_pdf``) on one A4 page.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cchc.communes.scoping import commune_scope
from cchc.core.rendering import layout
from cchc.core.rendering.pdf import SERIF_FONT_FAMILY, html_to_pdf

from .models import Campaign, Scale

TEMPLATE = "surveys/admin/paper_form_print.html"


def entry_sections(campaign: Campaign) -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(heading, [(code, text), …]), …]``: each element with its criteria, then the commune's questions."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    current = None
    for criterion in campaign.template.criteria().order_by("element__number", "number"):
        if current != criterion.element_id:
            current = criterion.element_id
            sections.append((f"{criterion.element.number}. {criterion.element.name}", []))
        sections[-1][1].append((criterion.code, criterion.text))
    with commune_scope(campaign.commune):
        questions = [(question.code, question.text) for question in campaign.questions.order_by("number")]
    if questions:
        sections.append((_("Câu hỏi riêng của xã"), questions))
    return sections


def paper_form_html(campaign: Campaign) -> str:
    commune = campaign.commune
    return render_to_string(
        TEMPLATE,
        {
            "campaign": campaign,
            "commune": commune,
            "sections": entry_sections(campaign),
            "scale": list(Scale),
            "motto": layout.MOTTO,
            "slogan": layout.SLOGAN,
            "issuer": commune.issuing_body,
            "parent": commune.superior_body.upper(),
            "font": SERIF_FONT_FAMILY,
            "fields": list(campaign.procedure_fields.all()),
        },
    )


def paper_form_pdf(campaign: Campaign) -> bytes:
    return html_to_pdf(paper_form_html(campaign))
