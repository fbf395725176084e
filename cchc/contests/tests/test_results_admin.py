"""The results screens as officials use them, the ranking workbook read back, publishing with its
confirmation, and the public winners page as a villager sees it."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from cchc.audit.models import CommuneLogEntry
from cchc.communes.models import Unit, Village
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.contests.models import ContestRound, EntryStatus, NameDisplay

from .helpers import open_round
from .test_results import closed_contest, entrant, entry

pytestmark = pytest.mark.django_db


def host(commune) -> dict:
    return {"HTTP_HOST": commune.site.hostname}


@pytest.fixture
def ranked_round(commune_a):
    """A closed round of commune A: Lan and Minh 5/5, Hoa 4/5, a late paper, a Khau Lầu village with nobody."""
    village = make_instance(Village, commune_a, name="Đồng Đau", sort_order=1)
    make_instance(Village, commune_a, name="Khau Lầu", sort_order=2)
    unit = make_instance(Unit, commune_a, name="Hội Nông dân", sort_order=1)
    contest, (round,) = closed_contest(commune_a, uses_prediction=True)
    entry(round, entrant(contest, "Hoàng Thị Lan", tail="111", village=village, unit=unit), 5, 300, prediction=3)
    entry(round, entrant(contest, "Phạm Văn Minh", tail="222", village=village), 5, 420, prediction=9)
    entry(round, entrant(contest, "Lý Thị Hoa", tail="333"), 4, 100, prediction=2)
    entry(round, entrant(contest, "Đến Muộn", tail="444"), 5, 60, status=EntryStatus.LATE)
    return round


def published(round: ContestRound) -> ContestRound:
    from django.utils import timezone

    with commune_scope(round.commune):
        ContestRound.objects.filter(pk=round.pk).update(results_published_at=timezone.now())
    round.refresh_from_db()
    return round


# --- the officials' screens ---------------------------------------------------------------------------------


def test_the_justice_officer_reads_a_rounds_ranking_by_village_and_by_unit(
    client, commune_a, make_official, ranked_round, django_assert_max_num_queries
):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    index = client.get(reverse("cchc_contests_results")).content.decode()
    assert "Tìm hiểu Luật Đất đai" in index
    url = reverse("cchc_contests_round_results", args=[ranked_round.pk])
    assert url in index
    client.get(url)  # warm the per-process caches (site map, roles) before counting
    with django_assert_max_num_queries(22):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Hoàng Thị Lan") < html.index("Phạm Văn Minh") < html.index("Lý Thị Hoa")
    assert "Đến Muộn" not in html
    assert "•••111" in html
    assert "hash-" not in html
    assert "Xóm Khau Lầu" in html  # a village with no entrant still has its row
    assert "Không thuộc thôn, xóm nào" in html
    assert "Không thuộc đơn vị nào" in html
    assert reverse("cchc_contests_publish_results", args=[ranked_round.pk]) in html


def test_the_round_page_holds_its_query_count_with_more_entrants(
    client, commune_a, make_official, ranked_round, django_assert_max_num_queries
):
    contest = ranked_round.contest
    for n in range(40):
        entry(ranked_round, entrant(contest, f"Người thêm {n}", tail=f"{n:03d}"), n % 5, 200 + n)
    client.force_login(make_official(commune_a, Role.JUSTICE))
    url = reverse("cchc_contests_round_results", args=[ranked_round.pk])
    client.get(url)
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
    overall = reverse("cchc_contests_contest_results", args=[contest.pk])
    client.get(overall)
    with django_assert_max_num_queries(23):
        html = client.get(overall).content.decode()
    assert "Người thêm 39" in html


def test_the_overseer_reads_the_results_but_cannot_publish(client, commune_a, make_official, ranked_round):
    client.force_login(make_official(commune_a, Role.OVERSEER))
    html = client.get(reverse("cchc_contests_round_results", args=[ranked_round.pk])).content.decode()
    assert "Hoàng Thị Lan" in html
    publish_url = reverse("cchc_contests_publish_results", args=[ranked_round.pk])
    assert publish_url not in html
    response = client.post(publish_url)
    assert response.status_code == 403
    assert "Chỉ công chức Tư pháp, Văn phòng và lãnh đạo UBND xã được công bố kết quả" in response.content.decode()
    ranked_round.refresh_from_db()
    assert ranked_round.results_published_at is None


def test_an_official_without_a_contest_role_is_kept_out(client, commune_a, make_official, ranked_round):
    client.force_login(make_official(commune_a, Role.FINANCE))
    for name in ("cchc_contests_round_results", "cchc_contests_round_xlsx"):
        response = client.get(reverse(name, args=[ranked_round.pk]))
        assert response.status_code in (302, 403), name
        assert "Hoàng Thị Lan" not in response.content.decode()
    assert client.get(reverse("cchc_contests_results")).status_code in (302, 403)


def test_commune_bs_official_finds_nothing_of_commune_as_results(
    client, commune_a, commune_b, make_official, ranked_round
):
    client.force_login(make_official(commune_b, Role.JUSTICE))
    for name in (
        "cchc_contests_round_results",
        "cchc_contests_round_xlsx",
        "cchc_contests_publish_results",
    ):
        assert client.get(reverse(name, args=[ranked_round.pk])).status_code == 404, name
    assert client.post(reverse("cchc_contests_publish_results", args=[ranked_round.pk])).status_code == 404
    contest_url = reverse("cchc_contests_contest_results", args=[ranked_round.contest_id])
    assert client.get(contest_url).status_code == 404
    index = client.get(reverse("cchc_contests_results")).content.decode()
    assert "Tìm hiểu Luật Đất đai" not in index
    ranked_round.refresh_from_db()
    assert ranked_round.results_published_at is None


def test_the_ranking_workbook_has_names_villages_units_and_masked_numbers_only(
    client, commune_a, make_official, ranked_round
):
    contest = ranked_round.contest
    entry(ranked_round, entrant(contest, '=HYPERLINK("http://x.example")', tail="555"), 1, 10)
    client.force_login(make_official(commune_a, Role.JUSTICE))
    response = client.get(reverse("cchc_contests_round_xlsx", args=[ranked_round.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ket-qua-tim-hieu-luat-dat-dai-dot-1.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Xếp hạng", "Theo thôn, xóm", "Theo đơn vị"]
    rows = [list(row) for row in book["Xếp hạng"].iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(rows) if row[0] == "Hạng")
    assert rows[header_at][:5] == ["Hạng", "Họ và tên", "Thôn, xóm", "Cơ quan, đoàn thể", "Số điện thoại (số cuối)"]
    body = rows[header_at + 1 :]
    assert [row[:8] for row in body[:3]] == [
        [1, "Hoàng Thị Lan", "Xóm Đồng Đau", "Hội Nông dân", "•••111", 5, 5, 300],
        [2, "Phạm Văn Minh", "Xóm Đồng Đau", None, "•••222", 5, 5, 420],
        [3, "Lý Thị Hoa", None, None, "•••333", 4, 5, 100],
    ]
    assert body[0][9:] == [3, 1]  # Lan guessed 3; four entrants counted
    assert body[3][1] == '=HYPERLINK("http://x.example")'
    assert book["Xếp hạng"].cell(row=header_at + 5, column=2).data_type == "s"  # text, not a formula
    text = " ".join(str(cell) for row in rows for cell in row if cell is not None)
    assert "hash-" not in text
    assert "Đến Muộn" not in text
    villages = [list(row) for row in book["Theo thôn, xóm"].iter_rows(values_only=True)]
    assert villages == [
        ["Thôn, xóm", "Số người dự thi", "Số bài dự thi", "Điểm trung bình"],
        ["Xóm Đồng Đau", 2, 2, 5],
        ["Xóm Khau Lầu", 0, 0, None],
        ["Không thuộc thôn, xóm nào", 2, 2, 2.5],
    ]
    with commune_scope(commune_a):
        assert CommuneLogEntry.objects.filter(action="cchc.export").count() == 1


# --- publishing ---------------------------------------------------------------------------------------------


def test_publishing_asks_for_confirmation_then_opens_the_winners_page(client, commune_a, make_official, ranked_round):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    url = reverse("cchc_contests_publish_results", args=[ranked_round.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Sau khi công bố, mọi người xem được trang kết quả" in confirm.content.decode()
    ranked_round.refresh_from_db()
    assert ranked_round.results_published_at is None  # looking at the confirmation publishes nothing
    done = client.post(url, follow=True)
    assert "Đã công bố kết quả đợt 1." in done.content.decode()
    ranked_round.refresh_from_db()
    assert ranked_round.results_published_at is not None
    with commune_scope(commune_a):
        assert CommuneLogEntry.objects.filter(action="cchc.publish").count() == 1
    public = Client().get("/cuoc-thi/dat-dai/dot-1/ket-qua/", **host(commune_a)).content.decode()
    assert "Hoàng Thị Lan" in public


def test_publishing_an_open_round_is_refused_with_the_reason(client, commune_a, make_official):
    round = open_round(commune_a)
    client.force_login(make_official(commune_a, Role.OFFICE))
    results_page = client.get(reverse("cchc_contests_round_results", args=[round.pk])).content.decode()
    assert "Đợt thi chưa kết thúc" in results_page
    assert reverse("cchc_contests_publish_results", args=[round.pk]) not in results_page
    response = client.post(reverse("cchc_contests_publish_results", args=[round.pk]))
    assert response.status_code == 403
    assert "Đợt thi chưa kết thúc: chỉ công bố kết quả sau" in response.content.decode()
    round.refresh_from_db()
    assert round.results_published_at is None


# --- the public winners page --------------------------------------------------------------------------------


def test_before_publication_the_winners_page_says_the_results_are_not_out(commune_a, ranked_round):
    response = Client().get("/cuoc-thi/dat-dai/dot-1/ket-qua/", **host(commune_a))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kết quả đợt thi này chưa được công bố." in html
    assert "Hoàng Thị Lan" not in html


def test_the_winners_page_lists_the_top_placings_with_names_as_the_rules_say(
    commune_a, ranked_round, django_assert_max_num_queries
):
    contest = ranked_round.contest
    for n in range(12):
        entry(ranked_round, entrant(contest, f"Trần Văn Số {n}", tail=f"{n:03d}"), 3, 100 + n)
    published(ranked_round)
    with commune_scope(commune_a):
        type(contest).objects.filter(pk=contest.pk).update(winner_names=NameDisplay.INITIALS)
    client = Client()
    url = "/cuoc-thi/dat-dai/dot-1/ket-qua/"
    client.get(url, **host(commune_a))
    with django_assert_max_num_queries(6):
        response = client.get(url, **host(commune_a))
    html = response.content.decode()
    assert response.status_code == 200
    # 15 entrants counted: Minh's guess of 9 beats Lan's 3 at equal score.
    assert html.index("Phạm V. M.") < html.index("Hoàng T. L.") < html.index("Lý T. H.")
    assert "Hoàng Thị Lan" not in html
    assert "Trần V. S. 6" in html  # rank 10
    assert "Trần V. S. 7" not in html  # rank 11
    assert "Số người dự thi: 15." in html
    for digits in ("111", "222", "333", "•••"):
        assert digits not in html
    assert "Xóm Đồng Đau" in html
    assert "5/5" in html
    assert "5 phút 00 giây" in html


def test_the_winners_page_shows_full_names_when_the_rules_say_so(commune_a, ranked_round):
    published(ranked_round)
    html = Client().get("/cuoc-thi/dat-dai/dot-1/ket-qua/", **host(commune_a)).content.decode()
    assert "Hoàng Thị Lan" in html


def test_the_winners_page_belongs_to_its_communes_site(commune_a, commune_b, ranked_round):
    published(ranked_round)
    assert Client().get("/cuoc-thi/dat-dai/dot-1/ket-qua/", **host(commune_b)).status_code == 404
    assert Client().get("/cuoc-thi/dat-dai/dot-2/ket-qua/", **host(commune_a)).status_code == 404
    contest = ranked_round.contest
    with commune_scope(commune_a):
        type(contest).objects.filter(pk=contest.pk).update(is_published=False)
    assert Client().get("/cuoc-thi/dat-dai/dot-1/ket-qua/", **host(commune_a)).status_code == 404


def test_the_justice_officer_prints_the_rounds_certificates(client, commune_a, make_official, ranked_round, tmp_path):
    import unicodedata

    from cchc.core.testing import require_poppler, run_tool

    require_poppler()
    client.force_login(make_official(commune_a, Role.JUSTICE))
    page = client.get(reverse("cchc_contests_round_results", args=[ranked_round.pk])).content.decode()
    url = reverse("cchc_contests_round_certificates", args=[ranked_round.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "giay-chung-nhan.pdf"
    path.write_bytes(response.content)
    assert "Pages:           3" in run_tool("pdfinfo", str(path))  # three ranked; the late paper is not
    text = unicodedata.normalize("NFC", run_tool("pdftotext", str(path), "-"))
    assert "GIẤY CHỨNG NHẬN" in text
    assert text.index("Hoàng Thị Lan") < text.index("Phạm Văn Minh") < text.index("Lý Thị Hoa")
    assert "Đến Muộn" not in text


def test_certificates_wait_for_the_round_to_close(client, commune_a, make_official):
    round = open_round(commune_a)
    client.force_login(make_official(commune_a, Role.JUSTICE))
    response = client.get(reverse("cchc_contests_round_certificates", args=[round.pk]), follow=True)
    assert "chưa in được giấy chứng nhận" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
