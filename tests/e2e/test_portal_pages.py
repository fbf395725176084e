"""The citizens' portal in a browser: light enough for one round trip on rural 3G, accessible, and
readable on a small phone with JavaScript off.

Page weight is what the browser fetched to render the page (every request but images, which are
lazy-loaded content), each body compressed with gzip at level 6 as nginx or granian would send it.
The budget is 14 KB: what the first round trip of a new connection carries (10 TCP segments).
"""

from __future__ import annotations

import gzip
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

BUDGET = 14 * 1024
MAX_REQUESTS = 2
PHONE = {"width": 360, "height": 740}
ARTICLE_LINK = "main a[href^='/tin-tuc/']:not([href='/tin-tuc/']):not([href*='?'])"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _portal_paths(page: Page, base: str) -> dict[str, str]:
    """The pages a citizen reads, found by following links as they would."""
    page.goto(base + "/tin-tuc/")
    article = page.locator(ARTICLE_LINK).first.get_attribute("href")
    page.goto(base + "/ban-tin-cchc/")
    bulletin = page.locator("main a[href^='/ban-tin-cchc/']:not([href='/ban-tin-cchc/']):not([href*='/pdf/'])").first
    return {
        "home": "/",
        "news list": "/tin-tuc/",
        "article": article,
        "bulletin list": "/ban-tin-cchc/",
        "bulletin": bulletin.get_attribute("href"),
        "indices": "/chi-so/",
        "index": "/chi-so/pci/",
        "search": "/tim-kiem/?q=cai+cach+hanh+chinh",
    }


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="vi-VN")
    yield context.new_page()
    context.close()


def test_every_portal_page_fits_one_round_trip_in_at_most_two_requests(no_js_page: Page, live_server, demo):
    base = live_server.url
    paths = _portal_paths(no_js_page, base)
    report = {}
    for name, path in paths.items():
        fetched = []

        def record(request, fetched=fetched):
            fetched.append(request)

        no_js_page.on("requestfinished", record)
        response = no_js_page.goto(base + path, wait_until="load")
        no_js_page.remove_listener("requestfinished", record)
        assert response.status == 200, f"{name} {path}: {response.status}"
        counted = [request for request in fetched if request.resource_type != "image"]
        weight = sum(len(gzip.compress(request.response().body(), 6)) for request in counted)
        report[name] = (weight, len(counted))
        assert len(counted) <= MAX_REQUESTS, f"{name} {path}: {[r.url for r in counted]}"
        assert weight <= BUDGET, f"{name} {path}: {weight} bytes compressed"
        # content images wait until they are scrolled to, and keep their place while loading
        for image in no_js_page.locator("main img").all():
            assert image.get_attribute("loading") == "lazy"
            assert image.get_attribute("width")
            assert image.get_attribute("height")
    print("page weight (gzip bytes, requests):", report)


def test_portal_pages_have_no_accessibility_violations(page: Page, live_server, demo):
    base = live_server.url
    axe = Axe()
    for name, path in _portal_paths(page, base).items():
        page.goto(base + path)
        results = axe.run(page, options=WCAG)
        assert results.violations_count == 0, f"{name} {path}: {results.generate_report()}"


def test_a_villager_reads_the_news_on_a_small_phone_with_javascript_off(no_js_page: Page, live_server, demo):
    base = live_server.url
    no_js_page.goto(base + "/")
    no_js_page.get_by_role("navigation", name="Mục chính").get_by_role("link", name="Tin tức").click()
    expect(no_js_page.get_by_role("heading", level=1)).to_have_text("Tin tức")
    no_js_page.locator(ARTICLE_LINK).first.click()
    expect(no_js_page.locator("article h1")).to_be_visible()
    expect(no_js_page.locator("meta[property='og:title']")).to_have_count(1)
    assert no_js_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_villager_searches_the_portal_without_tones(no_js_page: Page, live_server, demo):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    # The worker indexes what load_demo saved. This journey needs only that: the printed sets and the
    # bulletin PDFs it would build too (a minute of rendering) are tested elsewhere.
    DBTaskResult.objects.exclude(task_path__startswith="modelsearch.").delete()
    call_command("db_worker", "--batch", "--queue-name", "default")
    no_js_page.goto(live_server.url + "/tim-kiem/")
    no_js_page.get_by_label(re.compile("Gõ điều cần tìm")).fill("to cong nghe so cong dong")
    no_js_page.get_by_role("button", name="Tìm").click()
    expect(no_js_page.locator("main ol li a").first).to_contain_text("Tổ công nghệ số cộng đồng")
    expect(no_js_page.get_by_role("status")).to_contain_text("kết quả")
