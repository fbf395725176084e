"""The broadcaster's whole day with one piece of news: a published article becomes a radio script in one
click, its spoken text reads numbers and abbreviations as words, the server reads it aloud (espeak-ng, by
the task worker as in production), it is scheduled on the loudspeakers of two hamlets tomorrow evening, and
a villager finds it on the public archive and gets its audio.

Only the article is written straight into the database (the editorial journey publishes through the
admin); everything else goes through the screens, reached by addresses and visible buttons, not the menu.
The article is the broadcaster's own: with the «own» page permission a broadcaster cannot open a colleague's
published article in the page editor, so its «Tạo bài phát thanh» button is out of their reach (known gap).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.core.testing import require_espeak
from cchc.demo.communes import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

expect.set_options(timeout=20_000)

TITLE = "Hợp tác xã chè Khau Lầu thu mua chè búp tươi"
SUMMARY = "UBND xã thông báo: từ 7h30 ngày 15/12/2026, HTX chè Khau Lầu thu mua chè búp tươi của 35 hộ."
BODY = "<p>Giá thu mua 12.000 đồng/kg. Bà con đăng ký qua SĐT 0912 345 678.</p>"
# What the listener must hear, word for word, for what is written above in digits and abbreviations.
HEARD = (
    "ủy ban nhân dân xã",
    "từ bảy giờ ba mươi phút ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi sáu",
    "hợp tác xã chè khau lầu",
    "ba mươi lăm hộ",
    "mười hai nghìn đồng một ki lô gam",
    "số điện thoại không chín một hai ba bốn năm sáu bảy tám",
)
# (cluster name, the hamlet it stands in, as the admin lists it)
CLUSTERS = (
    ("Loa nhà văn hóa Khau Lầu", "Xóm Khau Lầu"),
    ("Loa trung tâm Làng Quặng", "Xóm Làng Quặng"),
)
AIR_TIME = "17:30"


def _publish_article(commune: Commune, *, author: str, publisher: str):
    """The broadcaster's own article, published by the office (the portal's editorial line)."""
    from django.contrib.auth import get_user_model

    from cchc.portal.models import ArticleCategory, ArticlePage
    from cchc.portal.news import ensure_news_index

    users = get_user_model().objects
    with commune_scope(commune):
        news = ensure_news_index(commune.root_page.specific)
        article = ArticlePage(
            title=TITLE, summary=SUMMARY, body=BODY, category=ArticleCategory.CCHC, live=False,
            owner=users.get(username=author),
        )  # fmt: skip
        news.add_child(instance=article)
        article.save_revision(user=users.get(username=author)).publish(user=users.get(username=publisher))
    return article


def _log_in(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/quan-tri/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page).to_have_url(re.compile(r"/quan-tri/$"))
    return page


def _run_render_worker() -> None:
    """The task worker, as production runs it, on the render task the button queued only (load_demo queued
    search indexing, printed sets and its own scripts' audio, tested elsewhere and minutes of work)."""
    from django_tasks_db.models import DBTaskResult

    newest = DBTaskResult.objects.filter(task_path="cchc.broadcasts.tasks.render_script").order_by("-enqueued_at")
    ours = newest.first()
    assert ours is not None, "«Tạo âm thanh» queues a render task"
    DBTaskResult.objects.exclude(pk=ours.pk).delete()
    call_command("db_worker", "--batch", "--queue-name", "default")


def test_from_a_published_article_to_the_villages_loudspeakers_and_the_public_archive(
    browser: Browser, live_server, demo
):
    require_espeak()
    base = live_server.url
    commune = Commune.objects.get(code="05575")
    assert demo[0] == commune, "the live server's default site is Định Biên's"
    article = _publish_article(commune, author="phatthanh", publisher="vanphong")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    day = tomorrow.strftime("%d/%m/%Y")

    page = _log_in(browser, base, "phatthanh")

    # The hamlets' loudspeakers, as the broadcaster registers them.
    for name, village in CLUSTERS:
        page.goto(f"{base}/quan-tri/cum-loa/")
        page.get_by_role("link", name=re.compile(r"^Thêm")).first.click()
        page.get_by_role("textbox", name=re.compile("^Tên cụm loa")).fill(name)
        page.get_by_role("combobox", name=re.compile("^Thôn, xóm")).select_option(label=village)
        page.get_by_role("button", name="Tạo", exact=True).click()
        expect(page).to_have_url(re.compile(r"/quan-tri/cum-loa/$"))
        expect(page.get_by_role("row").filter(has_text=name)).to_contain_text(village)

    # The article, in the admin: «Tạo bài phát thanh» in the page header's actions.
    page.goto(f"{base}/quan-tri/pages/{article.pk}/edit/")
    page.locator("#w-slim-header-buttons").get_by_role("button", name="Thao tác").click()
    page.get_by_role("link", name="Tạo bài phát thanh").click()
    expect(page).to_have_url(re.compile(r"/quan-tri/bai-phat-thanh/edit/\d+/$"))
    expect(page.get_by_text(f"Đã tạo bài phát thanh từ «{TITLE}»")).to_be_visible()
    expect(page.get_by_role("textbox", name=re.compile("^Tiêu đề"))).to_have_value(TITLE)
    expect(page.locator("textarea[name='body']")).to_have_value(re.compile(re.escape(SUMMARY)))
    spoken = page.locator("textarea[name='spoken_text']").input_value()
    for words in HEARD:
        assert words in spoken, f"«{words}» not in the spoken text: {spoken}"
    assert not re.search(r"\d|UBND|HTX|SĐT|/", spoken), f"digits or abbreviations left to the engine: {spoken}"

    # The audio, made by the worker; the page refreshes itself until it is there.
    page.get_by_role("link", name="Nghe, tạo âm thanh, tải bản ghi âm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text(f"Tạo từ tin bài «{TITLE}»")).to_be_visible()
    expect(page.get_by_text("Chưa tạo âm thanh")).to_be_visible()
    page.get_by_role("button", name="Tạo âm thanh", exact=True).click()
    expect(page.get_by_text("Đã gửi yêu cầu tạo âm thanh. Trang sẽ tự cập nhật khi xong.")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Đang tạo âm thanh…")).to_be_visible()
    _run_render_worker()
    expect(page.locator("[data-audio-status]")).to_contain_text("Đã có âm thanh")
    player = page.locator("section[aria-labelledby='giong-may'] audio")
    expect(player).to_be_visible()
    duration = page.get_by_text(re.compile(r"^Thời lượng: \d+ giây$"))
    expect(duration).to_be_visible()
    assert int(re.search(r"\d+", duration.inner_text()).group()) >= 5, "the whole article is read, not a word"
    expect(page.get_by_role("button", name="Tạo lại âm thanh")).to_be_visible()
    heard = page.request.get(base + player.get_attribute("src"))
    assert heard.status == 200
    assert heard.headers["content-type"] == "audio/mpeg"

    # Tomorrow evening, on both hamlets' loudspeakers: previewed, then confirmed.
    page.goto(f"{base}/quan-tri/lich-phat/")
    page.get_by_role("link", name="Thêm lịch phát").click()
    page.get_by_label("Bài phát thanh").select_option(label=TITLE)
    page.get_by_label("Từ ngày").fill(tomorrow.isoformat())
    page.get_by_label("Đến ngày").fill(tomorrow.isoformat())
    page.get_by_label("Giờ phát").fill("17h30")
    for name, _village in CLUSTERS:
        page.get_by_label(name).check()
    page.get_by_role("button", name="Xem trước lịch phát").click()

    expect(page.get_by_text("2 lượt phát sắp tới trên 2 cụm loa.")).to_be_visible()
    expect(page.get_by_text(", ".join(sorted(name for name, _village in CLUSTERS)))).to_be_visible()
    expect(page.get_by_text("Bài chưa có âm thanh.")).to_have_count(0)
    expect(page.get_by_text("Không trùng giờ với lịch phát nào khác.")).to_be_visible()
    page.get_by_role("button", name="Xác nhận lưu").click()

    expect(page).to_have_url(re.compile(r"/quan-tri/lich-phat/$"))
    expect(page.get_by_text(f"Đã lưu lịch phát «{TITLE}»: 2 lượt phát sắp tới.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(f"{day} – {day}")
    expect(row).to_contain_text(AIR_TIME)
    for name, _village in CLUSTERS:
        expect(row).to_contain_text(name)
    expect(row.get_by_role("cell").nth(5)).to_have_text("2")
    page.context.close()

    # A villager, not logged in, on the commune's site.
    villager = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740}).new_page()
    villager.goto(f"{base}/truyen-thanh/")
    expect(villager.get_by_role("heading", level=1)).to_have_text("Nghe lại truyền thanh")
    item = villager.locator("li").filter(has=villager.get_by_role("link", name=TITLE))
    expect(item).to_contain_text(day)
    expect(item).to_contain_text(re.compile(r"\d+ giây"))
    item.get_by_role("link", name=TITLE).click()

    expect(villager.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(villager.get_by_text(f"Lịch phát {day}")).to_be_visible()
    expect(villager.get_by_text("HTX chè Khau Lầu thu mua chè búp tươi của 35 hộ")).to_be_visible()
    source = villager.locator("article audio").get_attribute("src")
    answer = villager.request.get(base + source)
    assert answer.status == 200
    assert answer.headers["content-type"] == "audio/mpeg"
    audio = answer.body()
    assert audio[:3] == b"ID3" or audio[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"), audio[:4]
    assert len(audio) > 10_000
    villager.context.close()
