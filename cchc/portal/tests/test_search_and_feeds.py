"""Site search without tones, the news feeds, sitemap.xml and robots.txt, per commune."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree as ET

from cchc.portal.models import ArticleCategory, StandardPage
from cchc.portal.search import search_pages

from .news_helpers import publish_article

A = {"HTTP_HOST": "dinh-bien.localhost"}
B = {"HTTP_HOST": "phu-dinh.localhost"}


@pytest.fixture(autouse=True)
def _index_at_once(settings):
    """Pages are indexed by the task worker (Wagtail enqueues it on save); here it runs in the request."""
    immediate = "django_tasks.backends.immediate.ImmediateBackend"
    settings.TASKS = {"default": {"BACKEND": immediate, "ENQUEUE_ON_COMMIT": False}}


@pytest.fixture
def articles(commune_a, commune_b):
    return {
        "reform": publish_article(
            commune_a,
            "Đẩy mạnh cải cách hành chính năm 2026",
            summary="Xã tiếp tục rút ngắn thời gian giải quyết hồ sơ.",
            body="<p>Bộ phận một cửa tiếp nhận hồ sơ trực tuyến &amp; trực tiếp.</p>",
        ),
        "model": publish_article(
            commune_a,
            "Mô hình dân vận khéo ở thôn Khau Lầu",
            category=ArticleCategory.MODEL,
            body="<p>Đoàn thanh niên giúp người cao tuổi nộp hồ sơ qua điện thoại.</p>",
            tags=["dân vận khéo"],
        ),
        "draft": publish_article(commune_a, "Bản nháp về cải cách hành chính", publish=False),
        "other": publish_article(commune_b, "Cải cách hành chính ở Phú Đình"),
    }


def _titles(response):
    return [page.title for page in response.context["results"]]


@pytest.mark.parametrize(
    "query", ["cai cach hanh chinh", "CẢI CÁCH HÀNH CHÍNH", "cải cach hanh chính", "  cai   cach  "]
)
def test_search_ignores_tones_and_case(client, articles, query):
    response = client.get("/tim-kiem/", {"q": query}, **A)
    assert response.status_code == 200
    assert _titles(response)[0] == "Đẩy mạnh cải cách hành chính năm 2026"


def test_d_and_đ_are_the_same_letter_and_body_and_tags_are_searched(client, articles):
    assert "Mô hình dân vận khéo ở thôn Khau Lầu" in _titles(client.get("/tim-kiem/", {"q": "doan thanh nien"}, **A))
    assert "Mô hình dân vận khéo ở thôn Khau Lầu" in _titles(client.get("/tim-kiem/", {"q": "dan van kheo"}, **A))
    assert "Đẩy mạnh cải cách hành chính năm 2026" in _titles(client.get("/tim-kiem/", {"q": "day manh"}, **A))


def test_search_shows_only_this_communes_published_pages(client, articles):
    titles = _titles(client.get("/tim-kiem/", {"q": "cai cach"}, **A))
    assert "Bản nháp về cải cách hành chính" not in titles
    assert "Cải cách hành chính ở Phú Đình" not in titles
    assert _titles(client.get("/tim-kiem/", {"q": "cai cach"}, **B)) == ["Cải cách hành chính ở Phú Đình"]


def test_a_better_match_ranks_first(client, commune_a, commune_b):
    publish_article(commune_a, "Lịch tiếp công dân", body="<p>Có nhắc đến hồ sơ đất đai một lần.</p>")
    publish_article(
        commune_a,
        "Hướng dẫn hồ sơ đất đai",
        summary="Hồ sơ đất đai nộp ở đâu",
        body="<p>Hồ sơ đất đai gồm giấy tờ về đất đai.</p>",
    )
    assert _titles(client.get("/tim-kiem/", {"q": "ho so dat dai"}, **A))[0] == "Hướng dẫn hồ sơ đất đai"


def test_standard_pages_are_found_too(client, commune_a):
    page = StandardPage(title="Giới thiệu chung", summary="Vị trí địa lý", body="<p>Đất An toàn khu.</p>")
    commune_a.root_page.add_child(instance=page)
    page.save_revision().publish()
    assert search_pages(commune=commune_a, query="an toan khu") == [page]


def test_no_query_no_results_and_a_friendly_message_for_nothing_found(client, articles):
    empty = client.get("/tim-kiem/", **A)
    assert empty.status_code == 200
    assert empty.context["results"] == []
    nothing = client.get("/tim-kiem/", {"q": "xyzxyz"}, **A).content.decode()
    assert "Không tìm thấy trang nào có «xyzxyz»" in nothing


def test_hostile_queries_are_capped_and_harmless(client, articles):
    for query in ['"', "'; DROP TABLE x; --", "cai OR cach AND NOT", "*", "a" * 5000, "<script>alert(1)</script>"]:
        response = client.get("/tim-kiem/", {"q": query}, **A)
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_search_page_lists_with_a_fixed_number_of_queries(
    client, commune_a, articles, django_assert_max_num_queries
):
    client.get("/tim-kiem/", {"q": "ho so"}, **A)  # warm the site map
    with django_assert_max_num_queries(6) as few:
        client.get("/tim-kiem/", {"q": "ho so"}, **A)
    for number in range(8):
        publish_article(commune_a, f"Hồ sơ trực tuyến số {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/tim-kiem/", {"q": "ho so"}, **A)
    assert len(response.context["results"]) == 10


def test_rss_and_atom_feeds_carry_this_communes_published_news_newest_first(client, articles):
    rss = client.get("/rss.xml", **A)
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Mô hình dân vận khéo ở thôn Khau Lầu", "Đẩy mạnh cải cách hành chính năm 2026"]
    assert "xã Định Biên" in channel.findtext("title")
    link = channel.find("item").findtext("link")
    assert link.startswith("http://dinh-bien.localhost/tin-tuc/")

    atom = client.get("/atom.xml", **A)
    assert atom["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 2

    other = ET.fromstring(client.get("/rss.xml", **B).content).find("channel")
    assert [item.findtext("title") for item in other.findall("item")] == ["Cải cách hành chính ở Phú Đình"]


def test_sitemap_lists_the_communes_pages_and_procedures_on_its_own_host(client, articles):
    body = client.get("/sitemap.xml", **A).content.decode()
    assert "http://dinh-bien.localhost/tin-tuc/day-manh-cai-cach-hanh-chinh-nam-2026/" in body
    assert "http://dinh-bien.localhost/thu-tuc-hanh-chinh/" in body
    assert "phu-dinh" not in body
    assert "ban-nhap" not in body


def test_robots_lets_crawlers_read_the_portal_but_not_the_admin(client, commune_a):
    body = client.get("/robots.txt", **A).content.decode()
    assert "Disallow: /quan-tri/" in body
    assert "Sitemap: http://dinh-bien.localhost/sitemap.xml" in body


def test_a_host_with_no_commune_has_no_feed_or_search(client, db):
    for path in ("/rss.xml", "/tim-kiem/?q=a", "/sitemap.xml"):
        assert client.get(path, HTTP_HOST="testserver").status_code == 404


@pytest.mark.parametrize("url", ["/rss.xml", "/atom.xml", "/sitemap.xml"])
def test_feeds_and_the_sitemap_cost_the_same_queries_however_many_articles(
    client, commune_a, articles, url, django_assert_max_num_queries
):
    client.get(url, **A)  # warm the site map
    with django_assert_max_num_queries(12) as few:
        client.get(url, **A)
    for number in range(8):
        publish_article(commune_a, f"Tin thêm số {number}", tags=[f"thẻ {number}"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, **A)
    shown = "/tin-tuc/tin-them-so-7/" if url == "/sitemap.xml" else "Tin thêm số 7"  # a sitemap lists addresses
    assert shown in response.content.decode()
