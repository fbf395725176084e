"""The results dashboard: figures, charts with the same numbers in tables, the weakest criteria first, comments."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.communes.roles import Role
from cchc.communes.scoping import all_communes
from cchc.indices.actions import CreateIndexScore
from cchc.indices.models import IndexScore
from cchc.procedures.models import ProcedureField


def results_url(campaign, query=""):
    return reverse("cchc_surveys_results", args=[campaign.pk]) + query


@pytest.fixture
def surveyed(commune_a, make_campaign, answer):
    """Định Biên's round: 4 forms; criterion 1.1 is the weakest (1 of 4 satisfied), 2.1 all satisfied."""
    campaign = make_campaign(commune_a, title="Khảo sát quý IV năm 2026", sample_target=8)
    answer(campaign, {"1.1": 5, "2.1": 5}, comment="Cần thêm ghế chờ")
    answer(campaign, {"1.1": 2, "2.1": 4})
    answer(campaign, {"1.1": 1, "2.1": 5}, comment="Công chức tận tình", consent=True,
           contact_name="Lò Văn Páo", contact_phone="0912345678")  # fmt: skip
    answer(campaign, {"1.1": 3, "2.1": 4, "3.1": 4})
    return campaign


def test_the_dashboard_shows_overall_elements_and_criteria_with_charts_and_tables(client, office_a, surveyed):
    client.force_login(office_a)
    html = client.get(results_url(surveyed)).content.decode()
    # element 1: 1.1 = 25%; element 2: 2.1 = 100%; element 3: 3.1 = 100%; overall (25 + 100 + 100) / 3 = 75%
    assert "<strong>75%</strong>chỉ số hài lòng chung" in html
    assert "4/8" in html
    assert "(50%)" in html
    charts = re.findall(r"<svg class=\"chart\".*?</svg>", html, flags=re.S)
    assert len(charts) == 2  # elements and criteria; one campaign only, so no trend chart
    for chart in charts:
        assert 'role="img"' in chart
        assert "<title" in chart
        assert "<desc" in chart
    assert "25%" in charts[1]
    assert '<th scope="row">1.1</th><td>Nơi ngồi chờ có đủ chỗ ngồi</td><td class="n">25%</td>' in html
    assert '<th scope="row">1.2</th><td>Trang thiết bị phục vụ người dân, tổ chức đầy đủ</td><td class="n">—</td>' in (
        html
    )
    weakest = re.search(r'id="yeu-nhat".*?</ol>', html, flags=re.S).group(0)
    assert weakest.index("1.1") < weakest.index("2.1")
    assert "Tỷ lệ hài lòng của một tiêu chí là số ý kiến «Hài lòng» (4) và «Rất hài lòng» (5)" in html


def test_comments_come_newest_first_and_contacts_only_for_the_office_and_leaders(
    client, commune_a, office_a, make_official, surveyed
):
    client.force_login(office_a)
    html = client.get(results_url(surveyed)).content.decode()
    assert html.index("Công chức tận tình") < html.index("Cần thêm ghế chờ")
    assert "Lò Văn Páo — 0912345678" in html
    client.force_login(make_official(commune_a, Role.OVERSEER))
    html = client.get(results_url(surveyed)).content.decode()
    assert "Công chức tận tình" in html
    assert "0912345678" not in html
    assert "Lò Văn Páo" not in html
    assert "L*** V*** P*** — ********78" in html
    assert "chỉ Văn phòng và lãnh đạo UBND xã xem được" in html


def test_a_consenting_respondent_without_a_comment_is_listed_for_the_office(
    client, commune_a, office_a, make_campaign, answer
):
    campaign = make_campaign(commune_a)
    answer(campaign, {"1.1": 4}, consent=True, contact_name="Hà Thị Mai", contact_phone="0987 654 321")
    answer(campaign, {"1.1": 4}, consent=False, contact_name="Không đồng ý", contact_phone="0900000000")
    client.force_login(office_a)
    html = client.get(results_url(campaign)).content.decode()
    contacts = re.search(r'id="lien-he".*?</section>', html, flags=re.S).group(0)
    assert "Hà Thị Mai — 0987 654 321" in contacts
    assert "Không đồng ý" not in html
    assert "0900000000" not in html


