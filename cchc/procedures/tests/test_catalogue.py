import json

import pytest
from django.core.management import CommandError, call_command

from cchc.communes.scoping import commune_scope
from cchc.procedures.catalogue import CatalogueError, load_catalogue
from cchc.procedures.models import FormTemplate, LifeEvent, Posting, PostingPlace, Procedure, PublishedProcedure
from cchc.procedures.postings import record_posting


def test_a_catalogue_loads_with_fields_life_events_and_forms(catalogue):
    assert catalogue.count() == 8
    assert Procedure.objects.get(code="1.001193").slug == "dang-ky-khai-sinh-1-001193"
    assert FormTemplate.objects.get(slug="to-khai-khai-sinh").fields[0] == "Họ, chữ đệm, tên người yêu cầu"
    assert LifeEvent.objects.get(slug="sinh-con").procedure_codes == ["1.001193"]


def test_loading_the_same_catalogue_again_changes_nothing(catalogue, mini_catalogue_data):
    report = load_catalogue(mini_catalogue_data)
    assert len(report.unchanged) == 8
    assert Procedure.objects.count() == 8


def test_a_changed_procedure_gets_a_new_version_and_its_old_postings_show_as_outdated(published_a, mini_catalogue_data):
    with commune_scope(published_a):
        place = PostingPlace.objects.create(commune=published_a, name="Nhà văn hóa xóm Khau Lầu")
        old = Procedure.objects.get(code="1.000894")
        record_posting(commune=published_a, place=place, procedures=[old], posted_on=old.created_at.date())
    mini_catalogue_data["procedures"][2]["processing_time"] = "05 ngày làm việc nếu cần xác minh"
    report = load_catalogue(mini_catalogue_data)
    assert report.new_versions == ["1.000894"]
    new = Procedure.objects.get(code="1.000894", is_current=True)
    assert new.version == 2
    with commune_scope(published_a):
        assert PublishedProcedure.objects.get(code="1.000894").procedure == new
        posting = Posting.objects.get(place=place)
        assert posting.is_outdated


def test_a_file_with_bad_rows_reports_each_and_loads_nothing(db, mini_catalogue_data):
    mini_catalogue_data["procedures"][0].pop("steps")
    mini_catalogue_data["procedures"][1]["field"] = "XX"
    mini_catalogue_data["procedures"][2]["submission"] = [{"method": "fax"}]
    mini_catalogue_data["procedures"][3]["code"] = "1.001193"
    mini_catalogue_data["procedures"][4]["effective_date"] = "31/12/2025"
    with pytest.raises(CatalogueError) as error:
        load_catalogue(mini_catalogue_data)
    text = "\n".join(error.value.errors)
    assert "thiếu steps" in text
    assert "lĩnh vực «XX»" in text
    assert "truc_tiep, buu_chinh hoặc truc_tuyen" in text
    assert "mã 1.001193 bị lặp" in text
    assert "NNNN-TT-NN" in text
    assert Procedure.objects.count() == 0


def test_import_procedures_command_loads_json_and_refuses_a_broken_file(db, tmp_path, mini_catalogue_data, capsys):
    good = tmp_path / "danh-muc.json"
    good.write_text(json.dumps(mini_catalogue_data, ensure_ascii=False), encoding="utf-8")
    call_command("import_procedures", str(good))
    assert "8 thủ tục mới" in capsys.readouterr().out
    broken = tmp_path / "hong.json"
    broken.write_text('{"procedures": [', encoding="utf-8")
    with pytest.raises(CommandError, match="chưa nạp thủ tục nào"):
        call_command("import_procedures", str(broken))
    with pytest.raises(CommandError):
        call_command("import_procedures", str(tmp_path / "danh-muc.csv"))


