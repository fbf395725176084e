"""The list the national procedure database exports, read through the real command into the database."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from cchc.procedures.catalogue import national
from cchc.procedures.models import FormTemplate, Procedure, ProcedureField

HEADER = [
    "STT", "Mã thủ tục", "Tên thủ tục hành chính", "Lĩnh vực", "Cấp thực hiện", "Thời hạn giải quyết",
    "Phí, lệ phí (nếu có)", "Căn cứ pháp lý", "Cơ quan thực hiện", "Mức độ DVC",
]  # fmt: skip
WIDTH = len(HEADER)


def _title_rows(sheet):
    """Two merged title rows and a blank one above the header, as a decision's appendix has."""
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=WIDTH)
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA ỦY BAN NHÂN DÂN CẤP XÃ"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=WIDTH)
    sheet.append([])


def _save(book, tmp_path, name="danh-sach-tthc.xlsx"):
    path = tmp_path / name
    book.save(path)
    return str(path)


@pytest.fixture
def export(tmp_path):
    """An export with title rows, a numbering row, a field merged down two rows and a province-level row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách TTHC"
    _title_rows(sheet)
    sheet.append(HEADER)  # row 4
    sheet.append([f"({i})" for i in range(1, WIDTH + 1)])  # row 5
    legal = "- Luật Hộ tịch số 60/2014/QH13;\n- Nghị định số 123/2015/NĐ-CP;\n- Thông tư số 04/2020/TT-BTP."
    rows = [
        [1, "1.001193", "Đăng ký khai sinh", "Hộ tịch", "Cấp Xã",
         "Ngay trong ngày tiếp nhận yêu cầu, trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc "
         "tiếp theo", "Miễn lệ phí đăng ký khai sinh đúng hạn", legal, "Ủy ban nhân dân cấp xã", "Toàn trình"],
        [2, "1.004884", "Đăng ký lại khai sinh", None, "Cấp Xã", "05 ngày làm việc", "8.000 đồng", legal,
         "Ủy ban nhân dân cấp xã", "Một phần"],
        [3, 2.000815, "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực", "Cấp Tỉnh, Cấp Xã",
         "Trong ngày tiếp nhận", "2.000 đồng/trang", "Nghị định số 23/2015/NĐ-CP", "Ủy ban nhân dân cấp xã",
         "Chưa cung cấp DVC"],
        [4, "1.001622", "Cấp Giấy chứng nhận đăng ký doanh nghiệp", "Thành lập và hoạt động doanh nghiệp", "Cấp Tỉnh",
         "03 ngày làm việc", "50.000 đồng", "Luật Doanh nghiệp số 59/2020/QH14", "Sở Tài chính", "Toàn trình"],
        [5, "1.000894.000.00.00.H55", "Đăng ký kết hôn", "Hộ tịch", "Cấp Xã", "Không quá 05 ngày làm việc",
         "Miễn lệ phí", "Luật Hôn nhân và gia đình số 52/2014/QH13", "Ủy ban nhân dân cấp xã", "Toàn trình"],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)  # rows 6-10
    sheet.merge_cells("D6:D7")  # «Hộ tịch» written once for the first two procedures
    sheet.append([])
    sheet.append(["TM. ỦY BAN NHÂN DÂN", None, None, None, None, None, None, "CHỦ TỊCH"])
    return _save(book, tmp_path)


def test_a_national_export_loads_its_commune_level_procedures(db, export, capsys):
    call_command("import_procedures", export)
    out = capsys.readouterr().out
    assert "trang «Danh sách TTHC», dòng tiêu đề 4; 4 thủ tục cấp xã" in out
    assert "Bỏ qua 1 thủ tục không thực hiện ở cấp xã: Cấp Tỉnh (1)" in out
    assert "Các cột đã đọc: STT; Mã thủ tục; Tên thủ tục hành chính; Lĩnh vực; Cấp thực hiện;" in out
    assert "4 thủ tục mới" in out
    assert set(Procedure.objects.values_list("code", flat=True)) == {"1.001193", "1.004884", "2.000815", "1.000894"}

    birth = Procedure.objects.get(code="1.001193")
    assert birth.field.name == "Hộ tịch"
    assert birth.field.code == national.field_code("Hộ tịch")
    assert birth.processing_days == 0
    assert birth.legal_basis == [
        "Luật Hộ tịch số 60/2014/QH13", "Nghị định số 123/2015/NĐ-CP", "Thông tư số 04/2020/TT-BTP.",
    ]  # fmt: skip
    assert birth.online_level == "toan_trinh"
    assert [row["method"] for row in birth.submission] == ["truc_tiep", "truc_tuyen"]
    assert "dichvucong.gov.vn" in birth.steps[-1]
    assert birth.code_verified
    assert birth.level == "Cấp xã"

    again = Procedure.objects.get(code="1.004884")
    assert again.field == birth.field  # the merged cell holds the field of both rows
    assert (again.processing_days, again.fees, again.online_level) == (5, "8.000 đồng", "mot_phan")

    copy = Procedure.objects.get(code="2.000815")  # Excel kept the code as a number, zeros lost
    assert copy.field.name == "Chứng thực"
    assert copy.level == "Cấp Tỉnh, Cấp Xã"
    assert copy.processing_days == 0

    marriage = Procedure.objects.get(code="1.000894")  # the portal's full notation, read as the code
    assert marriage.processing_days == 5
    assert not Procedure.objects.filter(code="1.001622").exists()
    assert ProcedureField.objects.count() == 2


def test_importing_the_same_export_twice_changes_nothing(db, export, capsys):
    call_command("import_procedures", export)
    call_command("import_procedures", export)
    assert "0 thủ tục mới, 0 thủ tục có phiên bản mới, 4 không đổi" in capsys.readouterr().out
    assert Procedure.objects.count() == 4


def test_headers_without_tones_and_fields_and_levels_as_heading_rows(db, tmp_path, capsys):
    """No level or field column: «A. … cấp tỉnh» / «B. … cấp xã» and «I. LĨNH VỰC …» rows say them."""
    book = Workbook()
    sheet = book.active
    _title_rows(sheet)
    sheet.append(["TT", "Ma so TTHC", "Ten thu tuc hanh chinh", "Thoi han giai quyet", "Dia diem thuc hien",
                  "Phi, le phi (neu co)", "Can cu phap ly"])  # fmt: skip
    sheet.append(["A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH"])
    sheet.append(["I", "LĨNH VỰC HỘ TỊCH"])
    sheet.append([1, "2.000528", "Đăng ký khai sinh có yếu tố nước ngoài", "10 ngày", "Sở Tư pháp", "", ""])
    sheet.append(["B. THỦ TỤC HÀNH CHÍNH CẤP XÃ"])
    sheet.append(["I. LĨNH VỰC HỘ TỊCH (02 thủ tục)"])
    sheet.append([1, "1.000656", "Đăng ký khai tử", "Ngay trong ngày", "Bộ phận Một cửa UBND xã", "Không",
                  "Luật Hộ tịch năm 2014"])  # fmt: skip
    sheet.append([2, "1.004837", "Đăng ký giám hộ", "03 ngày làm việc", "Bộ phận Một cửa UBND xã", "Không", ""])
    sheet.append(["II. Lĩnh vực Hòa giải ở cơ sở"])
    sheet.append([1, "1.002211", "Công nhận hòa giải viên", "05 ngày làm việc", "", "", ""])
    call_command("import_procedures", _save(book, tmp_path))
    assert "Bỏ qua 1 thủ tục không thực hiện ở cấp xã: A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH (1)" in capsys.readouterr().out

    loaded = {p.code: p for p in Procedure.objects.all()}
    assert set(loaded) == {"1.000656", "1.004837", "1.002211"}
    assert loaded["1.000656"].field.name == "Hộ tịch"
    assert loaded["1.002211"].field.name == "Hòa giải ở cơ sở"
    assert loaded["1.000656"].steps[0] == "Nộp hồ sơ tại: Bộ phận Một cửa UBND xã."
    assert loaded["1.004837"].processing_days == 3
    assert all(p.level == "Cấp xã" for p in loaded.values())


def test_a_code_already_in_the_catalogue_keeps_its_steps_dossier_forms_and_words(catalogue, tmp_path, capsys):
    """The list updates what it says (name, time, fees, legal basis); the rest stays; fields are matched by name."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([1, "1.001193", "Đăng ký khai sinh", "HỘ TỊCH", "Cấp xã", "Ngay trong ngày làm việc",
                  "Miễn lệ phí khi đăng ký đúng hạn", "Luật Hộ tịch số 60/2014/QH13", "", ""])  # fmt: skip
    sheet.append([2, "1.000656", "Đăng ký khai tử", "Hộ tịch", "Cấp xã", "Ngay trong ngày làm việc",
                  "", "", "", ""])  # fmt: skip
    sheet.append([3, "1.003583", "Đăng ký khai sinh lưu động", "Hộ tịch", "Cấp xã", "05 ngày làm việc", "", "",
                  "", ""])  # fmt: skip
    path = _save(book, tmp_path)
    call_command("import_procedures", path)
    assert "1 thủ tục mới, 1 thủ tục có phiên bản mới, 1 không đổi" in capsys.readouterr().out

    birth = Procedure.objects.get(code="1.001193", is_current=True)
    assert birth.version == 2
    assert birth.legal_basis == ["Luật Hộ tịch số 60/2014/QH13"]
    assert birth.steps[0] == "Nộp hồ sơ tại Bộ phận một cửa."
    assert birth.keywords == ["làm giấy khai sinh", "khai sinh cho con"]
    assert FormTemplate.objects.filter(procedure=birth, slug="to-khai-khai-sinh").exists()
    assert birth.sources[-1].startswith("Danh mục thủ tục hành chính theo mẫu")
    assert birth.field.code == "HT"
    assert not ProcedureField.objects.exclude(code__in=["HT", "CT"]).exists()

    mobile = Procedure.objects.get(code="1.003583")
    assert mobile.field.code == "HT"
    assert mobile.dossier[0]["name"].startswith("Thành phần hồ sơ theo thủ tục đã công bố")

    call_command("import_procedures", path)
    assert "0 thủ tục mới, 0 thủ tục có phiên bản mới, 3 không đổi" in capsys.readouterr().out


