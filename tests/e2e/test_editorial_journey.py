"""Three officials of Định Biên put one article on the portal, as the seed plan divides the work:
the broadcasting officer writes, the culture-information board sends it back once with a reason and
then agrees, the office publishes; a citizen then reads it."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from cchc.communes.models import Commune
from cchc.communes.scoping import all_communes
from cchc.demo.communes import DEMO_PASSWORD

# The admin's pages are heavy (rich-text editor, many scripts); a loaded CI machine needs more than 5 s.
expect.set_options(timeout=20_000)

TITLE = "Xã Định Biên tiếp nhận hồ sơ đất đai trực tuyến"


def _official(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/quan-tri/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page).to_have_url(re.compile(r"/quan-tri/$"))
    return page


def _type_body(page: Page, text: str) -> None:
    """Type into the rich-text editor as a person does (it reads key strokes, not a filled value)."""
    editor = page.locator("[data-contentpath='body'] .public-DraftEditor-content[contenteditable='true']")
    editor.wait_for()  # the editor is drawn by a script once the page has loaded
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)
    expect(editor).to_contain_text(text.strip())
    hidden = page.locator("[data-contentpath='body'] input[type='hidden']").first
    page.keyboard.press("Tab")  # the editor writes its content to the form when it loses focus
    expect(hidden).to_have_value(re.compile(re.escape(text.strip()[:20])))


def _menu_action(page: Page, name) -> None:
    """Choose an action from the editor's footer menu (the main button or the "more" list)."""
    footer = page.locator("footer")
    button = footer.get_by_role("button", name=name)
    if not button.first.is_visible():
        footer.get_by_role("button", name="Thao tác khác").click()
    button.first.click()


def test_a_broadcaster_writes_the_board_sends_back_then_agrees_and_the_office_publishes(
    browser: Browser, live_server, demo
):
    from cchc.portal.models import ArticlePage, NewsIndexPage

    base = live_server.url
    with all_communes():
        news = NewsIndexPage.objects.child_of(Commune.objects.get(code="05575").root_page).get()

    writer = _official(browser, base, "phatthanh")
    writer.goto(f"{base}/quan-tri/pages/add/portal/articlepage/{news.pk}/")
    writer.get_by_role("textbox", name=re.compile("^Tiêu đề")).first.fill(TITLE)
    writer.get_by_label(re.compile("^Tóm tắt")).fill("Từ tháng này, hồ sơ đất đai nộp qua Cổng dịch vụ công.")
    _type_body(writer, "Người dân nộp hồ sơ tại nhà.")
    _menu_action(writer, re.compile("^Gửi vào quy trình"))
    expect(writer.get_by_text(re.compile("đi kiểm duyệt"))).to_be_visible()
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live

    reviewer = _official(browser, base, "vanhoa")
    expect(reviewer.get_by_text(TITLE).first).to_be_visible()  # «Đang chờ bạn duyệt» on the dashboard
    reviewer.goto(f"{base}/quan-tri/pages/{article.pk}/edit/")
    _menu_action(reviewer, "Yêu cầu chỉnh sửa")
    dialog = reviewer.get_by_role("dialog")
    dialog.get_by_role("button", name=re.compile("Yêu cầu chỉnh sửa|Gửi|Lưu")).last.click()
    expect(dialog.get_by_text("Hãy ghi lý do trả lại")).to_be_visible()  # no reason, not sent back
    dialog.get_by_label(re.compile("Lý do trả lại")).fill("Ghi rõ địa chỉ Cổng dịch vụ công.")
    dialog.get_by_role("button", name=re.compile("Yêu cầu chỉnh sửa|Gửi|Lưu")).last.click()
    expect(reviewer.get_by_role("dialog")).to_have_count(0)

    writer.goto(f"{base}/quan-tri/pages/{article.pk}/edit/")
    expect(writer.locator("body")).to_contain_text("Ghi rõ địa chỉ Cổng dịch vụ công.")  # the status panel
    _type_body(writer, " Nộp tại dichvucong.gov.vn, không phải đến trụ sở.")
    _menu_action(writer, re.compile("^Gửi lại cho"))

    reviewer.goto(f"{base}/quan-tri/pages/{article.pk}/edit/")
    _menu_action(reviewer, re.compile("^Phê duyệt$"))
    article.refresh_from_db()
    assert not article.live  # agreed, not yet published

    publisher = _official(browser, base, "vanphong")
    publisher.goto(f"{base}/quan-tri/pages/{article.pk}/edit/")
    _menu_action(publisher, re.compile("^Phê duyệt"))
    article.refresh_from_db()
    assert article.live

    citizen = browser.new_context(java_script_enabled=False).new_page()
    citizen.goto(f"{base}/tin-tuc/")
    citizen.get_by_role("link", name=TITLE).click()
    expect(citizen.locator("article")).to_contain_text("dichvucong.gov.vn")
