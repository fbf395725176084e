"""DOCX and PDF output of official documents, checked the way a clerk would look at the printout.

The PDF checks use poppler (pdfinfo, pdffonts, pdftotext); they skip on a laptop without it but
fail in CI, where a missing tool must not pass silently.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc.core.official_document import Block, BlockKind, OfficialDocument
from cchc.core.rendering import filename_for, render_docx, render_html, render_pdf
from cchc.core.testing import require_poppler, run_tool

MM = 72 / 25.4

B = BlockKind


def _plan() -> OfficialDocument:
    """A propaganda plan shaped like the 2022 Định Biên seed, long enough for three pages."""
    body = [
        Block(B.HEADING, "MỤC ĐÍCH, YÊU CẦU", marker="I.", level=1),
        Block(B.HEADING, "Mục đích", marker="1.", level=2),
        Block(
            B.BULLET,
            "Nâng cao vai trò, trách nhiệm của Thủ trưởng cơ quan, đơn vị, UBND xã, tích cực tham gia công tác "
            "tuyên truyền CCHC để thực hiện tốt nhiệm vụ công tác CCHC đã đề ra.",
            marker="-",
            level=3,
        ),
        Block(
            B.BULLET,
            "Nâng cao nhận thức, ý thức, tinh thần trách nhiệm của tập thể lãnh đạo, người đứng đầu cơ quan, "
            "đơn vị, cán bộ, công chức, viên chức trong các cơ quan hành chính nhà nước và nhân dân về ý nghĩa, "
            "mục tiêu, tầm quan trọng của công tác CCHC đối với sự nghiệp phát triển kinh tế - xã hội của xã.",
            marker="-",
            level=3,
        ),
        Block(B.HEADING, "Yêu cầu", marker="2.", level=2),
        Block(
            B.PARAGRAPH,
            "Kết hợp lồng ghép việc tuyên truyền CCHC với việc tuyên truyền, phổ biến các chủ trương, chính "
            "sách của Đảng, pháp luật của Nhà nước; nội dung tuyên truyền cần lựa chọn hình thức phù hợp với "
            "tình hình thực tiễn, sát với yêu cầu, nhiệm vụ công tác hàng tháng, quý, năm.",
            marker="a)",
            level=3,
        ),
        Block(
            B.BULLET,
            "Ưu tiên thôn bản vùng cao: Khuổi Tát, Bản Piềng, Nà Mòn; người có uy tín tham gia tuyên truyền.",
            marker="+",
            level=4,
        ),
        Block(B.HEADING, "NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN", marker="II.", level=1),
        Block(B.HEADING, "Nội dung tuyên truyền", marker="1.", level=2),
    ]
    body += [
        Block(
            B.BULLET,
            f"Nội dung thứ {n}: tuyên truyền, phổ biến sâu rộng về tầm quan trọng, ý nghĩa, mục tiêu và tác động "
            "của cải cách hành chính đến phát triển kinh tế - xã hội của địa phương; nhân rộng những điển hình "
            "tiên tiến, các sáng kiến, mô hình hiệu quả tại bộ phận “Tiếp nhận và trả kết quả” (đất đai, hộ "
            "tịch, chứng thực, khiếu nại, tố cáo…); người dân được hướng dẫn nộp hồ sơ trực tuyến.",
            marker="-",
            level=3,
        )
        for n in range(1, 9)
    ]
    body += [
        Block(B.HEADING, "Hình thức và tiến độ", marker="2.", level=2),
        Block(
            B.TABLE,
            rows=[
                ["TT", "Hình thức tuyên truyền", "Thời gian", "Đơn vị chủ trì"],
                ["1", "Tin bài trên Cổng thông tin điện tử xã", "Quý I/2022", "Văn phòng HĐND và UBND"],
                ["2", "Hệ thống truyền thanh, cụm loa các xóm", "Hằng tuần", "Ban Văn hóa – Thông tin"],
                ["3", "Hội nghị, sân khấu hóa, thi tìm hiểu", "Quý III/2022", "Công chức Tư pháp"],
            ],
        ),
        Block(B.HEADING, "TỔ CHỨC THỰC HIỆN", marker="III.", level=1),
        Block(B.HEADING, "Trách nhiệm thực hiện", marker="3.", level=2),
        Block(B.HEADING, "Ban Văn hóa, Thông tin và tuyên truyền", marker="3.1.", level=3),
        Block(
            B.PARAGRAPH,
            "Chủ trì, phối hợp với các ban, ngành, đoàn thể, cơ quan đơn vị làm tốt công tác tuyên truyền trên "
            "địa bàn xã; ông Đặng Văn Ước phụ trách tổng hợp, báo cáo kết quả hằng quý.",
            level=3,
        ),
        Block(B.HEADING, "Văn phòng HĐND và UBND xã", marker="3.2.", level=3),
    ]
    body += [
        Block(
            B.BULLET,
            f"Nhiệm vụ {n}: thường xuyên cập nhật, đăng tải kịp thời, đầy đủ bộ thủ tục hành chính và các thông "
            "tin về cải cách hành chính trên Cổng thông tin điện tử của xã; định kỳ khảo sát mức độ hài lòng của "
            "tổ chức, cá nhân đối với sự phục vụ của cơ quan hành chính nhà nước.",
            marker="-",
            level=4,
        )
        for n in range(1, 7)
    ]
    return OfficialDocument(
        doc_type="KẾ HOẠCH",
        title="Tuyên truyền cải cách hành chính xã Định Biên năm 2022",
        issuing_parent="UBND HUYỆN ĐỊNH HÓA",
        issuing_body="ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN",
        number="05",
        symbol="KH-UBND",
        place="Định Biên",
        date=dt.date(2022, 1, 5),
        basis=[
            "Căn cứ Kế hoạch số 05/KH-UBND, ngày 05/01/2022 của UBND huyện Định Hóa về việc cải cách hành "
            "chính huyện Định Hóa năm 2022; UBND xã Định Biên xây dựng kế hoạch tuyên truyền cải cách hành "
            "chính (CCHC) năm 2022 với những nội dung sau:",
        ],
        body=body,
        closing=[
            "Trên đây là kế hoạch Tuyên truyền cải cách hành chính xã Định Biên năm 2022. Đề nghị các cơ quan, "
            "đơn vị, các ban, ngành đoàn thể, bộ phận tiếp nhận và trả kết quả nghiêm túc thực hiện./.",
        ],
        recipients=[
            "UBND huyện Định Hóa",
            "Phòng VH&TT huyện;",
            "TT Đảng ủy",
            "Các ban, ngành, đơn vị trên địa bàn xã",
            "Lưu: VP.",
        ],
        signing_capacity="TM. ỦY BAN NHÂN DÂN",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Thị Hồng Nhung",
    )


def _block_line(block: Block) -> str:
    return f"{block.marker} {block.text}" if block.marker else block.text


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


@pytest.fixture(scope="module")
def plan() -> OfficialDocument:
    return _plan()


@pytest.fixture(scope="module")
def docx(plan):
    return Document(BytesIO(render_docx(plan)))


# --- DOCX ---------------------------------------------------------------------------------------


def test_docx_page_is_a4_portrait_with_decree_30_margins(docx):
    section = docx.sections[0]
    assert abs(section.page_width - Mm(210)) <= Mm(1)
    assert abs(section.page_height - Mm(297)) <= Mm(1)
    assert abs(section.top_margin - Mm(20)) <= Mm(0.5)
    assert abs(section.bottom_margin - Mm(20)) <= Mm(0.5)
    assert abs(section.left_margin - Mm(30)) <= Mm(0.5)
    assert abs(section.right_margin - Mm(15)) <= Mm(0.5)


def test_docx_body_font_is_times_new_roman_14_for_every_script(docx):
    normal = docx.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(slot)) == "Times New Roman"


def test_docx_header_columns_hold_agency_number_motto_and_date_in_order(docx):
    header = docx.tables[0]
    left, right = header.rows[0].cells
    assert _texts(left) == ["UBND HUYỆN ĐỊNH HÓA", "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN", "Số: 05/KH-UBND"]
    assert _texts(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Định Biên, ngày 05 tháng 01 năm 2022",
    ]
    date = next(p for p in right.paragraphs if p.text.startswith("Định Biên"))
    assert all(run.italic for run in date.runs)
    issuer = next(p for p in left.paragraphs if p.text.startswith("ỦY BAN"))
    assert all(run.bold for run in issuer.runs)


def test_docx_draws_rules_as_borders_not_underscores(docx):
    header_xml = docx.tables[0]._tbl.xml
    assert header_xml.count("<w:pBdr>") == 2  # under the issuing body and under the slogan
    assert "___" not in header_xml


def test_docx_starts_with_header_table_then_document_type_and_title(docx, plan):
    body = docx.element.body
    assert body[0].tag.endswith("}tbl")
    texts = [p.text for p in docx.paragraphs if p.text.strip()]
    assert texts[:2] == ["KẾ HOẠCH", plan.title]
    title = next(p for p in docx.paragraphs if p.text == plan.title)
    assert title.alignment == 1  # centred
    assert all(run.bold for run in title.runs)


def test_docx_body_keeps_markers_and_order(docx, plan):
    texts = [p.text for p in docx.paragraphs if p.text.strip()]
    expected = [_block_line(block) for block in plan.body if block.kind != B.TABLE]
    start = texts.index(expected[0])
    assert texts[start : start + len(expected)] == expected
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "3.1. Ban Văn hóa, Thông tin và tuyên truyền" in texts
    assert "+ Ưu tiên thôn bản vùng cao: Khuổi Tát, Bản Piềng, Nà Mòn; người có uy tín tham gia tuyên truyền." in texts
    assert texts[start + len(expected)] == plan.closing[0]


def test_docx_basis_is_italic_headings_bold_and_text_justified_with_indent(docx, plan):
    by_text = {p.text: p for p in docx.paragraphs}
    basis = by_text[plan.basis[0]]
    assert all(run.italic for run in basis.runs)
    for block in plan.body:
        if block.kind == B.HEADING:
            assert all(run.bold for run in by_text[_block_line(block)].runs)
    paragraph = by_text[_block_line(plan.body[2])]
    assert paragraph.alignment == 3  # justified
    assert abs(paragraph.paragraph_format.first_line_indent - Mm(12.7)) <= Mm(0.1)
    assert paragraph.paragraph_format.space_after >= Pt(6)
    assert not any(run.bold for run in paragraph.runs)


def test_docx_table_block_is_bordered_with_bold_header_row(docx):
    grid = docx.tables[1]
    assert grid.style.name == "Table Grid"
    assert [cell.text for cell in grid.rows[0].cells] == ["TT", "Hình thức tuyên truyền", "Thời gian", "Đơn vị chủ trì"]
    assert all(run.bold for cell in grid.rows[0].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in grid.rows[1].cells for run in cell.paragraphs[0].runs)


def test_docx_closing_table_lists_recipients_left_and_signer_right(docx):
    left, right = docx.tables[-1].rows[0].cells
    assert _texts(left) == [
        "Nơi nhận:",
        "- UBND huyện Định Hóa;",
        "- Phòng VH&TT huyện;",
        "- TT Đảng ủy;",
        "- Các ban, ngành, đơn vị trên địa bàn xã;",
        "- Lưu: VP.",
    ]
    label = left.paragraphs[0]
    assert all(run.bold and run.italic for run in label.runs)
    assert label.runs[0].font.size == Pt(12)
    assert left.paragraphs[1].runs[0].font.size == Pt(11)
    assert _texts(right) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Thị Hồng Nhung"]
    assert len(right.paragraphs) - len(_texts(right)) >= 3  # room for the signature and seal


def test_docx_numbers_pages_from_the_second_in_the_header(docx):
    section = docx.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_docx_leaves_blanks_for_missing_number_date_and_parent(plan):
    draft = replace(plan, number="", date=None, issuing_parent="")
    left, right = Document(BytesIO(render_docx(draft))).tables[0].rows[0].cells
    assert _texts(left) == ["ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN", "Số:      /KH-UBND"]
    assert _texts(right)[-1] == "Định Biên, ngày … tháng … năm …"


def test_single_digit_number_gets_the_leading_zero_decree_30_asks_for(plan):
    left = Document(BytesIO(render_docx(replace(plan, number="7")))).tables[0].rows[0].cells[0]
    assert _texts(left)[-1] == "Số: 07/KH-UBND"


# --- file names and HTML ------------------------------------------------------------------------


def test_filename_reads_like_the_document_number(plan):
    assert filename_for(plan, extension="docx") == "ke-hoach-05-kh-ubnd-2022.docx"
    assert filename_for(plan, extension=".PDF") == "ke-hoach-05-kh-ubnd-2022.pdf"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # No number: the title names the file, and it already ends with the year.
        (
            {"number": "", "date": None},
            "ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-xa-dinh-bien-nam-2022.pdf",
        ),
        # No number and no date: the year the document belongs to still ends the name; đ becomes d.
        (
            {"number": "", "date": None, "title": "Đẩy mạnh ứng dụng Đề án 06 ở thôn Đồng Lường", "year": 2023},
            "ke-hoach-day-manh-ung-dung-de-an-06-o-thon-dong-luong-2023.pdf",
        ),
        # A draft says so first.
        (
            {"number": "", "date": None, "title": "Tuyên truyền CCHC", "draft": True, "year": 2026},
            "du-thao-ke-hoach-tuyen-truyen-cchc-2026.pdf",
        ),
        ({"number": "3", "symbol": "KH-UBND", "draft": True}, "du-thao-ke-hoach-03-kh-ubnd-2022.pdf"),
        # Nothing at all to go by.
        ({"number": "", "date": None, "title": "", "doc_type": ""}, "van-ban.pdf"),
    ],
)
def test_filename_names_the_plan_by_number_or_title_and_year(plan, changes, expected):
    assert filename_for(replace(plan, **changes), extension="pdf") == expected


def test_filename_of_a_long_title_is_bounded_ascii_and_keeps_the_year(plan):
    title = "Tuyên truyền, phổ biến sâu rộng về cải cách hành chính, chuyển đổi số và Đề án 06 " * 4
    name = filename_for(replace(plan, number="", date=None, title=title, year=2024), extension="docx")
    stem, extension = name.rsplit(".", 1)
    assert extension == "docx"
    assert len(stem) <= 80
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", stem), name  # nothing Windows or a header could choke on
    assert stem.startswith("ke-hoach-tuyen-truyen-pho-bien-sau-rong")
    assert stem.endswith("-2024")
    words = set(
        re.findall(r"[a-z0-9]+", "tuyen truyen pho bien sau rong ve cai cach hanh chinh chuyen doi so va de an 06")
    )
    assert set(stem.split("-")) <= words | {"ke", "hoach", "2024"}  # cut between words, never inside one


def test_html_escapes_user_text(plan):
    page = render_html(replace(plan, title="Tuyên truyền <script>alert(1)</script> & hỏi đáp"))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "&amp; hỏi đáp" in page


# --- PDF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_path(plan, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "ke-hoach.pdf"
    path.write_bytes(render_pdf(plan))
    return path


@pytest.fixture(scope="module")
def pdf_words(pdf_path) -> list[list[tuple[float, float, float, float, str]]]:
    """Words per page with their boxes (xMin, yMin, xMax, yMax, text), in points from the top left."""
    require_poppler()
    bbox = run_tool("pdftotext", "-bbox", str(pdf_path), "-")
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    return [
        [(*map(float, match.groups()[:4]), html.unescape(match.group(5))) for match in word.finditer(page)]
        for page in bbox.split("<page ")[1:]
    ]


def test_pdf_is_a_pdf(pdf_path):
    assert pdf_path.read_bytes().startswith(b"%PDF")


def test_pdf_is_a4_and_runs_past_one_page(pdf_path):
    require_poppler()
    info = run_tool("pdfinfo", str(pdf_path))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.28) < 1
    assert abs(height - 841.89) < 1
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2


def test_pdf_embeds_only_times_compatible_serif_fonts(pdf_path):
    require_poppler()
    rows = run_tool("pdffonts", str(pdf_path)).splitlines()[2:]
    assert rows
    for row in rows:
        name, embedded = row.split()[0], row.split()[-5]
        # A DejaVu (or any other) fallback would mean some Vietnamese glyph was missing.
        family = re.sub(r"[-_ ]", "", name.split("+")[-1])
        assert family.startswith(("LiberationSerif", "TimesNewRoman", "Tinos")), row
        assert embedded == "yes", row


def test_pdf_text_reads_back_exactly(pdf_path, plan):
    require_poppler()
    text = _nfc(re.sub(r"[ \t]+", " ", run_tool("pdftotext", "-layout", str(pdf_path), "-")))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-UBND",
        "Định Biên, ngày 05 tháng 01 năm 2022",
        "KẾ HOẠCH",
        plan.title,
        "UBND HUYỆN ĐỊNH HÓA",
        "Nơi nhận:",
        "- Lưu: VP.",
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Thị Hồng Nhung",
        "Đặng Văn Ước",
        "Khuổi Tát, Bản Piềng",
    ):
        assert _nfc(expected) in text, expected


def test_pdf_numbers_pages_at_the_top_from_page_two(pdf_words):
    top_margin = 20 * MM

    def numbers_in_top_margin(page):
        return [text for x_min, y_min, x_max, y_max, text in page if y_max <= top_margin and text.isdigit()]

    assert numbers_in_top_margin(pdf_words[0]) == []
    assert numbers_in_top_margin(pdf_words[1]) == ["2"]
    x_min, _, x_max, _, _ = next(w for w in pdf_words[1] if w[4] == "2" and w[3] <= top_margin)
    centre_of_text_area = (30 + 165 / 2) * MM
    assert abs((x_min + x_max) / 2 - centre_of_text_area) < 3


def test_pdf_body_text_starts_at_the_30_mm_left_margin(pdf_words):
    for page in pdf_words[:2]:
        left_edge = min(x_min for x_min, *_ in page)
        assert abs(left_edge - 30 * MM) <= 3, left_edge


def test_pdf_motto_sits_right_of_the_issuing_body_on_the_same_line(pdf_words):
    page = pdf_words[0]
    cong = next(w for w in page if w[4] == "CỘNG")
    ubnd = next(w for w in page if w[4] == "UBND")
    assert abs(cong[1] - ubnd[1]) < 3  # same line
    assert ubnd[0] < 85 * MM < cong[0]  # left and right columns
    so = next(w for w in page if w[4] == "Số:")
    date = next(w for w in page if w[4] == "ngày")
    assert abs(so[3] - date[3]) < 2  # "Số" and the place-date line share a baseline


def test_pdf_signature_block_is_in_the_right_column_below_recipients(pdf_words):
    last = pdf_words[-1]
    label = next(w for w in last if w[4] == "nhận:")
    name = next(w for w in last if w[4] == "Nhung")
    assert name[0] > 100 * MM  # right half of the text area
    assert name[1] > label[1] + 25 * MM  # room for the signature above the name


def test_pdf_of_an_unnumbered_undated_draft_leaves_blanks(plan, tmp_path):
    require_poppler()
    path = tmp_path / "draft.pdf"
    path.write_bytes(render_pdf(replace(plan, number="", date=None, issuing_parent="")))
    text = _nfc(run_tool("pdftotext", "-layout", str(path), "-"))
    assert "Định Biên, ngày … tháng … năm …" in text
    assert re.search(r"Số:\s+/KH-UBND", text)
    assert "HUYỆN" not in text


def test_a_bare_document_still_renders_both_formats():
    bare = OfficialDocument(doc_type="Thông báo", title="")
    reopened = Document(BytesIO(render_docx(bare)))
    assert "THÔNG BÁO" in [p.text for p in reopened.paragraphs]
    assert _texts(reopened.tables[-1].rows[0].cells[0]) == ["Nơi nhận:"]
    assert render_pdf(bare).startswith(b"%PDF")


def test_table_columns_fit_short_cells_and_give_prose_the_room(docx):
    widths = [column.width for column in docx.tables[1].columns]
    assert sum(widths) == pytest.approx(Mm(165), rel=0.01)
    tt, form, when, _ = widths
    assert tt < Mm(15)  # "TT" stays narrow
    assert form == max(widths)
    assert when > Mm(24)  # "Quý III/2022" on one line


# --- drafts -------------------------------------------------------------------------------------


def _draft(plan: OfficialDocument) -> OfficialDocument:
    return replace(plan, number="", date=None, draft=True)


def test_docx_of_a_draft_is_marked_du_thao_in_a_box_at_the_top_without_a_blank_number(plan):
    reopened = Document(BytesIO(render_docx(_draft(plan))))
    section = reopened.sections[0]
    mark = [p for p in section.first_page_header.paragraphs if p.text.strip()]
    assert [p.text for p in mark] == ["DỰ THẢO"]
    borders = mark[0]._p.pPr.find(qn("w:pBdr"))
    assert {child.tag.split("}")[1] for child in borders} == {"top", "left", "bottom", "right"}  # a box
    assert all(run.bold for run in mark[0].runs)
    left = reopened.tables[0].rows[0].cells[0]
    assert _texts(left) == ["UBND HUYỆN ĐỊNH HÓA", "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN"]  # no "Số:      /KH-UBND"
    assert "DỰ THẢO" not in section.header._element.xml  # page 2 onwards stays clean


def test_docx_of_a_numbered_draft_keeps_its_number_under_the_mark(plan):
    reopened = Document(BytesIO(render_docx(replace(plan, draft=True))))
    assert "DỰ THẢO" in reopened.sections[0].first_page_header._element.xml
    assert _texts(reopened.tables[0].rows[0].cells[0])[-1] == "Số: 05/KH-UBND"


def test_docx_of_an_issued_document_has_no_draft_mark(docx):
    section = docx.sections[0]
    for part in (section.first_page_header, section.header):
        assert "DỰ THẢO" not in part._element.xml
    assert all("DỰ THẢO" not in p.text for p in docx.paragraphs)


def test_pdf_of_a_draft_is_marked_du_thao_in_a_box_at_the_top_of_the_first_page(plan, tmp_path):
    require_poppler()
    path = tmp_path / "draft.pdf"
    path.write_bytes(render_pdf(_draft(plan)))
    pages = run_tool("pdftotext", "-bbox", str(path), "-").split("<page ")[1:]
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    first = [(*map(float, m.groups()[:4]), html.unescape(m.group(5))) for m in word.finditer(pages[0])]
    du = next(w for w in first if _nfc(w[4]) == "DỰ")
    assert du[3] <= 20 * MM  # in the top margin, above the header
    assert du[0] > 150 * MM  # at the right
    assert all("THẢO" not in page for page in map(_nfc, pages[1:]))
    text = _nfc(run_tool("pdftotext", "-layout", str(path), "-"))
    assert "Số:" not in text  # no blank number pretending the plan was issued
    assert "UBND HUYỆN ĐỊNH HÓA" in text


def test_pdf_of_an_issued_document_has_no_draft_mark(pdf_path):
    require_poppler()
    text = _nfc(run_tool("pdftotext", "-layout", str(pdf_path), "-"))
    assert "DỰ THẢO" not in text
    assert "Số: 05/KH-UBND" in text
