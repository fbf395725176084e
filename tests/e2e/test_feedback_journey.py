"""A villager asks the commune a question from a 360 px phone with JavaScript off, with a photo, taps «Gửi»
twice on a slow line, reads the tracking code, and later follows it by typing the code as it was read
over the phone; a mistake in the form is explained with nothing she typed lost. Every page passes axe,
fits the phone's width and its first round trip."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from cchc.communes.models import Village
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.feedback.models import Feedback, Photo

from .test_contest_journey import PHONE, _accessible, _phone, _weigh

CODE = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b")


@pytest.fixture
def commune(live_server, make_commune):
    port = int(live_server.url.rsplit(":", 1)[1])
    commune = make_commune("Xã Định Biên", "localhost", default=True, port=port)
    make_instance(Village, commune, name="Xóm Bắc", sort_order=1)
    make_instance(Village, commune, name="Bản Mới", sort_order=2)
    return commune


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_villager_asks_with_a_photo_and_follows_the_answer_by_code(browser: Browser, live_server, commune, tmp_path):
    base = live_server.url
    axe = Axe()
    checker = browser.new_context(locale="vi-VN", viewport=PHONE).new_page()
    photo = tmp_path / "loa-hong.jpg"
    Image.new("RGB", (1200, 900), (90, 140, 60)).save(photo, "JPEG")

    phone = _phone(browser)
    page = phone.new_page()
    page.goto(base + "/")
    page.get_by_role("link", name="Hỏi đáp, phản ánh").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hỏi đáp, phản ánh, kiến nghị")
    _fits(page)
    _weigh(page, lambda: page.reload())
    checker.goto(page.url)
    _accessible(axe, checker)

    # She leaves her number but forgets to agree: told why, nothing she wrote is lost.
    page.get_by_label("Phản ánh", exact=True).check()
    page.get_by_label("Về việc").select_option(label="Chương trình truyền thanh")
    page.get_by_label("Tiêu đề").fill("Loa đầu Xóm Bắc bị rè")
    page.get_by_label("Nội dung").fill("Loa ở đầu xóm bị rè từ tuần trước, cuối xóm không nghe được bản tin.")
    page.get_by_label("Thôn, xóm (không bắt buộc)").select_option(label="Xóm Bắc")
    page.get_by_label("Số điện thoại", exact=True).fill("0912 345 678")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text("Chưa gửi được")
    expect(page.locator("#dong-y-loi")).to_contain_text("đánh dấu đồng ý")
    expect(page.get_by_label("Tiêu đề")).to_have_value("Loa đầu Xóm Bắc bị rè")
    expect(page.get_by_label("Số điện thoại", exact=True)).to_have_value("0912 345 678")
    _fits(page)

    # She agrees, adds the photo and taps twice.
    page.get_by_role("checkbox").check()
    page.get_by_label("Ảnh kèm theo (không bắt buộc)").set_input_files(str(photo))
    button = page.get_by_role("button", name="Gửi", exact=True)
    button.dblclick()
    expect(page.get_by_role("status")).to_contain_text("đã nhận lúc")
    code = CODE.search(page.locator(".receipt-code").inner_text()).group(1)
    expect(page.locator("body")).to_contain_text("••••••678")
    expect(page.locator("body")).not_to_contain_text("0912 345 678")
    _fits(page)
    checker.goto(page.url)
    _accessible(axe, checker)
    with commune_scope(commune):
        [stored] = Feedback.objects.filter(commune=commune)
        assert stored.code == code
        assert stored.village.name == "Xóm Bắc"
        assert Photo.objects.filter(feedback=stored).count() == 1

    # A week later, on another phone, her son types the code as she read it out.
    later = _phone(browser).new_page()
    later.goto(base + "/phan-anh-kien-nghi/")
    later.get_by_label("Đã gửi rồi? Nhập mã theo dõi").fill(code.lower().replace("-", " "))
    later.get_by_role("button", name="Xem tình trạng").click()
    expect(later.get_by_role("heading", level=1)).to_have_text("Loa đầu Xóm Bắc bị rè")
    expect(later.locator("[aria-current=step]")).to_have_text("Đã tiếp nhận")
    # A code misheard is explained, not a bare error page.
    later.goto(base + "/phan-anh-kien-nghi/tra-cuu/?ma=ABCD-EFGH")
    expect(later.get_by_role("alert")).to_contain_text("Không tìm thấy mã")
    checker.goto(later.url)
    _accessible(axe, checker)
