import re

from playwright.sync_api import Page, expect

from cchc.communes.models import Village
from cchc.communes.scoping import all_communes
from cchc.demo.communes import DEMO_PASSWORD


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/quan-tri/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page).to_have_url(re.compile(r"/quan-tri/$"))


def test_an_office_official_sees_only_their_communes_villages_and_cannot_open_anothers(page: Page, live_server, demo):
    log_in(page, live_server.url, "vanphong")
    page.goto(f"{live_server.url}/quan-tri/thon-xom/")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Khau Lầu")
    expect(table).not_to_contain_text("minh họa)")  # Phú Đình's villages are all named "(minh họa)"

    with all_communes():
        other = Village.objects.filter(commune__code="05602").first()
    response = page.goto(f"{live_server.url}/quan-tri/thon-xom/edit/{other.pk}/")
    assert response.status == 404


def test_an_official_adds_a_village_with_vietnamese_name_from_the_admin(page: Page, live_server, demo):
    log_in(page, live_server.url, "vanphong")
    page.goto(f"{live_server.url}/quan-tri/thon-xom/new/")
    page.get_by_role("textbox", name=re.compile(r"^Tên")).fill("Bản Piềng Đặc Ước")
    page.get_by_label("Số hộ").fill("42")
    page.get_by_role("button", name="Tạo", exact=True).click()
    expect(page.get_by_role("table")).to_contain_text("Bản Piềng Đặc Ước")
    with all_communes():
        assert Village.objects.get(name="Bản Piềng Đặc Ước").commune.code == "05575"


def test_the_other_communes_official_sees_their_own_commune(page: Page, live_server, demo):
    log_in(page, live_server.url, "phudinh_vanphong")
    page.goto(f"{live_server.url}/quan-tri/thon-xom/")
    expect(page.get_by_role("table")).to_contain_text("Làng Mới (minh họa)")
    expect(page.get_by_role("table")).not_to_contain_text("Khau Lầu")
