"""A villager's question answered by two officials and read in public: she asks from a 360 px phone, the
office gives it to the justice officer, who drafts the answer, the chairman (reminded on his home page)
approves it, the office publishes it without her name, and she reads it by her code and finds it in the
Q&A typing without tones."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from .test_contest_journey import _phone
from .test_official_journey import log_in

CODE = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b")


def test_a_question_is_answered_by_two_officials_and_read_in_public(browser: Browser, live_server, demo):
    base = live_server.url
    phone = _phone(browser).new_page()
    phone.goto(base + "/phan-anh-kien-nghi/")
    phone.get_by_label("Tiêu đề").fill("Hỏi về trích lục kết hôn bị mất")
    phone.get_by_label("Nội dung").fill("Tôi là Triệu Thị Dung, làm mất giấy đăng ký kết hôn, xin cấp lại ở đâu?")
    phone.get_by_label("Họ và tên", exact=True).fill("Triệu Thị Dung")
    phone.get_by_label("Số điện thoại", exact=True).fill("0987 111 222")
    phone.get_by_role("checkbox").check()
    phone.get_by_role("button", name="Gửi", exact=True).click()
    code = CODE.search(phone.locator(".receipt-code").inner_text()).group(1)

    office = browser.new_context(locale="vi-VN").new_page()
    log_in(office, base, "vanphong")
    office.get_by_role("link", name=re.compile("kiến nghị mới chờ phân loại")).click()
    office.get_by_role("link", name="Hỏi về trích lục kết hôn bị mất").click()
    expect(office.locator("body")).to_contain_text("0987111222")  # she agreed to be contacted: the office sees it
    office.get_by_label("Đơn vị xử lý").select_option(label="Công chức Tư pháp - Hộ tịch")
    office.get_by_role("button", name="Giao xử lý").click()
    expect(office.locator("body")).to_contain_text("Đã giao cho Công chức Tư pháp - Hộ tịch")

    justice = browser.new_context(locale="vi-VN").new_page()
    log_in(justice, base, "tuphap")
    justice.get_by_role("link", name="Hỏi về trích lục kết hôn bị mất").first.click()
    answer = ("Chị đến bộ phận một cửa của UBND xã nơi đã đăng ký kết hôn để xin trích lục bản sao, mang căn cước; "
              "lệ phí 8.000 đồng một bản.")  # fmt: skip
    justice.get_by_label(re.compile("Nội dung trả lời")).fill(answer)
    justice.get_by_role("button", name="Gửi lãnh đạo duyệt").click()
    expect(justice.locator("body")).to_contain_text("Đã gửi bản trả lời để lãnh đạo duyệt")

    phone.goto(f"{base}/phan-anh-kien-nghi/ma/{code}/")
    expect(phone.locator("body")).to_contain_text("Đang xử lý")
    expect(phone.locator("body")).not_to_contain_text("lệ phí 8.000 đồng")  # a draft is never public

    chairman = browser.new_context(locale="vi-VN").new_page()
    log_in(chairman, base, "chutich")
    chairman.get_by_role("link", name=re.compile("bản trả lời chờ lãnh đạo duyệt")).click()
    chairman.get_by_role("link", name="Hỏi về trích lục kết hôn bị mất").click()
    chairman.get_by_role("button", name="Duyệt và trả lời người gửi").click()
    expect(chairman.locator("body")).to_contain_text("Đã duyệt")

    office.reload()
    expect(office.get_by_label("Câu hỏi công khai", exact=True)).not_to_have_value(re.compile("Dung"))  # name out
    office.get_by_label("Tiêu đề câu hỏi công khai").fill("Làm mất giấy đăng ký kết hôn thì xin cấp lại ở đâu?")
    office.get_by_role("button", name="Công khai", exact=True).click()
    expect(office.locator("body")).to_contain_text("Đã công khai trong mục Hỏi đáp")

    phone.goto(f"{base}/phan-anh-kien-nghi/ma/{code}/")
    expect(phone.locator("body")).to_contain_text("Đã trả lời")
    expect(phone.locator("body")).to_contain_text("lệ phí 8.000 đồng")
    phone.goto(f"{base}/phan-anh-kien-nghi/hoi-dap/")
    phone.get_by_label(re.compile("Tìm câu hỏi")).fill("mat giay dang ky ket hon")
    phone.get_by_role("button", name="Tìm", exact=True).click()
    phone.get_by_role("link", name=re.compile("Làm mất giấy đăng ký kết hôn")).click()
    expect(phone.locator("body")).to_contain_text("lệ phí 8.000 đồng")
    expect(phone.locator("body")).not_to_contain_text("Triệu Thị Dung")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
