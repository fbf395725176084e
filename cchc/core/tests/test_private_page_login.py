"""A citizen who opens a page kept for officials meets the commune's own page, in Vietnamese."""

from django.urls import reverse


def test_the_login_for_a_private_page_wears_the_communes_site(client, commune_a):
    html = client.get(reverse("wagtailcore_login"), {"next": "/noi-bo/"}, HTTP_HOST="dinh-bien.localhost")
    text = html.content.decode()
    assert html.status_code == 200
    assert "Đăng nhập để xem trang" in text
    assert "UBND xã Định Biên" in text
    assert "Log in" not in text
    assert "Wagtail" not in text
    assert 'name="next" value="/noi-bo/"' in text


def test_a_wrong_password_is_said_in_vietnamese(client, commune_a, office_a):
    response = client.post(
        reverse("wagtailcore_login"),
        {"username": office_a.username, "password": "sai"},
        HTTP_HOST="dinh-bien.localhost",
    )
    assert "Tên đăng nhập hoặc mật khẩu chưa đúng" in response.content.decode()
