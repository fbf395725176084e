"""Search quality on the shipped catalogue, measured on queries written apart from the search code."""

import json
from pathlib import Path

import pytest

from cchc.procedures.catalogue import load_shipped_catalogue
from cchc.procedures.models import Procedure
from cchc.procedures.search import SYLLABLE, catalogue_index, words

HELD_OUT = Path(__file__).parent / "data" / "queries_heldout.json"


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


def test_top_result_is_right_for_at_least_nine_in_ten_held_out_queries(shipped):
    queries = json.loads(HELD_OUT.read_text(encoding="utf-8"))
    misses = [q["q"] for q in queries if (found := top(shipped, q["q"])) is None or found.code != q["expect"]]
    accuracy = 1 - len(misses) / len(queries)
    assert accuracy >= 0.9, f"top-1 {accuracy:.0%}; misses: {misses}"


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


def test_a_query_of_only_noise_finds_nothing(shipped):
    assert catalogue_index().search("zzz qqq 12345") == []
    assert catalogue_index().search("") == []
