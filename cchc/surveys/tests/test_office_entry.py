"""Typing paper forms in: one row per criterion, saved once per form, errors beside the field, nothing lost."""

import re

import pytest
from django.urls import reverse

from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.surveys.index import campaign_index
from cchc.surveys.models import Channel, Response


def entry_url(campaign):
    return reverse("cchc_surveys_paper_entry", args=[campaign.pk])


def issued_key(html: str) -> str:
    return re.search(r'name="khoa" value="([^"]+)"', html).group(1)


def test_the_entry_screen_lists_every_criterion_code_in_the_forms_order(client, commune_a, office_a, make_campaign):
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    html = client.get(entry_url(campaign)).content.decode()
    names = re.findall(r'name="a-([^"]+)"', html)
    assert names[:5] == ["1.1", "1.2", "1.3", "1.4", "2.1"]
    assert len(names) == 22
    assert "Lưu và nhập phiếu tiếp" in html
    assert "Đã nhập 0 phiếu" in html


def test_a_typed_form_is_stored_as_paper_and_the_screen_shows_its_receipt(client, commune_a, office_a, make_campaign):
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    key = issued_key(client.get(entry_url(campaign)).content.decode())
    data = {"khoa": key, "a-1.1": "5", "a-1.2": "4", "a-2.1": "2", "a-3.1": "", "y_kien": "Chỗ ngồi chờ chật"}
    response = client.post(entry_url(campaign), data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    with commune_scope(commune_a):
        stored = Response.objects.get()
        assert stored.channel == Channel.PAPER
        assert stored.answers.count() == 3
    assert f"Đã lưu phiếu, mã {stored.receipt_code}" in page
    assert "Đã nhập 1 phiếu" in page
    assert issued_key(page) != key  # a new form gets a new key
    assert campaign_index(campaign).criteria["2.1"] == 0


def test_submitting_the_same_form_twice_stores_it_once(client, commune_a, office_a, make_campaign):
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    key = issued_key(client.get(entry_url(campaign)).content.decode())
    data = {"khoa": key, "a-1.1": "4"}
    first = client.post(entry_url(campaign), data)
    second = client.post(entry_url(campaign), data)
    assert first.status_code == second.status_code == 302
    with commune_scope(commune_a):
        assert Response.objects.count() == 1
    assert "đã được lưu trước đó" in client.get(second["Location"]).content.decode()


def test_a_wrong_value_is_shown_beside_its_field_and_every_typed_value_comes_back(
    client, commune_a, office_a, make_campaign
):
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    key = issued_key(client.get(entry_url(campaign)).content.decode())
    data = {"khoa": key, "a-1.1": "5", "a-1.2": "7", "y_kien": "Cán bộ nhiệt tình", "ho_ten": "Lò Văn Páo"}
    response = client.post(entry_url(campaign), data)
    assert response.status_code == 400
    html = response.content.decode()
    field = re.search(r'<input[^>]*name="a-1.2"[^>]*>\s*<span class="error-message" id="e-1.2">([^<]*)</span>', html)
    assert field is not None
    assert "“7”" in field.group(1)
    assert "từ 1 đến 5" in field.group(1)
    assert 'name="a-1.1" value="5"' in html
    assert "Cán bộ nhiệt tình" in html
    assert "Chỉ ghi họ tên, số điện thoại khi người trả lời đồng ý" in html
    assert issued_key(html) == key  # the corrected form keeps its key: still stored once
    with commune_scope(commune_a):
        assert not Response.objects.exists()


def test_a_blank_form_is_refused(client, commune_a, office_a, make_campaign):
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    response = client.post(entry_url(campaign), {"khoa": "k-1"})
    assert response.status_code == 400
    assert "Phiếu chưa có câu trả lời nào" in response.content.decode()


def test_a_closed_campaign_takes_no_new_paper_form(client, commune_a, office_a, make_campaign):
    campaign = make_campaign(commune_a, status="closed")
    client.force_login(office_a)
    response = client.post(entry_url(campaign), {"khoa": "k-2", "a-1.1": "3"})
    assert response.status_code == 400
    assert "không còn nhận phiếu" in response.content.decode()


@pytest.mark.parametrize("role", [Role.OVERSEER, Role.UNIT_MEMBER, Role.JUSTICE])
def test_only_the_office_and_leaders_enter_forms(client, commune_a, make_official, make_campaign, role):
    campaign = make_campaign(commune_a)
    client.force_login(make_official(commune_a, role))
    assert client.get(entry_url(campaign)).status_code in (302, 403)  # Wagtail sends a refusal home
    assert client.post(entry_url(campaign), {"khoa": "k", "a-1.1": "4"}).status_code in (302, 403)
    upload = reverse("cchc_surveys_upload", args=[campaign.pk])
    assert client.get(upload).status_code in (302, 403)
    with commune_scope(commune_a):
        assert not Response.objects.exists()


def test_the_overseer_reads_the_results(client, commune_a, make_official, make_campaign):
    campaign = make_campaign(commune_a)
    client.force_login(make_official(commune_a, Role.OVERSEER))
    html = client.get(reverse("cchc_surveys_results", args=[campaign.pk])).content.decode()
    assert "Chỉ số hài lòng chung" in html
    assert "Nhập phiếu giấy" not in html  # no way in to entering


def test_the_chairman_enters_forms(client, commune_a, make_official, make_campaign):
    campaign = make_campaign(commune_a)
    client.force_login(make_official(commune_a, Role.CHAIRMAN))
    assert client.post(entry_url(campaign), {"khoa": "k-c", "a-1.1": "4"}).status_code == 302
    with commune_scope(commune_a):
        assert Response.objects.get().answers.get().value == 4


def test_another_communes_office_cannot_open_or_fill_the_entry_screen(
    client, commune_a, commune_b, office_b, make_campaign
):
    campaign = make_campaign(commune_a)
    client.force_login(office_b)
    assert client.get(entry_url(campaign)).status_code == 404
    assert client.post(entry_url(campaign), {"khoa": "k", "a-1.1": "4"}).status_code == 404
    with commune_scope(commune_a):
        assert not Response.objects.exists()
