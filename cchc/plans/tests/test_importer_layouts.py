"""Plans laid out in other common ways: a "|" table pasted from Word, tasks written as blocks with
"Chủ trì / Phối hợp / Thời gian" lines, a schedule of months and days with a budget and its total."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document

from cchc.communes.scoping import commune_scope
from cchc.plans.importer import parse_docx, parse_file, parse_text
from cchc.plans.importer.saving import save_parsed_plan
from cchc.plans.importer.tasks import When, quarter_for, recurrence_in, time_in_cell, time_inside, timeline_entry
from cchc.plans.importer.units import names_unit
from cchc.plans.models import BudgetLine, Task
from cchc.plans.structure import Recurrence

from .test_importer import assert_no_word_dropped

SAMPLES = Path(__file__).resolve().parent / "samples"
TABLE_2025 = SAMPLES / "ke-hoach-hoa-binh-2025-bang-phan-cong.txt"
BLOCKS_2026 = SAMPLES / "ke-hoach-thanh-son-2026-khoi-nhiem-vu.txt"
DATES_2024 = SAMPLES / "ke-hoach-an-phu-2024-moc-thoi-gian.txt"
NEW_SAMPLES = [TABLE_2025, BLOCKS_2026, DATES_2024]

HEADER = """ỦY BAN NHÂN DÂN XÃ TÂN LẬP
Số: 03/KH-UBND
Tân Lập, ngày 02 tháng 01 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025