def test_bad_rows_are_each_reported_with_their_row_and_nothing_is_loaded(db, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    _title_rows(sheet)
    sheet.append(HEADER)  # row 4
    good = ["Hộ tịch", "Cấp xã", "03 ngày làm việc", "", "", "", ""]
    sheet.append([1, "1.001193", "Đăng ký khai sinh", *good])  # row 5: fine
    sheet.append([2, None, "Đăng ký kết hôn", *good])  # row 6: no code
    sheet.append([3, "1.0008", "Đăng ký khai tử", *good])  # row 7: not a code
    sheet.append([4, "1.004837", "Đăng ký giám hộ", None, "Cấp xã", "03 ngày làm việc", "", "", "", ""])  # row 8
    sheet.append([5, "1.004845", "Đăng ký chấm dứt giám hộ", "Hộ tịch", "Cấp xã", None, "", "", "", ""])  # row 9
    sheet.append([6, "1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", None, "03 ngày", "", "", "",
                  ""])  # fmt: skip  # row 10
    sheet.append([7, "1.001022", None, *good])  # row 11: no name
    sheet.append([8, 12.5, "Đăng ký lại khai tử", *good])  # row 12: a number, not a code
    sheet.append([None, "1.0046", "Đăng ký lại kết hôn"])  # row 13: two cells, yet not a heading: a code
    with pytest.raises(CommandError, match="Tệp có 8 lỗi; chưa nạp thủ tục nào"):
        call_command("import_procedures", _save(book, tmp_path))
    err = capsys.readouterr().err
    assert "dòng 6: thủ tục «Đăng ký kết hôn» thiếu mã thủ tục" in err
    assert "dòng 7: mã thủ tục «1.0008» không đúng dạng" in err
    assert "dòng 8: thủ tục mã 1.004837 thiếu lĩnh vực" in err
    assert "dòng 9: thủ tục mã 1.004845 thiếu thời hạn giải quyết" in err
    assert "dòng 10: thiếu cấp thực hiện" in err
    assert "dòng 11: thủ tục mã 1.001022 thiếu tên" in err
    assert "dòng 12: mã thủ tục «12.5» không đúng dạng" in err
    assert "dòng 13: thiếu cấp thực hiện" in err  # read as a procedure, not as a field heading
    assert Procedure.objects.count() == 0
    assert ProcedureField.objects.count() == 0


def test_a_header_without_a_code_column_and_a_sheet_of_neither_layout_are_refused(db, tmp_path, capsys):
    book = Workbook()
    book.active.append(["STT", "Tên thủ tục hành chính", "Lĩnh vực", "Thời hạn giải quyết"])
    book.active.append([1, "Đăng ký khai sinh", "Hộ tịch", "Trong ngày"])
    with pytest.raises(CommandError):
        call_command("import_procedures", _save(book, tmp_path, "khong-ma.xlsx"))
    assert "không có cột «Mã thủ tục»" in capsys.readouterr().err

    other = Workbook()
    other.active.append(["Họ và tên", "Ngày sinh"])
    with pytest.raises(CommandError):
        call_command("import_procedures", _save(other, tmp_path, "khac.xlsx"))
    assert "Cơ sở dữ liệu quốc gia" in capsys.readouterr().err


def test_files_too_big_or_too_long_are_refused(db, export, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(national, "MAX_FILE_BYTES", 1000)
    with pytest.raises(CommandError):
        call_command("import_procedures", export)
    assert "Tệp lớn quá" in capsys.readouterr().err
    monkeypatch.setattr(national, "MAX_FILE_BYTES", 10 * 1024 * 1024)
    monkeypatch.setattr(national, "MAX_ROWS", 3)
    with pytest.raises(CommandError):
        call_command("import_procedures", export)
    assert "có hơn 3 dòng dữ liệu" in capsys.readouterr().err
    assert Procedure.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("03 ngày làm việc", 3),
        ("Ngay trong ngày", 0),
        ("Trong ngày làm việc; nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo", 0),
        ("Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ", 20),
        ("Từ 01 đến 03 ngày làm việc", 3),
        ("Thay đổi, cải chính: 03 ngày làm việc; bổ sung thông tin: ngay trong ngày", 3),
        ("Ngay sau khi nhận đủ giấy tờ theo quy định", 0),
        ("04 giờ làm việc", 0),
        ("24 giờ làm việc", 3),
        ("01 tháng", None),
        ("Theo quy định của pháp luật", None),
        ("15 ngay lam viec", 15),
        ("7", 7),
    ],
)
def test_working_days_are_read_from_vietnamese_time_limits(text, days):
    assert national.processing_days(text) == days


