"""The commune-wide audit trail page: scoped to the commune, readable by its leaders, no N+1."""

import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.log_actions import log

from cchc.communes.actions import CreateRecord
from cchc.communes.models import Village
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope

_serial = itertools.count()


def _villages(commune, user, n):
    with commune_scope(commune):
        for _ in range(n):
            CreateRecord(Village(commune=commune, name=f"Xóm {commune.code}-{next(_serial)}"), user=user).execute()


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("cchc_audit_log")).status_code == 200
    return len(ctx.captured_queries)


def test_the_trail_page_costs_the_same_queries_for_5_or_40_entries(client, commune_a, make_official):
    chairman = make_official(commune_a, Role.CHAIRMAN)
    others = [make_official(commune_a, Role.OFFICE, username=f"vp{i}") for i in range(3)]
    client.force_login(chairman)
    _villages(commune_a, others[0], 5)
    client.get(reverse("cchc_audit_log"))  # the first request of a process builds its host map
    few = _queries(client)
    for user in others:
        _villages(commune_a, user, 12)
    assert _queries(client) == few


def test_the_trail_is_filtered_by_person_and_shows_only_this_commune(client, commune_a, commune_b, make_official):
    chairman = make_official(commune_a, Role.CHAIRMAN)
    office = make_official(commune_a, Role.OFFICE)
    office_b = make_official(commune_b, Role.OFFICE)
    _villages(commune_a, office, 2)
    _villages(commune_b, office_b, 2)
    with commune_scope(commune_a):
        log(instance=commune_a, action="cchc.login", user=chairman)
    client.force_login(chairman)
    page = client.get(reverse("cchc_audit_log")).content.decode()
    assert f"Xóm {commune_a.code}-" in page
    assert f"Xóm {commune_b.code}-" not in page
    only_office = client.get(reverse("cchc_audit_log"), {"user": office.pk}).content.decode()
    assert f"Xóm {commune_a.code}-" in only_office
    assert "Đăng nhập trang quản trị" not in only_office


def test_the_trail_shows_the_portals_page_work_in_the_same_list(client, commune_a, commune_b, make_official):
    from cchc.portal.models import StandardPage

    chairman = make_official(commune_a, Role.CHAIRMAN)
    editor = make_official(commune_a, Role.OFFICE)  # the office publishes the portal's pages
    page = StandardPage(title="Lịch tiếp dân tháng 12", slug="lich-tiep-dan")
    commune_a.root_page.add_child(instance=page)
    with commune_scope(commune_a):  # the editor's rights hold in their commune's scope
        page.save_revision(user=editor).publish(user=editor)
    page_b = StandardPage(title="Trang của Phú Đình", slug="trang-phu-dinh")
    commune_b.root_page.add_child(instance=page_b)
    page_b.save_revision().publish()
    _villages(commune_a, chairman, 1)
    client.force_login(chairman)
    trail = client.get(reverse("cchc_audit_log")).content.decode()
    assert "Lịch tiếp dân tháng 12" in trail
    assert "Trang của Phú Đình" not in trail
    assert "Đã tạo" in trail
    assert "Ngày tạo" not in trail
    published = client.get(reverse("cchc_audit_log"), {"action": "wagtail.publish"}).content.decode()
    assert "Lịch tiếp dân tháng 12" in published
    assert f"Xóm {commune_a.code}-" not in published


def test_a_record_is_one_insert_and_an_unknown_action_is_still_refused(commune_a, django_assert_num_queries):
    import pytest
    from django.core.exceptions import ValidationError

    from cchc.audit.models import CommuneLogEntry

    with commune_scope(commune_a):
        village = Village.objects.create(commune=commune_a, name="Xóm Nhật Ký")
        log(instance=village, action="wagtail.edit")  # warm the content type cache
        with django_assert_num_queries(1):
            log(instance=village, action="wagtail.edit")
        with pytest.raises(ValidationError):
            log(instance=village, action="cchc.khong-co-hanh-dong-nay")
        assert CommuneLogEntry.objects.filter(object_id=str(village.pk)).count() == 2
