"""A plan downloaded as Word or PDF: a file name a clerk recognises, and a draft that says it is one."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from io import BytesIO

import pytest
from django.urls import reverse

from cchc.communes.scoping import commune_scope
from cchc.core.testing import require_poppler, run_tool
from cchc.plans.export import export_plan
from cchc.plans.models import Plan, PlanStatus

LONG_TITLE = (
    "Tuyên truyền, phổ biến sâu rộng về cải cách hành chính, chuyển đổi số, Đề án 06 và dịch vụ công "
    "trực tuyến toàn trình đến từng thôn, bản, hộ gia đình trên địa bàn xã Định Biên giai đoạn 2026"
)


def _plan(commune, **fields) -> Plan:
    values = {"title": "Tuyên truyền cải cách hành chính", "year": 2026, "symbol": "KH-UBND"} | fields
    with commune_scope(commune):
        return Plan.objects.create(commune=commune, **values)


def _issue(plan: Plan) -> Plan:
    with commune_scope(plan.commune):
        Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.IN_PROGRESS)
        return Plan.objects.get(pk=plan.pk)


def _export(plan: Plan, fmt: str) -> tuple[bytes, str]:
    with commune_scope(plan.commune):
        return export_plan(plan, fmt=fmt)


def _docx_texts(content: bytes) -> tuple[list[str], list[str]]:
    """(text of the first page's header, paragraphs of the header table's left column)."""
    from docx import Document

    document = Document(BytesIO(content))
    header = [p.text for p in document.sections[0].first_page_header.paragraphs if p.text.strip()]
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text.strip()]
    return header, left


def _pdf_text(content: bytes, tmp_path) -> str:
    require_poppler()
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    return unicodedata.normalize("NFC", run_tool("pdftotext", "-layout", str(path), "-"))


# --- file names -------------------------------------------------------------------------------------


def _numbered(commune, status=PlanStatus.IN_PROGRESS) -> Plan:
    return _plan(commune, number="5", issued_on=dt.date(2022, 1, 5), year=2022, place="Định Biên", status=status)


def test_an_issued_plan_is_named_by_its_number_symbol_and_year(commune_a):
    issued = _numbered(commune_a)
    assert _export(issued, "docx")[1] == "ke-hoach-05-kh-ubnd-2022.docx"
    assert _export(issued, "pdf")[1] == "ke-hoach-05-kh-ubnd-2022.pdf"


def test_a_numbered_plan_not_yet_signed_in_the_app_is_named_a_draft(commune_a):
    assert _export(_numbered(commune_a, PlanStatus.DRAFT), "docx")[1] == "du-thao-ke-hoach-05-kh-ubnd-2022.docx"


def test_the_seed_plan_without_number_and_date_is_named_by_its_title(commune_a, seed_plan):
    assert (seed_plan.number, seed_plan.issued_on) == ("", None)
    name = _export(seed_plan, "pdf")[1]
    assert name == "du-thao-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-xa-dinh-bien-nam-2022.pdf"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # The reported case: no number, no date. Once "ke-hoach-kh-ubnd.pdf" for every such plan.
        ({"number": "", "issued_on": None}, "du-thao-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-2026.pdf"),
        # đ and every tone folded to ASCII, "Đ" kept as "d"; the year not repeated when the title ends with it.
        (
            {"title": "Đẩy mạnh tuyên truyền Đề án 06 ở thôn Đồng Lường năm 2026"},
            "du-thao-ke-hoach-day-manh-tuyen-truyen-de-an-06-o-thon-dong-luong-nam-2026.pdf",
        ),
        # A number with a single digit gets Decree 30's leading zero; the date's year wins over the plan's.
        (
            {"number": "7", "issued_on": dt.date(2025, 12, 30), "status": PlanStatus.APPROVED},
            "ke-hoach-07-kh-ubnd-2025.pdf",
        ),
    ],
)
def test_a_plan_without_a_number_is_named_by_its_title_and_year(commune_a, fields, expected):
    assert _export(_plan(commune_a, **fields), "pdf")[1] == expected


def test_a_long_title_gives_a_bounded_ascii_name_that_still_ends_with_the_year(commune_a):
    name = _export(_plan(commune_a, title=LONG_TITLE, year=2026), "docx")[1]
    stem = name.removesuffix(".docx")
    assert len(stem) <= 80
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", stem), name
    assert stem.startswith("du-thao-ke-hoach-tuyen-truyen-pho-bien-sau-rong-ve-cai-cach-hanh-chinh")
    assert stem.endswith("-2026")


def test_each_commune_downloads_its_own_plan_under_its_own_name(client, office_a, office_b, commune_a, commune_b):
    ours = _plan(commune_a, title="Tuyên truyền CCHC xã Định Biên", year=2026)
    theirs = _plan(commune_b, title="Tuyên truyền CCHC xã Phú Đình", year=2025)
    client.force_login(office_a)
    response = client.get(reverse("cchc_plans_download", args=[ours.pk, "pdf"]))
    assert response["Content-Disposition"] == (
        'attachment; filename="du-thao-ke-hoach-tuyen-truyen-cchc-xa-dinh-bien-2026.pdf"'
    )
    assert client.get(reverse("cchc_plans_download", args=[theirs.pk, "pdf"])).status_code == 404
    client.force_login(office_b)
    response = client.get(reverse("cchc_plans_download", args=[theirs.pk, "docx"]))
    assert response["Content-Disposition"] == (
        'attachment; filename="du-thao-ke-hoach-tuyen-truyen-cchc-xa-phu-dinh-2025.docx"'
    )


# --- the draft mark ---------------------------------------------------------------------------------


def test_an_unnumbered_plan_exports_as_a_draft_in_word_and_pdf(commune_a, tmp_path):
    plan = _plan(commune_a, number="", issued_on=None, status=PlanStatus.APPROVED)  # approved, but no number
    header, left = _docx_texts(_export(plan, "docx")[0])
    assert header == ["DỰ THẢO"]
    assert not any(line.startswith("Số") for line in left)  # no blank "Số:      /KH-UBND"
    text = _pdf_text(_export(plan, "pdf")[0], tmp_path)
    assert "DỰ THẢO" in text
    assert "Số:" not in text


def test_a_numbered_plan_still_in_draft_is_marked_and_keeps_its_number(commune_a, tmp_path):
    draft = _numbered(commune_a, PlanStatus.DRAFT)
    header, left = _docx_texts(_export(draft, "docx")[0])
    assert header == ["DỰ THẢO"]
    assert left[-1] == "Số: 05/KH-UBND"
    text = _pdf_text(_export(draft, "pdf")[0], tmp_path)
    assert "DỰ THẢO" in text
    assert "Số: 05/KH-UBND" in text


def test_an_issued_plan_has_no_draft_mark_in_word_or_pdf(commune_a, tmp_path):
    issued = _numbered(commune_a)
    header, left = _docx_texts(_export(issued, "docx")[0])
    assert header == []
    assert left[-1] == "Số: 05/KH-UBND"
    text = _pdf_text(_export(issued, "pdf")[0], tmp_path)
    assert "THẢO" not in text
    assert "Số: 05/KH-UBND" in text
    assert "Định Biên, ngày 05 tháng 01 năm 2022" in text


def test_the_seed_plan_exports_as_a_draft_until_it_is_numbered_and_issued(commune_a, seed_plan, tmp_path):
    """Its status alone does not make it issued: with no number and date it stays a draft."""
    issued_status = _issue(seed_plan)
    header, _ = _docx_texts(_export(issued_status, "docx")[0])
    assert header == ["DỰ THẢO"]
