from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

PHONE = {"width": 360, "height": 740}


def test_a_citizen_opens_the_home_page_on_a_small_phone(page: Page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cổng thông tin điện tử xã Định Biên")
    expect(page.get_by_text("Khau Lầu")).to_be_visible()
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
