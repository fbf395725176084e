"""Publishing functions act for the commune they are given, whatever scope the caller is in."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.communes.scoping import ScopeError, all_communes, commune_scope
from cchc.procedures import publishing
from cchc.procedures.models import OneStopDesk, Posting, PostingPlace, Procedure, PublishedProcedure
from cchc.procedures.postings import record_posting


def _codes(commune) -> set[str]:
    with commune_scope(commune):
        return set(PublishedProcedure.objects.values_list("code", flat=True))


def _current_codes() -> set[str]:
    return set(Procedure.objects.filter(is_current=True).values_list("code", flat=True))


def test_publish_all_under_all_communes_publishes_the_whole_catalogue_for_a_second_commune(published_a, commune_b):
    with all_communes():
        created = publishing.publish_all(commune=commune_b)
    assert created == len(_current_codes())
    assert _codes(commune_b) == _current_codes()


def test_publish_all_inside_another_communes_scope_writes_and_reads_only_its_own(published_b_only_marriage, commune_a):
    # Phú Đình publishes one procedure; from inside Phú Đình's scope, Định Biên publishes everything.
    with commune_scope(published_b_only_marriage):
        created = publishing.publish_all(commune=commune_a)
    assert created == len(_current_codes())
    assert _codes(commune_a) == _current_codes()
    assert _codes(published_b_only_marriage) == {"1.000894"}


def test_publish_all_adds_only_what_the_commune_does_not_publish_yet(published_b_only_marriage):
    created = publishing.publish_all(commune=published_b_only_marriage)
    assert created == len(_current_codes()) - 1
    assert publishing.publish_all(commune=published_b_only_marriage) == 0


def test_publish_all_refuses_another_communes_desk(commune_a, commune_b, catalogue):
    with commune_scope(commune_b):
        desk_b = OneStopDesk.objects.create(commune=commune_b, name="Một cửa Phú Đình")
    with pytest.raises(ValueError, match="another commune"):
        publishing.publish_all(commune=commune_a, desk=desk_b)
    assert _codes(commune_a) == set()


def test_reads_take_the_commune_and_ignore_the_active_scope(published_a, published_b_only_marriage):
    with commune_scope(published_a):  # the wrong scope for Phú Đình, on purpose
        assert [p.code for p in publishing.published(commune=published_b_only_marriage)] == ["1.000894"]
        assert {p.code for p in publishing.search("dang ky", commune=published_b_only_marriage)} == {"1.000894"}
        assert publishing.published_with_code("1.001193", commune=published_b_only_marriage) is None
        listing = publishing.browse(commune=published_b_only_marriage)
    assert [f.code for f, _count in listing.fields] == ["HT"]
    with all_communes():
        assert len(publishing.published(commune=published_a)) == 8
    # No scope at all is no problem either: the function opens its own.
    _procedure, local = publishing.get_published("dang-ky-ket-hon-1-000894", commune=published_b_only_marriage)
    assert local.local_fee == "Phí riêng của Phú Đình"


def test_record_posting_takes_down_only_the_communes_own_sheets(published_a, commune_b, catalogue):
    with commune_scope(published_a):
        place = PostingPlace.objects.create(commune=published_a, name="Một cửa Định Biên", kind="desk")
    procedures = list(catalogue)
    with all_communes():
        record_posting(commune=published_a, place=place, procedures=procedures, posted_on=dt.date(2022, 1, 20))
    with commune_scope(commune_b):
        record_posting(commune=published_a, place=place, procedures=procedures, posted_on=dt.date(2022, 6, 1))
    with commune_scope(published_a):
        assert Posting.objects.filter(removed_on=None).count() == len(procedures)
        assert Posting.objects.filter(removed_on=dt.date(2022, 6, 1)).count() == len(procedures)


def test_record_posting_refuses_a_place_of_another_commune(commune_a, commune_b, catalogue):
    with commune_scope(commune_b):
        place_b = PostingPlace.objects.create(commune=commune_b, name="Nhà văn hóa Phú Đình")
    with pytest.raises((ValueError, ScopeError)):
        record_posting(commune=commune_a, place=place_b, procedures=list(catalogue), posted_on=dt.date(2022, 1, 20))
    with all_communes():
        assert not Posting.objects.exists()
