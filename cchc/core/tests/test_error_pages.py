"""Wrong addresses and errors show short Vietnamese pages, with DEBUG on (`make run`) and off (production)."""

import re

import pytest
from django.test import Client
from django.urls import path

from cchc.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


# This module serves as the URLconf of the 500 tests: the project's URLs plus one that fails.
handler500 = "cchc.core.errors.server_error"
urlpatterns = [path("hong/", boom), *project_urlpatterns]

DJANGO_DEBUG_PAGES = ("Using the URLconf", "urlpatterns", "Traceback", "Page not found", "Django")


@pytest.fixture(params=[True, False], ids=["make-run", "production"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def visible_text(html: str) -> str:
    """What a reader sees (Wagtail's <noscript> note, shown on every admin page without JS, aside)."""
    html = re.sub(r"<(noscript|script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def assert_friendly(response, status: int, *texts: str):
    html = response.content.decode()
    assert response.status_code == status
    for text in texts:
        assert text in html
    for text in (*DJANGO_DEBUG_PAGES, "Wagtail"):
        assert text not in visible_text(html)


@pytest.mark.parametrize("url", ["/trang-khong-co/", "/khong-co.php", "/thu-tuc-hanh-chinh/khong-co-thu-tuc-nay/"])
def test_a_wrong_address_shows_the_communes_not_found_page(debug, client, commune_a, commune_b, url):
    a = client.get(url, HTTP_HOST=commune_a.site.hostname)
    b = client.get(url, HTTP_HOST=commune_b.site.hostname)
    assert_friendly(a, 404, "Không tìm thấy trang", "Về trang chủ của xã Định Biên")
    assert_friendly(b, 404, "Không tìm thấy trang", "Về trang chủ của xã Phú Đình")
    assert "Định Biên" not in b.content.decode()


def test_a_wrong_admin_address_speaks_of_the_admin_not_of_wagtail(debug, client, office_a):
    client.force_login(office_a)
    response = client.get("/quan-tri/khong-co-muc-nay/")
    assert_friendly(response, 404, "Không tìm thấy trang", "Về trang quản trị")


@pytest.mark.urls("cchc.core.tests.test_error_pages")
def test_an_error_shows_the_apology_page_with_the_communes_name(debug, commune_a, commune_b):
    client = Client(raise_request_exception=False)
    a = client.get("/hong/", HTTP_HOST=commune_a.site.hostname)
    b = client.get("/hong/", HTTP_HOST=commune_b.site.hostname)
    assert_friendly(a, 500, "Hệ thống đang gặp sự cố", "Ủy ban nhân dân xã Định Biên", 'href="/"')
    assert_friendly(b, 500, "Ủy ban nhân dân xã Phú Đình")


def test_a_developer_can_ask_for_djangos_own_pages(settings, client, commune_a):
    settings.DEBUG = True
    settings.DJANGO_ERROR_PAGES = True
    response = client.get("/khong-co.php", HTTP_HOST=commune_a.site.hostname)
    assert response.status_code == 404
    assert "Django tried these URL patterns" in response.content.decode()
