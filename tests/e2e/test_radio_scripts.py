"""The broadcasting officer turns a published article into a radio script in one click and reads the
spoken text beside the body; the office's «Tạo lại lời đọc» reads the body again.

``normalize.to_spoken`` is a stand-in here (lower case, the dictionary applied) while it is being written;
the live server runs in this process, so the stand-in holds for it too.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from cchc.broadcasts import normalize
from cchc.communes.models import Commune
from cchc.communes.scoping import all_communes
from cchc.demo.communes import DEMO_PASSWORD

expect.set_options(timeout=20_000)


def fake_to_spoken(text, *, terms=None):
    for written, spoken in (terms or {}).items():
        text = text.replace(written, spoken)
    return " ".join(text.lower().split())


@pytest.fixture(autouse=True)
def _spoken(monkeypatch):
    monkeypatch.setattr(normalize, "to_spoken", fake_to_spoken)


def _official(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/quan-tri/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page).to_have_url(re.compile(r"/quan-tri/$"))
    return page


def test_from_a_published_article_to_a_script_with_its_spoken_text(browser: Browser, live_server, demo):
    from cchc.broadcasts.models import Script
    from cchc.portal.models import ArticlePage

    base = live_server.url
    with all_communes():
        home = Commune.objects.get(code="05575").root_page
        article = ArticlePage.objects.live().descendant_of(home).order_by("-first_published_at").first()
    assert article is not None, "the demo publishes articles"

    page = _official(browser, base, "vanphong")
    page.goto(f"{base}/quan-tri/pages/{article.pk}/edit/")
    page.locator("#w-slim-header-buttons").get_by_role("button", name="Thao tác").click()  # the header's menu
    button = page.get_by_role("link", name="Tạo bài phát thanh")
    expect(button).to_have_attribute("href", reverse("cchc_broadcasts_from_page", args=[article.pk]))
    button.click()

    expect(page).to_have_url(re.compile(r"/quan-tri/bai-phat-thanh/edit/\d+/$"))
    expect(page.get_by_text(re.compile("Đã tạo bài phát thanh từ"))).to_be_visible()
    with all_communes():
        script = Script.objects.get(source_page=article)
    assert script.title == article.title
    spoken = page.locator("textarea[name='spoken_text']")
    expect(spoken).to_have_value(fake_to_spoken(script.body))
    expect(page.locator("textarea[name='body']")).to_have_value(re.compile(re.escape(article.summary[:30])))

    page.locator("textarea[name='body']").fill("Họp thôn lúc 8 GIỜ")
    page.get_by_role("button", name="Tạo lại lời đọc từ nội dung").click()
    expect(spoken).to_have_value("họp thôn lúc 8 giờ")
