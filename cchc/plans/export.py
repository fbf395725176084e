"""Give a stored plan back as the official document it was signed as (Decree 30/2020 layout)."""

from __future__ import annotations

from cchc.core.official_document import Block, BlockKind, OfficialDocument

from .models import Plan, PlanStatus


def is_unissued(plan: Plan) -> bool:
    """A plan not yet signed and issued: still a draft, or missing the number or date it is issued with."""
    return plan.status == PlanStatus.DRAFT or not plan.number.strip() or plan.issued_on is None


def plan_to_document(plan: Plan) -> OfficialDocument:
    sections = plan.sections.order_by("position")
    return OfficialDocument(
        doc_type=plan.doc_type,
        title=plan.title,
        issuing_parent=plan.issuing_parent.upper(),
        issuing_body=(plan.issuing_body or plan.commune.issuing_body).upper(),
        number=plan.number,
        symbol=plan.symbol,
        place=plan.place,
        date=plan.issued_on,
        basis=[*plan.basis_lines, *[line for line in plan.intro.splitlines() if line.strip()]],
        body=[
            Block(kind=BlockKind(s.kind), text=s.text, marker=s.marker, level=s.level, rows=s.rows) for s in sections
        ],
        closing=[line for line in plan.closing.splitlines() if line.strip()],
        recipients=plan.recipient_lines,
        signing_capacity=plan.signing_capacity,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        draft=is_unissued(plan),
        year=plan.year,
    )


FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def export_plan(plan: Plan, *, fmt: str) -> tuple[bytes, str]:
    """The plan's file in ``fmt`` ("docx" or "pdf") and its file name."""
    from cchc.core.rendering import filename_for, render_docx, render_pdf

    if fmt not in FORMATS:
        raise ValueError(f"Định dạng không hỗ trợ: {fmt}. Chọn docx hoặc pdf.")
    document = plan_to_document(plan)
    content = render_docx(document) if fmt == "docx" else render_pdf(document)
    return content, filename_for(document, extension=fmt)