def test_comments_are_paginated(client, commune_a, office_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    for n in range(25):
        answer(campaign, {"1.1": 4}, comment=f"Ý kiến số {n:02d}")
    client.force_login(office_a)
    first = client.get(results_url(campaign)).content.decode()
    assert "Ý kiến số 24" in first
    assert "Ý kiến số 04" not in first
    assert "Trang 1/2" in first
    second = client.get(results_url(campaign, "?trang=2")).content.decode()
    assert "Ý kiến số 04" in second
    assert "Ý kiến số 24" not in second


def test_the_filters_narrow_the_figures_to_a_field_and_a_period(client, commune_a, office_a, make_campaign, answer):
    civil = ProcedureField.objects.create(code="HT-T", name="Hộ tịch thử", slug="ho-tich-thu")
    land = ProcedureField.objects.create(code="DD-T", name="Đất đai thử", slug="dat-dai-thu")
    campaign = make_campaign(commune_a)
    answer(campaign, {"1.1": 5}, procedure_field=civil)
    answer(campaign, {"1.1": 1}, procedure_field=land)
    client.force_login(office_a)
    html = client.get(results_url(campaign, f"?linh_vuc={civil.pk}")).content.decode()
    assert "<strong>100%</strong>chỉ số hài lòng chung" in html
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    html = client.get(results_url(campaign, f"?tu={tomorrow}")).content.decode()
    assert "<strong>—</strong>chỉ số hài lòng chung" in html


def test_the_trend_lists_the_communes_campaigns_and_the_province_figure_is_compared(
    client, commune_a, commune_b, office_a, make_campaign, answer, surveyed
):
    earlier = make_campaign(commune_a, title="Khảo sát năm 2025", period_start=dt.date(2025, 1, 1),
                            period_end=dt.date(2025, 12, 31))  # fmt: skip
    answer(earlier, {"1.1": 4, "2.1": 2})  # 50%
    foreign = make_campaign(commune_b, title="Khảo sát Phú Đình")
    answer(foreign, {"1.1": 5})
    year = timezone.localdate().year
    CreateIndexScore(IndexScore(commune=commune_a, index="sipas", year=year, score=Decimal("80.5"))).execute()
    client.force_login(office_a)
    html = client.get(results_url(surveyed)).content.decode()
    trend = re.search(r'id="xu-huong".*?</section>', html, flags=re.S).group(0)
    assert trend.index("Khảo sát năm 2025") < trend.index("Khảo sát quý IV năm 2026")
    assert "50%" in trend
    assert "Khảo sát Phú Đình" not in html
    assert trend.count("<svg") == 1
    assert f"SIPAS năm {year} do tỉnh công bố" in html
    assert "80,5%" in html
    assert "-5,5 điểm phần trăm" in html


def test_another_communes_official_cannot_open_the_results(client, commune_b, office_b, surveyed):
    client.force_login(office_b)
    assert client.get(results_url(surveyed)).status_code == 404
    with all_communes():
        assert surveyed.commune != commune_b


@pytest.mark.parametrize("role", [Role.CULTURE_INFO, Role.JUSTICE])
def test_officials_outside_the_survey_roles_do_not_read_results(client, commune_a, make_official, surveyed, role):
    client.force_login(make_official(commune_a, role))
    response = client.get(results_url(surveyed))
    assert response.status_code in (302, 403)


def test_the_dashboard_and_the_list_run_a_fixed_number_of_queries(
    client, commune_a, office_a, make_campaign, answer, surveyed, django_assert_max_num_queries
):
    for n in range(6):  # more campaigns cost no more queries (the trend is one aggregate for all)
        other = make_campaign(commune_a, title=f"Đợt {n}")
        answer(other, {"1.1": 4}, comment="ý kiến")
    client.force_login(office_a)
    client.get(results_url(surveyed))  # warm the site map and the session
    with django_assert_max_num_queries(32):  # +1: the progress per field (one grouped query)
        assert client.get(results_url(surveyed)).status_code == 200
    with django_assert_max_num_queries(25):
        listing = client.get(reverse("khao-sat:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    for name in ("cchc_surveys_results", "cchc_surveys_paper_entry", "cchc_surveys_upload", "cchc_surveys_paper_form"):
        assert reverse(name, args=[surveyed.pk]) in html, name


def test_a_mean_score_round_reads_as_points_out_of_100_with_its_formula(
    client, commune_a, office_a, make_campaign, answer
):
    campaign = make_campaign(commune_a, formula="mean_score")
    answer(campaign, {"1.1": 5})
    answer(campaign, {"1.1": 2})  # (4 + 1) / 8 × 100 = 62,5
    client.force_login(office_a)
    html = client.get(results_url(campaign)).content.decode()
    assert '<th scope="row">1.1</th><td>Nơi ngồi chờ có đủ chỗ ngồi</td><td class="n">62,5/100</td>' in html
    assert '<th scope="col">Điểm hài lòng (thang 0–100)</th>' in html
    assert "(điểm − 1) ÷ 4 × 100" in html
