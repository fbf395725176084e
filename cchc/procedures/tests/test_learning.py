"""Learning from what villagers search: the log without personal data, the officials' screen, teaching the
search an equivalence or a pinned procedure (per commune or nationally), the weekly digest."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.audit.models import CommuneLogEntry
from cchc.communes.models import Role
from cchc.communes.scoping import all_communes, commune_scope
from cchc.procedures import learning, publishing
from cchc.procedures.models import CommuneEquivalence, NationalEquivalence, SearchLog

SEARCH = "/thu-tuc-hanh-chinh/"
SCREEN = "/quan-tri/tim-kiem/"


def _logs(commune):
    with commune_scope(commune):
        return list(SearchLog.objects.filter(commune=commune).order_by("pk"))


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("làm giấy khai sinh cho con, sđt 0912345678", "lam giay khai sinh cho con sdt …"),
        ("đăng ký kết hôn sđt 0912 345 678", "dang ki ket hon sdt …"),
        ("Chứng thực CCCD 001.203.004.567 của tôi", "chung thuc cccd … cua toi"),
        ("khai tử cho ông Nguyễn Văn Tám", "khai tu cho ong …"),
        ("KHAI TỬ CHO ÔNG NGUYỄN VĂN TÁM", "khai tu cho ong …"),
        ("Bà Hồ Thị Hạnh xin trợ cấp", "… xin tro cap"),
        ("Phạm Văn Đồng cần khai sinh", "… can khai sinh"),
        ("Khai sinh cho bé Minh Anh", "khai sinh cho be …"),
        ("gửi giúp nguyenvanan@gmail.com", "gui giup …"),
        ("ĐĂNG KÝ KẾT HÔN", "dang ki ket hon"),
        ("Đăng Ký Khai Sinh", "dang ki khai sinh"),
        ("xin giấy chứng nhận Hộ nghèo", "xin giay chung nhan ho ngheo"),
    ],
)
def test_the_log_keeps_the_words_of_the_need_and_not_who_asked(query, kept):
    from cchc.procedures.search import SearchIndex

    words = "đăng ký kết hôn khai sinh khai tử chứng thực giấy chứng nhận hộ nghèo trợ cấp xã hội"
    catalogue = [SimpleNamespace(name=words, keywords=[], field=SimpleNamespace(name=""), id=1, result="",
                                 dossier=[], who_may_submit="")]  # fmt: skip
    assert learning.loggable(query, known=SearchIndex(catalogue).toned) == kept


def test_a_search_on_the_page_is_logged_and_the_result_opened_is_counted_once(client, published_a):
    response = client.get(SEARCH, {"q": "làm giấy khai sinh cho con"}, HTTP_HOST="dinh-bien.localhost")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    (entry,) = _logs(published_a)
    assert entry.query == "lam giay khai sinh cho con"
    assert entry.first_code == "1.001193"
    assert entry.result_count >= 1
    assert entry.channel == "web"
    link = re.search(r'href="(/thu-tuc-hanh-chinh/[^"?]+/\?tk=[^"]+)"', response.content.decode()).group(1)
    link = link.replace("&amp;", "&")
    assert client.get(link, HTTP_HOST="dinh-bien.localhost").status_code == 200
    client.get(link, HTTP_HOST="dinh-bien.localhost")  # opened again: still the first opening
    entry.refresh_from_db()
    assert (entry.opened_code, entry.opened_rank) == ("1.001193", 1)


def test_a_forged_or_foreign_opening_counts_nothing(client, published_a, commune_b):
    client.get(SEARCH, {"q": "khai sinh"}, HTTP_HOST="dinh-bien.localhost")
    (entry,) = _logs(published_a)
    forged = f"{entry.pk}:abc"
    client.get(f"/thu-tuc-hanh-chinh/dang-ky-khai-sinh/?tk={forged}&vt=1", HTTP_HOST="dinh-bien.localhost")
    assert not learning.record_open(commune=commune_b, token=learning.open_token(entry), code="x", rank=1)
    entry.refresh_from_db()
    assert entry.opened_code == ""


def test_the_api_search_is_logged_as_such(client, published_a):
    response = client.get(f"/api/v1/communes/{published_a.slug}/search", {"q": "ly hôn"})
    assert response.status_code == 200
    assert response.json()["elsewhere"]["body"]
    (entry,) = _logs(published_a)
    assert (entry.channel, entry.elsewhere) == ("api", "ly_hon")


def test_an_official_teaches_a_local_word_and_the_search_understands_it(published_a, make_official):
    office = make_official(published_a, Role.OFFICE)
    assert not any(p.code == "1.000656" for p in publishing.search("làm giấy ma chay lạ", commune=published_a)[:1])
    learning.AddEquivalence(commune=published_a, user=office, says="ma chay lạ", procedure_code="1.000656").execute()
    assert publishing.search("làm giấy ma chay lạ", commune=published_a)[0].code == "1.000656"
    with commune_scope(published_a):
        entry = CommuneEquivalence.objects.get()
        record = CommuneLogEntry.objects.get(action=learning.LOG_EQUIVALENCE)
    assert entry.means == "Đăng ký khai tử"
    assert record.user_id == office.pk


def test_teaching_has_rules(published_a, commune_b, make_official):
    unit = make_official(published_a, Role.UNIT_MEMBER, username="doan-thanh-nien")
    office = make_official(published_a, Role.OFFICE)
    with pytest.raises(PermissionDenied):
        learning.AddEquivalence(commune=published_a, user=unit, says="abc", procedure_code="1.000656").execute()
    with pytest.raises(PermissionDenied):  # only platform administrators teach every commune
        learning.AddEquivalence(
            commune=published_a, user=office, says="abc", procedure_code="1.000656", national=True
        ).execute()
    with pytest.raises(ValidationError):  # words of any question say nothing
        learning.AddEquivalence(commune=published_a, user=office, says="tôi muốn hỏi", means="khai tu").execute()
    with pytest.raises(ValidationError):
        learning.PinProcedure(commune=published_a, user=office, query="abc", procedure_code="9.999999").execute()
    with commune_scope(published_a):
        assert not CommuneEquivalence.objects.exists()


def test_a_national_equivalence_reaches_every_commune_and_a_commune_one_only_its_own(
    published_a, published_b_only_marriage, make_official, django_user_model
):
    admin = django_user_model.objects.create_superuser("nen-tang", password="x")
    office_a = make_official(published_a, Role.OFFICE)
    learning.AddEquivalence(commune=published_a, user=office_a, says="plonk zorb", procedure_code="1.000894").execute()
    assert publishing.search("plonk zorb", commune=published_b_only_marriage) == []
    learning.AddEquivalence(
        commune=published_a, user=admin, says="nen vo nen chong", procedure_code="1.000894", national=True
    ).execute()
    assert [p.code for p in publishing.search("nen vo nen chong", commune=published_b_only_marriage)] == ["1.000894"]
    with all_communes():
        assert NationalEquivalence.objects.count() == 1


def test_a_pinned_procedure_comes_first_for_its_query(published_a, make_official):
    office = make_official(published_a, Role.OFFICE)
    before = [p.code for p in publishing.search("giấy tờ cho con", commune=published_a)]
    learning.PinProcedure(
        commune=published_a, user=office, query="Giấy tờ cho con", procedure_code="2.000635"
    ).execute()
    after = [p.code for p in publishing.search("giay to cho con", commune=published_a)]
    assert after[0] == "2.000635"
    assert after[0] != (before[:1] or [None])[0]


def test_the_screen_lists_what_was_not_found_and_teaching_from_it_works(client, published_a, make_official):
    office = make_official(published_a, Role.OFFICE)
    for query in ("xyzzy plonk", "xyzzy plonk", "khai sinh"):
        client.get(SEARCH, {"q": query}, HTTP_HOST="dinh-bien.localhost")
    client.force_login(office)
    page = client.get(SCREEN, HTTP_HOST="dinh-bien.localhost").content.decode()
    unfound = page.split("Không có kết quả hoặc kết quả yếu")[1].split("Có kết quả nhưng")[0]
    assert "«xyzzy plonk»" in unfound
    assert "khai sinh" not in unfound
    response = client.post(
        SCREEN,
        {"buoc": "them-cach-goi", "says": "xyzzy plonk", "procedure_code": "1.001193"},
        HTTP_HOST="dinh-bien.localhost",
    )
    assert response.status_code == 302
    assert publishing.search("xyzzy plonk", commune=published_a)[0].code == "1.001193"


def test_removing_what_was_taught_asks_first(client, published_a, make_official):
    office = make_official(published_a, Role.OFFICE)
    learning.AddEquivalence(commune=published_a, user=office, says="xyzzy", procedure_code="1.001193").execute()
    with commune_scope(published_a):
        entry = CommuneEquivalence.objects.get()
    client.force_login(office)
    page = client.get(f"{SCREEN}?xoa=cach-goi-{entry.pk}", HTTP_HOST="dinh-bien.localhost").content.decode()
    assert "Xóa «xyzzy" in page
    assert 'name="buoc" value="xoa-cach-goi"' in page
    with commune_scope(published_a):
        assert CommuneEquivalence.objects.exists()
    client.post(SCREEN, {"buoc": "xoa-cach-goi", "pk": entry.pk}, HTTP_HOST="dinh-bien.localhost")
    with commune_scope(published_a):
        assert not CommuneEquivalence.objects.exists()


def test_another_communes_official_sees_nothing_of_this_communes_searches(
    client, published_a, published_b_only_marriage, make_official
):
    client.get(SEARCH, {"q": "xyzzy plonk"}, HTTP_HOST="dinh-bien.localhost")
    office_b = make_official(published_b_only_marriage, Role.OFFICE)
    client.force_login(office_b)
    page = client.get(SCREEN, HTTP_HOST="phu-dinh.localhost").content.decode()
    assert "xyzzy" not in page
    unit_a = make_official(published_a, Role.UNIT_MEMBER, username="hoi-nong-dan")
    client.force_login(unit_a)
    assert client.get(SCREEN, HTTP_HOST="dinh-bien.localhost").status_code in (302, 403)


def test_the_weekly_digest_is_on_the_offices_home_page_only(client, published_a, make_official):
    client.get(SEARCH, {"q": "xyzzy plonk"}, HTTP_HOST="dinh-bien.localhost")
    office = make_official(published_a, Role.OFFICE)
    client.force_login(office)
    home = client.get("/quan-tri/", HTTP_HOST="dinh-bien.localhost").content.decode()
    assert "Tuần này người dân tìm mà không thấy" in home
    assert "xyzzy plonk" in home
    unit = make_official(published_a, Role.UNIT_MEMBER, username="hoi-phu-nu")
    client.force_login(unit)
    assert "xyzzy" not in client.get("/quan-tri/", HTTP_HOST="dinh-bien.localhost").content.decode()


def test_the_screen_reads_in_a_fixed_number_of_queries(client, published_a, make_official):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    office = make_official(published_a, Role.OFFICE)
    client.force_login(office)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SCREEN, HTTP_HOST="dinh-bien.localhost").status_code == 200
        return len(queries)

    for n in range(3):
        client.get(SEARCH, {"q": f"tìm thứ {n} xyzzy"}, HTTP_HOST="dinh-bien.localhost")
    learning.AddEquivalence(commune=published_a, user=office, says="xyzzy", procedure_code="1.001193").execute()
    count()
    few = count()
    for n in range(30):
        client.get(SEARCH, {"q": f"lần khác {n} plonk"}, HTTP_HOST="dinh-bien.localhost")
    learning.PinProcedure(commune=published_a, user=office, query="plonk", procedure_code="1.001193").execute()
    assert count() == few <= 27


def test_a_query_searched_often_with_weak_or_no_results_is_one_line_with_its_count(published_a):
    for _n in range(3):
        publishing.answer("xyzzy plonk", commune=published_a, channel="web")
    for query in ("khai sinh xyzzy", "khai sinh xyzzy"):
        entry = publishing.answer(query, commune=published_a, channel="web").log
        with commune_scope(published_a):
            SearchLog.objects.filter(pk=entry.pk).update(weak=True)
    report = learning.report(commune=published_a)
    unfound = {line.query: line.count for line in report.unfound}
    assert unfound == {"xyzzy plonk": 3, "khai sinh xyzzy": 2}
    assert [line.query for line in learning.weekly_digest(commune=published_a)] == ["xyzzy plonk", "khai sinh xyzzy"]


@pytest.mark.parametrize("params", ["?tk=abc&vt=%C2%B2", "?tk=abc&vt=" + "9" * 5000, "?tk=" + "x" * 5000])
def test_odd_opening_parameters_are_ignored_not_errors(client, published_a, params):
    from cchc.procedures.models import Procedure

    slug = Procedure.objects.get(code="1.001193", is_current=True).slug
    assert client.get(f"/thu-tuc-hanh-chinh/{slug}/{params}", HTTP_HOST="dinh-bien.localhost").status_code == 200


def test_odd_removals_on_the_screen_are_refused_plainly(client, published_a, make_official):
    office = make_official(published_a, Role.OFFICE)
    learning.PinProcedure(commune=published_a, user=office, query="plonk", procedure_code="1.001193").execute()
    client.force_login(office)
    for xoa in ("ghim-%C2%B2", "ghim-" + "9" * 5000, "ghim-chung-1", "abc"):
        page = client.get(f"{SCREEN}?xoa={xoa}", HTTP_HOST="dinh-bien.localhost")
        assert page.status_code == 200
        assert 'value="bo-ghim"' not in page.content.decode()
    for pk in ("²", "9" * 5000, ""):
        response = client.post(SCREEN, {"buoc": "bo-ghim", "pk": pk}, HTTP_HOST="dinh-bien.localhost")
        assert response.status_code == 400
        assert "Không rõ mục cần xóa" in response.content.decode()


def test_a_procedure_with_a_long_name_can_be_what_a_word_means(published_a, make_official):
    from cchc.procedures.models import Procedure

    Procedure.objects.filter(code="2.000635").update(
        name="Cấp bản sao trích lục hộ tịch, bản sao giấy khai sinh, bản sao giấy chứng nhận kết hôn, bản sao "
        "trích lục khai tử cho người yêu cầu là cá nhân có quyền, lợi ích liên quan theo quy định của pháp luật"
    )
    office = make_official(published_a, Role.OFFICE)
    row = learning.AddEquivalence(
        commune=published_a, user=office, says="xin lai to", procedure_code="2.000635"
    ).execute()
    assert len(row.means_folded) <= 300
    assert row.means.startswith("Cấp bản sao")


def test_words_found_in_every_question_cannot_be_taught(published_a, make_official):
    office = make_official(published_a, Role.OFFICE)
    for says in ("giấy", "làm giấy ở xã", "a" * 150):
        with pytest.raises(ValidationError):
            learning.AddEquivalence(commune=published_a, user=office, says=says, procedure_code="1.001193").execute()


def test_a_script_searching_without_end_is_answered_but_not_all_logged(client, published_a, settings):
    settings.SEARCH_LOGS_PER_HOUR_PER_IP = 5
    for n in range(8):
        assert client.get(SEARCH, {"q": f"khai sinh {n}"}, HTTP_HOST="dinh-bien.localhost").status_code == 200
    assert len(_logs(published_a)) == 5


def test_old_searches_are_forgotten_by_the_command(published_a):
    import datetime as dt

    from django.core.management import CommandError, call_command
    from django.utils import timezone

    for query in ("cu", "moi"):
        publishing.answer(query, commune=published_a, channel="web")
    with commune_scope(published_a):
        SearchLog.objects.filter(query="cu").update(searched_at=timezone.now() - dt.timedelta(days=500))
    call_command("forget_old_searches")
    assert [e.query for e in _logs(published_a)] == ["moi"]
    with pytest.raises(CommandError):
        call_command("forget_old_searches", "--days", "3")


def test_what_was_taught_in_an_older_spelling_still_matches(published_a, make_official):
    """Taught before the search spelt «ko» as «không» and «quê quán» as one word: it is read as queries are now."""
    office = make_official(published_a, Role.OFFICE)
    learning.AddEquivalence(commune=published_a, user=office, says="ko quê quán", procedure_code="1.000656").execute()
    with commune_scope(published_a):
        CommuneEquivalence.objects.update(says_folded="ko que quan")  # as the search of stop 22 folded it
    learning._forget_taught(published_a)
    assert publishing.search("ko quê quán", commune=published_a)[0].code == "1.000656"
