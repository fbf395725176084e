"""Villagers enter a legal-knowledge contest on cheap 360 px phones with JavaScript off, each in their own
browser: the start form keeps what they typed when it explains a mistake, a reload, a double tap and a
second tab keep one paper with one clock and one attempt, «Nộp bài» tapped twice stores one entry, and the
receipt shows the score. Every page of the way fits one round trip and passes axe."""

from __future__ import annotations

import gzip
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from cchc.communes.models import Village
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.contests.models import Entrant, Entry, EntryStatus
from cchc.contests.topics import ensure_national_topics

PHONE = {"width": 360, "height": 740}
BUDGET = 14 * 1024  # the first round trip of a new connection, as the portal journeys measure it
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
CONTEST = "Tìm hiểu cải cách hành chính"
PAPER_URL = re.compile(r"/cuoc-thi/cai-cach/bai/[A-Za-z0-9]+/$")


@pytest.fixture
def contest_round(live_server, make_commune):
    """A commune answering on the live server, whose residents-only contest has round 1 open now: five of
    six national questions per paper, the score shown on the receipt."""
    from cchc.contests.tests.helpers import open_round

    port = int(live_server.url.rsplit(":", 1)[1])
    commune = make_commune("Xã Định Biên", "localhost", default=True, port=port)
    ensure_national_topics()  # a live server's flush after a journey empties what the migrations seeded
    make_instance(Village, commune, name="Xóm Bắc", sort_order=1)
    make_instance(Village, commune, name="Bản Mới", sort_order=2)
    return open_round(commune, eligibility="residents", rules="Mỗi người dự thi một lần mỗi đợt.")


def _accessible(axe: Axe, page: Page) -> None:
    results = axe.run(page, options=WCAG)
    assert results.violations_count == 0, f"{page.url}: {results.generate_report()}"


def _phone(browser: Browser):
    return browser.new_context(java_script_enabled=False, locale="vi-VN", viewport=PHONE)


def _entries(round) -> list[Entry]:
    with commune_scope(round.commune):
        return list(Entry.objects.filter(round=round).select_related("entrant__village").order_by("pk"))


def _shown_paper(page: Page) -> list[tuple[str, list[str]]]:
    """The questions as the villager reads them, in order, each with its choices in order."""
    shown = []
    for question in page.locator("fieldset.q").all():
        shown.append((question.locator("legend").inner_text(), question.locator("label.choice").all_inner_texts()))
    return shown


def _deadline_shown(page: Page) -> str:
    return re.search(r"trước (\d\d:\d\d)", page.get_by_role("timer").inner_text()).group(1)


def _fits_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def _weigh(page: Page, load) -> None:
    """What ``load()`` makes the phone fetch (images aside) fits the first round trip, in at most two requests."""
    fetched = []

    def record(request):
        fetched.append(request)

    page.on("requestfinished", record)
    load()
    page.wait_for_load_state("load")
    page.remove_listener("requestfinished", record)
    counted = [r for r in fetched if r.resource_type != "image"]
    weight = sum(len(gzip.compress(r.response().body(), 6)) for r in counted)
    assert len(counted) <= 2, [r.url for r in counted]
    assert weight <= BUDGET, f"{page.url}: {weight} bytes compressed"


def _wait_until(page: Page, done) -> None:
    for _wait in range(300):
        if done():
            return
        page.wait_for_timeout(50)


def _double_tap(page: Page, button) -> list[tuple[int, str]]:
    """Tap ``button`` twice on a slow connection: the first form reaches the server, which acts on it, but
    its answer never comes back, so the villager taps again. The status and redirect each sending got.

    (Two quick taps while the page is still there send the form only once: Chromium drops a second
    submission of a form it is already sending. The lost answer is what makes a second one reach the
    server, so that is the case played here.)"""
    answered: list[tuple[int, str]] = []
    stalled = []

    def slow_connection(route):
        if route.request.method != "POST":
            route.continue_()
            return
        response = route.fetch(max_redirects=0)
        answered.append((response.status, response.headers.get("location", "")))
        if not stalled:
            stalled.append(route)  # the phone never hears back
        else:
            route.fulfill(response=response)

    page.route("**/cuoc-thi/**", slow_connection)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    _wait_until(page, lambda: stalled)  # the server has answered the first tap (slow when the machine is busy)
    page.mouse.click(x, y)  # nothing happened on the screen: the same spot again
    _wait_until(page, lambda: len(answered) == 2)
    page.wait_for_url(PAPER_URL)
    page.wait_for_load_state("load")
    page.unroute("**/cuoc-thi/**", slow_connection)
    assert len(answered) == 2, "the second tap must really send the form again"
    return answered


