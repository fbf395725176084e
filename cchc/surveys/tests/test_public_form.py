"""The public survey form on the commune's own site, answered as a villager would: no JavaScript, a
plain browser sending the form, the receipt after a redirect."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from cchc.communes.scoping import commune_scope
from cchc.core.testing import require_poppler, run_tool
from cchc.procedures.models import Procedure, ProcedureField
from cchc.surveys.actions import CreateCampaignQuestion, EditCampaign
from cchc.surveys.models import Answer, CampaignQuestion, CampaignStatus, Channel, Response
from cchc.surveys.responses import MAX_COMMENT as COMMENT_MAX

KEY = re.compile(r'name="key" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def host(commune) -> dict:
    return {"HTTP_HOST": commune.site.hostname}


def form_url(campaign) -> str:
    return f"/khao-sat/{campaign.pk}/"


def open_form(client, campaign, query: str = "") -> tuple[str, str]:
    """GET the form; the page and the signed key it carries."""
    page = client.get(form_url(campaign) + query, **host(campaign.commune))
    assert page.status_code == 200
    text = page.content.decode()
    return text, html.unescape(KEY.search(text).group(1))


def responses(campaign):
    with commune_scope(campaign.commune):
        return list(Response.objects.filter(campaign=campaign))


def send(client, campaign, key, answers=None, **extra):
    data = {"key": key, **{f"q-{code}": value for code, value in (answers or {"1.1": "4"}).items()}, **extra}
    return client.post(form_url(campaign), data, **host(campaign.commune))


@pytest.fixture
def campaign(commune_a, make_campaign):
    return make_campaign(commune_a)


def test_the_only_open_campaign_opens_straight_on_its_form_with_the_field_of_the_qr_code(client, campaign):
    moved = client.get("/khao-sat/?thu-tuc=1.000893", **host(campaign.commune))
    assert moved.status_code == 302
    assert moved["Location"] == f"/khao-sat/{campaign.pk}/?thu-tuc=1.000893"


def test_the_form_shows_every_criterion_grouped_by_element_with_the_five_labelled_levels(client, campaign):
    page, key = open_form(client, campaign)
    assert "<h2" in page
    assert "Tiếp cận dịch vụ" in page
    assert "Công chức giải quyết công việc" in page
    assert page.count('type="radio"') == 22 * 5
    for label in ("Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"):
        assert f"<span>{label}</span>" in page
    assert "để xã liên hệ lại giải đáp" in page
    assert "<script" not in page.split("<main", 1)[1]  # nothing needs JavaScript
    assert key


def test_a_villager_answers_and_gets_a_receipt_then_the_same_form_again_gives_the_same_receipt(client, campaign):
    _page, key = open_form(client, campaign)
    first = send(client, campaign, key, {"1.1": "5", "3.2": "4", "5.4": "2"}, comment="Cán bộ nhiệt tình")
    assert first.status_code == 302
    receipt = client.get(first["Location"], **host(campaign.commune))
    stored = responses(campaign)
    assert len(stored) == 1
    assert stored[0].channel == Channel.WEB
    assert stored[0].comment == "Cán bộ nhiệt tình"
    with commune_scope(campaign.commune):
        assert sorted(Answer.objects.filter(response=stored[0]).values_list("value", flat=True)) == [2, 4, 5]
    assert f"Mã phiếu: {stored[0].receipt_code}" in receipt.content.decode()
    assert "no-cache" in receipt["Cache-Control"] or "no-store" in receipt["Cache-Control"]

    again = send(client, campaign, key, {"1.1": "1"})  # a double tap, a resubmit after a lost connection
    assert again.status_code == 302
    assert (
        f"Mã phiếu: {stored[0].receipt_code}"
        in client.get(again["Location"], **host(campaign.commune)).content.decode()
    )
    assert len(responses(campaign)) == 1


def test_every_form_load_carries_a_new_key_so_two_villagers_on_one_phone_send_two_forms(client, campaign):
    _page, first_key = open_form(client, campaign)
    _page, second_key = open_form(client, campaign)
    assert first_key != second_key
    send(client, campaign, first_key)
    send(client, campaign, second_key)
    assert len({r.receipt_code for r in responses(campaign)}) == 2


def test_a_forged_key_stores_nothing_and_the_form_comes_back(client, campaign):
    _page, key = open_form(client, campaign)
    forged = key[:-3] + ("AAA" if not key.endswith("AAA") else "BBB")
    answer = send(client, campaign, forged)
    assert answer.status_code == 400
    assert "Phiếu không hợp lệ" in answer.content.decode()
    answer = send(client, campaign, "someone-elses-key")
    assert answer.status_code == 400
    assert responses(campaign) == []


def test_a_form_with_a_valid_csrf_token_is_accepted_from_an_anonymous_phone(campaign):
    phone = Client(enforce_csrf_checks=True)
    page = phone.get(form_url(campaign), **host(campaign.commune))
    assert "csrftoken" in page.cookies  # which keeps the page out of the shared page cache
    assert "private" in page["Cache-Control"]
    text = page.content.decode()
    token = CSRF.search(text).group(1)
    key = html.unescape(KEY.search(text).group(1))
    refused = phone.post(form_url(campaign), {"key": key, "q-1.1": "4"}, **host(campaign.commune))
    assert refused.status_code == 403  # no token: Django's CSRF protection holds
    sent = phone.post(
        form_url(campaign), {"key": key, "q-1.1": "4", "csrfmiddlewaretoken": token}, **host(campaign.commune)
    )
    assert sent.status_code == 302
    assert len(responses(campaign)) == 1


def test_a_form_with_no_answer_is_refused_with_a_vietnamese_message(client, campaign):
    _page, key = open_form(client, campaign)
    answer = client.post(form_url(campaign), {"key": key, "comment": "Không ý kiến"}, **host(campaign.commune))
    assert answer.status_code == 400
    assert "ít nhất một câu hỏi" in answer.content.decode()
    assert responses(campaign) == []


def test_contact_details_without_consent_are_refused_and_the_answers_kept_on_the_page(client, campaign):
    _page, key = open_form(client, campaign)
    answer = send(client, campaign, key, {"2.3": "5"}, contact_name="Hoàng Văn Pao", contact_phone="0912345678")
    text = answer.content.decode()
    assert answer.status_code == 400
    assert "chưa đánh dấu đồng ý" in text
    assert 'name="q-2.3" value="5" checked' in text  # the villager does not tap everything again
    assert responses(campaign) == []


def test_contact_details_with_consent_are_stored_with_the_moment_of_consent(client, campaign):
    _page, key = open_form(client, campaign)
    send(client, campaign, key, contact_name="Hoàng Văn Pao", contact_phone="0912 345 678", consent="on")
    (stored,) = responses(campaign)
    assert (stored.contact_name, stored.contact_phone, stored.contact_consent) == (
        "Hoàng Văn Pao",
        "0912 345 678",
        True,
    )
    assert stored.contact_consent_at is not None


def test_consent_alone_stores_no_contact(client, campaign):
    _page, key = open_form(client, campaign)
    send(client, campaign, key, consent="on")
    (stored,) = responses(campaign)
    assert (stored.contact_name, stored.contact_phone) == ("", "")


def test_another_communes_campaign_is_not_found_on_this_host(client, campaign, commune_b, make_campaign):
    theirs = make_campaign(commune_b, title="Khảo sát của xã Phú Đình")
    assert client.get(form_url(theirs), **host(campaign.commune)).status_code == 404
    _page, key = open_form(client, theirs)  # on its own host, fine
    assert client.post(form_url(theirs), {"key": key, "q-1.1": "4"}, **host(campaign.commune)).status_code == 404
    assert responses(theirs) == []


def test_a_key_of_another_campaign_is_refused(client, campaign, make_campaign):
    other = make_campaign(campaign.commune, title="Khảo sát thứ hai")
    _page, key = open_form(client, other)
    assert send(client, campaign, key).status_code == 400
    assert responses(campaign) == []
    assert responses(other) == []


def test_a_closed_campaign_says_so_kindly_and_stores_nothing(client, campaign):
    _page, key = open_form(client, campaign)
    campaign.status = CampaignStatus.CLOSED
    EditCampaign(campaign).execute()
    page = client.get(form_url(campaign), **host(campaign.commune))
    assert page.status_code == 200
    assert "Đợt khảo sát đã kết thúc" in page.content.decode()
    assert 'type="radio"' not in page.content.decode()
    sent = send(client, campaign, key)
    assert sent.status_code == 409
    assert "chưa được ghi" in sent.content.decode()
    assert responses(campaign) == []


def test_a_campaign_past_its_period_takes_no_form_and_the_list_page_says_none_is_open(client, campaign):
    campaign.period_start = dt.date(2020, 1, 1)
    campaign.period_end = timezone.localdate() - dt.timedelta(days=1)
    EditCampaign(campaign).execute()
    _page = client.get(form_url(campaign), **host(campaign.commune))
    assert "Đợt khảo sát đã kết thúc" in _page.content.decode()
    listing = client.get("/khao-sat/", **host(campaign.commune))
    assert listing.status_code == 200
    assert "chưa có đợt khảo sát nào đang nhận phiếu" in listing.content.decode()


def test_several_open_campaigns_are_listed_to_choose_from(client, campaign, make_campaign):
    make_campaign(campaign.commune, title="Khảo sát lĩnh vực đất đai")
    listing = client.get("/khao-sat/?linh-vuc=dat-dai", **host(campaign.commune))
    text = listing.content.decode()
    assert listing.status_code == 200
    assert "Khảo sát lĩnh vực đất đai" in text
    assert campaign.title in text
    assert f"/khao-sat/{campaign.pk}/?linh-vuc=dat-dai" in text


def test_a_value_out_of_the_scale_is_refused_and_nothing_is_stored(client, campaign):
    _page, key = open_form(client, campaign)
    answer = send(client, campaign, key, {"1.1": "9", "1.2": "4"})
    assert answer.status_code == 400
    assert "chỉ nhận số từ 1 đến 5" in answer.content.decode()
    assert responses(campaign) == []


def test_an_unknown_question_code_is_refused(client, campaign):
    _page, key = open_form(client, campaign)
    answer = send(client, campaign, key, {"9.9": "4", "1.1": "4"})
    assert answer.status_code == 400
    assert "không có trong phiếu" in answer.content.decode()
    assert responses(campaign) == []


def test_a_comment_longer_than_the_cap_is_refused_with_its_length(client, campaign):
    _page, key = open_form(client, campaign)
    answer = send(client, campaign, key, comment="x" * 10_000)
    assert answer.status_code == 400
    assert f"tối đa {COMMENT_MAX}" in answer.content.decode()
    assert responses(campaign) == []
    _page, key = open_form(client, campaign)
    send(client, campaign, key, comment="y" * COMMENT_MAX)
    assert len(responses(campaign)[0].comment) == COMMENT_MAX


def test_the_communes_own_questions_are_asked_and_stored(client, campaign):
    with commune_scope(campaign.commune):
        CreateCampaignQuestion(
            CampaignQuestion(commune=campaign.commune, campaign=campaign, number=1, text="Bãi để xe có đủ chỗ?")
        ).execute()
    page, key = open_form(client, campaign)
    assert "Câu hỏi riêng của xã" in page
    assert "Bãi để xe có đủ chỗ?" in page
    send(client, campaign, key, {"R.1": "3"})
    with commune_scope(campaign.commune):
        assert list(Answer.objects.filter(question__isnull=False).values_list("value", flat=True)) == [3]


@pytest.fixture
def civil_status(db):
    field = ProcedureField.objects.create(code="HT", name="Hộ tịch", slug="ho-tich")
    ProcedureField.objects.create(code="DD", name="Đất đai", slug="dat-dai")
    Procedure.objects.create(
        code="1.000893", name="Đăng ký khai sinh", slug="dang-ky-khai-sinh", field=field, processing_time="Ngay"
    )
    return field


def test_the_procedure_code_of_the_qr_preselects_its_field_and_the_field_is_stored(client, campaign, civil_status):
    page, key = open_form(client, campaign, "?thu-tuc=1.000893")
    assert re.search(rf'<option value="{civil_status.pk}" selected>Hộ tịch</option>', page)
    page, _key = open_form(client, campaign, "?linh-vuc=ho-tich")
    assert re.search(rf'<option value="{civil_status.pk}" selected>Hộ tịch</option>', page)
    page, _key = open_form(client, campaign, "?thu-tuc=khong-co")
    assert " selected>Hộ tịch" not in page
    send(client, campaign, key, field=str(civil_status.pk))
    assert responses(campaign)[0].procedure_field == civil_status


def test_a_field_outside_the_campaigns_fields_is_refused(client, campaign, civil_status):
    land = ProcedureField.objects.get(slug="dat-dai")
    campaign.procedure_fields.set([civil_status])
    page, key = open_form(client, campaign, "?linh-vuc=dat-dai")
    assert "Đất đai" not in page
    answer = send(client, campaign, key, field=str(land.pk))
    assert answer.status_code == 400
    assert responses(campaign) == []


def test_a_public_form_answered_from_one_address_is_limited_per_hour_with_a_vietnamese_429(client, campaign, settings):
    settings.SURVEY_FORMS_PER_HOUR_PER_IP = 3
    for _number in range(3):
        _page, stored_key = open_form(client, campaign)
        assert send(client, campaign, stored_key).status_code == 302
    _page, key = open_form(client, campaign)
    refused = send(client, campaign, key)
    assert refused.status_code == 429
    assert "tạm dừng nhận thêm" in refused.content.decode()
    assert len(responses(campaign)) == 3
    # a resubmit of a form already stored is still answered with its receipt
    assert send(client, campaign, stored_key).status_code == 302
    assert send(client, campaign, key).status_code == 429
    # another address is not affected
    _page, key = open_form(client, campaign)
    other = client.post(
        form_url(campaign), {"key": key, "q-1.1": "3"}, REMOTE_ADDR="10.0.0.9", **host(campaign.commune)
    )
    assert other.status_code == 302


def test_refused_forms_do_not_use_up_the_hourly_limit(client, campaign, settings):
    settings.SURVEY_FORMS_PER_HOUR_PER_IP = 2
    for _number in range(5):
        _page, key = open_form(client, campaign)
        assert send(client, campaign, key, {"1.1": "9"}).status_code == 400
    _page, key = open_form(client, campaign)
    assert send(client, campaign, key).status_code == 302
    assert send(client, campaign, key).status_code == 302  # the same form again: same receipt, not counted
    _page, key = open_form(client, campaign)
    assert send(client, campaign, key).status_code == 302
    assert len(responses(campaign)) == 2


def test_the_limit_counts_the_client_behind_the_trusted_proxy(client, campaign, settings):
    settings.SURVEY_FORMS_PER_HOUR_PER_IP = 1
    settings.PROXY_COUNT = 1
    for address, expected in (("203.0.113.5", 302), ("203.0.113.5", 429), ("203.0.113.6", 302)):
        _page, key = open_form(client, campaign)
        answer = client.post(
            form_url(campaign),
            {"key": key, "q-1.1": "4"},
            HTTP_X_FORWARDED_FOR=address,
            **host(campaign.commune),
        )
        assert answer.status_code == expected, address


def test_the_qr_slip_is_a_pdf_of_eight_slips_with_the_commune_name_and_the_survey_address(client, campaign, tmp_path):
    require_poppler()
    answer = client.get("/khao-sat/phieu-qr.pdf", **host(campaign.commune))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    path = tmp_path / "slips.pdf"
    path.write_bytes(answer.content)
    text = run_tool("pdftotext", str(path), "-")
    assert text.count("Đánh giá mức độ hài lòng") == 8
    assert text.count("xã Định Biên") == 8
    assert text.count("dinh-bien.localhost/khao-sat") == 8
    assert client.get("/khao-sat/phieu-qr.pdf", **host(campaign.commune)).content == answer.content  # kept


def test_the_qr_of_the_slip_encodes_the_survey_address(campaign):
    from cchc.procedures.printing import qr_svg
    from cchc.surveys.slips import slips_html

    page = slips_html(commune=campaign.commune, url="http://dinh-bien.localhost/khao-sat/")
    assert qr_svg("http://dinh-bien.localhost/khao-sat/") in page


def test_the_home_page_invites_to_the_survey_only_while_a_campaign_is_open(client, commune_a, make_campaign):
    home = client.get("/", **host(commune_a)).content.decode()
    assert 'href="/khao-sat/"' not in home
    campaign = make_campaign(commune_a)
    home = client.get("/", **host(commune_a)).content.decode()
    assert "Khảo sát mức độ hài lòng" in home
    assert 'href="/khao-sat/"' in home
    campaign.status = CampaignStatus.CLOSED
    EditCampaign(campaign).execute()
    assert 'href="/khao-sat/"' not in client.get("/", **host(commune_a)).content.decode()
