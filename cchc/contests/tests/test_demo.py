"""The demo contest: loaded through the entering actions, ranked like any round, loaded once."""

from __future__ import annotations

import pytest
from django.test import Client

from cchc.communes.scoping import commune_scope
from cchc.contests.demo import ENTRANTS, SLUG, load_demo_contests
from cchc.contests.models import Contest, Entry, EntryStatus, NationalQuestion
from cchc.demo.communes import load_demo_communes

pytestmark = pytest.mark.django_db


def test_the_demo_contest_has_a_closed_round_with_entries_and_an_open_one(django_db_blocker):
    commune = load_demo_communes()[0]
    contest = load_demo_contests(commune)
    assert contest is not None
    assert NationalQuestion.objects.filter(legal_source="").count() == 0
    with commune_scope(commune):
        entries = list(Entry.objects.filter(round__contest=contest, round__number=1))
        assert len(entries) == ENTRANTS
        assert {e.status for e in entries} == {EntryStatus.SUBMITTED}
        assert all(e.submitted_at <= e.deadline_at and e.prediction for e in entries)
        assert len({e.score for e in entries}) > 3  # a spread of results to rank
        assert all(e.entrant.village_id for e in entries)
    assert load_demo_contests(commune) is None  # again: nothing more
    with commune_scope(commune):
        assert Contest.objects.filter(slug=SLUG).count() == 1
    page = Client().get(f"/cuoc-thi/{SLUG}/", HTTP_HOST=commune.site.hostname).content.decode()
    assert "Dự thi đợt 2" in page
    assert "Bắt đầu làm bài" in page
