"""The officials' contest screens: the «Cuộc thi pháp luật» menu, the question form, the import screen, rounds."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.contests.models import Contest, ContestRound, NationalQuestion, Question, QuestionKind, Topic

from .helpers import HEADER, choices, xlsx

pytestmark = pytest.mark.django_db

MENU = [
    ("Ngân hàng câu hỏi", "ngan-hang-cau-hoi:index"),
    ("Câu hỏi dùng chung", "cau-hoi-dung-chung:index"),
    ("Nhập câu hỏi từ Excel", "cchc_contests_import"),
    ("Cuộc thi", "cuoc-thi:index"),
    ("Vòng thi", "vong-thi:index"),
    ("Kết quả cuộc thi", "cchc_contests_results"),
]


def contest_submenu(client) -> list[tuple[str, str]] | None:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    found = []

    def walk(node):
        if isinstance(node, dict):
            args = node.get("_args") or []
            if str(node.get("_type", "")).endswith("SubMenuItem") and args[0].get("label") == "Cuộc thi pháp luật":
                found.append([(item["_args"][0]["label"], item["_args"][0]["url"]) for item in args[1]])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props))
    return found[0] if found else None


def own_question(commune, text="Câu hỏi riêng của xã?"):
    with commune_scope(commune):
        question = Question.objects.create(commune=commune, text=text, choices=choices("Có", "Không"))
        question.topics.add(Topic.objects.first())
    return question


def test_the_justice_officer_sees_the_menu_and_every_entry_opens(client, commune_a, make_official):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    assert contest_submenu(client) == [(label, reverse(name)) for label, name in MENU]
    for _label, name in MENU:
        assert client.get(reverse(name)).status_code == 200, name
    for name in ("ngan-hang-cau-hoi:add", "cuoc-thi:add", "vong-thi:add"):
        assert client.get(reverse(name)).status_code == 200, name


def test_a_finance_officer_does_not_see_the_menu_nor_open_the_import(client, commune_a, make_official):
    client.force_login(make_official(commune_a, Role.FINANCE))
    assert contest_submenu(client) is None
    response = client.get(reverse("cchc_contests_import"), follow=True)
    assert response.status_code == 403 or response.redirect_chain


def test_the_overseer_reads_the_bank_but_gets_no_add_button(client, commune_a, make_official):
    own_question(commune_a)
    client.force_login(make_official(commune_a, Role.OVERSEER))
    menu = contest_submenu(client)
    assert ("Nhập câu hỏi từ Excel", reverse("cchc_contests_import")) not in menu
    page = client.get(reverse("ngan-hang-cau-hoi:index")).content.decode()
    assert "Câu hỏi riêng của xã?" in page
    assert reverse("ngan-hang-cau-hoi:add") not in page


def question_form(**overrides) -> dict:
    topic = Topic.objects.get(slug="hien-phap")
    data = {
        "text": "Hiến pháp hiện hành được thông qua năm nào?",
        "kind": QuestionKind.SINGLE,
        "phuong_an_a": "1992",
        "phuong_an_b": "2013",
        "phuong_an_c": "",
        "phuong_an_d": "",
        "phuong_an_e": "",
        "phuong_an_f": "",
        "correct": ["B"],
        "legal_source": "Hiến pháp 2013",
        "topics": [str(topic.pk)],
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_a_question_typed_in_is_stored_and_audited(client, commune_a, make_official):
    justice = make_official(commune_a, Role.JUSTICE)
    client.force_login(justice)
    response = client.post(reverse("ngan-hang-cau-hoi:add"), question_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    with commune_scope(commune_a):
        question = Question.objects.get()
        entry = CommuneLogEntry.objects.get(action="wagtail.create")
    assert question.commune == commune_a
    assert question.choices == choices("1992", "2013", correct=(1,))
    assert [t.slug for t in question.topics.all()] == ["hien-phap"]
    assert entry.user == justice


def test_the_form_refuses_a_single_answer_question_with_two_correct_choices(client, commune_a, make_official):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    response = client.post(reverse("ngan-hang-cau-hoi:add"), question_form(correct=["A", "B"]))
    assert response.status_code == 200
    assert "chỉ được có đúng 1 đáp án đúng" in response.content.decode()
    response = client.post(reverse("ngan-hang-cau-hoi:add"), question_form(phuong_an_b="", correct=["A"]))
    assert "Câu hỏi phải có từ 2 đến 6 phương án" in response.content.decode()
    response = client.post(reverse("ngan-hang-cau-hoi:add"), question_form(phuong_an_b="", phuong_an_c="2013"))
    assert "Phương án B để trống trong khi phương án C có nội dung" in response.content.decode()
    with commune_scope(commune_a):
        assert not Question.objects.exists()


def test_editing_a_question_shows_its_choices_back(client, commune_a, make_official):
    question = own_question(commune_a)
    client.force_login(make_official(commune_a, Role.JUSTICE))
    page = client.get(reverse("ngan-hang-cau-hoi:edit", args=[question.pk])).content.decode()
    assert re.search(r'name="phuong_an_a"[^>]*>\s*Có</textarea>', page)
    assert re.search(r'name="phuong_an_b"[^>]*>\s*Không</textarea>', page)
    assert re.search(r'name="correct" value="A"[^>]*checked', page)


def test_the_import_screen_lists_every_bad_row_and_saves_nothing(client, commune_a, make_official):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    rows = [
        HEADER,
        [1, "Câu đúng?", "Có", "Không", None, None, "A", "", "Hiến pháp"],
        [2, "Câu thiếu đáp án?", "Có", "Không", None, None, "", "", "Hiến pháp"],
        [3, "Câu sai chủ đề?", "Có", "Không", None, None, "A", "", "Không có chủ đề này"],
    ]
    upload = SimpleUploadedFile("cau-hoi.xlsx", xlsx(rows))
    response = client.post(reverse("cchc_contests_import"), {"tep": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3, cột Đáp án đúng" in page
    assert "Dòng 4, cột Chủ đề" in page
    assert "chưa câu hỏi nào được lưu" in page
    with commune_scope(commune_a):
        assert not Question.objects.exists()


def test_a_good_file_is_imported_and_the_template_downloads(client, commune_a, make_official):
    client.force_login(make_official(commune_a, Role.OFFICE))
    template = client.get(reverse("cchc_contests_import_template"))
    assert template["Content-Disposition"].endswith('mau-cau-hoi.xlsx"')
    sheet = load_workbook(io.BytesIO(template.content)).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    # The template's example row is itself importable.
    upload = SimpleUploadedFile("mau-cau-hoi.xlsx", template.content)
    response = client.post(reverse("cchc_contests_import"), {"tep": upload}, follow=True)
    assert "Đã thêm 1 câu hỏi" in response.content.decode()
    with commune_scope(commune_a):
        assert Question.objects.get().text == rows[1][1]


def test_commune_b_never_sees_the_questions_of_a(client, commune_a, commune_b, make_official):
    question = own_question(commune_a, text="Câu hỏi chỉ của xã Định Biên?")
    NationalQuestion.objects.create(text="Câu hỏi dùng chung cho mọi xã?", choices=choices("Có", "Không"))
    client.force_login(make_official(commune_b, Role.JUSTICE))
    page = client.get(reverse("ngan-hang-cau-hoi:index")).content.decode()
    assert "Câu hỏi chỉ của xã Định Biên?" not in page
    assert client.get(reverse("ngan-hang-cau-hoi:edit", args=[question.pk])).status_code == 404
    assert "Câu hỏi dùng chung cho mọi xã?" in client.get(reverse("cau-hoi-dung-chung:index")).content.decode()


def test_saving_a_round_the_bank_cannot_supply_warns(client, commune_a, make_official):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    with commune_scope(commune_a):
        contest = Contest.objects.create(commune=commune_a, title="Tìm hiểu Hiến pháp", slug="hien-phap")
    topic = Topic.objects.get(slug="hien-phap")
    opens = timezone.localtime() + dt.timedelta(days=1)
    data = {
        "contest": str(contest.pk),
        "number": "1",
        "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
        "closes_at": (opens + dt.timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
        "time_limit_minutes": "30",
        "draw": f"{topic.name}: 3",
    }
    response = client.post(reverse("vong-thi:add"), data, follow=True)
    page = response.content.decode()
    assert "Ngân hàng câu hỏi chưa đủ cho đợt thi này" in page
    assert "còn thiếu 3 câu" in page
    with commune_scope(commune_a):
        assert ContestRound.objects.get().draw == {"hien-phap": 3}


def _add_rows(commune, start: int, stop: int) -> None:
    from cchc.communes.testing import make_instance

    topic = Topic.objects.get(slug="dat-dai")
    now = timezone.now()
    for n in range(start, stop):
        own_question(commune, text=f"Câu hỏi riêng số {n}?")
        national = NationalQuestion.objects.create(text=f"Câu hỏi dùng chung số {n}?", choices=choices("Có", "Không"))
        national.topics.add(topic)
        contest = make_instance(Contest, commune, title=f"Cuộc thi số {n}", slug=f"cuoc-thi-{n}")
        make_instance(ContestRound, commune, contest=contest, opens_at=now, closes_at=now + dt.timedelta(days=1),
                      draw={"dat-dai": 1})  # fmt: skip


@pytest.mark.parametrize("listing", ["ngan-hang-cau-hoi:index", "cau-hoi-dung-chung:index", "cuoc-thi:index",
                                     "vong-thi:index"])  # fmt: skip
def test_each_listing_costs_the_same_queries_for_many_rows(
    listing, client, commune_a, make_official, django_assert_max_num_queries
):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    _add_rows(commune_a, 0, 3)
    client.get(reverse(listing))  # warm the session and permission caches
    with django_assert_max_num_queries(40) as few:
        assert client.get(reverse(listing)).status_code == 200
    budget = len(few.captured_queries)
    _add_rows(commune_a, 3, 20)
    with django_assert_max_num_queries(budget):
        page = client.get(reverse(listing)).content.decode()
    assert "số 19" in page
