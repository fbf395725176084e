"""A villager answers the satisfaction survey on a cheap phone with JavaScript off: taps send twice on a
slow connection, sees one receipt, and the commune holds one response."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from cchc.communes.scoping import all_communes
from cchc.surveys.models import Campaign, Channel, Response

PHONE = {"width": 360, "height": 740}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(autouse=True)
def _official_templates(live_server):
    """The questionnaires come with a data migration; a live server's flush after a journey removes them."""
    from cchc.surveys.official import load_official_templates

    load_official_templates()


def _open_campaign(demo) -> Campaign:
    """The demo round of Định Biên, open whatever today's date (its period is the demo's year)."""
    with all_communes():
        campaign = Campaign.objects.get(commune=demo[0])
        Campaign.objects.filter(pk=campaign.pk).update(period_start=None, period_end=None)
        return campaign


def _web_responses(campaign) -> list[Response]:
    with all_communes():
        return list(Response.objects.filter(campaign=campaign, channel=Channel.WEB))


def test_a_villager_answers_on_a_phone_without_javascript_taps_send_twice_and_gets_one_receipt(
    browser, live_server, demo
):
    campaign = _open_campaign(demo)
    context = browser.new_context(java_script_enabled=False, locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Đánh giá mức độ hài lòng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đánh giá mức độ hài lòng")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("group", name="Nơi ngồi chờ có đủ chỗ ngồi").get_by_label("Hài lòng", exact=True).check()
    page.get_by_role("group", name="Công chức có thái độ giao tiếp lịch sự").get_by_label("Rất hài lòng").check()
    page.get_by_role("group", name="Kết quả giải quyết đúng quy định").get_by_label("Bình thường").check()
    page.get_by_label("Ý kiến khác của bạn (nếu có)").fill("Nên có thêm ghế ở phòng chờ")

    posts, stalled = [], []

    def slow_connection(route):
        """The first form reaches the server, but its answer never comes back to the phone."""
        if route.request.method != "POST":
            route.continue_()
            return
        if not stalled:
            route.fetch(max_redirects=0)  # the server stores the form and answers; the phone never hears it
            posts.append(route.request.post_data)
            stalled.append(route)
        else:
            posts.append(route.request.post_data)
            route.continue_()

    page.route("**/khao-sat/**", slow_connection)
    send = page.get_by_role("button", name="Gửi phiếu")
    send.focus()
    page.keyboard.press("Enter")
    for _wait in range(300):  # until the server has answered the first send (slow when the machine is busy)
        if stalled:
            break
        page.wait_for_timeout(100)
    assert len(_web_responses(campaign)) == 1  # stored, though the phone still waits
    page.keyboard.press("Enter")  # nothing happens on the screen: the villager taps send again
    expect(page.get_by_role("heading", level=1)).to_have_text("Cảm ơn bạn đã đánh giá!")
    page.reload()  # and a reload of the receipt sends nothing
    stored = _web_responses(campaign)
    assert len(stored) == 1
    assert stored[0].comment == "Nên có thêm ghế ở phòng chờ"
    expect(page.get_by_text(f"Mã phiếu: {stored[0].receipt_code}")).to_be_visible()
    assert len(posts) == 2, "the retry must really send the form again"
    assert posts[0] == posts[1]
    context.close()


def test_the_survey_form_and_receipt_have_no_accessibility_violations(page: Page, live_server, demo):
    campaign = _open_campaign(demo)
    axe = Axe()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/khao-sat/{campaign.pk}/")
    results = axe.run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Gửi phiếu").click()  # nothing chosen: the errors shown must be accessible too
    expect(page.get_by_role("alert")).to_contain_text("ít nhất một câu hỏi")
    results = axe.run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("group", name="Nơi ngồi chờ có đủ chỗ ngồi").get_by_label("Hài lòng", exact=True).check()
    page.get_by_role("button", name="Gửi phiếu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cảm ơn bạn đã đánh giá!")
    results = axe.run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_the_kiosk_left_idle_clears_a_half_filled_form_for_the_next_person(browser, live_server, demo, settings):
    from cchc.surveys.management.commands.survey_kiosk import issue_kiosk_token

    settings.SURVEY_KIOSK_IDLE_SECONDS = 3  # a minute at the desk; three seconds here
    campaign = _open_campaign(demo)
    with all_communes():
        issue_kiosk_token(campaign)
        campaign.refresh_from_db()
    page = browser.new_context(locale="vi-VN", viewport={"width": 800, "height": 1280}).new_page()
    page.goto(f"{live_server.url}/khao-sat/quay/{campaign.kiosk_token}/")
    first_key = page.locator("input[name=key]").input_value()
    chosen = page.get_by_role("group", name="Nơi ngồi chờ có đủ chỗ ngồi").get_by_label("Hài lòng", exact=True)
    chosen.check()
    page.wait_for_timeout(1500)
    page.get_by_label("Ý kiến khác của bạn (nếu có)").fill("Đang viết dở")  # still answering: no reset yet
    page.wait_for_timeout(2000)
    expect(chosen).to_be_checked()
    expect(page.locator("input[name=key]")).not_to_have_value(first_key, timeout=10_000)  # left idle: reloaded
    expect(
        page.get_by_role("group", name="Nơi ngồi chờ có đủ chỗ ngồi").get_by_label("Hài lòng", exact=True)
    ).not_to_be_checked()
    assert page.get_by_label("Ý kiến khác của bạn (nếu có)").input_value() == ""
    assert _web_responses(campaign) == []
