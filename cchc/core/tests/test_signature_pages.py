"""The signature and "Nơi nhận" never stand alone on the last page, in the PDF or in the Word file.

Each test renders the same document with a body of growing length, so that somewhere in the range
the end of the body reaches the bottom of a page (the test checks it does: the page count changes
within the range). For every length, the last page must hold the whole last paragraph of the body
as well as the signature block.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from cchc.core.official_document import Block, BlockKind, OfficialDocument
from cchc.core.rendering import render_docx, render_pdf
from cchc.core.testing import require_libreoffice, require_poppler, run_tool

FIRST_WORDS = "Trên đây là kế hoạch"
LAST_WORDS = "kịp thời giải quyết./."
# Without the rule, bodies of 15 to 23 paragraphs left the signature alone on page 2 (WeasyPrint).
LENGTHS = range(12, 26)


LAST_ROW = ["3", "Sân khấu hóa, thi tìm hiểu về cải cách hành chính", "Quý IV", "Hàng cuối của bảng"]


def _table_document(paragraphs: int) -> OfficialDocument:
    """A body that ends with a table and no closing paragraph: the table's last row goes with the signature."""
    document = _document(paragraphs, closing=False)
    rows = [
        ["TT", "Hình thức tuyên truyền", "Thời gian", "Đơn vị chủ trì"],
        ["1", "Tin bài trên Cổng thông tin điện tử xã", "Quý I", "Văn phòng HĐND và UBND"],
        ["2", "Hệ thống truyền thanh, cụm loa các xóm", "Hằng tuần", "Ban Văn hóa – Thông tin"],
        LAST_ROW,
    ]
    document.body = [*document.body[:-1], Block(BlockKind.TABLE, rows=rows)]
    return document


def _document(paragraphs: int, *, closing: bool = True) -> OfficialDocument:
    body = [
        Block(
            BlockKind.PARAGRAPH,
            f"Nội dung số {n}: tuyên truyền cải cách hành chính đến người dân trong xã.",
            marker="-",
        )
        for n in range(1, paragraphs + 1)
    ]
    last = (
        f"{FIRST_WORDS} tuyên truyền cải cách hành chính năm 2022 của Ủy ban nhân dân xã Định Biên; đề nghị "
        "các cơ quan, đơn vị, các ban, ngành, đoàn thể, bộ phận tiếp nhận và trả kết quả nghiêm túc thực "
        "hiện, trong quá trình thực hiện nếu có khó khăn, vướng mắc báo cáo về Ủy ban nhân dân xã qua Văn "
        f"phòng để {LAST_WORDS}"
    )
    return OfficialDocument(
        doc_type="KẾ HOẠCH",
        title="Tuyên truyền cải cách hành chính xã Định Biên năm 2022",
        issuing_body="ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN",
        number="05",
        symbol="KH-UBND",
        place="Định Biên",
        body=body if closing else [*body, Block(BlockKind.PARAGRAPH, last)],
        closing=[last] if closing else [],
        recipients=["UBND huyện Định Hóa", "Lưu: VP"],
        signing_capacity="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Thị Hồng Nhung",
    )


def _pages(pdf: Path) -> list[str]:
    """Each page's text, spaces collapsed, NFC."""
    text = run_tool("pdftotext", "-layout", str(pdf), "-")
    pages = [unicodedata.normalize("NFC", re.sub(r"\s+", " ", page)) for page in text.split("\f")]
    return [page for page in pages if page.strip()]


def _assert_last_page_keeps_the_end_of_the_body(pages_by_length: dict[int, list[str]]) -> None:
    counts = {len(pages) for pages in pages_by_length.values()}
    assert len(counts) > 1, f"the range never crosses a page break: {counts}"
    for length, pages in pages_by_length.items():
        last = pages[-1]
        for expected in ("Nơi nhận:", "Nguyễn Thị Hồng Nhung", FIRST_WORDS, LAST_WORDS):
            assert expected in last, (length, len(pages), expected, last[:200])


@pytest.mark.parametrize("closing", [True, False], ids=["closing-paragraph", "body-paragraph"])
def test_pdf_keeps_the_last_paragraph_with_the_signature(tmp_path, closing):
    require_poppler()
    pages_by_length = {}
    for length in LENGTHS:
        path = tmp_path / f"{length}.pdf"
        path.write_bytes(render_pdf(_document(length, closing=closing)))
        pages_by_length[length] = _pages(path)
    _assert_last_page_keeps_the_end_of_the_body(pages_by_length)


def test_word_file_keeps_the_last_paragraph_with_the_signature(tmp_path):
    """As an office suite lays the Word file out (LibreOffice, all lengths converted in one run)."""
    soffice = require_libreoffice()
    require_poppler()
    sources = []
    for length in LENGTHS:
        path = tmp_path / f"{length}.docx"
        path.write_bytes(render_docx(_document(length)))
        sources.append(str(path))
    out = tmp_path / "pdf"
    run_tool(soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), *sources)  # fmt: skip
    _assert_last_page_keeps_the_end_of_the_body({length: _pages(out / f"{length}.pdf") for length in LENGTHS})


def _assert_last_page_keeps_the_tables_last_row(pages_by_length: dict[int, list[str]]) -> None:
    counts = {len(pages) for pages in pages_by_length.values()}
    assert len(counts) > 1, f"the range never crosses a page break: {counts}"
    for length, pages in pages_by_length.items():
        last = pages[-1]
        for expected in ("Nơi nhận:", "Nguyễn Thị Hồng Nhung", "Hàng cuối của bảng"):
            assert expected in last, (length, len(pages), expected, last[:200])


def test_a_body_ending_with_a_table_keeps_its_last_row_with_the_signature(tmp_path):
    soffice = require_libreoffice()
    require_poppler()
    pdf_pages, sources = {}, []
    for length in LENGTHS:
        document = _table_document(length)
        path = tmp_path / f"{length}.pdf"
        path.write_bytes(render_pdf(document))
        pdf_pages[length] = _pages(path)
        path = tmp_path / f"{length}.docx"
        path.write_bytes(render_docx(document))
        sources.append(str(path))
    _assert_last_page_keeps_the_tables_last_row(pdf_pages)
    out = tmp_path / "word"
    run_tool(soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), *sources)  # fmt: skip
    _assert_last_page_keeps_the_tables_last_row({length: _pages(out / f"{length}.pdf") for length in LENGTHS})
