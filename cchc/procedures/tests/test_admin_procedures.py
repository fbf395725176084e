import datetime as dt

from django.urls import reverse

from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.procedures.models import Posting, PostingPlace, Procedure, PublishedProcedure


def test_the_posting_overview_lists_missing_and_outdated_sheets_per_place(
    client, published_a, office_a, mini_catalogue_data
):
    from cchc.procedures.catalogue import load_catalogue

    with commune_scope(published_a):
        desk = PostingPlace.objects.create(commune=published_a, name="Bộ phận một cửa xã", kind="desk")
        house = PostingPlace.objects.create(commune=published_a, name="Nhà văn hóa xóm Nà To")
    client.force_login(office_a)
    response = client.post(
        reverse("cchc_procedures_postings"),
        {"place": desk.pk, "field": "", "posted_on": "2022-01-20", "checked_by": "Hoàng Thị Lan"},
    )
    assert response.status_code == 302
    mini_catalogue_data["procedures"][0]["fees"] = "Mức mới"
    load_catalogue(mini_catalogue_data)
    page = client.get(reverse("cchc_procedures_postings")).content.decode()
    assert "Bộ phận một cửa xã" in page
    assert "7/8" in page  # one sheet is now of an old version
    assert "Nhà văn hóa xóm Nà To" in page
    with commune_scope(published_a):
        assert Posting.objects.filter(place=desk).count() == 8
        assert not Posting.objects.filter(place=house).exists()


def test_recording_a_posting_again_takes_down_the_old_sheets(client, published_a, office_a):
    with commune_scope(published_a):
        desk = PostingPlace.objects.create(commune=published_a, name="Một cửa", kind="desk")
    client.force_login(office_a)
    for day in ("2022-01-20", "2022-06-01"):
        client.post(reverse("cchc_procedures_postings"), {"place": desk.pk, "posted_on": day})
    with commune_scope(published_a):
        assert Posting.objects.filter(place=desk, removed_on=None).count() == 8
        assert Posting.objects.filter(place=desk, removed_on=dt.date(2022, 6, 1)).count() == 8


def test_an_official_cannot_post_at_another_communes_place(client, published_a, office_a, commune_b):
    with commune_scope(commune_b):
        place_b = PostingPlace.objects.create(commune=commune_b, name="Nhà văn hóa Phú Đình")
    client.force_login(office_a)
    response = client.post(reverse("cchc_procedures_postings"), {"place": place_b.pk, "posted_on": "2022-01-20"})
    assert response.status_code == 200  # the form refuses the choice
    with commune_scope(commune_b):
        assert not Posting.objects.exists()
    assert "Nhà văn hóa Phú Đình" not in client.get(reverse("cchc_procedures_postings")).content.decode()


def test_publishing_the_whole_catalogue_publishes_only_in_the_officials_commune(
    client, commune_a, commune_b, catalogue, office_a
):
    client.force_login(office_a)
    client.post(reverse("cchc_procedures_publish_all"))
    with commune_scope(commune_a):
        assert PublishedProcedure.objects.count() == Procedure.objects.filter(is_current=True).count()
    with commune_scope(commune_b):
        assert not PublishedProcedure.objects.exists()


def test_a_sector_official_may_record_postings_but_not_publish(client, published_a, make_official):
    justice = make_official(published_a, Role.JUSTICE)
    client.force_login(justice)
    assert client.post(reverse("cchc_procedures_publish_all")).status_code in (302, 403)
    with commune_scope(published_a):
        before = PublishedProcedure.objects.count()
        place = PostingPlace.objects.create(commune=published_a, name="Nhà văn hóa xóm Gốc Thông")
    client.post(reverse("cchc_procedures_postings"), {"place": place.pk, "posted_on": "2022-03-01"})
    with commune_scope(published_a):
        assert PublishedProcedure.objects.count() == before
        assert Posting.objects.filter(place=place).count() == before


def test_a_mass_organisation_member_reads_the_register_but_does_not_keep_it(client, published_a, make_official):
    member = make_official(published_a, Role.UNIT_MEMBER)
    client.force_login(member)
    with commune_scope(published_a):
        place = PostingPlace.objects.create(commune=published_a, name="Nhà văn hóa xóm Gốc Thông")
    assert client.get(reverse("cchc_procedures_postings")).status_code == 200
    client.post(reverse("cchc_procedures_postings"), {"place": place.pk, "posted_on": "2022-03-01"})
    with commune_scope(published_a):
        assert not Posting.objects.filter(place=place).exists()


def test_posting_tasks_of_the_plan_take_their_progress_from_the_register(published_a, office_a, client):
    from cchc.plans.dashboard import build_dashboard
    from cchc.plans.models import Plan, Task

    with commune_scope(published_a):
        plan = Plan.objects.create(commune=published_a, title="Tuyên truyền CCHC 2026", year=2026)
        Task.objects.create(commune=published_a, plan=plan, title="Niêm yết thủ tục tại nhà văn hóa", channel="posting")
        place = PostingPlace.objects.create(commune=published_a, name="Một cửa", kind="desk")
        assert build_dashboard(plan).total.percent == 0
        half = list(Procedure.objects.filter(is_current=True))[:4]
        from cchc.procedures.postings import record_posting

        record_posting(commune=published_a, place=place, procedures=half, posted_on=dt.date(2026, 1, 5))
        board = build_dashboard(plan)
    assert board.posting_percent == 50
    assert board.total.percent == 50


def test_publishing_a_procedure_twice_is_a_form_error_not_a_crash(client, published_a, office_a):
    with commune_scope(published_a):
        procedure = Procedure.objects.get(code="1.001193")
    client.force_login(office_a)
    response = client.post(reverse("thu-tuc-xa:add"), {"procedure": procedure.pk, "is_published": "on"})
    assert response.status_code == 200
    assert "Xã đã công khai thủ tục này." in response.content.decode()
    with commune_scope(published_a):
        assert PublishedProcedure.objects.filter(code="1.001193").count() == 1
