"""The plan importer on the real seed, on sample plans shaped differently, and on a DOCX built here."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from cchc.core.official_document import BlockKind, OfficialDocument
from cchc.core.rendering import render_docx
from cchc.core.text import fold_vietnamese, format_date_long, format_date_short
from cchc.plans.channels import detect_channels
from cchc.plans.importer import parse_docx, parse_file, parse_text
from cchc.plans.importer.parsed import ParsedPlan
from cchc.plans.structure import Channel, SectionRole

SEED = Path(__file__).resolve().parents[1] / "seed" / "ke-hoach-tuyen-truyen-cchc-dinh-bien-2022.txt"
if not SEED.exists():  # the commune's file as received, before the app shipped a copy
    SEED = Path("/work/shared/seed") / SEED.name
SAMPLES = Path(__file__).resolve().parent / "samples"
MONTHS_SAMPLE = SAMPLES / "ke-hoach-bao-cuong-2023-theo-thang.txt"
LETTERS_SAMPLE = SAMPLES / "ke-hoach-phu-dinh-2024-liet-ke-abc.txt"
UNITS_SAMPLE = SAMPLES / "ke-hoach-tan-duong-2024-don-vi-truc-tiep.txt"
MESSY_SAMPLE = SAMPLES / "ke-hoach-phuong-tien-2023-loi-dinh-dang.txt"
TEXT_SAMPLES = [SEED, MONTHS_SAMPLE, LETTERS_SAMPLE, UNITS_SAMPLE, MESSY_SAMPLE]

# Words the importer consumes into structured fields rather than keeping as text.
BOILERPLATE = "Số Nơi nhận ngày tháng năm CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc"


# --- the "nothing is dropped" invariant ------------------------------------------------------------


def _words(text: str) -> Counter[str]:
    words = re.findall(r"[^\W_]+", fold_vietnamese(text))
    return Counter(word.lstrip("0") or "0" if word.isdigit() else word for word in words)


def _placed_text(plan: ParsedPlan) -> str:
    """Everything the plan keeps, once each; tasks are derived from blocks, so they do not count."""
    parts = [
        BOILERPLATE,
        plan.doc_type,
        plan.title,
        plan.issuing_parent,
        plan.issuing_body,
        plan.number,
        plan.symbol,
        plan.place,
        str(plan.year or ""),
        *plan.basis,
        *plan.intro,
        *plan.closing,
        *plan.recipients,
        plan.signing_capacity,
        plan.signer_title,
        plan.signer_name,
    ]
    if plan.date:
        parts += [format_date_long(plan.date), format_date_short(plan.date)]
    for parsed in plan.blocks:
        parts += [parsed.block.marker, parsed.block.text, *(cell for row in parsed.block.rows for cell in row)]
    parts += [unplaced.text for unplaced in plan.unplaced]
    return "\n".join(parts)


def assert_no_word_dropped(source: str, plan: ParsedPlan) -> None:
    """Every folded word of the input is somewhere in the result, as often as it was written."""
    missing = _words(source) - _words(_placed_text(plan))
    assert not missing, f"words lost by the importer: {dict(missing)}"


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


@pytest.fixture(scope="module")
def seed() -> ParsedPlan:
    return parse_file(SEED)


def _tasks(plan: ParsedPlan, source: str):
    return [task for task in plan.tasks if task.source == source]


# --- the seed, exactly as the commune sent it ------------------------------------------------------


def test_the_seed_has_its_type_title_and_year(seed):
    assert seed.doc_type == "KẾ HOẠCH"
    assert seed.title == "Tuyên truyền cải cách hành chính xã Định Biên năm 2022"
    assert seed.year == 2022
    assert seed.date is None
    assert seed.number == ""


def test_the_seed_puts_its_wrapped_basis_in_one_paragraph_and_leaves_nothing_unplaced(seed):
    assert len(seed.basis) == 1
    assert seed.basis[0].startswith("Căn cứ Kế hoạch số 05/KH-UBND, ngày 05/01/2022 của UBND huyện Định Hóa về việc")
    assert seed.basis[0].endswith("với những nội dung sau:")
    assert seed.intro == []
    assert seed.unplaced == []


def test_the_seed_loses_no_word(seed):
    assert_no_word_dropped(_read(SEED), seed)


def test_the_seed_gives_one_timeline_task_per_quarter_ending_with_the_quarter(seed):
    timeline = _tasks(seed, "timeline")
    assert [t.quarter for t in timeline] == [1, 2, 3, 4]
    assert [t.due_date for t in timeline] == [
        dt.date(2022, 3, 31),
        dt.date(2022, 6, 30),
        dt.date(2022, 9, 30),
        dt.date(2022, 12, 31),
    ]
    assert timeline[0].title.startswith("Thực hiện tuyên truyền bằng băng zôn")
    assert timeline[0].channels == [Channel.BANNER, Channel.PORTAL, Channel.RADIO]
    assert Channel.CONFERENCE in timeline[1].channels
    assert Channel.EVALUATION in timeline[3].channels


def test_the_seed_has_six_unit_headings_whose_bullets_and_paragraphs_are_tasks(seed):
    headings = [
        b.block for b in seed.blocks if b.block.kind == BlockKind.HEADING and re.match(r"3\.\d", b.block.marker)
    ]
    assert [h.marker for h in headings] == ["3.1.", "3.2.", "3.3.", "3.4.", "3.5.", "3.6."]
    per_unit = Counter(t.lead_unit for t in _tasks(seed, "responsibilities"))
    assert per_unit == {
        "Ban Văn hóa, Thông tin và tuyên truyền": 1,
        "Ban tài chính- Ngân sách": 1,
        "Văn phòng HĐND và UBND xã": 4,
        "Công chức Tư pháp": 1,
        "Cán bộ làm công tác Phát thanh -Truyền thông": 4,
        "Các cơ quan, đơn vị, các ban ngành đoàn thể trên địa bàn xã": 3,
    }


def test_the_seed_reads_channels_and_coordinating_units_from_each_duty(seed):
    finance = next(t for t in _tasks(seed, "responsibilities") if t.lead_unit == "Ban tài chính- Ngân sách")
    assert finance.coordinating_units == ["Ban văn hóa"]
    assert finance.channels == [Channel.BUDGET]
    broadcaster = [t for t in seed.tasks if t.lead_unit.startswith("Cán bộ làm công tác")]
    assert broadcaster[1].channels == [Channel.PORTAL, Channel.BULLETIN]
    assert broadcaster[2].channels == [Channel.MOBILE]
    office = [t for t in seed.tasks if t.lead_unit == "Văn phòng HĐND và UBND xã"]
    assert office[2].coordinating_units == ["Cán bộ Văn hóa và Thông tin"]
    assert Channel.EVALUATION in office[3].channels


def test_the_seed_recipients_drop_dashes_and_final_punctuation(seed):
    assert seed.recipients == [
        "UBND huyện Định Hóa",
        "Phòng VH&TT huyện",
        "TT Đảng ủy",
        "Các ban, ngành, đơn vị trên địa bàn xã",
        "Lưu: VP",
    ]


def test_the_seed_signature_and_closing(seed):
    assert seed.signing_capacity == "TM. UBND XÃ ĐỊNH BIÊN"
    assert seed.signer_title == "CHỦ TỊCH"
    assert seed.signer_name == "Ma Thịnh Giáp"
    assert seed.closing[0] == "Trên đây là kế hoạch Tuyên truyền cải cách hành chính xã Định Biên năm 2022."
    assert seed.closing[1].endswith("bộ phận tiếp nhận và trả kết quả nghiêm túc thực hiện./.")


def test_the_seed_joins_a_wrapped_line_even_when_it_starts_with_a_capital(seed):
    texts = [b.block.text for b in seed.blocks]
    assert any("phổ biến về công tác CCHC một cách dễ hiểu, thiết thực" in text for text in texts)
    assert any("giai đoạn 2021 – 2030 của tỉnh, của huyện." in text for text in texts)
    assert not any(text.startswith("CCHC một cách") for text in texts)


def test_the_seed_headings_blocks_and_roles(seed):
    roles = {b.block.text: b.role for b in seed.blocks if b.block.kind == BlockKind.HEADING}
    assert roles["MỤC ĐÍCH, YÊU CẦU"] == SectionRole.OTHER
    assert roles["Mục đích"] == SectionRole.PURPOSES
    assert roles["Đối tượng tuyên truyền"] == SectionRole.AUDIENCES
    assert roles["Cơ quan thực hiện kế hoạch"] == SectionRole.IMPLEMENTERS
    assert roles["Thời gian thực hiện:"] == SectionRole.TIMELINE
    assert roles["Ban tài chính- Ngân sách"] == SectionRole.RESPONSIBILITIES
    purposes = [b for b in seed.blocks if b.role == SectionRole.PURPOSES and b.block.kind == BlockKind.BULLET]
    assert len(purposes) == 3
    assert purposes[0].block.marker == "-"
    assert purposes[0].block.level == 3
    assert purposes[0].lines == [17, 19, 21]
    first = seed.blocks[0].block
    assert (first.kind, first.marker, first.text, first.level) == (BlockKind.HEADING, "I.", "MỤC ĐÍCH, YÊU CẦU", 1)


# --- sample 1: Decree-30 header flattened on one line, a timeline by month ------------------------


def test_a_header_flattened_on_one_line_fills_every_header_field():
    plan = parse_file(MONTHS_SAMPLE)
    assert plan.issuing_parent == "UBND HUYỆN ĐỊNH HÓA"
    assert plan.issuing_body == "ỦY BAN NHÂN DÂN XÃ BẢO CƯỜNG"
    assert (plan.number, plan.symbol) == ("12", "KH-UBND")
    assert plan.place == "Bảo Cường"
    assert plan.date == dt.date(2023, 2, 15)
    assert plan.year == 2023
    assert plan.title == "Tuyên truyền cải cách hành chính trên địa bàn xã Bảo Cường năm 2023"
    assert len(plan.basis) == 2
    assert plan.intro == [
        "Ủy ban nhân dân xã Bảo Cường xây dựng Kế hoạch tuyên truyền cải cách hành chính năm 2023 như sau:"
    ]


def test_a_timeline_by_month_gives_month_tasks_due_at_the_end_of_the_month():
    plan = parse_file(MONTHS_SAMPLE)
    timeline = _tasks(plan, "timeline")
    assert [(t.month, t.due_date) for t in timeline] == [
        (3, dt.date(2023, 3, 31)),
        (4, dt.date(2023, 4, 30)),
        (6, dt.date(2023, 6, 30)),
        (9, dt.date(2023, 9, 30)),
        (11, dt.date(2023, 11, 30)),
        (12, dt.date(2023, 12, 31)),
    ]
    assert [t.quarter for t in timeline] == [1, 2, 2, 3, 4, 4]  # the quarter of each month
    assert timeline[0].title.startswith("Treo băng rôn, khẩu hiệu")
    assert timeline[2].title.startswith("Tổ chức hội nghị đối thoại")  # "Tháng 6/2023 - …"
    assert timeline[2].channels == [Channel.CONFERENCE, Channel.DIALOGUE]
    assert timeline[3].channels == [Channel.LEAFLET]


def test_duties_carry_the_deadline_or_quarter_written_in_them():
    plan = parse_file(MONTHS_SAMPLE)
    duties = _tasks(plan, "responsibilities")
    assert duties[0].lead_unit == "Công chức Văn hóa - Xã hội"
    assert duties[0].coordinating_units == ["Đoàn Thanh niên xã"]
    assert duties[0].due_date == dt.date(2023, 3, 15)
    assert (duties[2].quarter, duties[2].due_date) == (2, dt.date(2023, 6, 30))
    assert duties[3].due_date == dt.date(2023, 11, 30)
    budget = [b for b in plan.blocks if b.role == SectionRole.BUDGET]
    assert [b.block.kind for b in budget] == [BlockKind.HEADING, BlockKind.PARAGRAPH]


def test_a_two_column_foot_pasted_as_text_splits_into_recipients_and_signature():
    plan = parse_file(MONTHS_SAMPLE)
    assert plan.recipients == [
        "UBND huyện Định Hóa (b/c)",
        "Phòng Nội vụ huyện",
        "Đảng ủy, HĐND xã",
        "Các ban, ngành, đoàn thể xã",
        "Lưu: VT, VP",
    ]
    assert (plan.signing_capacity, plan.signer_title, plan.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hoàng Văn Tuấn",
    )
    assert plan.unplaced == []


# --- sample 2: hard-wrapped without blank lines, a) b) c) lists and "+" sub-bullets ---------------


def test_letter_items_sit_one_level_below_their_number_and_plus_one_below_the_dash():
    plan = parse_file(LETTERS_SAMPLE)
    by_text = {b.block.text[:30]: b.block for b in plan.blocks}
    assert (by_text["Tuyên truyền bám sát nhiệm vụ "].marker, by_text["Tuyên truyền bám sát nhiệm vụ "].level) == (
        "a)",
        3,
    )
    assert by_text["Tuyên truyền bám sát nhiệm vụ "].kind == BlockKind.PARAGRAPH  # a sentence, not a heading
    assert by_text["Lợi ích của tài khoản định dan"].kind == BlockKind.HEADING
    assert by_text["Đăng nhập Cổng dịch vụ công qu"].level == 4  # "+" under "a)" with no dash before it
    assert by_text["Chuyên mục về Đề án 06 trong Q"].level == 5  # "+" under a "-" under "a)"
    assert by_text["Công chức Văn hóa - Xã hội"].level == 3


def test_a_dash_wrapped_to_the_line_start_stays_in_its_sentence():
    plan = parse_file(LETTERS_SAMPLE)
    texts = [b.block.text for b in plan.blocks]
    assert any("gắn với phát triển kinh tế - xã hội và bảo đảm quốc phòng" in text for text in texts)
    assert not any(text.startswith("xã hội và bảo đảm") for text in texts)


def test_the_header_on_separate_lines_joins_a_two_line_issuer_and_reads_a_short_date():
    plan = parse_file(LETTERS_SAMPLE)
    assert plan.issuing_parent == ""
    assert plan.issuing_body == "ỦY BAN NHÂN DÂN XÃ PHÚ ĐÌNH"
    assert plan.date == dt.date(2024, 3, 5)
    assert plan.title == (
        "Tuyên truyền cải cách hành chính, chuyển đổi số và thực hiện Đề án 06 trên địa bàn xã Phú Đình năm 2024"
    )


def test_timeline_entries_in_other_spellings_and_a_lead_in_with_sub_items():
    plan = parse_file(LETTERS_SAMPLE)
    timeline = _tasks(plan, "timeline")
    assert [(t.quarter, t.due_date) for t in timeline] == [
        (1, dt.date(2024, 3, 31)),  # "Quý 1 năm 2024 - …"
        (2, dt.date(2024, 6, 30)),  # "Trước ngày 30/6/2024: …"
        (3, dt.date(2024, 9, 30)),  # "- Quý III/2024:" then two "+" items
        (3, dt.date(2024, 9, 30)),
        (4, dt.date(2024, 12, 31)),
    ]
    assert timeline[0].channels == [Channel.BANNER, Channel.PANEL]
    assert timeline[2].title == "Phát tờ gấp hướng dẫn cài đặt và sử dụng ứng dụng VNeID;"


def test_letter_headings_name_the_units_and_sub_bullets_are_the_duties():
    plan = parse_file(LETTERS_SAMPLE)
    duties = _tasks(plan, "responsibilities")
    assert [t.lead_unit for t in duties] == [
        "Công chức Văn hóa - Xã hội",
        "Công chức Văn hóa - Xã hội",
        "Công chức Văn hóa - Xã hội",
        "Công chức Tư pháp - Hộ tịch",
        "Công chức Tư pháp - Hộ tịch",
        "Công an xã",
    ]
    assert duties[0].coordinating_units == ["Đoàn Thanh niên xã"]
    assert duties[2].title == "Chuyên mục về Đề án 06 trong Quý II."
    assert (duties[2].quarter, duties[2].due_date) == (2, dt.date(2024, 6, 30))
    assert duties[1].channels == [Channel.RADIO]  # from its lead-in "… trên hệ thống truyền thanh xã:"
    assert duties[3].coordinating_units == ["Công an xã"]
    assert duties[4].due_date == dt.date(2024, 4, 15)
    assert plan.closing[1] == "Yêu cầu các công chức, đơn vị liên quan triển khai thực hiện nghiêm túc./."


# --- sample 3: units listed straight under "IV. TỔ CHỨC THỰC HIỆN" ---------------------------------


def test_units_numbered_directly_under_the_organisation_section_are_lead_units():
    plan = parse_file(UNITS_SAMPLE)
    duties = _tasks(plan, "responsibilities")
    assert [t.lead_unit for t in duties] == [
        "Văn phòng HĐND và UBND xã",
        "Văn phòng HĐND và UBND xã",
        "Công an xã",
        "Ủy ban MTTQ và các đoàn thể xã",
        "Ủy ban MTTQ và các đoàn thể xã",
        "Trưởng các thôn",
    ]
    assert duties[0].due_date == dt.date(2024, 12, 10)
    assert duties[2].title.startswith("phối hợp với Văn phòng HĐND và UBND xã tuyên truyền")
    assert duties[2].coordinating_units == ["Văn phòng HĐND và UBND xã"]
    assert duties[5].channels == [Channel.VILLAGE_MEETING]


def test_an_unnumbered_draft_keeps_its_symbol_place_and_year_and_a_deputy_signs():
    plan = parse_file(UNITS_SAMPLE)
    assert (plan.number, plan.symbol, plan.place, plan.date, plan.year) == ("", "KH-UBND", "Tân Dương", None, 2024)
    assert plan.issuing_parent == "UBND HUYỆN ĐỊNH HÓA"
    assert plan.title == (
        "Tuyên truyền, phổ biến Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp"
    )
    assert plan.basis == []
    assert plan.intro[0].startswith("Thực hiện Kế hoạch số 45/KH-UBND")
    assert (plan.signing_capacity, plan.signer_title, plan.signer_name) == (
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thị Hạnh",
    )
    assert plan.recipients[2] == "Như mục IV"
    timeline = _tasks(plan, "timeline")
    assert [(t.quarter, t.month, t.due_date) for t in timeline] == [
        (2, None, dt.date(2024, 6, 30)),
        (3, None, dt.date(2024, 9, 30)),
        (4, 12, dt.date(2024, 12, 31)),
    ]


# --- sample 5: CRLF, BOM, tabs, non-breaking spaces, "•" bullets, junk after the name --------------


def test_a_messy_export_is_read_and_its_stray_line_is_reported_with_its_number():
    raw = MESSY_SAMPLE.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    assert b"\t" in raw
    assert "\xa0".encode() in raw
    plan = parse_file(MESSY_SAMPLE)
    assert plan.title == "Tuyên truyền cải cách hành chính và dịch vụ công trực tuyến năm 2023"
    assert (plan.issuing_parent, plan.number, plan.place, plan.date) == (
        "UBND HUYỆN ĐỊNH HÓA",
        "07",
        "Phượng Tiến",
        dt.date(2023, 3, 3),
    )
    assert plan.signer_name == "Lê Minh Đức"
    assert plan.recipients == ["UBND huyện (b/c)", "Các ban, ngành xã", "Lưu: VT"]
    assert len(plan.unplaced) == 1
    stray = plan.unplaced[0]
    assert stray.line == 39
    assert stray.text == "Trang 3/3 - In từ phần mềm Quản lý văn bản lúc 08:15"
    assert "người ký" in stray.reason


def test_bullets_written_as_dots_after_tabs_are_bullets_and_timeline_entries():
    plan = parse_file(MESSY_SAMPLE)
    bullets = [b.block for b in plan.blocks if b.block.kind == BlockKind.BULLET]
    assert {b.marker for b in bullets} == {"•"}
    assert bullets[0].text == "Giúp người dân biết và sử dụng dịch vụ công trực tuyến toàn trình."
    timeline = _tasks(plan, "timeline")
    assert [t.quarter for t in timeline] == [1, 2]
    assert timeline[0].channels == [Channel.PORTAL, Channel.RADIO]
    assert plan.basis[0] == "Căn cứ Kế hoạch số 12/KH-UBND ngày 16/01/2023 của UBND huyện Định Hóa;"


@pytest.mark.parametrize("path", TEXT_SAMPLES, ids=lambda path: path.stem)
def test_no_sample_loses_a_word(path):
    assert_no_word_dropped(_read(path), parse_file(path))


@pytest.mark.parametrize("path", TEXT_SAMPLES[1:], ids=lambda path: path.stem)
def test_written_samples_have_nothing_unplaced_but_the_junk_line(path):
    expected = 1 if path == MESSY_SAMPLE else 0
    assert len(parse_file(path).unplaced) == expected


# --- sample 4: a DOCX with header table, task table and signature table ---------------------------


def _fill_cell(cell, lines: list[str]) -> None:
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _frame(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    _fill_cell(table.rows[0].cells[0], left)
    _fill_cell(table.rows[0].cells[1], right)


TASK_ROWS = [
    ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
    ["1", "Treo băng rôn, khẩu hiệu tuyên truyền CCHC tại trụ sở UBND xã", "Ban Văn hóa, Thông tin và tuyên truyền",
     "Văn phòng HĐND và UBND xã", "Quý I/2022"],
    ["2", "Viết tin, bài về CCHC trên Cổng thông tin điện tử xã", "Cán bộ Phát thanh - Truyền thông",
     "Ban Văn hóa, Thông tin và tuyên truyền; Văn phòng HĐND và UBND xã", "Hằng tháng"],
    ["II", "TUYÊN TRUYỀN PHÁP LUẬT"],  # a group row merged across the other columns
    ["3", "Tổ chức hội thi tìm hiểu pháp luật về cải cách hành chính", "Công chức Tư pháp - Hộ tịch",
     "Đoàn Thanh niên xã, Hội Phụ nữ xã", "Tháng 9/2022"],
    ["4", "Sơ kết, đánh giá kết quả tuyên truyền năm 2022", "Văn phòng HĐND và UBND xã", "Các ban, ngành, đoàn thể",
     "Trước 15/12/2022"],
]  # fmt: skip


def _plan_docx(*, with_parent: bool = True) -> bytes:
    document = Document()
    left = ["UBND HUYỆN ĐỊNH HÓA"] if with_parent else []
    _frame(
        document,
        [*left, "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN", "Số: 05/KH-UBND"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Định Biên, ngày 05 tháng 01 năm 2022"],
    )
    for text in (
        "KẾ HOẠCH",
        "Tuyên truyền cải cách hành chính xã Định Biên năm 2022",
        "",
        "Căn cứ Kế hoạch số 05/KH-UBND ngày 05/01/2022 của UBND huyện Định Hóa về cải cách hành chính năm 2022;",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "- Nâng cao nhận thức của cán bộ, công chức và Nhân dân về cải cách hành chính.",
    ):
        document.add_paragraph(text)
    document.add_paragraph("Tuyên truyền phải thiết thực, tiết kiệm, hiệu quả.", style="List Bullet")
    document.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    table = document.add_table(rows=len(TASK_ROWS), cols=5)
    for row, texts in zip(table.rows, TASK_ROWS, strict=True):
        if len(texts) == 2:
            row.cells[1].merge(row.cells[4])
        for cell, text in zip(row.cells, texts, strict=False):
            cell.text = text
    for text in (
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng HĐND và UBND xã",
        "- Tổng hợp, báo cáo kết quả thực hiện Kế hoạch về UBND huyện trước ngày 20/12/2022.",
        "Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2022 của UBND xã Định Biên./.",
    ):
        document.add_paragraph(text)
    _frame(
        document,
        ["Nơi nhận:", "- UBND huyện Định Hóa;", "- Lưu: VT, VP."],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Ma Thịnh Giáp"],
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_text(content: bytes) -> str:
    """Every paragraph and every cell (a merged cell once) of the file, for the invariant."""
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    texts.append(cell.text)
    return "\n".join(texts)


def test_a_docx_header_table_gives_the_header_fields():
    plan = parse_docx(io.BytesIO(_plan_docx()))
    assert (plan.issuing_parent, plan.issuing_body) == ("UBND HUYỆN ĐỊNH HÓA", "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN")
    assert (plan.number, plan.symbol, plan.place, plan.date) == ("05", "KH-UBND", "Định Biên", dt.date(2022, 1, 5))
    assert plan.title == "Tuyên truyền cải cách hành chính xã Định Biên năm 2022"
    assert plan.basis == [
        "Căn cứ Kế hoạch số 05/KH-UBND ngày 05/01/2022 của UBND huyện Định Hóa về cải cách hành chính năm 2022;"
    ]


def test_a_docx_header_without_parent_keeps_the_issuer_alone():
    plan = parse_docx(io.BytesIO(_plan_docx(with_parent=False)))
    assert (plan.issuing_parent, plan.issuing_body) == ("", "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN")


def test_a_docx_body_keeps_paragraphs_and_the_table_in_document_order():
    plan = parse_docx(io.BytesIO(_plan_docx()))
    kinds = [(b.block.kind, b.block.marker) for b in plan.blocks]
    assert kinds == [
        (BlockKind.HEADING, "I."),
        (BlockKind.BULLET, "-"),
        (BlockKind.BULLET, "-"),  # a "List Bullet" paragraph: Word draws the dash, we write it
        (BlockKind.HEADING, "II."),
        (BlockKind.TABLE, ""),
        (BlockKind.HEADING, "III."),
        (BlockKind.HEADING, "1."),
        (BlockKind.BULLET, "-"),
    ]
    table = plan.blocks[4].block
    assert table.rows[0] == TASK_ROWS[0]
    assert table.rows[3] == ["II", "TUYÊN TRUYỀN PHÁP LUẬT"]
    assert len(table.rows) == len(TASK_ROWS)


def test_a_docx_task_table_gives_one_task_per_row():
    plan = parse_docx(io.BytesIO(_plan_docx()))
    rows = _tasks(plan, "table")
    assert [t.title for t in rows] == [row[1] for row in TASK_ROWS[1:] if len(row) == 5]
    assert [t.lead_unit for t in rows] == [
        "Ban Văn hóa, Thông tin và tuyên truyền",
        "Cán bộ Phát thanh - Truyền thông",
        "Công chức Tư pháp - Hộ tịch",
        "Văn phòng HĐND và UBND xã",
    ]
    assert [t.coordinating_units for t in rows] == [
        ["Văn phòng HĐND và UBND xã"],
        ["Ban Văn hóa, Thông tin và tuyên truyền", "Văn phòng HĐND và UBND xã"],
        ["Đoàn Thanh niên xã", "Hội Phụ nữ xã"],
        ["Các ban, ngành, đoàn thể"],
    ]
    assert [(t.quarter, t.month, t.due_date) for t in rows] == [
        (1, None, dt.date(2022, 3, 31)),
        (None, None, None),  # "Hằng tháng": recurring, no single date
        (3, 9, dt.date(2022, 9, 30)),
        (4, None, dt.date(2022, 12, 15)),
    ]
    assert rows[0].channels == [Channel.BANNER]
    assert rows[2].channels == [Channel.CONTEST]


def test_a_docx_signature_table_gives_recipients_and_signer():
    plan = parse_docx(io.BytesIO(_plan_docx()))
    assert plan.closing == ["Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2022 của UBND xã Định Biên./."]
    assert plan.recipients == ["UBND huyện Định Hóa", "Lưu: VT, VP"]
    assert (plan.signing_capacity, plan.signer_title, plan.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Ma Thịnh Giáp",
    )
    assert plan.unplaced == []
    office = _tasks(plan, "responsibilities")
    assert [(t.lead_unit, t.due_date) for t in office] == [("Văn phòng HĐND và UBND xã", dt.date(2022, 12, 20))]


def test_a_docx_loses_no_word_and_reads_from_a_path_too(tmp_path):
    content = _plan_docx()
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(content)
    plan = parse_file(path)
    assert plan.title == "Tuyên truyền cải cách hành chính xã Định Biên năm 2022"
    assert_no_word_dropped(_docx_text(content), plan)


def _as_document(plan: ParsedPlan) -> OfficialDocument:
    return OfficialDocument(
        doc_type=plan.doc_type,
        title=plan.title,
        issuing_parent=plan.issuing_parent,
        issuing_body=plan.issuing_body,
        number=plan.number,
        symbol=plan.symbol,
        place=plan.place,
        date=plan.date,
        basis=[*plan.basis, *plan.intro],
        body=[parsed.block for parsed in plan.blocks],
        closing=plan.closing,
        recipients=plan.recipients,
        signing_capacity=plan.signing_capacity,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
    )


@pytest.mark.parametrize("path", TEXT_SAMPLES, ids=lambda path: path.stem)
def test_every_sample_comes_back_the_same_from_our_word_export(path):
    original = parse_file(path)
    again = parse_docx(render_docx(_as_document(original)))
    assert again.unplaced == []
    assert [(b.block, b.role) for b in again.blocks] == [(b.block, b.role) for b in original.blocks]
    fields = ("doc_type", "title", "issuing_parent", "issuing_body", "number", "symbol", "place", "date", "closing")
    fields += ("basis", "intro", "recipients", "signing_capacity", "signer_title", "signer_name")
    assert {f: getattr(again, f) for f in fields} == {f: getattr(original, f) for f in fields}
    # An undated draft is exported as "ngày … tháng … năm …": a year read only from there is gone.
    same_year = again.year == original.year
    assert same_year or (original.date is None and again.year is None)

    def shape(plan: ParsedPlan) -> list[tuple]:
        return [
            (t.title, t.lead_unit, t.coordinating_units, t.quarter, t.month, t.channels, t.source)
            + ((t.due_date,) if same_year else ())
            for t in plan.tasks
        ]

    assert shape(again) == shape(original)


# --- files, encodings and edge cases ------------------------------------------------------------------


def test_empty_input_gives_an_empty_plan_without_unplaced_lines():
    for text in ("", "\n\n   \n\t\n", "\ufeff"):
        plan = parse_text(text)
        assert plan == ParsedPlan()


def test_an_unsupported_extension_is_refused_in_vietnamese(tmp_path):
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(ValueError, match=r"chỉ hỗ trợ tệp văn bản \.txt hoặc tệp Word \.docx"):
        parse_file(pdf)
    old_word = tmp_path / "ke-hoach.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValueError, match=r"lưu lại dưới dạng \.docx"):
        parse_file(old_word)


def test_a_utf16_export_reads_like_the_utf8_one(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(_read(SEED).encode("utf-16"))
    assert parse_file(path) == parse_file(SEED)


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 writes many toned letters as a base letter plus a combining tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tones = "".join(ch for ch in decomposed if ch in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def test_a_windows_1258_export_reads_like_the_utf8_one(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(_to_cp1258(_read(SEED)))
    assert parse_file(path) == parse_file(SEED)


def test_decomposed_text_is_read_like_composed_text():
    assert parse_text(unicodedata.normalize("NFD", _read(SEED))) == parse_file(SEED)


def test_a_numbered_line_is_a_heading_only_when_short():
    plan = parse_text(
        "I. NỘI DUNG\n"
        "1. Tuyên truyền\n"
        "2. Tổ chức 02 hội nghị tuyên truyền về cải cách hành chính cho cán bộ, công chức xã.\n"
        "3.1 Ban Văn hóa\n"
        "1.500.000 đồng cho mỗi hội nghị\n"
    )
    blocks = [(b.block.kind, b.block.marker, b.block.level) for b in plan.blocks]
    assert blocks == [
        (BlockKind.HEADING, "I.", 1),
        (BlockKind.HEADING, "1.", 2),
        (BlockKind.PARAGRAPH, "2.", 2),
        (BlockKind.HEADING, "3.1", 3),
        (BlockKind.PARAGRAPH, "", 4),  # an amount, not a "1." marker
    ]


def test_a_heading_naming_two_roles_leaves_the_role_to_its_children():
    plan = parse_text("II. NỘI DUNG, HÌNH THỨC\n1. Nội dung\n- Một\n2. Hình thức\n- Hai\n")
    assert [b.role for b in plan.blocks] == [
        SectionRole.OTHER,
        SectionRole.CONTENTS,
        SectionRole.CONTENTS,
        SectionRole.CHANNELS,
        SectionRole.CHANNELS,
    ]


def test_timeline_entries_written_as_ranges_halves_or_deadlines():
    plan = parse_text(
        "KẾ HOẠCH\nTuyên truyền năm 2023\n"
        "I. TIẾN ĐỘ THỰC HIỆN\n"
        "- Từ tháng 3 đến tháng 5/2023: Treo băng rôn tại các xóm.\n"
        "- 6 tháng đầu năm: Sơ kết công tác tuyên truyền.\n"
        "- Chậm nhất ngày 15/11: Gửi báo cáo về Văn phòng.\n"
        "- Quý IV: Tuyên truyền trên loa truyền thanh:\n"
        "+ Chuyên mục hỏi đáp về thủ tục hành chính;\n"
        "+ Phát lại các tin, bài hay.\n"
    )
    assert [(t.title, t.quarter, t.month, t.due_date) for t in plan.tasks] == [
        ("Treo băng rôn tại các xóm.", None, 5, dt.date(2023, 5, 31)),
        ("Sơ kết công tác tuyên truyền.", None, None, dt.date(2023, 6, 30)),
        ("Gửi báo cáo về Văn phòng.", 4, None, dt.date(2023, 11, 15)),
        ("Chuyên mục hỏi đáp về thủ tục hành chính;", 4, None, dt.date(2023, 12, 31)),
        ("Phát lại các tin, bài hay.", 4, None, dt.date(2023, 12, 31)),
    ]
    assert plan.tasks[3].channels == [Channel.RADIO]  # from "Quý IV: Tuyên truyền trên loa truyền thanh:"
    assert plan.tasks[4].channels == [Channel.PORTAL]


def test_a_repeated_header_line_is_reported_not_overwritten():
    plan = parse_text("Số: 05/KH-UBND\nSố: 06/KH-UBND\nKẾ HOẠCH\nTuyên truyền năm 2022\n")
    assert plan.number == "05"
    assert [(u.line, u.text) for u in plan.unplaced] == [(2, "Số: 06/KH-UBND")]


# --- channels ------------------------------------------------------------------------------------------


def test_channels_come_in_order_of_first_mention_and_once_each():
    text = "Treo băng zôn, khẩu hiệu; đăng tin bài lên Zalo; phát trên loa truyền thanh; tin bài trên fanpage"
    assert detect_channels(text) == [Channel.BANNER, Channel.PORTAL, Channel.RADIO]


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Dựng pa nô, áp phích tại ngã ba", Channel.PANEL),
        ("Phát tờ gấp cho hộ gia đình", Channel.LEAFLET),
        ("Tổ chức tuyên truyền lưu động tại các xóm", Channel.MOBILE),
        ("Biểu diễn sân khấu hoá về thủ tục hành chính", Channel.STAGED),
        ("Phát hành Bản tin cải cách hành chính", Channel.BULLETIN),
        ("Tổ chức tập huấn cho công chức", Channel.CONFERENCE),
        ("Lồng ghép tại các cuộc họp thôn", Channel.VILLAGE_MEETING),
        ("Lồng ghép trong buổi PBGDPL", Channel.LEGAL_SESSION),
        ("Tổ chức hội thi tìm hiểu", Channel.CONTEST),
        ("Niêm yết thủ tục tại Bộ phận một cửa", Channel.POSTING),
        ("Khảo sát sự hài lòng của người dân", Channel.SURVEY),
        ("Đối thoại với Nhân dân", Channel.DIALOGUE),
        ("Sơ kết 6 tháng", Channel.EVALUATION),
        ("Bố trí ngân sách", Channel.BUDGET),
    ],
)
def test_each_channel_is_recognised_by_its_folded_keywords(text, channel):
    assert detect_channels(text) == [channel]


def test_text_without_channel_words_has_no_channels():
    assert detect_channels("Phân loại hồ sơ theo thứ tự tiếp nhận") == []  # "loại" is not "loa"
    assert detect_channels("") == []


def test_a_schedule_under_a_heading_that_also_names_the_content_still_gives_tasks():
    text = (
        "KẾ HOẠCH\nTuyên truyền cải cách hành chính xã Bảo Linh năm 2024\n"
        "I. MỤC ĐÍCH\n- Nâng cao nhận thức của nhân dân.\n"
        "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN\n"
        "a) Tháng 3/2024: Tổ chức hội nghị triển khai kế hoạch.\n"
        "b) Tháng 6/2024: Treo băng rôn tại trung tâm xã.\n"
    )
    parsed = parse_text(text)
    tasks = [t for t in parsed.tasks if t.source == "timeline"]
    assert [(t.month, t.due_date.isoformat()) for t in tasks] == [(3, "2024-03-31"), (6, "2024-06-30")]
    assert parsed.unplaced == []
