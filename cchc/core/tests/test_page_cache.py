"""Anonymous public pages come from the cache with no query and no session, and change on publish."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import path

from cchc.communes.actions import CreateRecord
from cchc.communes.models import Village
from cchc.portal.models import StandardPage

A = {"HTTP_HOST": "dinh-bien.localhost"}
B = {"HTTP_HOST": "phu-dinh.localhost"}


@pytest.fixture(autouse=True)
def _page_cache_on(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATIONS_DIR = tmp_path / "generations"
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def session_spy():
    """Every read of any session, from any request."""
    with mock.patch.object(SessionBase, "_get_session", autospec=True, side_effect=SessionBase._get_session) as spy:
        yield spy


def _introduce(*hosts):
    """A process stores a host's pages once it has rendered one and so learnt the host's commune."""
    for host in hosts:
        assert Client().get("/trang-chua-co/", **host)["X-Cache"] == "MISS"


def _publish_child(home, title: str, *, user=None) -> StandardPage:
    page = home.add_child(instance=StandardPage(title=title, slug="gioi-thieu", summary=title, live=False))
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def test_a_second_anonymous_visit_is_answered_from_the_cache_with_no_query_and_no_session(
    client, commune_a, django_assert_num_queries, session_spy
):
    _introduce(A)
    first = client.get("/", **A)
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    session_spy.reset_mock()
    with django_assert_num_queries(0):
        second = client.get("/", **A)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert not hasattr(second.wsgi_request, "session")  # the session middleware never ran
    session_spy.assert_not_called()
    assert client.head("/", **A)["X-Cache"] == "HIT"


def test_the_query_string_is_part_of_the_key(client, commune_a):
    _introduce(A)
    assert client.get("/tim-kiem/?q=khai+sinh", **A)["X-Cache"] == "MISS"
    assert client.get("/tim-kiem/?q=ket+hon", **A)["X-Cache"] == "MISS"
    assert client.get("/tim-kiem/?q=khai+sinh", **A)["X-Cache"] == "HIT"


def test_a_procedure_search_is_never_answered_from_the_cache(client, commune_a):
    """Each search is logged for the officials (procedures/learning.py): a stored page would count none."""
    _introduce(A)
    client.get("/thu-tuc-hanh-chinh/?q=khai+sinh", **A)
    assert client.get("/thu-tuc-hanh-chinh/?q=khai+sinh", **A)["X-Cache"] == "MISS"


def test_publishing_or_unpublishing_a_page_shows_at_once_on_the_commune_site(
    client, commune_a, office_a, django_capture_on_commit_callbacks
):
    _introduce(A)
    home = commune_a.root_page.specific
    client.get("/", **A)
    assert client.get("/", **A)["X-Cache"] == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        page = _publish_child(home, "Giới thiệu xã Định Biên", user=office_a)
    response = client.get("/", **A)
    assert response["X-Cache"] == "MISS"
    assert "Giới thiệu xã Định Biên" in response.content.decode()
    assert client.get("/", **A)["X-Cache"] == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    response = client.get("/", **A)
    assert response["X-Cache"] == "MISS"
    assert "Giới thiệu xã Định Biên" not in response.content.decode()


def test_a_write_of_commune_data_with_its_audit_record_shows_at_once(
    client, commune_a, office_a, django_capture_on_commit_callbacks
):
    _introduce(A)
    client.get("/", **A)
    assert client.get("/", **A)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        CreateRecord(Village(commune=commune_a, name="Bản Khau Lầu"), user=office_a, commune=commune_a).execute(
            skip_permission_checks=True
        )
    response = client.get("/", **A)
    assert response["X-Cache"] == "MISS"
    assert "Bản Khau Lầu" in response.content.decode()


def test_a_change_in_one_commune_leaves_the_other_communes_pages_cached(
    client, commune_a, commune_b, office_a, django_capture_on_commit_callbacks
):
    _introduce(A, B)
    client.get("/", **A)
    client.get("/", **B)
    with django_capture_on_commit_callbacks(execute=True):
        _publish_child(commune_a.root_page.specific, "Tin mới của Định Biên", user=office_a)
    assert client.get("/", **A)["X-Cache"] == "MISS"
    assert client.get("/", **B)["X-Cache"] == "HIT"


def test_two_communes_on_two_hosts_never_share_an_entry(client, commune_a, commune_b):
    _introduce(A, B)
    page_a = client.get("/", **A)
    page_b = client.get("/", **B)
    assert page_b["X-Cache"] == "MISS"
    again_b = client.get("/", **B)
    again_a = client.get("/", **A)
    assert (again_a["X-Cache"], again_b["X-Cache"]) == ("HIT", "HIT")
    assert "xã Phú Đình" in again_b.content.decode()
    assert "xã Phú Đình" not in again_a.content.decode()
    assert again_a.content == page_a.content
    assert again_b.content == page_b.content


def test_a_logged_in_official_always_gets_a_fresh_page_and_never_fills_the_cache(client, commune_a, office_a):
    client.force_login(office_a)
    assert "X-Cache" not in client.get("/", **A)
    assert "X-Cache" not in client.get("/", **A)
    assert Client().get("/", **A)["X-Cache"] == "MISS"  # the official's page was not stored for others


def test_a_visitor_with_a_messages_cookie_is_not_answered_from_the_cache(client, commune_a):
    client.get("/", **A)
    client.cookies["messages"] = "something"
    assert "X-Cache" not in client.get("/", **A)


def test_a_csrf_cookie_alone_still_gets_the_cached_page(client, commune_a):
    _introduce(A)
    client.get("/", **A)
    client.cookies["csrftoken"] = "a" * 32
    assert client.get("/", **A)["X-Cache"] == "HIT"


def test_a_post_is_never_answered_from_nor_stored_in_the_cache(client, commune_a):
    client.get("/", **A)
    response = client.post("/", **A)
    assert "X-Cache" not in response
    assert "X-Cache" not in client.post("/", **A)


def test_the_admin_and_the_api_are_never_cached(client, commune_a):
    for url in ("/quan-tri/login/", "/api/v1/openapi.json"):
        client.get(url, **A)
        assert "X-Cache" not in client.get(url, **A), url


def _sets_a_cookie(request):
    from django.http import HttpResponse

    response = HttpResponse("<p>xin chào</p>")
    response.set_cookie("da_xem", "1")
    return response


def _private(request):
    from django.http import HttpResponse

    response = HttpResponse("<p>của riêng bạn</p>")
    response["Cache-Control"] = "private"
    return response


def _varies_on_user_agent(request):
    from django.http import HttpResponse

    response = HttpResponse("<p>điện thoại</p>")
    response["Vary"] = "User-Agent"
    return response


def _plain(request):
    from django.http import HttpResponse

    return HttpResponse("<p>trang đơn giản</p>")


urlpatterns = [
    path("dat-cookie/", _sets_a_cookie),
    path("rieng/", _private),
    path("theo-may/", _varies_on_user_agent),
    path("don-gian/", _plain),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/dat-cookie/", "/rieng/", "/theo-may/"])
def test_responses_that_set_a_cookie_are_private_or_vary_on_other_headers_are_not_stored(commune_a, url):
    _introduce(A)
    assert Client().get(url, **A)["X-Cache"] == "MISS"
    assert Client().get(url, **A)["X-Cache"] == "MISS"


@pytest.mark.urls(__name__)
def test_a_plain_page_of_a_view_is_stored(commune_a):
    _introduce(A)
    assert Client().get("/don-gian/", **A)["X-Cache"] == "MISS"
    assert Client().get("/don-gian/", **A)["X-Cache"] == "HIT"


def test_a_page_with_a_csrf_form_is_not_stored(client, commune_a):
    """Wagtail's password form of a restricted page carries a CSRF token: it must not reach anyone else."""
    _introduce(A)
    from wagtail.models import PageViewRestriction

    page = _publish_child(commune_a.root_page.specific, "Trang có mật khẩu")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="bi-mat")
    first = Client().get("/gioi-thieu/", **A)
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert first["X-Cache"] == "MISS"
    assert Client().get("/gioi-thieu/", **A)["X-Cache"] == "MISS"


