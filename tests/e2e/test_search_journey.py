"""A villager searches on a 360 px phone without JavaScript: in her own words, for a need the commune does not
handle, and with a local word the search does not know; the office reads that word on its home page, teaches
it, and her next search finds the procedure."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from .test_contest_journey import _phone
from .test_official_journey import log_in

LOCAL_WORD = "giấy lấy bé về chăm"


def test_a_villagers_search_is_understood_sent_elsewhere_and_taught(browser: Browser, live_server, demo):
    base = live_server.url
    phone = _phone(browser).new_page()
    phone.goto(base + "/thu-tuc-hanh-chinh/")
    phone.get_by_label("Bạn cần làm giấy tờ gì?").fill("bo toi vua mat can lam giay gi")
    phone.get_by_role("button", name="Tìm").click()
    expect(phone.locator("ol.procs li").first).to_contain_text("Đăng ký khai tử")
    phone.locator("ol.procs li a").first.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Đăng ký khai tử")

    phone.goto(base + "/thu-tuc-hanh-chinh/")
    phone.get_by_label("Bạn cần làm giấy tờ gì?").fill("vợ chồng tôi muốn ly hôn")
    phone.get_by_role("button", name="Tìm").click()
    note = phone.get_by_role("note")
    expect(note).to_contain_text("không làm ở xã")
    expect(note).to_contain_text("Tòa án nhân dân khu vực")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone

    phone.goto(base + "/thu-tuc-hanh-chinh/")
    phone.get_by_label("Bạn cần làm giấy tờ gì?").fill(LOCAL_WORD)
    phone.get_by_role("button", name="Tìm").click()
    expect(phone.locator("ol.procs li").first).not_to_contain_text("nuôi con nuôi")

    office = browser.new_context(locale="vi-VN").new_page()
    log_in(office, base, "vanphong")
    office.goto(base + "/quan-tri/tim-kiem/")
    expect(office.locator("body")).to_contain_text("giay lay be ve cham")
    office.get_by_label("Người dân nói (tối đa 6 từ)").fill("lấy bé về chăm")
    office.get_by_label("Nghĩa là thủ tục").select_option(label="Đăng ký việc nuôi con nuôi trong nước")
    office.get_by_role("button", name="Thêm cách gọi").click()
    expect(office.locator("body")).to_contain_text("Đã thêm cách gọi")
    expect(office.get_by_role("table").last).to_contain_text("lấy bé về chăm")

    phone.goto(base + "/thu-tuc-hanh-chinh/")
    phone.get_by_label("Bạn cần làm giấy tờ gì?").fill(LOCAL_WORD)
    phone.get_by_role("button", name="Tìm").click()
    expect(phone.locator("ol.procs li").first).to_contain_text("nuôi con nuôi")
