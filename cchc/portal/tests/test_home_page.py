import re

from cchc.communes.models import Village
from cchc.communes.testing import make_instance


def test_each_commune_site_shows_its_own_name_contact_and_villages(client, commune_a, commune_b):
    make_instance(Village, commune_a, name="Khau Lầu")
    make_instance(Village, commune_b, name="Làng Mới")
    page_a = client.get("/", HTTP_HOST="dinh-bien.localhost").content.decode()
    page_b = client.get("/", HTTP_HOST="phu-dinh.localhost").content.decode()
    assert "Cổng thông tin điện tử xã Định Biên" in page_a
    assert "Khau Lầu" in page_a
    assert "Làng Mới" not in page_a
    assert "Cổng thông tin điện tử xã Phú Đình" in page_b
    assert "Làng Mới" in page_b
    assert "Khau Lầu" not in page_b
    assert 'href="tel:02083878000"' in page_a


def test_an_unknown_host_gets_the_default_communes_site(client, commune_a, commune_b):
    page = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "Xã Định Biên" in page


def test_the_home_page_needs_no_javascript_and_is_light(client, commune_a):
    response = client.get("/", HTTP_HOST="dinh-bien.localhost")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in html
    assert '<html lang="vi">' in html
    assert re.search(r'<meta name="viewport" content="width=device-width, initial-scale=1">', html)
    assert len(response.content) < 20_000


def test_a_missing_page_is_a_404(client, commune_a):
    assert client.get("/khong-co-trang-nay/", HTTP_HOST="dinh-bien.localhost").status_code == 404
