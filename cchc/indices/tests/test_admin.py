"""The admin screens of the indices: scoped to the official's commune, writing through the actions."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import all_communes, commune_scope
from cchc.indices.models import IndexScore

FORM = {"index": "pci", "year": "2024", "component": "Tính minh bạch", "score": "6,85", "max_score": "", "source": ""}


def test_the_listing_shows_only_the_officials_commune(client, pci_a, pci_b, office_a, office_b):
    client.force_login(office_a)
    mine = client.get(reverse("chi-so:index")).content.decode()
    assert "64,75" in mine or "64.75" in mine
    assert "51,37" not in mine
    assert "51.37" not in mine
    assert "3,19" not in mine
    assert "3.19" not in mine
    client.force_login(office_b)
    theirs = client.get(reverse("chi-so:index")).content.decode()
    assert "51,37" in theirs or "51.37" in theirs
    assert "64,75" not in theirs
    assert "64.75" not in theirs
    with all_communes():
        a_score = IndexScore.objects.filter(commune=pci_a).first()
    assert client.get(reverse("chi-so:edit", args=[a_score.pk])).status_code == 404


def test_the_office_enters_a_figure_with_a_comma_and_it_is_recorded(client, commune_a, office_a):
    client.force_login(office_a)
    form = client.get(reverse("chi-so:add")).content.decode()
    assert "Gia nhập thị trường (tối đa 10)" in form  # the form names each index's components
    response = client.post(reverse("chi-so:add"), FORM)
    assert response.status_code == 302
    with commune_scope(commune_a):
        score = IndexScore.objects.get()
        expected = ("pci", 2024, Decimal("6.85"), "Tính minh bạch")
        assert (score.index, score.year, score.score, score.component) == expected
        record = CommuneLogEntry.objects.get(object_id=str(score.pk), content_type__model="indexscore")
    assert (record.action, record.user) == ("wagtail.create", office_a)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"score": "12"}, "Điểm 12 lớn hơn điểm tối đa 10 của thành phần này."),
        ({"score": "-0,5"}, "Điểm không được là số âm."),
        ({}, "Xã đã nhập điểm này của chỉ số cho năm đó; hãy sửa bản đã nhập."),
    ],
)
def test_a_wrong_figure_on_the_form_gets_a_vietnamese_message(client, commune_a, office_a, enter, change, message):
    enter(commune_a, year=2024, component="Tính minh bạch", score="6")
    client.force_login(office_a)
    response = client.post(reverse("chi-so:add"), {**FORM, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    with commune_scope(commune_a):
        assert IndexScore.objects.count() == 1


def test_the_overseer_and_the_culture_board_read_the_figures_but_cannot_change_them(client, pci_a, make_official):
    with commune_scope(pci_a):
        score = IndexScore.objects.filter(component="").first()
        before = list(IndexScore.objects.values_list("id", "score"))
    for role in (Role.OVERSEER, Role.CULTURE_INFO):
        official = make_official(pci_a, role)
        client.force_login(official)
        listing = client.get(reverse("chi-so:index"))
        assert listing.status_code == 200
        assert "64,75" in listing.content.decode() or "64.75" in listing.content.decode()
        assert client.get(reverse("chi-so:add")).status_code in (302, 403)
        client.post(reverse("chi-so:add"), FORM)
        client.post(reverse("chi-so:edit", args=[score.pk]), {**FORM, "year": "2021", "component": "", "score": "1"})
        client.post(reverse("chi-so:delete", args=[score.pk]))
    with commune_scope(pci_a):
        assert list(IndexScore.objects.values_list("id", "score")) == before


def _menu(client) -> str:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return json.dumps(json.loads(props), ensure_ascii=False)


def test_the_menu_item_shows_for_those_who_may_see_the_figures(client, commune_a, office_a, make_official):
    client.force_login(office_a)
    assert "Chỉ số CCHC" in _menu(client)
    client.force_login(make_official(commune_a, Role.OVERSEER))
    assert "Chỉ số CCHC" in _menu(client)
    client.force_login(make_official(commune_a, Role.BROADCASTER))
    assert "Chỉ số CCHC" not in _menu(client)