def _start(page: Page, *, name: str, number: str, village: str | None):
    page.get_by_label("Họ và tên").fill(name)
    page.get_by_label("Số điện thoại").fill(number)
    if village:
        page.get_by_label("Thôn, xóm").select_option(label=village)
    page.get_by_label(re.compile("Tôi đồng ý")).check()


def _answer(page: Page, *, wrong: int = 0) -> None:
    """Tick the right choice of every question but the first ``wrong`` ones, which get a wrong one."""
    for index, question in enumerate(page.locator("fieldset.q").all()):
        pattern = r"[A-D]\. Sai \d+\.1$" if index < wrong else r"[A-D]\. Đúng \d+$"  # not «Đúng nữa»: a decoy
        question.get_by_label(re.compile(pattern)).check()


def test_villagers_enter_one_round_on_phones_without_javascript_with_reloads_double_taps_and_a_second_tab(
    browser: Browser, live_server, contest_round
):
    round = contest_round
    base = live_server.url
    axe = Axe()
    # axe runs in the page, so it reads what the villagers see from a phone with JavaScript on.
    checker = browser.new_context(locale="vi-VN", viewport=PHONE).new_page()

    # Chị Hoà finds the contest from the list, reads the rules and starts, tapping twice on a slow line.
    hoa = _phone(browser)
    page = hoa.new_page()
    page.goto(base + "/cuoc-thi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cuộc thi tìm hiểu pháp luật")
    _weigh(page, lambda: page.get_by_role("link", name=CONTEST).click())
    expect(page.get_by_role("heading", level=1)).to_have_text(CONTEST)
    expect(page.get_by_text("Đối tượng: người cư trú trên địa bàn xã.")).to_be_visible()
    expect(page.get_by_text("Mỗi người dự thi một lần mỗi đợt.")).to_be_visible()
    _fits_phone(page)
    checker.goto(page.url)
    _accessible(axe, checker)
    _start(page, name="Nguyễn Thị Hoà", number="0912 345 678", village="Xóm Bắc")
    (first, second) = _double_tap(page, page.get_by_role("button", name="Bắt đầu làm bài"))
    assert first == second  # both taps were sent to the same paper
    assert first[0] == 302
    (entry,) = _entries(round)
    assert page.url == base + first[1]
    assert (entry.entrant.full_name, entry.entrant.village.name) == ("Nguyễn Thị Hoà", "Xóm Bắc")
    expect(page.get_by_text("Người dự thi: Nguyễn Thị Hoà")).to_be_visible()
    expect(page.get_by_text(f"Mã bài: {entry.code}")).to_be_visible()
    paper = _shown_paper(page)
    assert len(paper) == 5
    assert [legend.split(".")[0] for legend, _choices in paper] == [f"Câu {n}" for n in range(1, 6)]
    assert all(len(choices) == 4 for _legend, choices in paper)
    deadline = timezone.localtime(entry.deadline_at).strftime("%H:%M")
    expect(page.get_by_role("timer")).to_contain_text(re.compile("Còn khoảng (20|19) phút"))  # the machine may be slow
    assert _deadline_shown(page) == deadline
    _fits_phone(page)

    # A reload: the same questions in the same order, the same deadline.
    _weigh(page, page.reload)
    assert _shown_paper(page) == paper
    assert _deadline_shown(page) == deadline

    # A second tab on the paper's address, and a second start from it typed differently: the same paper.
    other_tab = hoa.new_page()
    other_tab.goto(page.url)
    assert _shown_paper(other_tab) == paper
    assert _deadline_shown(other_tab) == deadline
    again = hoa.new_page()
    again.goto(base + "/cuoc-thi/cai-cach/")
    _start(again, name="nguyen thi hoa", number="0912345678", village="Xóm Bắc")
    again.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(again).to_have_url(page.url)
    assert _shown_paper(again) == paper
    (entry,) = _entries(round)
    assert timezone.localtime(entry.deadline_at).strftime("%H:%M") == deadline

    # She answers, one question wrong, and taps «Nộp bài» twice.
    checker.goto(page.url)
    _accessible(axe, checker)
    _answer(page, wrong=1)
    paper_url = page.url
    (first, second) = _double_tap(page, page.get_by_role("button", name="Nộp bài"))
    assert first == second == (302, paper_url.removeprefix(base))
    expect(page.get_by_text("UBND xã Định Biên đã nhận bài dự thi của bạn.")).to_be_visible()
    expect(page.get_by_text("Đúng 4/5 câu")).to_be_visible()
    expect(page.get_by_text(f"Mã bài: {entry.code}")).to_be_visible()
    expect(page.get_by_text("Nguyễn Thị Hoà (•••678)")).to_be_visible()
    assert "0912" not in page.locator("main").inner_text()
    _fits_phone(page)
    checker.goto(page.url)
    _accessible(axe, checker)
    _weigh(page, page.reload)  # a reload of the receipt sends nothing
    (entry,) = _entries(round)
    assert (entry.status, entry.score) == (EntryStatus.SUBMITTED, 4)

    # The forgotten tab still shows the paper; handing it in there changes nothing stored.
    _answer(other_tab)
    other_tab.get_by_role("button", name="Nộp bài").click()
    expect(other_tab.get_by_text("Đúng 4/5 câu")).to_be_visible()
    expect(other_tab.get_by_text(f"Mã bài: {entry.code}")).to_be_visible()
    (entry,) = _entries(round)
    assert (entry.status, entry.score) == (EntryStatus.SUBMITTED, 4)
    # And a start from that tab gives no second attempt.
    again.goto(base + "/cuoc-thi/cai-cach/")
    _start(again, name="Nguyễn Thị Hoà", number="0912 345 678", village="Xóm Bắc")
    again.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(again.get_by_role("alert")).to_contain_text("Số •••678 đã dự thi đợt này 1 lần")
    assert len(_entries(round)) == 1
    hoa.close()

    # Anh Minh, on his own phone, forgets his village and mistypes his number first.
    minh = _phone(browser)
    page = minh.new_page()
    page.goto(base + "/cuoc-thi/cai-cach/")
    _start(page, name="Lò Văn Minh", number="0987 65", village=None)
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Chưa bắt đầu được:")
    expect(alert).to_contain_text("Số điện thoại không đúng: hãy nhập số di động hoặc cố định Việt Nam")
    expect(alert).to_contain_text("Cuộc thi dành cho người cư trú trên địa bàn xã: hãy chọn thôn, xóm của bạn.")
    expect(page.get_by_label("Họ và tên")).to_have_value("Lò Văn Minh")
    expect(page.get_by_label("Số điện thoại")).to_have_value("0987 65")
    expect(page.get_by_label(re.compile("Tôi đồng ý"))).to_be_checked()
    expect(page.get_by_label("Số điện thoại")).to_have_attribute("aria-invalid", "true")
    _fits_phone(page)
    # Other mistakes, where axe can read the page: no name, no consent; the village chosen stays chosen.
    checker.goto(base + "/cuoc-thi/cai-cach/")
    _start(checker, name=" ", number="0987 654 321", village="Bản Mới")
    checker.get_by_label(re.compile("Tôi đồng ý")).uncheck()
    checker.get_by_role("button", name="Bắt đầu làm bài").click()
    alert = checker.get_by_role("alert")
    expect(alert).to_contain_text("Hãy ghi họ và tên của bạn.")
    expect(alert).to_contain_text("Bạn cần đồng ý để xã ghi nhận bài dự thi theo thể lệ.")
    expect(checker.get_by_label("Thôn, xóm").locator("option:checked")).to_have_text("Bản Mới")
    expect(checker.get_by_label("Số điện thoại")).to_have_value("0987 654 321")
    _accessible(axe, checker)
    checker.context.close()
    assert len(_entries(round)) == 1
    page.get_by_label("Số điện thoại").fill("0987 654 321")
    page.get_by_label("Thôn, xóm").select_option(label="Bản Mới")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page).to_have_url(PAPER_URL)
    minh_paper = _shown_paper(page)
    assert minh_paper != paper  # his own draw: other questions, or another order of them or their choices
    _answer(page)
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.get_by_text("Đúng 5/5 câu")).to_be_visible()
    expect(page.get_by_text("Lò Văn Minh (•••321)")).to_be_visible()
    minh.close()

    stored = _entries(round)
    assert [(e.entrant.full_name, e.entrant.village.name, e.status, e.score) for e in stored] == [
        ("Nguyễn Thị Hoà", "Xóm Bắc", EntryStatus.SUBMITTED, 4),
        ("Lò Văn Minh", "Bản Mới", EntryStatus.SUBMITTED, 5),
    ]
    with commune_scope(round.commune):
        assert Entrant.objects.count() == 2
