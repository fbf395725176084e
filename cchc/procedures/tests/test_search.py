"""Search quality on the shipped catalogue, measured on queries written apart from the search code.

The held-out sets of ``bench/search_eval`` (``heldout``, ``heldout2``, by two writers) were written by people
who saw only the procedures' names; their misses are never read to tune the search (those of the development
sets are: ``dev``, ``dev2``, ``dev3``, ``dev4``).
The floors below sit a little under what the search reached on the two held-out sets together on 2026-12-03
(91.5% top-1, 97.0% top-3, 88.2% «not here» right, 0.3% wrongly «not here»), so that a change which makes it
worse fails here; ``make bench BENCH=search_quality`` prints the figures against the goals of issue #14.
"""

import json
from pathlib import Path

import pytest

from bench.search_quality import conversational, elsewhere, index_of
from cchc.procedures.catalogue import load_shipped_catalogue
from cchc.procedures.models import Procedure
from cchc.procedures.search import SYLLABLE, catalogue_index, is_syllable, words

SETS = Path(__file__).resolve().parents[3] / "bench" / "search_eval"
CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "catalogue.json"


@pytest.fixture
def shipped(db):
    load_shipped_catalogue()
    return {p.id: p for p in Procedure.objects.filter(is_current=True)}


def top(shipped, query):
    results = catalogue_index().search(query, limit=1)
    return shipped[results[0][0]] if results else None


def test_the_shipped_catalogue_is_large_enough_and_well_formed(shipped):
    assert len(shipped) >= 40
    assert len({p.field_id for p in shipped.values()}) >= 8


def _set(name):
    return json.loads((SETS / name).read_text(encoding="utf-8"))


HELD_OUT = ("heldout", "heldout2")


def test_unseen_conversational_queries_find_their_procedure_and_the_concepts_help():
    index, codes = index_of(json.loads(CATALOGUE.read_text(encoding="utf-8")))
    queries = [q for part in HELD_OUT for q in _set(f"{part}_conversational.json")]
    top1, top3, _misses = conversational(index, codes, queries)
    baseline, _b3, _ = conversational(index, codes, queries, understand=False)
    assert top1 >= 0.88, f"top-1 {top1:.0%}"
    assert top3 >= 0.95, f"top-3 {top3:.0%}"
    assert top1 >= baseline + 0.12, f"the concepts add too little: {top1:.0%} against {baseline:.0%} without"


def test_unseen_needs_elsewhere_are_pointed_to_their_body_and_commune_queries_rarely_are():
    index, _codes = index_of(json.loads(CATALOGUE.read_text(encoding="utf-8")))
    away = [q for part in HELD_OUT for q in _set(f"{part}_elsewhere.json")]
    right, _misses = elsewhere(away, key="body", index=index)
    assert right >= 0.86, f"right body {right:.0%}"
    commune = [{**q, "body": None} for part in HELD_OUT for q in _set(f"{part}_conversational.json")]
    not_told, _misses = elsewhere(commune, key="body", index=index)
    assert 1 - not_told <= 0.02, f"told «not here» wrongly: {1 - not_told:.1%}"


@pytest.mark.parametrize(
    ("query", "name_starts"),
    [
        ("lam giay khai sinh cho con", "Đăng ký khai sinh"),
        ("ddawng kys khai sinh", "Đăng ký khai sinh"),  # Telex typed without a Vietnamese keyboard
        ("khaisinh", "Đăng ký khai sinh"),
        ("chung thuc chu ki", "Chứng thực chữ ký"),
        ("ĐĂNG KÝ KHAI TỬ", "Đăng ký khai tử"),
    ],
)
def test_typing_habits_are_understood(shipped, query, name_starts):
    assert top(shipped, query).name.startswith(name_starts)


def test_real_words_are_not_bent_into_catalogue_words():
    assert SYLLABLE.match("nhau")
    assert not SYLLABLE.match("snh")
    assert words("Chữ ký, chữ kí") == ["chu", "ki", "chu", "ki"]