"""


def _plan(body: str):
    return parse_text(HEADER + body)


def _summary(task):
    fields = ("lead_unit", "coordinating_units", "quarter", "due_date", "recurrence", "times_per_period")
    return tuple(getattr(task, name) for name in fields)


# --- the three samples -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NEW_SAMPLES, ids=lambda path: path.stem)
def test_the_new_samples_lose_no_word_and_leave_nothing_unplaced(path):
    plan = parse_file(path)
    assert_no_word_dropped(path.read_text(encoding="utf-8"), plan)
    assert plan.unplaced == []


def test_a_pipe_table_gives_one_task_per_row_with_its_unit_partners_and_time():
    plan = parse_file(TABLE_2025)
    tasks = [task for task in plan.tasks if task.source == "table"]
    assert [task.title for task in tasks] == [
        "Phát sóng chuyên mục cải cách hành chính trên Đài truyền thanh xã",
        "Cập nhật tin, bài về thủ tục hành chính lên Trang thông tin điện tử xã",
        "Tổ chức hội nghị đối thoại về cải cách hành chính với Nhân dân",
        "Phát tờ rơi hướng dẫn nộp hồ sơ trực tuyến tại các thôn",
        "Báo cáo kết quả công tác tuyên truyền 6 tháng đầu năm",
        "Kiểm tra việc niêm yết thủ tục hành chính tại Bộ phận một cửa",
    ]
    assert [_summary(task) for task in tasks] == [
        ("Đài truyền thanh xã", ["Công chức Văn hóa - Xã hội"], None, None, Recurrence.WEEKLY, 2),
        ("Văn phòng HĐND và UBND xã", ["Công chức Tư pháp - Hộ tịch"], None, None, Recurrence.MONTHLY, 1),
        ("UBND xã", ["Ủy ban MTTQ Việt Nam xã", "Đoàn Thanh niên xã"], 2, dt.date(2025, 6, 30), "", 1),
        ("Đoàn Thanh niên xã", ["Hội Liên hiệp Phụ nữ xã"], 1, dt.date(2025, 3, 31), "", 1),
        ("Công chức Văn hóa - Xã hội", [], 2, dt.date(2025, 6, 30), "", 1),
        ("Công chức Tư pháp - Hộ tịch", ["Văn phòng HĐND và UBND xã"], None, None, Recurrence.QUARTERLY, 1),
    ]


def test_a_grid_table_joins_a_cell_wrapped_over_two_lines_and_counts_its_total_once():
    plan = parse_file(TABLE_2025)
    assert [(item.name, item.amount, item.is_total) for item in plan.budget] == [
        ("In tờ rơi hướng dẫn nộp hồ sơ trực tuyến", 4_000_000, False),
        ("Hội nghị đối thoại về cải cách hành chính, nước uống, tài liệu", 6_500_000, False),
        ("Tổng cộng", 10_500_000, True),
    ]
    assert sum(item.amount for item in plan.budget_lines) == 10_500_000


def test_task_blocks_give_a_task_each_with_the_unit_partners_and_time_of_their_lines():
    plan = parse_file(BLOCKS_2026)
    blocks = plan.tasks[:4]
    assert [task.title for task in blocks] == [
        "Tuyên truyền trên hệ thống truyền thanh xã",
        "Tổ chức cuộc thi tìm hiểu về cải cách hành chính trong đoàn viên, thanh niên",
        "Tập huấn kỹ năng hướng dẫn người dân nộp hồ sơ trực tuyến cho tổ công nghệ số cộng đồng",
        "Niêm yết công khai thủ tục hành chính mới tại Bộ phận một cửa",
    ]
    assert [_summary(task) for task in blocks] == [
        ("Công chức Văn hóa - Xã hội", ["Đoàn Thanh niên", "Hội LHPN"], None, None, Recurrence.MONTHLY, 1),
        ("Đoàn Thanh niên xã", ["Công chức Văn hóa - Xã hội"], 2, dt.date(2026, 6, 30), "", 1),
        ("Văn phòng HĐND và UBND xã", [], 2, dt.date(2026, 5, 31), "", 1),
        ("", ["Công chức Tư pháp - Hộ tịch"], 3, dt.date(2026, 8, 20), "", 1),  # no "Chủ trì": the office assigns
    ]
    assert blocks[0].lines == [16, 17, 18, 19]  # the title and its three lines
    assert not any(task.title.startswith(("Chủ trì", "Phối hợp", "Thời gian")) for task in plan.tasks)


def test_abbreviated_unit_headings_lead_the_duties_under_them():
    plan = parse_file(BLOCKS_2026)
    duties = plan.tasks[4:]
    assert [_summary(task) for task in duties] == [
        ("Đoàn TN xã", [], None, None, Recurrence.MONTHLY, 2),
        ("Hội LHPN xã", [], None, None, Recurrence.QUARTERLY, 1),
        ("VP HĐND-UBND", [], 4, dt.date(2026, 12, 15), "", 1),
    ]


def test_month_ranges_and_dated_entries_get_their_due_date_and_quarter():
    plan = parse_file(DATES_2024)
    timeline = [task for task in plan.tasks if task.source == "timeline"]
    assert [(task.title, task.starts_on, task.due_date, task.quarter) for task in timeline] == [
        ("Tổ chức hội nghị quán triệt kế hoạch tuyên truyền cải cách hành chính.", None, dt.date(2024, 3, 31), 1),
        ("Tuyên truyền lưu động về dịch vụ công trực tuyến tại các ấp.", dt.date(2024, 4, 1), dt.date(2024, 6, 30), 2),
        ("Tổ chức cuộc thi tìm hiểu cải cách hành chính.", dt.date(2024, 8, 1), dt.date(2024, 10, 31), None),
        ("Hoàn thành cập nhật bộ thủ tục hành chính tại Bộ phận một cửa.", None, dt.date(2024, 5, 20), 2),
        ("Tổ chức hưởng ứng Ngày Pháp luật Việt Nam.", None, dt.date(2024, 11, 9), 4),
    ]


def test_duties_of_the_dated_sample_take_their_units_counts_and_deadlines():
    plan = parse_file(DATES_2024)
    duties = [task for task in plan.tasks if task.source == "responsibilities"]
    assert [_summary(task) for task in duties] == [
        ("Công chức VH-XH", [], None, None, Recurrence.MONTHLY, 2),
        ("Tư pháp - Hộ tịch", [], 4, dt.date(2024, 12, 15), "", 1),
    ]


def test_items_then_a_total_count_once_and_an_amount_wrapped_to_the_next_line_is_read_whole():
    plan = parse_file(DATES_2024)
    assert [(item.amount, item.is_total) for item in plan.budget] == [
        (5_000_000, False),
        (7_000_000, False),
        (3_000_000, False),
        (15_000_000, True),
    ]
    assert plan.budget[2].name == "Hội nghị quán triệt, tuyên truyền lưu động"
    assert sum(item.amount for item in plan.budget_lines) == 15_000_000


# --- each rule on its own ----------------------------------------------------------------------------


def test_a_tab_separated_table_with_other_header_names_gives_tasks():
    plan = _plan(
        "I. TỔ CHỨC THỰC HIỆN\n"
        "STT\tNội dung\tCơ quan chủ trì\tPhối hợp\tThời gian hoàn thành\tGhi chú\n"
        "1\tTuyên truyền trên Trang thông tin điện tử xã\tVăn phòng HĐND và UBND xã\tĐài truyền thanh xã"
        "\tHằng tháng\tThường xuyên\n"
        "2\tTổng kết công tác tuyên truyền\tCông chức Văn hóa - Xã hội\tCác thôn\tTrước 15/12\tBáo cáo UBND xã\n"
    )
    assert [(task.title, task.lead_unit, task.recurrence, task.due_date, task.quarter) for task in plan.tasks] == [
        ("Tuyên truyền trên Trang thông tin điện tử xã", "Văn phòng HĐND và UBND xã", Recurrence.MONTHLY, None, None),
        ("Tổng kết công tác tuyên truyền", "Công chức Văn hóa - Xã hội", "", dt.date(2025, 12, 15), 4),
    ]
    assert plan.unplaced == []


def test_a_pipe_table_without_rules_and_with_short_headers_gives_tasks_and_keeps_other_text_apart():
    plan = _plan(
        "I. PHÂN CÔNG\n"
        "| Nội dung | Chủ trì | Phối hợp | Thời gian |\n"
        "| Hội nghị đối thoại | UBND xã | Ủy ban MTTQ xã | Tháng 3/2025 |\n"
        "| Phát tờ rơi | Đoàn Thanh niên xã | | 01 lần/quý |\n"
        "Các đơn vị báo cáo kết quả về Văn phòng.\n"
    )
    assert [_summary(task) for task in plan.tasks if task.source == "table"] == [
        ("UBND xã", ["Ủy ban MTTQ xã"], 1, dt.date(2025, 3, 31), "", 1),
        ("Đoàn Thanh niên xã", [], None, None, Recurrence.QUARTERLY, 1),
    ]
    assert any(parsed.block.text == "Các đơn vị báo cáo kết quả về Văn phòng." for parsed in plan.blocks)


def test_a_block_under_a_unit_heading_without_chu_tri_takes_the_heading_unit():
    plan = _plan(
        "I. TRÁCH NHIỆM THỰC HIỆN\n"
        "1. Công chức Tư pháp - Hộ tịch:\n"
        "- Rà soát thủ tục hành chính niêm yết tại Bộ phận một cửa\n"
        "+ Phối hợp: Văn phòng HĐND và UBND xã\n"
        "+ Thời gian: Quý III/2025\n"
    )
    assert [(task.title, task.lead_unit, task.coordinating_units, task.quarter) for task in plan.tasks] == [
        ("Rà soát thủ tục hành chính niêm yết tại Bộ phận một cửa", "Công chức Tư pháp - Hộ tịch",
         ["Văn phòng HĐND và UBND xã"], 3),
    ]  # fmt: skip


def test_a_field_line_is_not_glued_to_the_title_above_it():
    plan = _plan("I. NHIỆM VỤ\n1. Tổ chức tọa đàm về chuyển đổi số\nThời gian thực hiện: tháng 9/2025\n")
    assert [(task.title, task.month, task.quarter) for task in plan.tasks] == [
        ("Tổ chức tọa đàm về chuyển đổi số", 9, 3)
    ]


@pytest.mark.parametrize(
    ("total_line", "amount"),
    [
        ("Tổng cộng: 15.000.000 đồng.", 15_000_000),
        ("Tổng: 15.000.000đ (Bằng chữ: Mười lăm triệu đồng).", 15_000_000),
        ("Kinh phí thực hiện: tổng cộng 15 triệu đồng.", 15_000_000),
        ("Cộng: 15.000.000 đồng.", 15_000_000),
    ],
)
def test_a_total_after_its_items_is_not_counted_again(total_line, amount):
    plan = _plan(
        f"I. KINH PHÍ\n- In pano, áp phích: 12.000.000 đồng.\n- Tài liệu hội nghị: khoảng 3 triệu đồng.\n{total_line}\n"
    )
    assert sum(item.amount for item in plan.budget_lines) == amount
    assert [item.amount for item in plan.budget_lines] == [12_000_000, 3_000_000]


def test_a_total_alone_is_the_budget_and_an_amount_like_the_sum_of_one_item_is_not_a_total():
    alone = _plan("I. KINH PHÍ\nTổng kinh phí dự kiến: 32.000.000đ.\n")
    assert [(item.amount, item.is_total) for item in alone.budget_lines] == [(32_000_000, True)]
    two = _plan("I. KINH PHÍ\n- In tờ rơi: 2 triệu đồng.\n- Hội nghị: 2 triệu đồng.\n")
    assert [item.amount for item in two.budget_lines] == [2_000_000, 2_000_000]


def test_a_budget_table_row_of_the_total_counts_once():
    plan = _plan(
        "I. KINH PHÍ\n"
        "| STT | Nội dung | Số tiền (đồng) |\n"
        "|---|---|---|\n"
        "| 1 | Pano tuyên truyền | 8.000.000 |\n"
        "| 2 | Tờ rơi | 2.000.000 |\n"
        "| | Tổng | 10.000.000 |\n"
    )
    assert [(item.name, item.amount) for item in plan.budget_lines] == [
        ("Pano tuyên truyền", 8_000_000),
        ("Tờ rơi", 2_000_000),
    ]


@pytest.mark.parametrize(
    ("when", "quarter"),
    [
        (When(month=3, due_date=dt.date(2024, 3, 31)), 1),
        (When(month=6, due_date=dt.date(2024, 6, 30), starts_on=dt.date(2024, 4, 1)), 2),
        (When(month=5, due_date=dt.date(2024, 5, 31), starts_on=dt.date(2024, 3, 1)), None),
        (When(quarter=3, due_date=dt.date(2024, 9, 30), starts_on=dt.date(2024, 4, 1)), 3),  # as written
        (When(due_date=dt.date(2024, 11, 9)), 4),
        (When(recurrence=Recurrence.MONTHLY), None),
    ],
)
def test_the_quarter_comes_from_the_due_date_when_the_whole_span_lies_in_one(when, quarter):
    assert quarter_for(when) == quarter


def test_half_a_year_spans_two_quarters_so_it_gets_none():
    entry = timeline_entry("06 tháng đầu năm: Sơ kết công tác tuyên truyền.", year=2025)
    assert entry is not None
    plan = _plan("I. THỜI GIAN THỰC HIỆN\n06 tháng đầu năm: Sơ kết công tác tuyên truyền.\n")
    assert [(task.due_date, task.quarter) for task in plan.tasks] == [(dt.date(2025, 6, 30), None)]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Tổ chức hưởng ứng vào ngày 09/11 hằng năm (Ngày Pháp luật).", dt.date(2025, 11, 9)),
        ("Hoàn thành báo cáo trước ngày 20/5/2025.", dt.date(2025, 5, 20)),
        ("Gửi báo cáo trước 15/12.", dt.date(2025, 12, 15)),
    ],
)
def test_a_day_named_in_a_duty_is_its_due_date_in_the_plan_year(text, due):
    assert time_inside(text, year=2025).due_date == due


@pytest.mark.parametrize(
    ("cell", "due"),
    [("Trước 30/6", dt.date(2025, 6, 30)), ("15/11", dt.date(2025, 11, 15)), ("Ngày 09/11", dt.date(2025, 11, 9))],
)
def test_a_day_in_a_table_cell_is_its_due_date(cell, due):
    assert time_in_cell(cell, year=2025).due_date == due


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đăng ít nhất 02 tin, bài/tháng", (Recurrence.MONTHLY, 2)),
        ("02 tin bài mỗi tháng", (Recurrence.MONTHLY, 2)),
        ("03 bài/tháng", (Recurrence.MONTHLY, 3)),
        ("02 lần/tháng", (Recurrence.MONTHLY, 2)),
        ("02 buổi/tuần", (Recurrence.WEEKLY, 2)),
        ("01 số/quý", (Recurrence.QUARTERLY, 1)),
        ("mỗi tháng 02 tin, bài", (Recurrence.MONTHLY, 2)),
        ("hằng tuần phát sóng ít nhất 03 lần", (Recurrence.WEEKLY, 3)),
    ],
)
def test_a_count_per_period_gives_the_times_and_the_recurrence(text, expected):
    assert recurrence_in(text) == expected


@pytest.mark.parametrize(
    "heading", ["Đoàn TN xã", "Hội LHPN xã", "MTTQ xã", "VP HĐND-UBND", "công chức VH-XH", "Tư pháp - Hộ tịch"]
)
def test_abbreviated_unit_names_are_units(heading):
    assert names_unit(heading)
    plan = _plan(f"I. TỔ CHỨC THỰC HIỆN\n1. {heading}:\n- Cập nhật tin, bài hằng tháng.\n")
    assert [(task.lead_unit, task.recurrence) for task in plan.tasks] == [(heading, Recurrence.MONTHLY)]


def test_an_amount_equal_to_the_items_before_is_a_total_only_when_it_names_nothing_else():
    named = _plan("I. KINH PHÍ\n- Tờ rơi: 1 triệu đồng.\n- Pano: 1 triệu đồng.\n- Hội nghị đối thoại: 2 triệu đồng.\n")
    assert sum(item.amount for item in named.budget_lines) == 4_000_000
    bare = _plan(
        "I. KINH PHÍ\n| Nội dung | Kinh phí |\n| Tờ rơi | 1.000.000 |\n| Pano | 1.000.000 |\n| | 2.000.000 |\n"
    )
    assert sum(item.amount for item in bare.budget_lines) == 2_000_000


def test_a_pipe_row_wrapped_onto_a_second_line_is_one_task():
    plan = _plan(
        "I. PHÂN CÔNG NHIỆM VỤ\n"
        "| STT | Nội dung | Đơn vị chủ trì | Thời gian |\n"
        "|-----|----------|----------------|-----------|\n"
        "| 1 | Tổ chức hội nghị đối thoại với Nhân dân về | UBND xã | Quý III |\n"
        "|   | thủ tục hành chính đất đai | | |\n"
        "| 2 | Treo băng rôn tại trụ sở | Văn phòng HĐND và UBND xã | Tháng 2 |\n"
    )
    assert [(task.title, task.lead_unit, task.quarter) for task in plan.tasks] == [
        ("Tổ chức hội nghị đối thoại với Nhân dân về thủ tục hành chính đất đai", "UBND xã", 3),
        ("Treo băng rôn tại trụ sở", "Văn phòng HĐND và UBND xã", 1),
    ]
    assert plan.unplaced == []


def test_fields_may_say_who_leads_in_longer_words():
    plan = _plan(
        "I. NHIỆM VỤ\n"
        "a) Tổ chức Ngày hội chuyển đổi số\n"
        "Đơn vị chủ trì thực hiện: Đoàn Thanh niên xã\n"
        "Cơ quan phối hợp: Hội Liên hiệp Phụ nữ xã; Hội Nông dân xã\n"
        "Thời gian hoàn thành: Trước ngày 10/10/2025\n"
    )
    assert [(task.title, *_summary(task)) for task in plan.tasks] == [
        ("Tổ chức Ngày hội chuyển đổi số", "Đoàn Thanh niên xã", ["Hội Liên hiệp Phụ nữ xã", "Hội Nông dân xã"], 4,
         dt.date(2025, 10, 10), "", 1),
    ]  # fmt: skip


def test_a_pipe_table_typed_as_word_paragraphs_gives_tasks():
    document = Document()
    for text in [*HEADER.strip().split("\n"), "I. PHÂN CÔNG", "| Nội dung | Chủ trì | Thời gian |"]:
        document.add_paragraph(text)
    document.add_paragraph("| Tọa đàm về dịch vụ công trực tuyến | Đoàn Thanh niên xã | Tháng 7/2025 |")
    data = io.BytesIO()
    document.save(data)
    plan = parse_docx(data.getvalue())
    assert [(task.title, task.lead_unit, task.quarter) for task in plan.tasks] == [
        ("Tọa đàm về dịch vụ công trực tuyến", "Đoàn Thanh niên xã", 3)
    ]


def test_bulleted_unit_headings_lead_their_duties_and_a_duty_after_them_has_no_unit():
    plan = _plan(
        "I. NHIỆM VỤ CỦA CÁC CƠ QUAN, ĐƠN VỊ\n"
        "- Đoàn Thanh niên xã:\n"
        "+ Ra quân hỗ trợ người dân nộp hồ sơ trực tuyến trong tháng 3/2025.\n"
        "- Hội LHPN xã:\n"
        "+ Tuyên truyền tại sinh hoạt chi hội 01 lần/quý.\n"
        "- Rà soát thủ tục hành chính niêm yết tại Bộ phận một cửa.\n"
    )
    assert [(task.lead_unit, task.quarter, task.recurrence) for task in plan.tasks] == [
        ("Đoàn Thanh niên xã", 1, ""),
        ("Hội LHPN xã", None, Recurrence.QUARTERLY),
        ("", None, ""),
    ]


def test_a_duty_of_all_units_is_led_by_the_units_named_before_what_they_do():
    plan = parse_file(TABLE_2025)
    duty = next(task for task in plan.tasks if task.source == "responsibilities")
    assert duty.lead_unit == "Các cơ quan, đơn vị được phân công"


def test_a_header_wrapped_over_two_lines_still_names_its_columns():
    plan = _plan(
        "I. PHÂN CÔNG NHIỆM VỤ\n"
        "| STT | Nội dung công việc | Đơn vị | Đơn vị phối | Thời gian |\n"
        "|     |                    | chủ trì | hợp        | thực hiện |\n"
        "|-----|--------------------|---------|------------|-----------|\n"
        "| 1 | Tập huấn sử dụng dịch vụ công | Văn phòng HĐND và UBND xã | Đoàn Thanh niên xã | Tháng 5/2025 |\n"
    )
    assert [_summary(task) for task in plan.tasks] == [
        ("Văn phòng HĐND và UBND xã", ["Đoàn Thanh niên xã"], 2, dt.date(2025, 5, 31), "", 1)
    ]


def test_a_long_numbered_title_wrapped_in_lower_case_is_one_title():
    plan = _plan(
        "I. NHIỆM VỤ\n"
        "1. Tập huấn kỹ năng hướng dẫn người dân nộp hồ sơ trực tuyến cho tổ công nghệ số cộng\n"
        "đồng các thôn\n"
        "- Chủ trì: Văn phòng HĐND và UBND xã\n"
    )
    assert [(task.title, task.lead_unit) for task in plan.tasks] == [
        (
            "Tập huấn kỹ năng hướng dẫn người dân nộp hồ sơ trực tuyến cho tổ công nghệ số cộng đồng các thôn",
            "Văn phòng HĐND và UBND xã",
        )
    ]


def test_a_group_row_numbered_in_roman_is_not_a_task_and_a_day_opening_a_cell_is_the_due_date():
    plan = _plan(
        "I. PHÂN CÔNG\n"
        "| STT | Nội dung | Chủ trì | Thời gian |\n"
        "| I | Tuyên truyền trên Đài truyền thanh | | |\n"
        "| 1 | Phát chuyên mục pháp luật | Đài truyền thanh xã | 09/11 hằng năm |\n"
    )
    assert [(task.title, task.lead_unit, task.due_date) for task in plan.tasks] == [
        ("Phát chuyên mục pháp luật", "Đài truyền thanh xã", dt.date(2025, 11, 9))
    ]


def test_a_saved_table_plan_keeps_each_row_task_and_counts_its_budget_once(commune_a):
    plan = save_parsed_plan(commune=commune_a, parsed=parse_file(TABLE_2025))
    with commune_scope(commune_a):
        leaflets = Task.objects.get(plan=plan, title="Phát tờ rơi hướng dẫn nộp hồ sơ trực tuyến tại các thôn")
        assert (leaflets.lead_unit_name, leaflets.quarter, leaflets.due_date) == (
            "Đoàn Thanh niên xã",
            1,
            dt.date(2025, 3, 31),
        )
        radio = Task.objects.get(plan=plan, title__startswith="Phát sóng chuyên mục")
        assert (radio.recurrence, radio.times_per_period) == (Recurrence.WEEKLY, 2)
        amounts = sorted(BudgetLine.objects.filter(plan=plan).values_list("amount", flat=True))
    assert amounts == [4_000_000, 6_500_000]


def test_a_tab_table_keeps_its_empty_first_and_last_cells_in_place():
    plan = _plan(
        "I. PHÂN CÔNG\n"
        "STT\tNội dung\tĐơn vị chủ trì\tThời gian\tGhi chú\n"
        "1\tTổ chức tọa đàm\tĐoàn Thanh niên xã\tQuý II\t\n"
        "\tCập nhật tin, bài\tVăn phòng HĐND và UBND xã\tHằng tháng\tThường xuyên\n"
    )
    assert [(task.title, task.lead_unit, task.quarter, task.recurrence) for task in plan.tasks] == [
        ("Tổ chức tọa đàm", "Đoàn Thanh niên xã", 2, ""),
        ("Cập nhật tin, bài", "Văn phòng HĐND và UBND xã", None, Recurrence.MONTHLY),
    ]


def test_an_amount_broken_down_into_items_that_add_up_to_it_is_their_total_not_one_more():
    from cchc.plans.importer import parse_text

    text = """UBND XÃ TÂN LẬP
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
I. NỘI DUNG
1. Tuyên truyền trên loa truyền thanh các thôn.
II. KINH PHÍ
Ngân sách xã bố trí cho công tác tuyên truyền năm 2025 là 9.000.000 đồng, cụ thể:
- In tờ gấp thủ tục hành chính: 3.000.000 đồng;
- Hội nghị tuyên truyền: 6.000.000 đồng.
Ngoài ra vận động tài trợ thêm 2.000.000 đồng cho giải thưởng cuộc thi.
"""
    lines = parse_text(text).budget_lines
    assert sorted(item.amount for item in lines) == [2_000_000, 3_000_000, 6_000_000]