@pytest.mark.urls(__name__)
def test_the_middleware_stack_costs_no_query_for_an_anonymous_request_even_uncached(
    client, commune_a, settings, django_assert_num_queries
):
    """Finding the site and the commune of a host used to cost two queries a request; the site map has them."""
    settings.PAGE_CACHE_ENABLED = False
    client.get("/don-gian/", **A)  # loads the site map once per process
    with django_assert_num_queries(0):
        response = client.get("/don-gian/", **A)
    assert response.status_code == 200
    assert response.wsgi_request.commune == commune_a


def test_a_publication_in_another_process_is_seen_through_the_shared_generation_files(client, commune_a, settings):
    """The task worker publishes scheduled pages: its change reaches the web workers through the files."""
    from cchc.core import page_cache

    settings.PAGE_CACHE_GENERATION_RECHECK = 0
    _introduce(A)
    client.get("/", **A)
    assert client.get("/", **A)["X-Cache"] == "HIT"
    page_cache._write_file_generation(str(commune_a.pk))  # what _bump_now does in the other process
    assert client.get("/", **A)["X-Cache"] == "MISS"


def test_query_strings_the_pages_do_not_read_are_never_stored(client, commune_a):
    _introduce(A)
    for _visit in range(2):
        assert client.get("/?x=1", **A).get("X-Cache") != "HIT"
        assert client.get("/tin-tuc/?trang=2&" + "a" * 300, **A).get("X-Cache") != "HIT"
    client.get("/tin-tuc/?trang=1", **A)
    assert client.get("/tin-tuc/?trang=1", **A)["X-Cache"] == "HIT"


