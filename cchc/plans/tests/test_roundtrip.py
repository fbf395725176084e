"""Import the seed, export it as Word, import that Word file: the same plan comes back."""

import io

from cchc.communes.scoping import commune_scope
from cchc.plans.export import export_plan
from cchc.plans.importer import parse_docx, parse_file


def _shape(parsed):
    return {
        "title": parsed.title,
        "doc_type": parsed.doc_type,
        "blocks": [(b.block.kind, b.block.marker, b.block.text, b.role) for b in parsed.blocks],
        "tasks": [(t.title, t.lead_unit, t.quarter, t.due_date, tuple(t.channels), t.source) for t in parsed.tasks],
        "basis": parsed.basis,
        "closing": parsed.closing,
        "recipients": parsed.recipients,
        "signature": (parsed.signing_capacity, parsed.signer_title, parsed.signer_name),
    }


def test_seed_to_word_and_back_keeps_the_structure(commune_a, seed_plan, seed_path):
    original = parse_file(seed_path)
    with commune_scope(commune_a):
        content, filename = export_plan(seed_plan, fmt="docx")
    assert filename.endswith(".docx")
    again = parse_docx(io.BytesIO(content))
    assert again.unplaced == []
    assert _shape(again) == _shape(original)
