from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

PHONE = {"width": 360, "height": 740}


def test_a_citizen_opens_the_home_page_on_a_small_phone(page: Page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cổng thông tin điện tử xã Định Biên")
    expect(page.get_by_text("Xóm Khau Lầu", exact=True)).to_be_visible()
    # nothing wider than the screen: no sideways scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("link", name="Giới thiệu chung").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Giới thiệu chung")


def test_the_home_page_works_with_javascript_turned_off(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Định Biên")
    page.get_by_role("link", name="Giới thiệu chung").first.click()
    expect(page).to_have_url(live_server.url + "/gioi-thieu/")
    context.close()


def test_public_pages_have_no_accessibility_violations(page: Page, live_server, demo):
    axe = Axe()
    for path in ["/", "/gioi-thieu/"]:
        page.goto(live_server.url + path)
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"


def test_a_villager_finds_a_procedure_by_typing_without_tones_on_a_phone(page: Page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/thu-tuc-hanh-chinh/")
    page.get_by_label("Bạn cần làm giấy tờ gì?").fill("lam giay khai sinh cho con")
    page.get_by_role("button", name="Tìm").click()
    first = page.locator("ol.procs li a").first
    expect(first).to_have_text("Đăng ký khai sinh")
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    expect(page.get_by_role("heading", name="Cần mang theo")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_procedure_pages_have_no_accessibility_violations(page: Page, live_server, demo):
    axe = Axe()
    for path in ["/thu-tuc-hanh-chinh/", "/thu-tuc-hanh-chinh/?q=ket+hon", "/thu-tuc-hanh-chinh/linh-vuc/ho-tich/"]:
        page.goto(live_server.url + path)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"
    page.locator("ol.procs li a").first.click()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()
