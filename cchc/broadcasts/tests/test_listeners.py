"""A villager's feedback on a broadcast, sent from the archive's page as a plain browser would (no
JavaScript): stored once per form, a receipt code after a redirect, contact details only with consent,
Vietnamese errors that keep what was typed, a per-client limit; never shown in public."""

from __future__ import annotations

import html
import re

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from cchc.audit.models import CommuneLogEntry
from cchc.broadcasts.actions.listeners import RecordListenerFeedback
from cchc.broadcasts.models import ListenerFeedback, Script
from cchc.broadcasts.public_views import RECEIPT_SALT
from cchc.communes.roles import Role
from cchc.communes.scoping import all_communes, commune_scope
from cchc.core.phones import normalize_phone

from .test_public_archive import aired_script, host, with_audio

KEY = re.compile(r'name="key" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def script(commune_a, make_cluster):
    return aired_script(commune_a, make_cluster(commune_a), "Lịch tiếp công dân tháng 12")


def open_form(client, script) -> str:
    page = client.get(f"/truyen-thanh/{script.pk}/", **host(script.commune))
    assert page.status_code == 200
    return html.unescape(KEY.search(page.content.decode()).group(1))


def send(client, script, key, **fields):
    data = {"key": key, "message": "Loa xóm 3 nghe không rõ, đề nghị chỉnh lại.", **fields}
    return client.post(f"/truyen-thanh/{script.pk}/", data, **host(script.commune))


def stored(commune):
    with commune_scope(commune):
        return list(ListenerFeedback.objects.all())


def test_two_submits_of_one_form_store_once_and_show_the_same_receipt(client, script, commune_a):
    key = open_form(client, script)

    first = send(client, script, key)
    again = send(client, script, key)

    assert first.status_code == 302
    # The same receipt: its ticket is signed with the time, so two taps a second apart read differently.
    tickets = [r["Location"].rstrip("/").rsplit("/", 1)[1] for r in (first, again)]
    assert len({signing.loads(t, salt=RECEIPT_SALT) for t in tickets}) == 1
    rows = stored(commune_a)
    assert len(rows) == 1
    receipt = client.get(first["Location"], **host(commune_a))
    text = receipt.content.decode()
    assert f"Mã tiếp nhận: {rows[0].code}" in text
    assert rows[0].code.startswith("TT-")
    assert "Loa xóm 3" not in text  # what was written stays with the commune
    assert "no-cache" in receipt["Cache-Control"] or "no-store" in receipt["Cache-Control"]
    with commune_scope(commune_a):
        logged = CommuneLogEntry.objects.filter(action="cchc.radio_feedback")
        assert logged.count() == 1
        assert logged.get().data["code"] == rows[0].code
    assert not ModelLogEntry.objects.filter(action="cchc.radio_feedback").exists()


def test_two_form_loads_are_two_feedbacks(client, script, commune_a):
    send(client, script, open_form(client, script))
    send(client, script, open_form(client, script))

    assert len({row.code for row in stored(commune_a)}) == 2


def test_name_and_phone_are_kept_only_with_consent(client, script, commune_a):
    without = send(client, script, open_form(client, script), name="Lò Văn Minh", phone="0912 345 678")
    with_consent = send(
        client, script, open_form(client, script), name="Lò Thị Hoa", phone="+84 987.654.321", consent="on"
    )

    assert without.status_code == with_consent.status_code == 302
    rows = {row.consent: row for row in stored(commune_a)}
    assert (rows[False].name, rows[False].phone) == ("", "")
    assert (rows[True].name, rows[True].phone) == ("Lò Thị Hoa", "0987654321")
    receipt = client.get(without["Location"], **host(commune_a)).content.decode()
    assert "xã không lưu họ tên, số điện thoại" in receipt
    assert "Lò Văn Minh" not in receipt


def test_an_overlong_message_is_refused_in_vietnamese_and_the_text_is_kept(client, script, commune_a):
    long_message = "Đề nghị xã phát lại bản tin vào buổi tối. " * 60  # about 2 500 characters
    response = send(client, script, open_form(client, script), message=long_message, name="Hoa")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Ý kiến dài quá: tối đa 2000 ký tự" in page
    assert long_message.strip() in html.unescape(page)
    assert 'value="Hoa"' in page
    assert stored(commune_a) == []


def test_an_empty_message_or_a_wrong_phone_is_refused(client, script, commune_a):
    empty = send(client, script, open_form(client, script), message="   ")
    bad_phone = send(client, script, open_form(client, script), phone="12345", consent="on")

    assert empty.status_code == bad_phone.status_code == 400
    assert "Bạn hãy viết ý kiến của mình trước khi gửi." in empty.content.decode()
    assert "Số điện thoại chưa đúng" in bad_phone.content.decode()
    assert stored(commune_a) == []


def test_a_forged_or_foreign_key_stores_nothing(client, script, commune_a, make_cluster):
    other = aired_script(commune_a, make_cluster(commune_a, "Cụm loa xóm 2"), "Bài khác")

    forged = send(client, script, "khoa-gia")
    foreign = send(client, script, open_form(client, other))

    assert forged.status_code == foreign.status_code == 400
    assert "Mẫu gửi ý kiến không hợp lệ hoặc đã cũ" in forged.content.decode()
    assert "Loa xóm 3 nghe không rõ" in forged.content.decode()  # kept to send again
    assert stored(commune_a) == []


def test_feedback_is_limited_per_client_per_hour(client, script, commune_a, settings):
    settings.RADIO_FEEDBACK_PER_HOUR_PER_IP = 2
    for _n in range(2):
        assert send(client, script, open_form(client, script)).status_code == 302

    refused = send(client, script, open_form(client, script))

    assert refused.status_code == 429
    assert "Tạm thời chưa nhận thêm ý kiến" in refused.content.decode()
    assert len(stored(commune_a)) == 2


def test_another_communes_site_cannot_post_or_read_receipts(client, script, commune_a, commune_b):
    key = open_form(client, script)
    receipt = send(client, script, key)["Location"]

    foreign_post = client.post(f"/truyen-thanh/{script.pk}/", {"key": key, "message": "x"}, **host(commune_b))
    assert foreign_post.status_code == 404
    assert client.get(receipt, **host(commune_b)).status_code == 404
    with all_communes():
        assert ListenerFeedback.objects.filter(commune=commune_b).count() == 0


def test_the_action_refuses_a_script_outside_the_archive_or_of_another_commune(commune_a, commune_b, make_script):
    unscheduled = with_audio(make_script(commune_a, title="Bài chưa xếp lịch"))
    theirs = make_script(commune_b, title="Bài của Phú Đình")

    with pytest.raises(PermissionDenied):
        RecordListenerFeedback(commune=commune_a, script=unscheduled, idempotency_key="k1", message="Hay").execute()
    with pytest.raises(PermissionDenied):
        RecordListenerFeedback(commune=commune_a, script=theirs, idempotency_key="k2", message="Hay").execute()
    with pytest.raises(TypeError):
        RecordListenerFeedback(commune=None, script=theirs, idempotency_key="k3", message="Hay")
    assert stored(commune_a) == []


def test_the_action_validates_whoever_calls_it(commune_a, script):
    with pytest.raises(ValidationError) as refused:
        RecordListenerFeedback(commune=commune_a, script=script, idempotency_key="k", message="").execute()
    assert "message" in refused.value.message_dict
    with commune_scope(commune_a):
        Script.objects.filter(pk=script.pk).update(is_public=False)
        script.refresh_from_db()
    with pytest.raises(PermissionDenied):
        RecordListenerFeedback(commune=commune_a, script=script, idempotency_key="k", message="Hay").execute()


def test_vietnamese_phone_numbers():
    assert normalize_phone("0912 345 678") == "0912345678"
    assert normalize_phone("+84 912-345-678") == "0912345678"
    assert normalize_phone("84912345678") == "0912345678"
    assert normalize_phone("0208 3878 000") == "02083878000"
    for wrong in ("12345", "0112345678", "091234567", "09123456789"):
        with pytest.raises(ValueError, match=wrong):
            normalize_phone(wrong)


# The officials' listing («Ý kiến thính giả») ---------------------------------------------------------


def feedback(script, n: int, **contact) -> ListenerFeedback:
    return RecordListenerFeedback(
        commune=script.commune, script=script, idempotency_key=f"test-{n}", message=f"Ý kiến số {n}", **contact
    ).execute()


def test_officials_read_their_communes_feedback_with_contacts_and_consent(
    client, script, commune_b, broadcaster_a, make_official, make_cluster
):
    shared = feedback(script, 1, name="Lò Thị Hoa", phone="0987 654 321", consent=True)
    feedback(script, 2, name="Không đồng ý", phone="0912345678")
    theirs = feedback(aired_script(commune_b, make_cluster(commune_b, "Cụm loa Phú"), "Bài Phú Đình"), 3)

    client.force_login(broadcaster_a)
    listing = client.get(reverse("y-kien-thinh-gia:index"))
    page = listing.content.decode()

    assert listing.status_code == 200
    assert "Ý kiến thính giả" in page
    assert "Ý kiến số 1" in page
    assert "Ý kiến số 2" in page
    assert shared.code in page
    assert "Lò Thị Hoa" in page
    assert "0987654321" in page
    assert "Không đồng ý" not in page  # dropped when stored, for want of consent
    assert "Đồng ý liên hệ" in page
    assert "Ý kiến số 3" not in page
    assert client.get(reverse("y-kien-thinh-gia:inspect", args=[shared.pk])).status_code == 200
    assert client.get(reverse("y-kien-thinh-gia:inspect", args=[theirs.pk])).status_code == 404

    client.force_login(make_official(commune_b, Role.BROADCASTER))
    assert "Ý kiến số 1" not in client.get(reverse("y-kien-thinh-gia:index")).content.decode()


def test_the_listing_is_read_only(client, script, broadcaster_a):
    row = feedback(script, 1)
    client.force_login(broadcaster_a)

    page = client.get(reverse("y-kien-thinh-gia:index")).content.decode()

    for name in ("add", "edit", "delete", "copy"):
        with pytest.raises(NoReverseMatch):
            reverse(f"y-kien-thinh-gia:{name}", args=[] if name == "add" else [row.pk])
    assert "/quan-tri/y-kien-thinh-gia/inspect/" in page
    inspect = client.get(reverse("y-kien-thinh-gia:inspect", args=[row.pk])).content.decode()
    assert "Ý kiến số 1" in inspect
    assert "/edit/" not in inspect
    assert "/delete/" not in inspect
    assert "/edit/" not in page
    assert "/delete/" not in page


def test_roles_without_the_radio_cannot_read_feedback(client, script, commune_a, make_official):
    feedback(script, 1)
    client.force_login(make_official(commune_a, Role.JUSTICE))

    response = client.get(reverse("y-kien-thinh-gia:index"))

    assert response.status_code in (302, 403)


def test_the_listing_costs_the_same_queries_for_many_rows(client, script, broadcaster_a, django_assert_max_num_queries):
    client.force_login(broadcaster_a)
    for n in range(3):
        feedback(script, n, name=f"Người {n}", phone="0912345678", consent=True)
    client.get(reverse("y-kien-thinh-gia:index"))  # warm the session and permission caches
    with django_assert_max_num_queries(30) as few:
        assert client.get(reverse("y-kien-thinh-gia:index")).status_code == 200
    budget = len(few.captured_queries)
    for n in range(3, 20):
        feedback(script, n)
    with django_assert_max_num_queries(budget):
        assert "Ý kiến số 19" in client.get(reverse("y-kien-thinh-gia:index")).content.decode()
