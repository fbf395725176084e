"""The importer is honest: ranges end at their last month, recurring duties are tracked period by period,
amounts become budget lines, units are only those the text names, a line that gives no task is reported,
and a file that is not a plan is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.communes.scoping import commune_scope
from cchc.plans.actions import EditTask, FileProgressReport
from cchc.plans.importer import ImportRefused, parse_file, parse_text, parse_upload
from cchc.plans.importer.saving import save_parsed_plan
from cchc.plans.importer.tasks import recurrence_in
from cchc.plans.models import BudgetLine, Plan, PlanImport, ProgressReport, Task, TaskOccurrence, TaskStatus
from cchc.plans.recurrence import occurrence_summary, unassigned_tasks, with_occurrences
from cchc.plans.structure import Channel, Recurrence

SAMPLES = Path(__file__).resolve().parent / "samples"
RANGES_2023 = SAMPLES / "ke-hoach-diem-mac-2023-theo-khoang-thang.txt"
DUTIES_2026 = SAMPLES / "ke-hoach-dinh-bien-2026-dinh-ky.txt"
NEEDS_UNIT = "Chưa có đơn vị chủ trì — Văn phòng phân công"


def _timeline(plan):
    return [task for task in plan.tasks if task.source == "timeline"]


def _duties(plan):
    return [task for task in plan.tasks if task.source == "responsibilities"]


# --- 2. ranges end at their last month --------------------------------------------------------------


def test_a_schedule_by_month_ranges_gives_tasks_due_at_the_end_of_each_range():
    plan = parse_file(RANGES_2023)
    timeline = _timeline(plan)
    assert [(t.starts_on, t.due_date) for t in timeline[:5]] == [
        (dt.date(2023, 1, 1), dt.date(2023, 3, 31)),  # "Tháng 1 - 3/2023"
        (dt.date(2023, 4, 1), dt.date(2023, 6, 30)),  # "Tháng 4 - 6/2023"
        (dt.date(2023, 7, 1), dt.date(2023, 9, 30)),  # "Từ tháng 7 đến tháng 9"
        (dt.date(2023, 4, 1), dt.date(2023, 9, 30)),  # "Quý II - III/2023"
        (dt.date(2023, 10, 1), dt.date(2023, 12, 31)),  # "tháng 10-12"
    ]
    assert timeline[1].title == "Tổ chức 03 hội nghị tuyên truyền về dịch vụ công trực tuyến tại các cụm xóm."
    assert not any("/2023:" in t.title or t.title[:1].isdigit() for t in timeline)
    assert timeline[3].quarter == 3  # the quarter the range ends in


def test_a_range_task_is_saved_in_the_quarter_it_ends(commune_a):
    plan = save_parsed_plan(commune=commune_a, parsed=parse_file(RANGES_2023))
    with commune_scope(commune_a):
        task = Task.objects.get(plan=plan, title__startswith="Tổ chức 03 hội nghị")
        assert (task.starts_on, task.due_date, task.quarter) == (dt.date(2023, 4, 1), dt.date(2023, 6, 30), 2)


@pytest.mark.parametrize(
    ("line", "due", "title"),
    [
        ("- Tháng 4-6/2025 – In tờ gấp về thủ tục đất đai.", dt.date(2025, 6, 30), "In tờ gấp về thủ tục đất đai."),
        ("- Từ tháng 2 đến hết tháng 4: Treo pa nô.", dt.date(2025, 4, 30), "Treo pa nô."),
        ("- Quý I đến Quý II: Hội thi tìm hiểu.", dt.date(2025, 6, 30), "Hội thi tìm hiểu."),
        ("- Tháng 3 - 15 tin bài trên Zalo xã.", dt.date(2025, 3, 31), "15 tin bài trên Zalo xã."),  # not a range
    ],
)
def test_range_wordings(line, due, title):
    plan = parse_text(f"KẾ HOẠCH\nTuyên truyền năm 2025\nI. TIẾN ĐỘ THỰC HIỆN\n{line}\n")
    assert [(t.due_date, t.title) for t in plan.tasks] == [(due, title)]


# --- 3. recurring duties ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phát sóng ít nhất 02 lần/tuần", (Recurrence.WEEKLY, 2)),
        ("cập nhật hằng tuần vào thứ Sáu", (Recurrence.WEEKLY, 1)),
        ("Định kỳ hằng tháng báo cáo", (Recurrence.MONTHLY, 1)),
        ("thường xuyên hàng tháng", (Recurrence.MONTHLY, 1)),
        ("tổ chức 3 buổi mỗi tháng", (Recurrence.MONTHLY, 3)),
        ("sơ kết hàng quý", (Recurrence.QUARTERLY, 1)),
        ("Phát hành 01 số/quý", (Recurrence.QUARTERLY, 1)),
        ("Tổ chức 02 hội nghị/quý", (Recurrence.QUARTERLY, 2)),
        ("Đăng 04 tin, bài/tháng trên Zalo", (Recurrence.MONTHLY, 4)),
        ("Định kỳ khảo sát mức độ hài lòng", ("", 1)),  # no period named
        ("Trong Quý I/2023 và tháng 3/2023", ("", 1)),
    ],
)
def test_recurrence_wordings(text, expected):
    assert recurrence_in(text) == expected


def test_a_radio_duty_paragraph_names_its_unit_and_recurs_twice_a_week():
    plan = parse_text(
        "KẾ HOẠCH\nTuyên truyền năm 2026\nIII. TRÁCH NHIỆM THỰC HIỆN\n"
        "Đài truyền thanh xã – phát sóng ít nhất 02 lần/tuần\n"
    )
    [task] = plan.tasks
    assert (task.lead_unit, task.recurrence, task.times_per_period) == ("Đài truyền thanh xã", "weekly", 2)
    assert task.channels == [Channel.RADIO]  # from the unit's name: "phát sóng" names no channel
    assert plan.unplaced == []


def test_duty_paragraphs_of_the_2026_plan_recur_as_written():
    plan = parse_file(DUTIES_2026)
    recurring = [(t.lead_unit, t.recurrence, t.times_per_period) for t in plan.tasks if t.recurrence]
    assert recurring == [
        ("", "monthly", 1),  # "Thường xuyên hằng tháng: Cập nhật …" in the schedule
        ("Đài truyền thanh xã", "weekly", 2),
        ("Công chức Văn hóa - Xã hội", "weekly", 1),
        ("Văn phòng HĐND và UBND xã", "quarterly", 1),
        ("Hội Liên hiệp Phụ nữ xã", "monthly", 1),
    ]
    assert plan.unplaced == []


def _start(plan, commune):
    """Units report on a plan once it is signed and under way."""
    from cchc.plans.actions import ChangePlanStatus
    from cchc.plans.models import PlanStatus

    for status in (PlanStatus.APPROVED, PlanStatus.IN_PROGRESS):
        ChangePlanStatus(commune=commune, plan=plan, status=status).execute()


@pytest.fixture
def plan_2026(commune_a):
    return save_parsed_plan(commune=commune_a, parsed=parse_file(DUTIES_2026), source_name=DUTIES_2026.name)


def test_recurring_tasks_get_one_occurrence_per_period_of_the_plan_year(commune_a, plan_2026):
    with commune_scope(commune_a):
        radio = Task.objects.get(plan=plan_2026, lead_unit_name="Đài truyền thanh xã")
        weeks = list(radio.occurrences.values_list("label", flat=True))
        # issued Monday 05/01/2026 (week 2); 2026 has 53 ISO weeks
        assert (len(weeks), weeks[0], weeks[-1]) == (52, "Tuần 2/2026", "Tuần 53/2026")
        office = Task.objects.get(plan=plan_2026, lead_unit_name="Văn phòng HĐND và UBND xã")
        assert list(office.occurrences.values_list("label", flat=True)) == [
            "Quý I/2026",
            "Quý II/2026",
            "Quý III/2026",
            "Quý IV/2026",
        ]
        women = Task.objects.get(plan=plan_2026, lead_unit_name="Hội Liên hiệp Phụ nữ xã")
        assert women.occurrences.count() == 12
        assert women.occurrences.first().label == "Tháng 1/2026"
        once = Task.objects.filter(plan=plan_2026, quarter=2)
        assert once.exists()
        assert not TaskOccurrence.objects.filter(task__in=once).exists()  # done once


def test_an_occurrence_is_done_when_its_reports_reach_the_times_per_period(commune_a, plan_2026):
    _start(plan_2026, commune_a)
    with commune_scope(commune_a):
        radio = Task.objects.get(plan=plan_2026, lead_unit_name="Đài truyền thanh xã")
    monday = dt.date(2026, 3, 30)  # week 14
    first = FileProgressReport(ProgressReport(commune=commune_a, task=radio, reported_on=monday, percent=100)).execute()
    with commune_scope(commune_a):
        assert first.occurrence.label == "Tuần 14/2026"
        summary = occurrence_summary(radio, today=dt.date(2026, 4, 6))
        assert (summary.done, summary.due_so_far, summary.total) == (0, 13, 52)  # one broadcast of two
        # one report at 100% does not close a task that recurs all year
        assert Task.objects.get(pk=radio.pk).status == TaskStatus.IN_PROGRESS
    FileProgressReport(
        ProgressReport(commune=commune_a, task=radio, reported_on=monday + dt.timedelta(days=3), percent=100)
    ).execute()
    with commune_scope(commune_a):
        summary = occurrence_summary(radio, today=dt.date(2026, 4, 6))
        assert (summary.done, summary.total) == (1, 52)
        assert str(summary) == "Đã thực hiện 1/52 tuần"


def test_listing_summaries_take_a_fixed_number_of_queries(commune_a, plan_2026, django_assert_num_queries):
    with commune_scope(commune_a):
        tasks = with_occurrences(Task.objects.filter(plan=plan_2026))
        with django_assert_num_queries(2):
            summaries = [occurrence_summary(task) for task in tasks]
    assert sum(1 for summary in summaries if summary) == 5


def test_editing_a_tasks_recurrence_rebuilds_its_occurrences(commune_a, plan_2026):
    with commune_scope(commune_a):
        task = Task.objects.get(plan=plan_2026, lead_unit_name="Văn phòng HĐND và UBND xã")
    task.recurrence = Recurrence.MONTHLY
    task.starts_on = dt.date(2026, 7, 1)
    EditTask(task).execute()
    with commune_scope(commune_a):
        assert list(task.occurrences.values_list("label", flat=True))[:2] == ["Tháng 7/2026", "Tháng 8/2026"]
        assert task.occurrences.count() == 6
    task.recurrence = Recurrence.NONE
    EditTask(task).execute()
    with commune_scope(commune_a):
        assert not TaskOccurrence.objects.filter(task=task).exists()


def test_the_admin_task_list_shows_how_many_periods_are_done(client, commune_a, office_a, plan_2026):
    with commune_scope(commune_a):
        radio = Task.objects.get(plan=plan_2026, lead_unit_name="Đài truyền thanh xã")
    client.force_login(office_a)
    page = client.get(reverse("nhiem-vu:index")).content.decode()
    assert "Đã thực hiện 0/52 tuần" in page
    assert NEEDS_UNIT in page
    assert radio.title in page


# --- 4. amounts become budget lines -----------------------------------------------------------------


def test_amounts_are_read_with_what_they_pay_for():
    plan = parse_file(DUTIES_2026)
    assert [(b.name, b.amount, b.is_total) for b in plan.budget] == [
        (
            "Tổ chức hội nghị đối thoại giữa lãnh đạo UBND xã với Nhân dân về cải cách hành chính",
            20_000_000,
            False,
        ),
        ("Kinh phí in tờ rơi, tờ gấp", 5_000_000, False),
        ("Tổng cộng", 25_000_000, True),
    ]
    ranges = parse_file(RANGES_2023)
    assert [(b.name, b.amount, b.line) for b in ranges.budget] == [
        ("In tờ rơi, băng rôn", 6_500_000, 38),
        ("Tổ chức hội nghị", 8_500_000, 39),
        ("Tổng kinh phí", 15_000_000, 40),  # "15.000.000 đ (Mười lăm triệu đồng)": once, not twice
    ]


def test_a_total_alone_is_the_budget_and_a_total_of_items_is_not_counted_twice(commune_a, plan_2026):
    with commune_scope(commune_a):
        lines = list(BudgetLine.objects.filter(plan=plan_2026).values_list("amount", flat=True))
    assert sorted(lines) == [5_000_000, 20_000_000]
    alone = parse_text("KẾ HOẠCH\nTuyên truyền năm 2025\nI. KINH PHÍ\nKinh phí thực hiện khoảng 7,5 triệu đồng.\n")
    assert [(b.name, b.amount) for b in alone.budget_lines] == [("Kinh phí thực hiện", 7_500_000)]
    assert (
        parse_file(
            Path(__file__).resolve().parents[1] / "seed" / "ke-hoach-tuyen-truyen-cchc-dinh-bien-2022.txt"
        ).budget
        == []
    )


# --- 5. units only as written -----------------------------------------------------------------------


def test_tasks_that_name_no_unit_are_left_for_the_office(commune_a, plan_2026):
    parsed = parse_file(DUTIES_2026)
    assert [t.title for t in _duties(parsed) if not t.lead_unit] == [
        "Rà soát, cập nhật danh mục thủ tục hành chính niêm yết tại Bộ phận một cửa."
    ]
    with commune_scope(commune_a):
        waiting = unassigned_tasks(commune=commune_a, plan=plan_2026)
        assert {t.source for t in waiting} == {"timeline", "responsibilities"}
        assert all(t.needs_unit and t.lead_unit is None for t in waiting)
        assert not Task.objects.get(plan=plan_2026, lead_unit_name="Hội Liên hiệp Phụ nữ xã").needs_unit


# --- 1. nothing silently dropped --------------------------------------------------------------------


def test_lines_that_give_no_task_are_reported_with_their_number():
    plan = parse_file(RANGES_2023)
    assert [(u.line, u.text) for u in plan.unplaced] == [
        (25, "Các nội dung khác phát sinh thực hiện theo chỉ đạo của UBND huyện.")
    ]
    assert "chưa tạo nhiệm vụ" in plan.unplaced[0].reason
    lead_in = parse_text("KẾ HOẠCH\nTuyên truyền năm 2025\nI. TỔ CHỨC THỰC HIỆN\nCác nội dung cụ thể như sau:\n")
    assert [(u.line, u.text) for u in lead_in.unplaced] == [(4, "Các nội dung cụ thể như sau:")]


def test_the_preview_marks_unassigned_tasks_budget_and_unplaced_lines(client, commune_a, office_a):
    client.force_login(office_a)
    response = client.post(
        reverse("cchc_plans_upload"), {"file": SimpleUploadedFile(DUTIES_2026.name, DUTIES_2026.read_bytes())}
    )
    page = client.get(response["Location"]).content.decode()
    assert NEEDS_UNIT in page
    assert "Hằng tuần (2 lần)" in page
    assert "20.000.000" in page
    assert "Mọi dòng của tệp đều đã được xếp vào kế hoạch." in page
    client.post(response["Location"])
    with commune_scope(commune_a):
        plan = Plan.objects.get()
        assert plan.budget_lines.count() == 2
        assert TaskOccurrence.objects.filter(task__plan=plan).count() == 12 + 52 + 52 + 4 + 12

    other = client.post(
        reverse("cchc_plans_upload"), {"file": SimpleUploadedFile(RANGES_2023.name, RANGES_2023.read_bytes())}
    )
    page = client.get(other["Location"]).content.decode()
    assert "Mọi dòng của tệp đều đã được xếp vào kế hoạch." not in page
    assert "Các nội dung khác phát sinh" in page


# --- 6. not a plan ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "không giống một kế hoạch"),
        ("Kính gửi anh chị,\nXin gửi lại danh sách đi họp ngày mai.\n".encode(), "không giống một kế hoạch"),
        ("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n".encode(), "không có nội dung kế hoạch"),
    ],
    ids=["empty", "a-letter", "title-only"],
)
def test_a_file_that_is_not_a_plan_is_refused(data, reason):
    with pytest.raises(ImportRefused, match=reason):
        parse_upload("tep.txt", data)


def test_the_preview_of_a_title_only_file_says_why_and_saves_nothing(client, commune_a, office_a):
    client.force_login(office_a)
    data = "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n".encode()
    response = client.post(reverse("cchc_plans_upload"), {"file": SimpleUploadedFile("trang-dau.txt", data)})
    page = client.get(response["Location"]).content.decode()
    assert "chỉ có tiêu đề «Tuyên truyền cải cách hành chính năm 2026»" in page
    client.post(response["Location"])
    with commune_scope(commune_a):
        assert not Plan.objects.exists()
        assert PlanImport.objects.get().plan is None


def test_a_report_may_name_its_period_and_a_unit_member_waits_for_an_unassigned_task(
    commune_a, plan_2026, make_official
):
    _start(plan_2026, commune_a)
    from django.core.exceptions import PermissionDenied

    from cchc.communes.roles import Role

    with commune_scope(commune_a):
        monthly = Task.objects.get(plan=plan_2026, lead_unit_name="Hội Liên hiệp Phụ nữ xã")
        march = monthly.occurrences.get(label="Tháng 3/2026")
        unassigned = unassigned_tasks(commune=commune_a, plan=plan_2026).first()
        unit = Task.objects.filter(plan=plan_2026, lead_unit__isnull=False).first().lead_unit
    late = FileProgressReport(
        ProgressReport(commune=commune_a, task=monthly, occurrence=march, reported_on=dt.date(2026, 4, 2))
    ).execute()
    assert late.occurrence == march  # filed in April for March's meeting
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=unit)
    with pytest.raises(PermissionDenied, match="chưa có đơn vị chủ trì"):
        FileProgressReport(ProgressReport(commune=commune_a, task=unassigned, percent=50), user=member).execute()