def test_import_procedures_reads_excel(db, tmp_path, mini_catalogue_data, capsys):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "thu_tuc"
    keys = [
        "code",
        "name",
        "field",
        "steps",
        "submission",
        "dossier",
        "processing_time",
        "agency",
        "result",
        "keywords",
    ]
    sheet.append(keys)
    for item in mini_catalogue_data["procedures"][:3]:
        row = []
        for key in keys:
            value = item.get(key, "")
            if key in ("submission", "dossier"):
                value = json.dumps(value, ensure_ascii=False)
            elif isinstance(value, list):
                value = "\n".join(value)
            row.append(value)
        sheet.append(row)
    fields = book.create_sheet("linh_vuc")
    fields.append(["code", "name"])
    fields.append(["HT", "Hộ tịch"])
    path = tmp_path / "danh-muc.xlsx"
    book.save(path)
    call_command("import_procedures", str(path))
    assert Procedure.objects.get(code="1.000894").keywords == ["lấy vợ", "đăng ký kết hôn"]
    assert Procedure.objects.get(code="1.001193").steps[0] == "Nộp hồ sơ tại Bộ phận một cửa."


def _break(data, how):
    first = data["procedures"][0]
    if how == "field_is_a_list":
        first["field"] = ["HT"]
    elif how == "fields_null":
        data["fields"] = None
    elif how == "life_event_is_text":
        data["life_events"] = ["sinh-con"]
    elif how == "form_without_name":
        first["forms"] = [{"slug": "mau"}]
    elif how == "two_forms_same_slug":
        first["forms"] = [{"slug": "mau", "name": "Mẫu 1"}, {"slug": "mau", "name": "Mẫu 2"}]
    elif how == "days_not_a_number":
        first["processing_days"] = "²"
    elif how == "name_is_a_number":
        first["name"] = 12345
    elif how == "name_too_long":
        first["name"] = "Đăng ký " * 80
    elif how == "two_fields_same_name":
        data["fields"].append({"code": "HT2", "name": "Hộ tịch"})
    return data


@pytest.mark.parametrize(
    "how",
    ["field_is_a_list", "life_event_is_text", "form_without_name", "two_forms_same_slug", "days_not_a_number",
     "name_is_a_number", "name_too_long", "two_fields_same_name"],
)  # fmt: skip
def test_malformed_catalogues_are_refused_with_reasons_and_load_nothing(db, mini_catalogue_data, how):
    with pytest.raises(CatalogueError) as error:
        load_catalogue(_break(mini_catalogue_data, how))
    assert error.value.errors
    assert Procedure.objects.count() == 0


def test_a_catalogue_without_fields_or_events_lists_still_loads_against_known_fields(catalogue, mini_catalogue_data):
    data = _break(mini_catalogue_data, "fields_null")
    data["life_events"] = None
    data["procedures"][0]["fees"] = "Thay đổi"
    assert load_catalogue(data).new_versions == ["1.001193"]


def test_an_excel_code_typed_as_a_number_is_refused_because_excel_drops_its_last_zero(db, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "thu_tuc"
    sheet.append(["code", "name", "field"])
    sheet.append([1.00089, "Đăng ký khai sinh", "HT"])
    path = tmp_path / "so.xlsx"
    book.save(path)
    from cchc.procedures.catalogue import read_catalogue_file

    with pytest.raises(CatalogueError, match="Văn bản"):
        read_catalogue_file(path)


def test_the_import_command_loads_the_shipped_catalogue_and_reports_in_vietnamese(db, tmp_path):
    from io import StringIO
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[1] / "data" / "catalogue.json"
    out = StringIO()
    call_command("import_procedures", str(shipped), stdout=out)
    assert "Đã nạp: 49 thủ tục mới, 0 thủ tục có phiên bản mới, 0 không đổi" in out.getvalue()
    bad = tmp_path / "hong.json"
    bad.write_text('{"procedures": [{"code": "1"}]}', encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="Tệp có 1 lỗi; chưa nạp thủ tục nào"):
        call_command("import_procedures", str(bad), stderr=err)
    assert "Thủ tục thứ 1 (mã 1): thiếu name, field" in err.getvalue()