def test_phone_abbreviations_are_spelt_out():
    assert words("ko có vk, bn tiền") == ["khong", "co", "vo", "bao", "nhieu", "tien"]
    assert words("gđ tôi đc hỗ trợ j") == ["gia", "dinh", "toi", "duoc", "ho", "tro", "gi"]


def test_a_syllable_spelt_against_the_rules_is_a_typo():
    assert all(is_syllable(w) for w in ("nghe", "ghe", "ke", "ki", "gi", "nga", "ca", "gio"))
    assert not any(is_syllable(w) for w in ("ngeo", "ngi", "ce", "ka", "gha", "ngha", "coong", "chuaan"))


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # Mis-spelt «nghèo» is not a word of its own.
        ("nhà em thuộc diện ngèo, xin xã xét cho", "1.011608"),
        # A dispute denied: the land only needs its first certificate.
        ("đất khai hoang từ lâu, không tranh chấp gì với ai, giờ làm giấy", "1.013978"),
        # The mediation is a step done: the chairman's decision is asked.
        ("đã hòa giải vụ lấn đất mà không thành, đề nghị chủ tịch giải quyết", "1.013967"),
        # The birth is registered; the father comes to be named.
        ("con tôi đã làm khai sinh rồi nhưng không có tên bố, nay anh ấy muốn nhận", "1.001022"),
        # An age from 75 without a pension.
        ("bà nội 78 tuổi, cả đời làm rẫy, có được nhận tiền gì không", "1.014027"),
        # What a paper is for is not the paper: «để vay vốn» is not a loan contract.
        ("cần giấy chứng nhận độc thân để vay vốn ngân hàng", "1.004873"),
        ("vợ của thương binh xin giấy xác nhận để hưởng chế độ", "1.010833"),
        ("tiệm tạp hóa tạm thời đóng cửa vài tháng đi làm xa", "1.001570"),
        # Asking what it costs or how long it takes: «mất mấy ngày» loses nothing, «lệ phí» is no burial cost.
        ("làm giấy kết hôn mất mấy ngày", "1.000894"),
        ("chứng thực giấy tờ lệ phí bao nhiêu một trang", "2.000815"),
        # The procedure named after «muốn» outweighs the story before it.
        ("ông ngoại 72 tuổi đang nuôi cháu mồ côi, muốn làm người giám hộ cho cháu", "1.004837"),
        # «Nhà nước» is no foreign country; «quê quán» no shop; «biên bản» no sale.
        ("cưới theo phong tục rồi, giờ muốn có giấy kết hôn của nhà nước", "1.000894"),
        ("giấy khai sinh ghi thiếu quê quán, giờ ghi thêm được không", "1.004859"),
        ("viết giấy ủy quyền cho vợ đi nhận lương, xã xác nhận được không", "2.000884"),
        # From a second reader: a death is no lost paper; «sắp» is no stall; a year or a count is no age; «mất mấy
        # năm» is a death, «mất mấy ngày» a wait; «chưa khai sinh» is the need; «cán bộ» is no «cần».
        ("mẹ tôi mất rồi làm giấy khai tử", "1.000656"),
        ("vợ sắp sinh cần làm giấy gì", "1.001193"),
        ("sao y hơn 100 trang", "2.000815"),
        ("bố tôi mất mấy năm rồi chưa báo", "1.000656"),
        ("cháu tôi chưa khai sinh", "1.001193"),
        ("cán bộ xã xuống tận nhà chứng thực chữ ký được không", "2.000884"),
    ],
)
def test_how_villagers_say_it_is_read(shipped, query, code):
    assert top(shipped, query).code == code


def test_a_query_of_only_noise_finds_nothing(shipped):
    assert catalogue_index().search("zzz qqq 12345") == []
    assert catalogue_index().search("") == []
