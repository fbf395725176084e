"""The public indices page shows the SIPAS a commune computed from its closed survey rounds."""

import datetime as dt
import re
from decimal import Decimal

from cchc.indices.actions import CreateIndexScore
from cchc.indices.models import IndexScore


def page(client, commune, url="/chi-so/") -> str:
    response = client.get(url, HTTP_HOST=commune.site.hostname)
    assert response.status_code == 200
    return response.content.decode()


def sipas_section(html: str) -> str:
    return re.search(r'<section aria-labelledby="cs-sipas">.*?</section>', html, flags=re.S).group(0)


def year_2025(make_campaign, commune, title):
    return make_campaign(commune, title=title, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31))


def close(campaign):
    campaign.status = "closed"
    campaign.save()


def test_the_latest_closed_round_of_a_year_gives_that_years_sipas_labelled_with_its_responses(
    client, commune_a, make_campaign, answer
):
    early = year_2025(make_campaign, commune_a, "Khảo sát quý I năm 2025")
    early.period_end = dt.date(2025, 3, 31)
    late = year_2025(make_campaign, commune_a, "Khảo sát cả năm 2025")
    answer(early, {"1.1": 5})
    answer(late, {"1.1": 4, "2.1": 2})  # 50%
    answer(late, {"1.1": 4, "2.1": 2})
    close(early)
    html = sipas_section(page(client, commune_a))
    assert '<th scope="row">2025</th><td class="n">100%</td>' in html  # the only closed round so far
    close(late)
    html = sipas_section(page(client, commune_a))
    assert '<th scope="row">2025</th><td class="n">50%</td>' in html
    assert "Xã tự tính từ 2 phiếu của đợt khảo sát “Khảo sát cả năm 2025”" in html
    assert 'role="img"' in html


def test_a_figure_entered_by_hand_wins_over_the_computed_one(client, commune_a, make_campaign, answer):
    closed = year_2025(make_campaign, commune_a, "Khảo sát năm 2025")
    answer(closed, {"1.1": 1})
    close(closed)
    CreateIndexScore(
        IndexScore(commune=commune_a, index="sipas", year=2025, score=Decimal("81.3"), source="Quyết định của tỉnh")
    ).execute()
    html = sipas_section(page(client, commune_a))
    assert '<td class="n">81,3%</td>' in html
    assert "Xã tự tính" not in html
    assert "0%" not in html


def test_another_communes_rounds_never_show(client, commune_a, commune_b, make_campaign, answer):
    theirs = year_2025(make_campaign, commune_b, "Khảo sát Phú Đình 2025")
    answer(theirs, {"1.1": 5})
    close(theirs)
    html = page(client, commune_a) + page(client, commune_a, "/chi-so/sipas/")
    assert "Phú Đình" not in html
    assert "Xã tự tính" not in html
    assert "Phú Đình" in page(client, commune_b, "/chi-so/sipas/")


def test_the_computed_sipas_costs_a_fixed_number_of_queries(
    client, commune_a, make_campaign, answer, django_assert_max_num_queries
):
    for year in (2023, 2024, 2025):
        round_ = make_campaign(commune_a, title=f"Khảo sát năm {year}", period_end=dt.date(year, 12, 31))
        answer(round_, {"1.1": 4})
        close(round_)
    page(client, commune_a)  # warm the site map
    # the figures (1), the closed rounds (1), their criteria, answers and responses (3), the host (≤ 2)
    with django_assert_max_num_queries(7):
        html = sipas_section(page(client, commune_a))
    for year in (2023, 2024, 2025):
        assert f'<th scope="row">{year}</th><td class="n">100%</td>' in html
        assert f"Xã tự tính từ 1 phiếu của đợt khảo sát “Khảo sát năm {year}” ({year})" in html
