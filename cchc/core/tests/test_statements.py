"""The statements built once store exactly what the ORM would, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models.signals import post_save
from django.utils import timezone

from cchc.audit.models import CommuneLogEntry
from cchc.communes.models import Village
from cchc.communes.scoping import commune_scope
from cchc.core.statements import insert_row, select_row, update_row

pytestmark = pytest.mark.django_db


def test_an_inserted_record_reads_back_as_the_orm_stored_it_and_is_announced(commune_a):
    village = Village.objects.create(commune=commune_a, name="Xóm Đình")
    when = timezone.now().replace(microsecond=123456)
    heard = []

    def listener(sender, instance, created, **kwargs):
        heard.append((instance.pk, created))

    post_save.connect(listener, sender=CommuneLogEntry, dispatch_uid="test-statements")
    try:
        with commune_scope(commune_a):
            record = CommuneLogEntry(
                commune=commune_a,
                object_id=str(village.pk),
                label="Xóm Đình — «dấu» & 'nháy'",
                action="wagtail.create",
                timestamp=when,
                data={"tên": "Xóm Đình", "số": [1, 2.5, None]},
            )
            insert_row(record)
            stored = CommuneLogEntry.objects.get(pk=record.pk)
    finally:
        post_save.disconnect(dispatch_uid="test-statements", sender=CommuneLogEntry)
    assert record.pk is not None
    assert heard == [(record.pk, True)]
    assert stored.label == "Xóm Đình — «dấu» & 'nháy'"
    assert stored.data == {"tên": "Xóm Đình", "số": [1, 2.5, None]}
    assert stored.timestamp == when
    assert stored.commune_id == commune_a.pk
    assert stored.content_changed is False


def test_an_update_changes_only_the_rows_that_match_and_says_how_many(commune_a, commune_b):
    mine = Village.objects.create(commune=commune_a, name="Thôn 1", sort_order=1)
    theirs = Village.objects.create(commune=commune_b, name="Thôn 1", sort_order=1)
    assert update_row(Village, where={"id": mine.pk, "commune": commune_b.pk}, values={"name": "Sai"}) == 0
    assert update_row(Village, where={"id": mine.pk, "commune": commune_a.pk}, values={"name": "Thôn Một"}) == 1
    with commune_scope([commune_a, commune_b]):
        names = dict(Village.objects.filter(pk__in=[mine.pk, theirs.pk]).values_list("pk", "name"))
    assert names == {mine.pk: "Thôn Một", theirs.pk: "Thôn 1"}
    with pytest.raises(ValueError, match="NULL"):
        update_row(Village, where={"id": None}, values={"name": "x"})


def test_json_dates_and_empty_values_are_stored_as_the_orm_stores_them(commune_a):
    from cchc.communes.testing import make_instance
    from cchc.contests.models import Entrant, Entry, EntryStatus
    from cchc.contests.tests.helpers import open_round

    round = open_round(commune_a)
    entrant = make_instance(Entrant, commune_a, contest=round.contest, identity_hash="h" * 64, identity_tail="678")
    now = timezone.now()
    entry = make_instance(
        Entry, commune_a, round=round, entrant=entrant, token="T" * 26, paper=[], started_at=now,
        deadline_at=now + dt.timedelta(minutes=20),
    )  # fmt: skip
    at = now + dt.timedelta(minutes=3, microseconds=7)
    values = {"answers": [[1], [], [0, 3]], "prediction": None, "submitted_at": at, "status": EntryStatus.SUBMITTED}
    where = {"id": entry.pk, "commune": commune_a.pk, "status": EntryStatus.OPEN}
    assert update_row(Entry, where=where, values=values) == 1
    assert update_row(Entry, where=where, values=values) == 0  # no longer open: a second hand-in changes nothing
    with commune_scope(commune_a):
        stored = Entry.objects.get(pk=entry.pk)
    assert stored.answers == [[1], [], [0, 3]]
    assert stored.prediction is None
    assert stored.submitted_at == at
    assert stored.status == EntryStatus.SUBMITTED


def test_a_row_read_is_the_row_the_orm_reads_and_only_where_it_belongs(commune_a, commune_b):
    from cchc.communes.testing import make_instance
    from cchc.contests.models import Entrant, Entry
    from cchc.contests.tests.helpers import open_round

    round = open_round(commune_a)
    entrant = make_instance(Entrant, commune_a, contest=round.contest, identity_hash="k" * 64, identity_tail="321")
    now = timezone.now().replace(microsecond=654321)
    paper = [{"q": "n1", "t": "Câu «một»?", "c": ["A", "B"], "m": False, "o": [1, 0], "k": [1]}]
    entry = make_instance(
        Entry, commune_a, round=round, entrant=entrant, token="R" * 26, paper=paper, started_at=now,
        deadline_at=now + dt.timedelta(minutes=20),
    )  # fmt: skip
    read = select_row(Entry, where={"commune": commune_a.pk, "token": "R" * 26})
    with commune_scope(commune_a):
        orm = Entry.objects.get(pk=entry.pk)
    fields = [f.attname for f in Entry._meta.concrete_fields]
    assert {name: getattr(read, name) for name in fields} == {name: getattr(orm, name) for name in fields}
    assert read.paper[0]["t"] == "Câu «một»?"
    assert read.started_at == now
    assert read.answers is None
    assert read._state.adding is False
    assert select_row(Entry, where={"commune": commune_b.pk, "token": "R" * 26}) is None
    assert select_row(Entry, where={"commune": commune_a.pk, "token": "S" * 26}) is None
