"""Two requests handing in the same paper at once (a double tap under load): both answered, stored once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from cchc.audit.models import CommuneLogEntry
from cchc.communes.scoping import commune_scope
from cchc.contests import entering
from cchc.contests.entering import StartEntry, SubmitEntry, clean_applicant, read_form
from cchc.contests.models import Entry, EntryStatus

from .helpers import open_round, right_answers

pytestmark = pytest.mark.django_db


def start(round):
    applicant = clean_applicant(
        commune=round.commune, contest=round.contest, full_name="Nguyễn Thị Hoa", identity="0912 345 678",
        village_id="", unit_id="", consent=True,
    )  # fmt: skip
    return StartEntry(commune=round.commune, round=round, applicant=applicant).execute()


def read(entry):
    with commune_scope(entry.commune):
        return Entry.objects.select_related("round__contest", "entrant").get(pk=entry.pk)


def test_the_second_of_two_concurrent_submissions_gets_what_the_first_stored(commune_a):
    round = open_round(commune_a)
    entry = start(round)
    # Both requests read the paper while it was still open; the first stores, then the second arrives.
    seen_first, seen_second = read(entry), read(entry)
    first = SubmitEntry(
        commune=commune_a, entry=seen_first, sent=read_form(seen_first, right_answers(seen_first)),
        received_at=timezone.now(),
    ).execute()  # fmt: skip
    second = SubmitEntry(
        commune=commune_a, entry=seen_second, sent=read_form(seen_second, {}), received_at=timezone.now()
    ).execute()
    assert first.already_recorded is False
    assert second.already_recorded is True
    assert second.score == 5
    assert second.status == EntryStatus.SUBMITTED
    with commune_scope(commune_a):
        assert CommuneLogEntry.objects.filter(action=entering.LOG_SUBMIT).count() == 1
        assert Entry.objects.get().answers == first.answers


def test_handing_in_answers_with_one_query_for_the_paper(commune_a, django_assert_max_num_queries):
    round = open_round(commune_a)
    entry = start(round)
    url = f"/cuoc-thi/{round.contest.slug}/bai/{entry.token}/"
    client = Client()
    form = right_answers(read(entry))
    assert client.get(url, HTTP_HOST=commune_a.site.hostname).status_code == 200  # the site map is read once
    # The paper with its round and contest (1), the conditional update (1), the audit record with the
    # checks of its foreign keys (3); savepoints aside.
    with django_assert_max_num_queries(7):
        response = client.post(url, form, HTTP_HOST=commune_a.site.hostname)
    assert response.status_code == 302
    assert read(entry).score == 5
