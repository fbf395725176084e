"""Procedure writes go through actions: the register's form keeps its rule, and each leaves a record."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.procedures.actions import PublishCatalogue, RecordPosting
from cchc.procedures.models import Posting, PostingPlace, PublishedProcedure


def test_a_sheet_added_on_the_registers_form_takes_down_the_earlier_sheet_there(client, published_a, office_a):
    with commune_scope(published_a):
        desk = PostingPlace.objects.create(commune=published_a, name="Một cửa", kind="desk")
        procedure = PublishedProcedure.objects.select_related("procedure").first().procedure
    client.force_login(office_a)
    for day in ("2022-01-20", "2022-06-01"):
        response = client.post(
            reverse("so-niem-yet:add"),
            {"place": desk.pk, "procedure": procedure.pk, "posted_on": day, "checked_on": day, "checked_by": "Lan"},
        )
        assert response.status_code == 302
    with commune_scope(published_a):
        up = Posting.objects.filter(place=desk, procedure=procedure, removed_on=None)
        assert [p.posted_on for p in up] == [dt.date(2022, 6, 1)]
        assert Posting.objects.get(place=desk, posted_on=dt.date(2022, 1, 20)).removed_on == dt.date(2022, 6, 1)


def test_publishing_and_posting_leave_a_record_of_who_did_them(client, commune_a, catalogue, office_a):
    client.force_login(office_a)
    client.post(reverse("cchc_procedures_publish_all"))
    with commune_scope(commune_a):
        place = PostingPlace.objects.create(commune=commune_a, name="Nhà văn hóa xóm Nà To")
    client.post(reverse("cchc_procedures_postings"), {"place": place.pk, "posted_on": "2022-01-20"})
    with commune_scope(commune_a):
        published = CommuneLogEntry.objects.get(action="cchc.publish")
        posted = CommuneLogEntry.objects.get(action="cchc.posting")
        assert (published.user, published.data["published"]) == (office_a, PublishedProcedure.objects.count())
    assert (posted.user, posted.object_id, posted.data["sheets"]) == (
        office_a,
        str(place.pk),
        published.data["published"],
    )


def test_a_role_without_the_register_cannot_record_postings_even_by_calling_the_action(
    commune_a, catalogue, make_official
):
    overseer = make_official(commune_a, Role.OVERSEER)
    with commune_scope(commune_a):
        place = PostingPlace.objects.create(commune=commune_a, name="Nhà văn hóa xóm Nà To")
    with pytest.raises(PermissionDenied, match="ghi sổ niêm yết"):
        RecordPosting(commune=commune_a, user=overseer, place=place, procedures=[], posted_on=dt.date.today()).execute()
    with pytest.raises(PermissionDenied, match="công khai thủ tục"):
        PublishCatalogue(commune=commune_a, user=overseer).execute()


def test_a_place_of_another_commune_is_refused(commune_a, commune_b, catalogue):
    with commune_scope(commune_b):
        place_b = PostingPlace.objects.create(commune=commune_b, name="Nhà văn hóa Phú Đình")
    with pytest.raises(PermissionDenied):
        RecordPosting(commune=commune_a, place=place_b, procedures=[], posted_on=dt.date(2022, 1, 20)).execute()
