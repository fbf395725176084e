"""The broadcasting officer schedules a bulletin every morning at 6:00 and every afternoon at 17:00 for two weeks
on two clusters, sees what it makes before saving, confirms, and finds 56 airings."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from cchc.broadcasts.models import Airing, Broadcast, Script, SpeakerCluster
from cchc.communes.models import Commune
from cchc.communes.scoping import all_communes
from cchc.demo.communes import DEMO_PASSWORD


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/quan-tri/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page).to_have_url(re.compile(r"/quan-tri/$"))


def test_the_broadcaster_schedules_two_weeks_on_two_clusters_after_a_preview(page: Page, live_server, demo):
    with all_communes():
        commune = Commune.objects.get(code="05575")
        script = Script.objects.create(
            commune=commune,
            title="Lịch tiếp công dân tháng này",
            body="UBND xã thông báo lịch tiếp công dân.",
            audio="truyen-thanh/lich.mp3",
            audio_duration=90.0,
        )
        for name in ("Cụm loa thử Nà Ka", "Cụm loa thử Khau Lầu"):
            SpeakerCluster.objects.create(commune=commune, name=name)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    log_in(page, live_server.url, "phatthanh")
    page.goto(f"{live_server.url}/quan-tri/lich-phat/")
    page.get_by_role("link", name="Thêm lịch phát").click()
    page.get_by_label("Bài phát thanh").select_option(label=script.title)
    page.get_by_label("Từ ngày").fill(tomorrow.isoformat())
    page.get_by_label("Đến ngày").fill((tomorrow + dt.timedelta(days=13)).isoformat())
    page.get_by_label("Giờ phát").fill("6:00, 17:00")
    page.get_by_label("Cụm loa thử Nà Ka").check()
    page.get_by_label("Cụm loa thử Khau Lầu").check()
    page.get_by_role("button", name="Xem trước lịch phát").click()

    expect(page.get_by_text("56 lượt phát sắp tới")).to_be_visible()
    expect(page.get_by_text("Không trùng giờ với lịch phát nào khác.")).to_be_visible()
    with all_communes():
        assert not Broadcast.objects.filter(script=script).exists()  # the preview saves nothing
    page.get_by_role("button", name="Xác nhận lưu").click()

    expect(page.get_by_text("56 lượt phát sắp tới.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=script.title)
    expect(row).to_contain_text("6:00, 17:00")
    expect(row).to_contain_text("56")
    with all_communes():
        assert Airing.objects.filter(broadcast__script=script).count() == 56