def test_a_page_made_private_leaves_the_cache_at_once(client, commune_a, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    _introduce(A)
    page = _publish_child(commune_a.root_page.specific, "Trang sắp riêng tư")
    client.get(page.url, **A)
    assert client.get(page.url, **A)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x1")
    assert client.get(page.url, **A).get("X-Cache") != "HIT"


def _through_the_front(environ):
    """Ask the WSGI front of production (cchc/wsgi.py) with Django replaced by a spy."""
    from cchc.core.page_cache import serve_hits_first

    asked = []

    def django(environ, start_response):
        asked.append(environ["PATH_INFO"])
        start_response("204 No Content", [])
        return [b""]

    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers))

    body = b"".join(serve_hits_first(django)(environ, start_response))
    return answer.get("status"), answer.get("headers", {}), body, asked


def test_the_wsgi_front_sends_a_cached_page_before_django_with_every_header_of_a_full_answer(
    client, commune_a, django_assert_num_queries
):
    _introduce(A)
    client.get("/", **A)
    full = client.get("/", **A)
    assert full["X-Cache"] == "HIT"
    with django_assert_num_queries(0):
        status, headers, body, asked = _through_the_front(RequestFactory().get("/", **A).environ)
    assert asked == []
    assert status == "200 OK"
    assert body == full.content
    assert headers["X-Cache"] == "HIT"
    for name in ("Content-Type", "Content-Length", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert headers[name] == full[name], name
    head_status, _, head_body, _ = _through_the_front(RequestFactory().head("/", **A).environ)
    assert (head_status, head_body) == ("200 OK", b"")


def test_the_wsgi_front_leaves_to_django_what_it_must_not_answer(client, commune_a, django_capture_on_commit_callbacks):
    _introduce(A)
    client.get("/", **A)
    factory = RequestFactory()
    refused = {
        "a session": factory.get("/", HTTP_COOKIE="sessionid=abc", **A),
        "a post": factory.post("/", **A),
        "a host never rendered": factory.get("/", HTTP_HOST="xa-khac.localhost"),
        "another address": factory.get("/tin-tuc/", **A),
        "an unread parameter": factory.get("/?utm=1", **A),
        "the admin": factory.get("/quan-tri/", **A),
    }
    for reason, request in refused.items():
        assert _through_the_front(request.environ)[3], reason
    with django_capture_on_commit_callbacks(execute=True):
        _publish_child(commune_a.root_page.specific, "Tin mới đăng")
    assert _through_the_front(factory.get("/", **A).environ)[3] == ["/"]  # stale after the publication
