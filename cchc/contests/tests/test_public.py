"""The contest on the commune's own site, entered as a villager would: a plain browser, no JavaScript,
no account; reloads, double taps and a second tab change nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from cchc.communes.models import Village
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.contests.models import Contest, Entry, EntryStatus
from cchc.contests.ranking import AttemptRule

from .helpers import open_round, right_answers

pytestmark = pytest.mark.django_db
PAPER = re.compile(r"/cuoc-thi/[\w-]+/bai/([A-Z0-9]+)/$")


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def host(commune) -> dict:
    return {"HTTP_HOST": commune.site.hostname}


def start(client, round, name="Phạm Văn Đức", identity="0912345678", **extra):
    data = {"full_name": name, "identity": identity, "consent": "1", **extra}
    return client.post(f"/cuoc-thi/{round.contest.slug}/", data, **host(round.commune))


def entries(round):
    with commune_scope(round.commune):
        return list(Entry.objects.filter(round=round).select_related("round__contest"))


def test_a_villager_enters_and_gets_a_receipt_with_the_score(commune_a):
    round = open_round(commune_a)
    client = Client()
    page = client.get("/cuoc-thi/cai-cach/", **host(commune_a))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Bắt đầu làm bài" in text
    assert "Xếp hạng theo thứ tự: điểm cao hơn; thời gian làm bài ngắn hơn; nộp bài sớm hơn." in text
    closes = timezone.localtime(round.closes_at).strftime("%H:%M ngày %d/%m/%Y")
    assert f"Bài dự thi gửi sau {closes} không được tính." in text  # Vietnam time, as the round table says
    started = start(client, round)
    assert started.status_code == 302
    assert PAPER.search(started["Location"])
    paper = client.get(started["Location"], **host(commune_a))
    text = paper.content.decode()
    assert paper.status_code == 200
    assert text.count('type="radio"') == 20  # 5 questions × 4 choices
    assert "Câu 5." in text
    assert "Còn khoảng 20 phút" in text
    (entry,) = entries(round)
    sent = client.post(started["Location"], right_answers(entry), **host(commune_a))
    assert sent.status_code == 302
    assert sent["Location"] == started["Location"]
    receipt = client.get(sent["Location"], **host(commune_a)).content.decode()
    assert "đã nhận bài dự thi của bạn" in receipt
    assert "Đúng 5/5 câu" in receipt
    assert "•••678" in receipt
    assert "0912345678" not in receipt


def test_reload_double_tap_and_a_second_tab_keep_one_paper_and_one_clock(commune_a):
    round = open_round(commune_a)
    tab_one, tab_two = Client(), Client()
    first = start(tab_one, round)
    again = start(tab_one, round)  # a double tap on «Bắt đầu»
    other_tab = start(tab_two, round, name="pham van duc", identity="091 234 5678")
    assert first["Location"] == again["Location"] == other_tab["Location"]
    (entry,) = entries(round)
    deadline = entry.deadline_at
    tab_two.get(first["Location"], **host(commune_a))
    form = right_answers(entry)
    assert tab_one.post(first["Location"], form, **host(commune_a)).status_code == 302
    assert tab_two.post(first["Location"], {}, **host(commune_a)).status_code == 302  # the resend
    (entry,) = entries(round)
    assert entry.deadline_at == deadline
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.score == 5
    refused = start(tab_two, round).content.decode()
    assert "đã dự thi đợt này 1 lần" in refused


def test_a_late_paper_is_refused_with_the_reason(commune_a):
    round = open_round(commune_a)
    client = Client()
    url = start(client, round)["Location"]
    (entry,) = entries(round)
    with commune_scope(commune_a):
        Entry.objects.filter(pk=entry.pk).update(deadline_at=timezone.now() - dt.timedelta(seconds=5))
    page = client.post(url, right_answers(entry), follow=True, **host(commune_a)).content.decode()
    assert "sau hạn nộp" in page
    assert "không được tính điểm" in page
    (entry,) = entries(round)
    assert entry.status == EntryStatus.LATE


def test_a_paper_left_open_past_its_time_says_so_and_offers_another_attempt_when_the_rule_allows(commune_a):
    round = open_round(commune_a, attempt_rule=AttemptRule.BEST)
    client = Client()
    url = start(client, round)["Location"]
    with commune_scope(commune_a):
        Entry.objects.update(deadline_at=timezone.now() - dt.timedelta(seconds=5))
    page = client.get(url, **host(commune_a)).content.decode()
    assert "Đã hết giờ làm bài" in page
    assert "Làm bài lần khác" in page


def test_the_start_form_explains_each_mistake_in_vietnamese(commune_a):
    round = open_round(commune_a, eligibility="residents")
    make_instance(Village, commune_a, name="Xóm Bắc")
    page = Client().post("/cuoc-thi/cai-cach/", {"full_name": "", "identity": "12345"}, **host(commune_a))
    text = page.content.decode()
    assert page.status_code == 400
    for message in ("Hãy ghi họ và tên", "Số điện thoại không đúng", "hãy chọn thôn, xóm", "Bạn cần đồng ý"):
        assert message in text
    assert 'value="12345"' in text  # what was typed is kept
    assert entries(round) == []


def test_the_paper_keeps_the_ticks_when_the_guess_is_missing(commune_a):
    round = open_round(commune_a, uses_prediction=True)
    client = Client()
    url = start(client, round)["Location"]
    (entry,) = entries(round)
    page = client.post(url, {**right_answers(entry), "du_doan": "khoảng 100"}, **host(commune_a))
    text = page.content.decode()
    assert page.status_code == 400
    assert "Số dự đoán phải là một số nguyên" in text
    assert text.count(" checked>") == 5
    assert 'value="khoảng 100"' in text
    (entry,) = entries(round)
    assert entry.status == EntryStatus.OPEN


def test_another_communes_contest_and_papers_are_not_found(commune_a, commune_b):
    round = open_round(commune_a)
    url = start(Client(), round)["Location"]
    assert Client().get(url, **host(commune_b)).status_code == 404
    assert Client().get("/cuoc-thi/cai-cach/", **host(commune_b)).status_code == 404
    assert Client().get(url.replace(url.split("/")[-2], "A" * 26), **host(commune_a)).status_code == 404


def test_unpublished_contests_stay_hidden(commune_a, django_assert_max_num_queries):
    open_round(commune_a)
    make_instance(Contest, commune_a, title="Bản nháp", slug="ban-nhap", is_published=False)
    client = Client()
    with django_assert_max_num_queries(8):
        page = client.get("/cuoc-thi/", **host(commune_a)).content.decode()
    assert "Tìm hiểu cải cách hành chính" in page
    assert "Bản nháp" not in page
    assert client.get("/cuoc-thi/ban-nhap/", **host(commune_a)).status_code == 404


def test_a_closed_round_shows_no_form(commune_a):
    round = open_round(commune_a)
    with commune_scope(commune_a):
        type(round).objects.filter(pk=round.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    client = Client()
    page = client.get("/cuoc-thi/cai-cach/", **host(commune_a)).content.decode()
    assert "Hiện không có đợt thi nào đang mở" in page
    assert start(client, round).status_code == 409


def test_a_late_paper_with_a_missing_guess_is_still_kept_as_late(commune_a):
    round = open_round(commune_a, uses_prediction=True)
    client = Client()
    url = start(client, round)["Location"]
    (entry,) = entries(round)
    with commune_scope(commune_a):
        Entry.objects.filter(pk=entry.pk).update(deadline_at=timezone.now() - dt.timedelta(seconds=5))
    page = client.post(url, right_answers(entry), follow=True, **host(commune_a)).content.decode()
    assert "không được tính điểm" in page
    (entry,) = entries(round)
    assert entry.status == EntryStatus.LATE
    assert all(entry.answers)


def test_the_deadline_counts_when_the_paper_arrived(commune_a):
    from cchc.core.arrival import ENVIRON_KEY

    round = open_round(commune_a)
    client = Client()
    url = start(client, round)["Location"]
    (entry,) = entries(round)
    with commune_scope(commune_a):  # by the time it is handled, the deadline has passed
        Entry.objects.filter(pk=entry.pk).update(deadline_at=timezone.now() - dt.timedelta(seconds=1))
        entry.refresh_from_db()
    arrived = (entry.deadline_at - dt.timedelta(seconds=1)).timestamp()
    client.post(url, right_answers(entry), **host(commune_a), **{ENVIRON_KEY: arrived})
    (entry,) = entries(round)
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.score == 5


def test_handing_in_in_a_rush_reads_the_paper_alone_and_its_round_once(commune_a, django_assert_num_queries):
    """The path a deadline's rush takes: one read of the paper, its round remembered, one write and its
    audit record; a change to the contest made here is seen by the next paper at once."""
    round = open_round(commune_a)
    first, second, third = clients = [Client() for _ in range(3)]
    urls = [start(client, round, identity=f"091234567{n}")["Location"] for n, client in enumerate(clients)]
    papers = {entry.token: entry for entry in entries(round)}

    def hand_in(client, url):
        return client.post(url, right_answers(papers[PAPER.search(url).group(1)]), **host(commune_a))

    assert hand_in(first, urls[0]).status_code == 302  # reads the round and remembers it
    with django_assert_num_queries(5):  # the paper; savepoint, update, audit record, release
        assert hand_in(second, urls[1]).status_code == 302
    with commune_scope(commune_a):
        contest = Contest.objects.get(pk=round.contest_id)
        contest.is_published = False
        contest.save()
    assert hand_in(third, urls[2]).status_code == 404
    stored = {e.token: e.status for e in entries(round)}
    assert sorted(stored.values()) == [EntryStatus.OPEN, EntryStatus.SUBMITTED, EntryStatus.SUBMITTED]


def test_another_communes_host_cannot_hand_in_a_paper(commune_a, commune_b):
    """Handing in reads the paper by its own statement, outside the ORM's scope: the commune is named in it."""
    round = open_round(commune_a)
    client = Client()
    url = start(client, round)["Location"]
    (entry,) = entries(round)
    assert client.post(url, right_answers(entry), **host(commune_b)).status_code == 404
    (entry,) = entries(round)
    assert entry.status == EntryStatus.OPEN
    assert entry.answers is None
