"""Importing questions from a real .xlsx file: all rows checked first, all stored or none."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.contests.actions import ImportQuestions
from cchc.contests.importing import MAX_BYTES, MAX_ROWS, ImportFailed, read_question_file
from cchc.contests.models import NationalQuestion, Question, QuestionKind

from .helpers import HEADER, choices, xlsx

pytestmark = pytest.mark.django_db

GOOD = [
    HEADER,
    [
        1,
        "Người khiếu nại lần đầu có thời hạn bao nhiêu ngày?",
        "30 ngày",
        "90 ngày",
        "180 ngày",
        None,
        "B",
        "Điều 9 Luật Khiếu nại 2011",
        "Tiếp công dân, khiếu nại, tố cáo",
    ],
    [
        2,
        "Những hành vi nào là tham nhũng?",
        "Tham ô tài sản",
        "Đi làm muộn",
        "Nhận hối lộ",
        "Nghỉ phép",
        "a, C",
        "Điều 2 Luật Phòng, chống tham nhũng 2018",
        "Phòng, chống tham nhũng, Cải cách hành chính",
    ],
    [None] * 9,
    [3, "Hiến pháp hiện hành được thông qua năm nào?", 1992, 2013, None, None, "B", "", "hien-phap"],
]


def run(commune, user, rows):
    content = xlsx(rows)
    return ImportQuestions(
        commune=commune, user=user, rows=read_question_file("cau-hoi.xlsx", content), source_name="cau-hoi.xlsx"
    ).execute()


def stored(commune) -> list[Question]:
    with commune_scope(commune):
        return list(Question.objects.prefetch_related("topics").order_by("pk"))


def test_the_justice_officer_imports_a_sheet_and_reads_it_back(commune_a, make_official):
    justice = make_official(commune_a, Role.JUSTICE)
    report = run(commune_a, justice, GOOD)
    assert (report.stored, report.already, report.skipped_blank) == (3, 0, 1)
    first, second, third = stored(commune_a)
    assert first.kind == QuestionKind.SINGLE
    assert first.choices == choices("30 ngày", "90 ngày", "180 ngày", correct=(1,))
    assert first.legal_source == "Điều 9 Luật Khiếu nại 2011"
    assert [t.name for t in first.topics.all()] == ["Tiếp công dân, khiếu nại, tố cáo"]
    assert second.kind == QuestionKind.MULTIPLE
    assert second.correct_letters == "A, C"
    assert {t.name for t in second.topics.all()} == {"Phòng, chống tham nhũng", "Cải cách hành chính"}
    assert third.choices == choices("1992", "2013", correct=(1,))
    with commune_scope(commune_a):
        entry = CommuneLogEntry.objects.get(action="cchc.import")
    assert entry.user == justice
    assert entry.data["questions"] == 3


def test_importing_the_same_file_again_adds_nothing(commune_a, office_a):
    NationalQuestion.objects.create(text="Hiến pháp hiện hành được thông qua năm nào?", choices=choices("1", "2"))
    assert run(commune_a, office_a, GOOD).stored == 2  # the national bank already asks the third
    again = run(commune_a, office_a, GOOD)
    assert (again.stored, again.already) == (0, 3)
    assert len(stored(commune_a)) == 2


def test_every_bad_row_is_reported_and_nothing_is_saved(commune_a, office_a):
    rows = [
        *GOOD,
        [4, "", "Có", "Không", None, None, "A", "", "Hiến pháp"],
        [5, "Câu không có đáp án", "Có", "Không", None, None, "", "", "Hiến pháp"],
        [6, "Đáp án chỉ vào ô trống", "Có", "Không", None, None, "D", "", "Hiến pháp"],
        [7, "Chủ đề lạ", "Có", "Không", None, None, "A", "", "Thuế"],
        [8, "Thiếu phương án B", "Có", None, "Tùy", None, "A", "", "Hiến pháp"],
        [9, "Chỉ một phương án", "Có", None, None, None, "A", "", "Hiến pháp"],
        [10, "Những hành vi nào là tham nhũng?", "Có", "Không", None, None, "A", "", "Hiến pháp"],
        [11, "Căn cứ quá dài", "Có", "Không", None, None, "A", "x" * 300, "Hiến pháp"],
    ]
    with pytest.raises(ImportFailed) as failed:
        run(commune_a, office_a, rows)
    errors = failed.value.errors
    assert errors == [
        "Dòng 6, cột Câu hỏi: hãy nhập nội dung câu hỏi.",
        "Dòng 7, cột Đáp án đúng: chưa ghi đáp án đúng (ví dụ B, hoặc A, C).",
        "Dòng 8, cột Đáp án đúng: đáp án D chỉ vào phương án để trống.",
        "Dòng 9, cột Chủ đề: không có chủ đề “Thuế”; các chủ đề: " + errors[3].split("các chủ đề: ")[1],
        "Dòng 10, cột Phương án B: phương án B để trống trong khi phương án C có nội dung.",
        "Dòng 11, cột Phương án: câu hỏi phải có từ 2 đến 6 phương án trả lời, hiện có 1.",
        "Dòng 12, cột Câu hỏi: trùng câu hỏi ở dòng 3.",
        errors[7],
    ]
    assert "Đất đai" in errors[3]
    assert errors[7].startswith("Dòng 13, cột Căn cứ pháp lý: ")
    assert stored(commune_a) == []
    with commune_scope(commune_a):
        assert not CommuneLogEntry.objects.filter(action="cchc.import").exists()


def test_a_sheet_without_the_needed_columns_is_refused_by_its_header(commune_a, office_a):
    with pytest.raises(ImportFailed) as failed:
        run(commune_a, office_a, [["Câu hỏi", "Phương án A", "Chủ đề"], ["Hỏi?", "Có", "Hiến pháp"]])
    assert failed.value.errors == ["Dòng 1: thiếu cột “Đáp án đúng”.", "Dòng 1: thiếu cột “Phương án B”."]


def test_files_too_big_too_long_or_not_excel_are_refused(commune_a, office_a):
    with pytest.raises(ImportFailed, match="vượt quá giới hạn 5 MB"):
        read_question_file("cau-hoi.xlsx", b"0" * (MAX_BYTES + 1))
    with pytest.raises(ImportFailed, match=r"Chỉ nhận tệp Excel \(.xlsx\)"):
        read_question_file("cau-hoi.csv", b"Cau hoi")
    with pytest.raises(ImportFailed, match="không phải bảng tính"):
        read_question_file("cau-hoi.xlsx", b"not a zip")
    long = [HEADER] + [[n, f"Câu {n}", "Có", "Không", None, None, "A", "", "Hiến pháp"] for n in range(MAX_ROWS + 1)]
    with pytest.raises(ImportFailed, match=r"hơn 2\.000 dòng câu hỏi"):
        run(commune_a, office_a, long)
    assert stored(commune_a) == []


@pytest.mark.parametrize("role", [Role.CULTURE_INFO, Role.BROADCASTER, Role.OVERSEER])
def test_only_justice_office_and_leaders_may_import(commune_a, make_official, role):
    with pytest.raises(PermissionDenied, match="Chỉ công chức Tư pháp, Văn phòng và lãnh đạo UBND xã"):
        run(commune_a, make_official(commune_a, role), GOOD)
    assert stored(commune_a) == []


def test_a_role_in_commune_b_gives_no_right_to_import_into_a(commune_a, commune_b, make_official):
    justice_b = make_official(commune_b, Role.JUSTICE)
    with pytest.raises(PermissionDenied):
        run(commune_a, justice_b, GOOD)


def test_commune_b_never_sees_the_questions_a_imported(commune_a, commune_b, make_official):
    NationalQuestion.objects.create(text="Câu hỏi dùng chung", choices=choices("Có", "Không"))
    run(commune_a, make_official(commune_a, Role.CHAIRMAN), GOOD)
    assert len(stored(commune_a)) == 3
    assert stored(commune_b) == []
    assert NationalQuestion.objects.count() == 1  # the national bank is the same for both, untouched