def test_field_codes_and_names_do_not_depend_on_how_the_field_is_written():
    assert national.field_name("I. LĨNH VỰC HỘ TỊCH (12 thủ tục)") == "Hộ tịch"
    assert national.field_name("23-Lĩnh vực hộ tịch") == "Hộ tịch"
    assert national.field_name("Lĩnh vực: Chứng thực") == "Chứng thực"
    assert national.field_code("Hộ tịch") == national.field_code("Hộ tịch")
    assert national.field_code("Hộ tịch") != national.field_code("Hộ kinh doanh")
    assert national.field_code("Bảo trợ xã hội").startswith("BTXH-")


def test_a_full_commune_set_of_460_goes_through_the_command_and_the_shipped_49_stay_unchanged(db, tmp_path, capsys):
    """The benchmark's catalogue in the export layout: 411 new procedures, the shipped 49 untouched."""
    from bench.large_catalogue import generate, write_xlsx
    from cchc.procedures.catalogue import load_shipped_catalogue

    load_shipped_catalogue()
    path = write_xlsx(generate(460), tmp_path / "danh-muc-460.xlsx")
    call_command("import_procedures", str(path))
    assert "411 thủ tục mới, 0 thủ tục có phiên bản mới, 49 không đổi" in capsys.readouterr().out
    assert Procedure.objects.filter(is_current=True).count() == 460
    births = Procedure.objects.get(code="1.001193")
    assert births.keywords  # the shipped content is what is current
    assert births.forms.exists()
    generated = Procedure.objects.exclude(code__in=[p["code"] for p in generate(49)["procedures"]])
    assert generated.filter(processing_days__isnull=True).count() == 0
