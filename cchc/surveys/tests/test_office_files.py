"""Files of a campaign: the paper form PDF, the Excel workbook (which imports back) and the report PDF."""

import io
import re
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.core.testing import require_poppler, run_tool
from cchc.surveys.importing import import_responses
from cchc.surveys.index import campaign_index
from cchc.surveys.models import CampaignQuestion


def pdf_text(content: bytes, tmp_path, name="file.pdf") -> tuple[str, int]:
    require_poppler()
    path = tmp_path / name
    path.write_bytes(content)
    text = unicodedata.normalize("NFC", run_tool("pdftotext", "-layout", str(path), "-"))
    pages = int(re.search(r"Pages:\s+(\d+)", run_tool("pdfinfo", str(path))).group(1))
    return text, pages


@pytest.fixture
def surveyed(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a, title="Khảo sát quý IV năm 2026", sample_target=10)
    with commune_scope(commune_a):
        CampaignQuestion.objects.create(commune=commune_a, campaign=campaign, number=1, text="Giờ làm việc có phù hợp?")
    answer(campaign, {"1.1": 5, "1.2": 2, "2.1": 4, "R.1": 5}, comment="Cần thêm ghế chờ")
    answer(campaign, {"1.1": 3, "3.4": 5}, consent=True, contact_name="Lò Văn Páo", contact_phone="0912345678")
    answer(campaign, {"1.1": 4, "5.4": 1, "4.3": 4})
    return campaign


def test_the_paper_form_is_one_a4_page_with_the_codes_in_the_entry_screens_order(client, office_a, surveyed, tmp_path):
    client.force_login(office_a)
    response = client.get(reverse("cchc_surveys_paper_form", args=[surveyed.pk]))
    assert response["Content-Type"] == "application/pdf"
    text, pages = pdf_text(response.content, tmp_path)
    assert pages == 1
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN" in text
    assert "PHIẾU KHẢO SÁT SỰ HÀI LÒNG" in text
    entry = client.get(reverse("cchc_surveys_paper_entry", args=[surveyed.pk])).content.decode()
    screen_codes = re.findall(r'name="a-([^"]+)"', entry)
    printed = list(re.findall(r"^\s*(\d\.\d|R\.\d)\s", text, flags=re.M))
    assert printed == screen_codes
    assert screen_codes[-1] == "R.1"


def test_the_workbook_has_a_row_per_respondent_and_the_indices_and_imports_back(
    client, commune_a, office_a, surveyed, make_campaign, tmp_path
):
    client.force_login(office_a)
    response = client.get(reverse("cchc_surveys_export", args=[surveyed.pk, "xlsx"]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows, indices = book.worksheets
    by_code = {row[0]: row[2] for row in indices.iter_rows(values_only=True) if row and row[0]}
    expected = campaign_index(surveyed)
    assert by_code["1.1"] == pytest.approx(float(expected.criteria["1.1"]), abs=0.005)
    assert by_code["5.4"] == 0
    header = [cell.value for cell in rows[1]]
    assert header[:2] == ["1.1", "1.2"]
    assert "R.1" in header
    assert "họ và tên" in header
    assert rows.max_row == 4
    assert "Lò Văn Páo" in [cell.value for cell in rows["A":"ZZ"][header.index("họ và tên")]]
    # the same file imports into another round and gives the same index
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    again = make_campaign(commune_a, title="Nhập lại")
    with commune_scope(commune_a):
        CampaignQuestion.objects.create(commune=commune_a, campaign=again, number=1, text="Giờ làm việc có phù hợp?")
    report = import_responses(path=path, campaign=again)
    assert report.stored == 3
    assert campaign_index(again).criteria == expected.criteria
    assert campaign_index(again).overall == expected.overall


def test_the_overseers_workbook_has_no_contact_details(client, commune_a, make_official, surveyed):
    client.force_login(make_official(commune_a, Role.OVERSEER))
    response = client.get(reverse("cchc_surveys_export", args=[surveyed.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    values = [cell for row in book.worksheets[0].iter_rows(values_only=True) for cell in row]
    assert "họ và tên" not in values
    assert "Lò Văn Páo" not in values
    assert "0912345678" not in values


def test_the_report_pdf_is_an_official_report_with_its_tables(client, office_a, surveyed, tmp_path):
    client.force_login(office_a)
    response = client.get(reverse("cchc_surveys_export", args=[surveyed.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    text, _pages = pdf_text(response.content, tmp_path)
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "BÁO CÁO" in flat
    assert "Kết quả khảo sát mức độ hài lòng" in flat
    overall = campaign_index(surveyed).as_json()["overall"]
    assert f"{overall:g}".replace(".", ",") + "%" in flat
    assert "Nơi ngồi chờ có đủ chỗ ngồi" in flat
    assert "Cần thêm ghế chờ" in flat
    assert "0912345678" not in flat
    assert "YT 1" in flat  # the chart of the elements is drawn in the report
    assert "BIEU-DO" not in flat  # its placeholder is gone


def test_another_communes_office_gets_none_of_the_files(client, office_b, surveyed):
    client.force_login(office_b)
    for url in (
        reverse("cchc_surveys_paper_form", args=[surveyed.pk]),
        reverse("cchc_surveys_export", args=[surveyed.pk, "xlsx"]),
        reverse("cchc_surveys_export", args=[surveyed.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 404, url
