"""A villager hears a broadcast again on a cheap phone with JavaScript off: the archive fits one round
trip, the player loads nothing until played, the audio answers a range as phones ask, the feedback form
sends once and shows a receipt code, and the printed page keeps the text without the form."""

from __future__ import annotations

import datetime as dt
import gzip

from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import Page, expect

from cchc.broadcasts.models import Airing, AudioStatus, Broadcast, ListenerFeedback, Script, SpeakerCluster
from cchc.broadcasts.tests.test_public_archive import wav_bytes
from cchc.communes.scoping import commune_scope

PHONE = {"width": 360, "height": 740}
BUDGET = 14 * 1024
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _aired(commune) -> Script:
    with commune_scope(commune):
        cluster = SpeakerCluster.objects.create(commune=commune, name="Cụm loa thôn Bản Mới")
        script = Script.objects.create(
            commune=commune,
            title="Hướng dẫn đăng ký khai sinh trực tuyến",
            body="UBND xã hướng dẫn bà con đăng ký khai sinh cho con qua Cổng dịch vụ công.",
            audio_duration=185,
            audio_status=AudioStatus.READY,
        )
        script.audio.save("khai-sinh.wav", ContentFile(wav_bytes(1)))
        when = timezone.now() - dt.timedelta(hours=3)
        day = timezone.localdate(when)
        broadcast = Broadcast.objects.create(
            commune=commune, script=script, starts_on=day, ends_on=day, times=["06:30"]
        )
        Airing.objects.create(commune=commune, broadcast=broadcast, cluster=cluster, starts_at=when)
    return script


def test_a_villager_listens_again_and_sends_feedback_on_a_phone_without_javascript(browser, live_server, demo):
    commune = demo[0]
    script = _aired(commune)
    context = browser.new_context(java_script_enabled=False, locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    fetched = []

    def record(request):
        fetched.append(request)

    page.on("requestfinished", record)

    response = page.goto(live_server.url + "/truyen-thanh/", wait_until="load")

    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Nghe lại truyền thanh")
    expect(page.get_by_text("3 phút 05 giây")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    counted = [r for r in fetched if r.resource_type != "image"]
    assert not [r.url for r in counted if "am-thanh" in r.url], "the player must not load audio before it is played"
    weight = sum(len(gzip.compress(r.response().body(), 6)) for r in counted)
    assert len(counted) <= 2, [r.url for r in counted]
    assert weight <= BUDGET, f"{weight} bytes compressed"

    audio_url = page.locator("audio").first.get_attribute("src")
    ranged = page.request.get(live_server.url + audio_url, headers={"Range": "bytes=0-3"})
    assert ranged.status == 206
    assert ranged.body() == b"RIFF"

    page.get_by_role("link", name=script.title).click()
    expect(page.get_by_text("đăng ký khai sinh cho con qua Cổng dịch vụ công")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("form.feedback")).to_be_hidden()
    expect(page.get_by_text("đăng ký khai sinh cho con qua Cổng dịch vụ công")).to_be_visible()
    page.emulate_media(media="screen")

    page.get_by_label("Ý kiến của bạn về bài phát thanh này").fill(
        "Loa thôn Bản Mới phát nhỏ quá, đề nghị tăng âm lượng."
    )
    page.get_by_label("Họ và tên (không bắt buộc)").fill("Lò Văn Minh")
    page.get_by_label("Số điện thoại (không bắt buộc)").fill("0912 345 678")
    page.get_by_role("button", name="Gửi ý kiến").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Cảm ơn bạn đã góp ý!")
    page.reload()  # a reload of the receipt sends nothing
    with commune_scope(commune):
        stored = list(ListenerFeedback.objects.all())
    assert len(stored) == 1
    assert (stored[0].name, stored[0].phone, stored[0].consent) == ("", "", False)  # no consent, nothing kept
    expect(page.get_by_text(f"Mã tiếp nhận: {stored[0].code}")).to_be_visible()
    context.close()


def test_the_archive_and_a_broadcast_have_no_accessibility_violations(page: Page, live_server, demo):
    script = _aired(demo[0])
    axe = Axe()
    page.set_viewport_size(PHONE)
    for path in ("/truyen-thanh/", f"/truyen-thanh/{script.pk}/"):
        page.goto(live_server.url + path)
        results = axe.run(page, options=WCAG)
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"
    page.get_by_role("button", name="Gửi ý kiến").click()  # nothing written: the error shown must be accessible
    expect(page.get_by_role("alert")).to_contain_text("Ý kiến chưa gửi được")
    results = axe.run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
