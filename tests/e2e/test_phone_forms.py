"""Officials work on 360 px phones: no form or list of theirs scrolls sideways, and a report with a photo
takes at most six taps from the home page."""

import re

import pytest
from playwright.sync_api import Page, expect
from wagtail.images.tests.utils import get_test_image_file

from cchc.communes.scoping import all_communes
from cchc.plans.models import Evidence, Task

from .test_official_journey import log_in

PHONE = {"width": 360, "height": 740}
SCREENS = [
    "/quan-tri/",
    "/quan-tri/bao-cao-tien-do/",
    "/quan-tri/bao-cao-tien-do/new/",
    "/quan-tri/hoat-dong/new/",
    "/quan-tri/nhiem-vu/",
    "/quan-tri/documents/multiple/add/",
    "/quan-tri/images/multiple/add/",
]


WIDEST = """() => {
    // Wagtail scrolls its main column inside a container, so the page itself never looks wider than
    // the screen: measure every visible element instead, and name the ones that stick out.
    const out = [];
    for (const el of document.querySelectorAll("main *, header *")) {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (!box.width || style.visibility === "hidden" || el.closest("[hidden], .w-sr-only")) continue;
        let clipped = false;  // cut off inside a box that itself fits the screen: nothing to scroll to
        for (let up = el.parentElement; up && !clipped; up = up.parentElement) {
            const cut = ["hidden", "clip"].includes(getComputedStyle(up).overflowX);
            clipped = cut && up.getBoundingClientRect().right <= window.innerWidth + 1;
        }
        if (!clipped && box.right > window.innerWidth + 1) {
            const name = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")}`;
            out.push(`${name}:${Math.round(box.right)}`);
        }
    }
    return out.slice(0, 5);
}"""


def _overflow(page: Page) -> list[str]:
    """The elements that stick out past a phone's screen (none when nothing needs sideways scrolling)."""
    return page.evaluate(WIDEST)


@pytest.mark.parametrize("username", ["phunu", "phatthanh"])
def test_no_screen_of_a_unit_official_or_broadcaster_scrolls_sideways_on_a_phone(
    page: Page, live_server, demo, username
):
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, username)
    wide = {}
    for path in SCREENS:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if extra := _overflow(page):
            wide[path] = extra
    assert wide == {}


def test_a_progress_report_with_a_photo_takes_at_most_six_taps_from_home(page: Page, live_server, demo, tmp_path):
    photo = tmp_path / "anh.png"
    photo.write_bytes(get_test_image_file().file.getvalue())
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "phunu")
    taps = 0

    def tap(locator):
        nonlocal taps
        taps += 1
        locator.click()

    tap(page.get_by_role("link", name="Báo cáo tiến độ").first)
    task_id = int(re.search(r"task=(\d+)", page.url).group(1))
    page.get_by_label(re.compile("Tỷ lệ hoàn thành")).fill("100")  # typing, after one tap on the field
    taps += 1
    tap(page.get_by_role("button", name=re.compile("Thêm.*minh chứng", re.IGNORECASE)).first)
    page.locator("input[type=file]").first.set_input_files(str(photo))  # the phone's picker: one tap
    taps += 1
    tap(page.get_by_role("button", name="Tạo", exact=True))
    expect(page.get_by_text(re.compile("đã được tạo|Đã tạo"))).to_be_visible()
    assert taps <= 6
    with all_communes():
        assert Evidence.objects.filter(report__task_id=task_id, file__endswith=".png").exists()
        assert Task.objects.get(pk=task_id).status == "done"
