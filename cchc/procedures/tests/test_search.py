"""Search quality on the shipped catalogue, measured on queries written apart from the search code.

The held-out sets of ``bench/search_eval`` were written by someone who saw only the procedures' names; their
misses are never read to tune the search (those of the development sets are: ``dev``, by the same writer, and
``dev2``, by another).
The floors below sit a little under what the search reached on 2026-12-03 (86% top-1, 96% top-3, 80% «not
here»), so that a change which makes it worse fails here; the goal of issue #14 (90% top-1) is printed by
``make bench BENCH=search_quality``, not asserted, because it is not met yet.
"""

import json
from pathlib import Path

import pytest

from bench.search_quality import conversational, elsewhere, index_of
from cchc.procedures.catalogue import load_shipped_catalogue
from cchc.procedures.models import Procedure
from cchc.procedures.search import SYLLABLE, catalogue_index, words

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


def test_unseen_conversational_queries_find_their_procedure_and_the_concepts_help():
    index, codes = index_of(json.loads(CATALOGUE.read_text(encoding="utf-8")))
    queries = _set("heldout_conversational.json")
    top1, top3, _misses = conversational(index, codes, queries)
    baseline, _b3, _ = conversational(index, codes, queries, understand=False)
    assert top1 >= 0.83, f"top-1 {top1:.0%}"
    assert top3 >= 0.93, f"top-3 {top3:.0%}"
    assert top1 >= baseline + 0.10, f"the concepts add too little: {top1:.0%} against {baseline:.0%} without"


def test_unseen_needs_elsewhere_are_pointed_to_their_body_and_commune_queries_rarely_are():
    right, _misses = elsewhere(_set("heldout_elsewhere.json"), key="body")
    assert right >= 0.76, f"right body {right:.0%}"
    commune = [{**q, "body": None} for q in _set("heldout_conversational.json")]
    not_told, _misses = elsewhere(commune, key="body")
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


def test_a_query_of_only_noise_finds_nothing(shipped):
    assert catalogue_index().search("zzz qqq 12345") == []
    assert catalogue_index().search("") == []
