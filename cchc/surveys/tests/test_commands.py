"""Both commands end to end: a spreadsheet in, the index out; a bad file stores nothing and says where."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from cchc.communes.scoping import commune_scope
from cchc.procedures.models import ProcedureField
from cchc.surveys.models import Campaign, Response


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def index_of(commune, title) -> dict:
    return json.loads(run("survey_index", "--commune", commune.slug, "--campaign", title, "--json"))


def write_csv(path, text, *, bom=False):
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def write_xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def responses_of(commune) -> int:
    with commune_scope(commune):
        return Response.objects.count()


def test_a_csv_with_semicolons_and_a_bom_is_imported_once_and_its_index_printed(commune_a, tmp_path):
    # 1.1: 5, 4, 2 → 2/3 = 66.67;  1.2: 3, blank, 4 → 1/2 = 50;  element 1 = (200/3 + 50)/2 = 58.33
    # 2.1: 4, 4, 4 → 100 = element 2; elements 3–5: nobody → null
    # overall = (350/6 + 100) / 2 = 950/12 = 79.166… → 79.17; the row with no answers is skipped
    path = write_csv(
        tmp_path / "phieu.csv",
        "STT;1.1;1.2;2.1;ý kiến\n1;5;3;4;Cán bộ nhiệt tình\n2;4;;4;\n;;;;\n3;2;4;4;Chỗ ngồi chật\n",
        bom=True,
    )
    out = run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Quý IV 2026")
    assert "Đã tạo đợt khảo sát “Quý IV 2026”" in out
    assert "Đã lưu 3 phiếu mới; 0 phiếu đã có từ lần nhập trước; bỏ qua 1 dòng trống." in out
    figures = index_of(commune_a, "Quý IV 2026")
    assert figures["overall"] == 79.17
    assert figures["elements"] == {"1": 58.33, "2": 100.0, "3": None, "4": None, "5": None}
    assert (figures["criteria"]["1.1"], figures["criteria"]["1.2"], figures["criteria"]["1.3"]) == (66.67, 50.0, None)
    assert len(figures["criteria"]) == 22
    assert figures["responses"] == 3
    again = run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Quý IV 2026")
    assert "Đã lưu 0 phiếu mới; 3 phiếu đã có từ lần nhập trước" in again
    assert index_of(commune_a, "Quý IV 2026") == figures
    with commune_scope(commune_a):
        assert Campaign.objects.count() == 1
        comments = set(Response.objects.exclude(comment="").values_list("comment", flat=True))
        assert comments == {"Cán bộ nhiệt tình", "Chỗ ngồi chật"}


def test_the_json_output_is_exactly_the_documented_shape(commune_a, tmp_path):
    path = write_csv(tmp_path / "a.csv", "1.1,5.4\n4,1\n")
    run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "K")
    printed = run("survey_index", "--commune", commune_a.slug, "--campaign", "K", "--json").strip()
    assert printed.startswith('{"overall": 50.0, "elements": {"1": 100.0, "2": null,')
    assert list(json.loads(printed)) == ["overall", "elements", "criteria", "responses"]
    assert printed.endswith('"5.4": 0.0}, "responses": 1}')


def test_an_xlsx_with_numbers_floats_and_text_cells_and_a_procedure_field(commune_a, tmp_path):
    civil = ProcedureField.objects.create(code="HT-X", name="Hộ tịch thử", slug="ho-tich-thu")
    # 3.1: 5, 4.0, "3" → 2/3;  3.2: "5", blank, 1 → 1/2;  element 3 = (200/3 + 50)/2 = 175/3 = 58.33 = overall
    path = write_xlsx(
        tmp_path / "phieu.xlsx",
        [
            ["Họ tên", "Lĩnh vực", "3.1", "3.2", "Ghi chú"],
            ["A", "Hộ tịch thử", 5, "5", "x"],
            ["B", "ho tich thu", 4.0, None, None],
            ["C", None, "3", 1, None],
        ],
    )
    out = run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Excel")
    assert "Đã lưu 3 phiếu mới" in out
    figures = index_of(commune_a, "Excel")
    assert (figures["criteria"]["3.1"], figures["criteria"]["3.2"]) == (66.67, 50.0)
    assert (figures["elements"]["3"], figures["overall"]) == (58.33, 58.33)
    with commune_scope(commune_a):
        assert Response.objects.filter(procedure_field=civil).count() == 2


def test_a_bad_file_stores_nothing_and_names_each_bad_row_and_column(commune_a, tmp_path):
    path = write_xlsx(
        tmp_path / "loi.xlsx",
        [
            ["1.1", "1.2", "2.1"],
            [5, 4, 4],
            [6, 4, 4],
            [None, None, None],
            [3, "tốt", 4.5],
        ],
    )
    with pytest.raises(CommandError) as failed:
        run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Lỗi")
    message = str(failed.value)
    assert "chưa lưu phiếu nào" in message
    assert "Dòng 3, cột 1.1: giá trị “6” không hợp lệ" in message
    assert "Dòng 5, cột 1.2: giá trị “tốt” không hợp lệ" in message
    assert "Dòng 5, cột 2.1: giá trị “4.5” không hợp lệ" in message
    assert "Dòng 2" not in message
    assert responses_of(commune_a) == 0
    with commune_scope(commune_a):
        assert not Campaign.objects.exists()  # the campaign the import would have created is not left behind


def test_an_unknown_criterion_column_is_named(commune_a, tmp_path):
    path = write_csv(tmp_path / "cot.csv", "1.1,2.6,ghi chú\n5,4,\n")
    with pytest.raises(CommandError) as failed:
        run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Cột lạ")
    assert "Dòng 1, cột 2.6: mã tiêu chí “2.6” không có trong mẫu phiếu" in str(failed.value)
    assert responses_of(commune_a) == 0


def test_a_field_the_catalogue_does_not_know_is_kept_as_the_form_wrote_it(commune_a, tmp_path):
    from cchc.surveys.models import Response

    path = write_csv(tmp_path / "lv.csv", "thủ tục,1.1\n,5\nHộ tịch (viết tay),4\n")
    run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "LV")
    assert responses_of(commune_a) == 2
    with commune_scope(commune_a):
        assert sorted(Response.objects.values_list("field_label", flat=True)) == ["", "Hộ tịch (viết tay)"]


def test_an_import_goes_to_the_named_communes_campaign_only(commune_a, commune_b, make_campaign, tmp_path):
    make_campaign(commune_b, title="Chung tên")
    path = write_csv(tmp_path / "a.csv", "1.1\n5\n")
    run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Chung tên")
    assert responses_of(commune_a) == 1
    assert responses_of(commune_b) == 0
    assert index_of(commune_b, "Chung tên")["responses"] == 0


def test_unknown_commune_or_campaign_is_a_vietnamese_error(commune_a, tmp_path):
    with pytest.raises(CommandError) as failed:
        run("survey_index", "--commune", "khong-co-xa-nay", "--campaign", "X", "--json")
    assert "Không có xã nào có đường dẫn hoặc mã “khong-co-xa-nay”" in str(failed.value)
    with pytest.raises(CommandError) as failed:
        run("survey_index", "--commune", commune_a.slug, "--campaign", "Không có", "--json")
    assert "không có đợt khảo sát “Không có”" in str(failed.value)
    with pytest.raises(CommandError):
        run("import_survey_responses", str(tmp_path / "none.csv"), "--commune", commune_a.slug, "--campaign", "X")


def test_the_readable_table_names_elements_and_criteria_in_vietnamese(commune_a, tmp_path):
    path = write_csv(tmp_path / "a.csv", "1.1,1.2\n5,2\n")
    run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Bảng")
    table = run("survey_index", "--commune", commune_a.slug, "--campaign", "Bảng")
    assert "Yếu tố 1. Tiếp cận dịch vụ: 50,00" in table
    assert "Nơi ngồi chờ có đủ chỗ ngồi" in table
    assert "Chỉ số hài lòng chung: 50,00" in table
    assert "Số phiếu: 1" in table


def test_criterion_columns_may_carry_the_words_provinces_put_before_the_code(commune_a, tmp_path):
    path = write_csv(tmp_path / "tieu-de.csv", "STT;Tiêu chí 1.1;TC2.1;Câu 3.1\n1;5;4;2\n2;4;;1\n")
    run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Tiêu đề dài")
    figures = index_of(commune_a, "Tiêu đề dài")
    assert (figures["criteria"]["1.1"], figures["criteria"]["2.1"], figures["criteria"]["3.1"]) == (100.0, 100.0, 0.0)
    assert figures["responses"] == 2


def test_answers_typed_as_the_scale_words_count_like_their_numbers(commune_a, tmp_path):
    path = write_csv(
        tmp_path / "chu.csv", "1.1,1.2,1.3\nRất hài lòng,hai long,Bình thường\nRAT KHONG HAI LONG,Không hài lòng,5\n"
    )
    run("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Bằng chữ")
    figures = index_of(commune_a, "Bằng chữ")
    assert (figures["criteria"]["1.1"], figures["criteria"]["1.2"], figures["criteria"]["1.3"]) == (50.0, 50.0, 50.0)
    bad = write_csv(tmp_path / "tot.csv", "1.1\ntốt\n")
    with pytest.raises(CommandError) as failed:
        run("import_survey_responses", str(bad), "--commune", commune_a.slug, "--campaign", "Bằng chữ 2")
    assert "Dòng 2, cột 1.1" in str(failed.value)
