"""The citizens' pages of the indices: a chart drawn on the server and the same numbers in a table."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.indices.chart import PALETTE, Bar, Group, bar_chart, contrast_ratio


def host(commune) -> dict:
    return {"HTTP_HOST": commune.site.hostname}


def page(client, commune, url="/chi-so/") -> str:
    response = client.get(url, **host(commune))
    assert response.status_code == 200, url
    return response.content.decode()


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html, flags=re.S)


def bars(svg: str) -> int:
    return svg.count('class="bar"')


def test_the_overview_shows_each_years_total_in_a_chart_and_in_a_table(client, pci_a):
    html = page(client, pci_a)
    [chart] = svgs(html)  # only PCI has figures
    assert bars(chart) == 3
    assert 'role="img"' in chart
    assert "<title" in chart
    assert "<desc" in chart
    assert "2021: 63,41/100; 2022: 64,75/100; 2023: 66,2/100" in chart  # the description reads the figures
    assert "<caption>Điểm tổng hợp PCI theo năm</caption>" in html
    assert '<th scope="row">2022</th><td class="n">64,75</td>' in html
    assert '<th scope="col">Điểm (tối đa 100)</th>' in html
    assert "Quyết định công bố PCI 2023" in html
    # every index is explained, those without figures say so
    for name in ("PAR INDEX", "PAPI", "SIPAS", "Liên đoàn Thương mại và Công nghiệp Việt Nam"):
        assert name in html
    assert html.count("Chưa có số liệu.") == 3
    assert "Số liệu minh họa" not in html
    assert "<script" not in html


def test_an_index_page_shows_each_component_by_year_with_one_bar_per_figure(client, pci_a):
    html = page(client, pci_a, "/chi-so/pci/")
    [chart] = svgs(html)
    assert bars(chart) == 4  # two components × two years; the totals are in the table
    assert "Gia nhập thị trường" in chart
    assert "7,4/10" in chart
    assert "Năm 2023 cao nhất: Gia nhập thị trường (7,4/10); thấp nhất: Tính minh bạch (6,9/10)." in chart
    # the method's order: market entry comes before transparency
    assert html.index("Gia nhập thị trường") < html.index("Tính minh bạch")
    assert '<th scope="col">2021</th><th scope="col">2022</th><th scope="col">2023</th>' in html
    row = re.search(r"<tr><th scope=\"row\">Tính minh bạch.*?</tr>", html).group(0)
    assert "(tối đa 10)" in row
    assert re.findall(r'<td class="n">([^<]*)</td>', row) == ["—", "6,34", "6,9"]
    total = re.search(r"<tr><th scope=\"row\"><strong>Điểm tổng hợp.*?</tr>", html).group(0)
    assert re.findall(r'<td class="n">([^<]*)</td>', total) == ["63,41", "64,75", "66,2"]


def test_sipas_reads_as_percentages(client, commune_a, enter):
    enter(commune_a, index="sipas", year=2023, score="86.72")
    enter(commune_a, index="sipas", year=2023, component="Tiếp cận dịch vụ", score="87.2")
    html = page(client, commune_a, "/chi-so/sipas/")
    assert "87,2%" in svgs(html)[0]
    assert '<td class="n">86,72%</td>' in html


def test_another_communes_figures_never_show_on_this_communes_site(client, pci_a, pci_b):
    for url in ("/chi-so/", "/chi-so/pci/", "/chi-so/sipas/"):
        html = page(client, pci_a, url)
        for foreign in ("51,37", "3,19", "71,93", "Phú Đình", "2020"):
            assert foreign not in html, (url, foreign)
    theirs = page(client, pci_b, "/chi-so/pci/")
    assert "51,37" in theirs
    assert "64,75" not in theirs
    assert "6,34" not in theirs


def test_with_no_figures_the_pages_say_so_in_vietnamese(client, commune_a, pci_b):
    assert "Xã chưa công bố số liệu chỉ số nào. Mời bạn quay lại sau." in page(client, commune_a)
    html = page(client, commune_a, "/chi-so/papi/")
    assert "Xã chưa công bố số liệu PAPI. Mời bạn quay lại sau." in html
    assert not svgs(html)


def test_illustrative_figures_are_labelled_as_such(client, commune_a, enter):
    enter(commune_a, index="papi", year=2022, score="42.6", is_illustrative=True)
    for url in ("/chi-so/", "/chi-so/papi/"):
        assert "Số liệu minh họa" in page(client, commune_a, url)
    assert "Số liệu minh họa" not in page(client, commune_a, "/chi-so/pci/")


def test_an_unknown_index_is_not_found(client, commune_a):
    assert client.get("/chi-so/khong-co/", **host(commune_a)).status_code == 404


def test_the_pages_are_small_and_need_no_stylesheet_of_their_own(client, commune_a):
    from cchc.indices.demo import load_demo_indices

    load_demo_indices(commune_a)
    for url in ("/chi-so/", "/chi-so/par-index/", "/chi-so/pci/", "/chi-so/papi/", "/chi-so/sipas/"):
        html = page(client, commune_a, url)
        assert html.count('<link rel="stylesheet"') == 1, url  # the site's own
        style = re.search(r"<style>(.*?)</style>", html, flags=re.S).group(1)
        assert len(style.encode()) < 600
        assert len(html.encode()) < 40_000, (url, len(html.encode()))  # uncompressed; about a fifth gzipped


# The middleware finds the site and commune of the host (at most two queries); the figures are one,
# and the SIPAS pages one more: the commune's closed survey rounds (none here), whose index is computed.
HOST_LOOKUPS = 2
SURVEY_ROUNDS = {"/chi-so/": 1, "/chi-so/sipas/": 1}


@pytest.mark.parametrize("url", ["/chi-so/", "/chi-so/pci/", "/chi-so/par-index/", "/chi-so/sipas/"])
def test_each_page_runs_one_query_for_the_figures_however_many_there_are(client, commune_a, commune_b, url):
    from cchc.indices.demo import load_demo_indices

    load_demo_indices(commune_a)
    load_demo_indices(commune_b)
    page(client, commune_a, url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as context:
        page(client, commune_a, url)
    queries = [q["sql"] for q in context.captured_queries]
    assert len([q for q in queries if "indices_" in q]) == 1, "\n".join(queries)
    assert len(queries) <= 1 + HOST_LOOKUPS + SURVEY_ROUNDS.get(url, 0), "\n".join(queries)


def test_the_chart_colours_meet_aa_contrast_and_its_text_is_escaped():
    assert all(contrast_ratio(colour) >= 4.5 for colour in PALETTE)
    svg = bar_chart(
        title="<b>", desc="a & b", groups=[Group("<script>", [Bar("2022", Decimal(5), Decimal(10))])],
        unit="điểm", chart_id="x",
    )  # fmt: skip
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "a &amp; b" in svg
    assert 'width="135.0"' in svg  # half of the 270-pixel track for 5 of 10
