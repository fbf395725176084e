"""The «Phủ sóng truyền thanh» report and the home page's panel, as an official sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.broadcasts.models import Airing, Broadcast, PlayLog, PlayOutcome
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope

URL = reverse("cchc_broadcasts_coverage")


@pytest.fixture
def aired(commune_a, make_cluster, make_script):
    """Commune A: an ethnic-minority village that missed yesterday's airing, a village that played it."""
    script = make_script(commune_a)
    minority = make_cluster(commune_a, "Cụm loa bản Nà Mòn", ethnic=True)
    played = make_cluster(commune_a, "Cụm loa xóm Đồng Tâm")
    yesterday = timezone.now() - dt.timedelta(days=1)
    with commune_scope(commune_a):
        rule = Broadcast.objects.create(
            commune=commune_a, script=script, starts_on=yesterday.date(), ends_on=yesterday.date(), times=["06:30"]
        )
        for cluster in (minority, played):
            cluster.last_seen_at = timezone.now()
            cluster.save(update_fields=["last_seen_at"])
            Airing.objects.create(commune=commune_a, broadcast=rule, cluster=cluster, starts_at=yesterday)
        PlayLog.objects.create(
            commune=commune_a,
            cluster=played,
            airing=played.airings.get(),
            report_key="r1",
            started_at=yesterday,
            outcome=PlayOutcome.PLAYED,
        )
    return yesterday


def test_the_report_lists_each_village_ethnic_minority_first(client, office_a, aired):
    client.force_login(office_a)
    html = client.get(URL, {"year": aired.year}).content.decode()
    assert "Phủ sóng truyền thanh" in html
    assert html.index("bản Nà Mòn") < html.index("xóm Đồng Tâm")
    assert "Vùng đồng bào dân tộc thiểu số" in html
    assert "<strong>1/2</strong>" in html  # airings played of those scheduled


def test_a_quarter_shows_only_its_airings(client, office_a, aired):
    client.force_login(office_a)
    quarter = (aired.month - 1) // 3 + 1
    other = quarter % 4 + 1
    html = client.get(URL, {"year": aired.year, "quarter": quarter}).content.decode()
    assert "<strong>1/2</strong>" in html
    html = client.get(URL, {"year": aired.year, "quarter": other}).content.decode()
    assert "<strong>0/0</strong>" in html
    assert "bản Nà Mòn" in html  # the village is listed with nothing scheduled in that quarter


def test_a_bad_period_falls_back_to_this_year(client, office_a, aired):
    client.force_login(office_a)
    response = client.get(URL, {"year": "hai nghìn", "quarter": "9"})
    assert response.status_code == 200
    assert "Năm hoặc quý không hợp lệ" in response.content.decode()


def test_another_communes_official_sees_nothing_of_this_communes_coverage(client, office_b, aired):
    client.force_login(office_b)
    response = client.get(URL, {"year": aired.year})
    html = response.content.decode()
    assert response.status_code == 200
    assert "bản Nà Mòn" not in html
    assert "xóm Đồng Tâm" not in html
    assert "Xã chưa khai báo cụm loa nào." in html


def test_officials_outside_the_readers_are_refused(client, commune_a, make_official, aired):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    assert client.get(URL).status_code in (302, 403)


def test_the_home_page_names_the_village_that_missed_an_airing(client, office_a, office_b, aired):
    client.force_login(office_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Truyền thanh: thôn, xóm cần chú ý" in html
    assert "bản Nà Mòn" in html
    assert "lỡ 1 lượt phát trong 7 ngày qua" in html
    assert "xóm Đồng Tâm" not in html.split("loa-can-chu-y")[1].split("</section>")[0]

    client.force_login(office_b)
    assert "bản Nà Mòn" not in client.get(reverse("wagtailadmin_home")).content.decode()
