"""An official types in a message received at the desk or on the phone; the list of messages received."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.feedback.models import Feedback
from cchc.feedback.receiving import LOG_RECEIVE, Message, ReceiveFeedback

pytestmark = pytest.mark.django_db


def desk_form(client) -> dict:
    page = client.get(reverse("cchc_feedback_enter"))
    assert page.status_code == 200
    key = re.search(r'name="key" value="([^"]+)"', page.content.decode()).group(1)
    return {"key": key, "channel": "dien_thoai", "kind": "phan_anh", "subject": "phuc_vu",
            "title": "Cán bộ một cửa hẹn nhiều lần", "body": "Bà Lò Thị Mai gọi điện phản ánh bị hẹn ba lần.",
            "sender_name": "Lò Thị Mai", "contact_phone": "0987 654 321", "consent": "1"}  # fmt: skip


def test_the_office_types_in_a_phone_call_and_reads_the_code_back(client, commune_a, make_official):
    official = make_official(commune_a, Role.OFFICE)
    client.force_login(official)
    data = desk_form(client)
    answer = client.post(reverse("cchc_feedback_enter"), data)
    assert answer.status_code == 302
    listing = client.get(answer["Location"]).content.decode()
    with commune_scope(commune_a):
        [feedback] = Feedback.objects.filter(commune=commune_a)
        logged = CommuneLogEntry.objects.get(action=LOG_RECEIVE, object_id=str(feedback.pk))
    assert f"Mã theo dõi: {feedback.code}" in listing
    assert "Cán bộ một cửa hẹn nhiều lần" in listing
    assert feedback.channel == "dien_thoai"
    assert feedback.entered_by == official
    assert feedback.contact_phone == "0987654321"
    assert logged.user_id == official.pk
    # The same form sent twice (a double click) is one message.
    assert client.post(reverse("cchc_feedback_enter"), data).status_code == 302
    with commune_scope(commune_a):
        assert Feedback.objects.filter(commune=commune_a).count() == 1


def test_the_desk_needs_a_channel_of_the_desk(client, commune_a, make_official):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    data = desk_form(client) | {"channel": "web"}
    answer = client.post(reverse("cchc_feedback_enter"), data)
    assert answer.status_code == 400
    assert "trực tiếp, qua điện thoại hay tại hội nghị đối thoại" in answer.content.decode()


@pytest.mark.parametrize("role", [Role.FINANCE, Role.BROADCASTER, Role.UNIT_MEMBER])
def test_roles_outside_the_desk_cannot_type_in(client, commune_a, make_official, role):
    client.force_login(make_official(commune_a, role))
    refused = client.get(reverse("cchc_feedback_enter"))
    assert refused.status_code in (302, 403)  # Wagtail sends a refused official back to the dashboard
    assert 'name="key"' not in refused.content.decode()
    assert client.post(reverse("cchc_feedback_enter"), {"title": "x"}).status_code in (302, 403)
    with commune_scope(commune_a):
        assert not Feedback.objects.exists()


def test_the_action_itself_refuses_a_desk_message_from_a_role_outside_the_desk(commune_a, make_official):
    message = Message(kind="cau_hoi", subject="khac", title="Hỏi", body="Nội dung đủ dài để nhận.")
    action = ReceiveFeedback(commune=commune_a, message=message, key="k1", channel="truc_tiep",
                             user=make_official(commune_a, Role.FINANCE))  # fmt: skip
    with pytest.raises(PermissionDenied, match="một cửa"):
        action.execute()
    with commune_scope(commune_a):
        assert not Feedback.objects.exists()


def test_another_communes_official_sees_none_of_its_messages(client, commune_a, commune_b, make_official):
    message = Message(kind="cau_hoi", subject="khac", title="Việc riêng của xã A", body="Nội dung đủ dài để nhận.")
    ReceiveFeedback(commune=commune_a, message=message, key="k2").execute()
    client.force_login(make_official(commune_b, Role.OFFICE))
    page = client.get(reverse("cchc_feedback_received")).content.decode()
    assert "Việc riêng của xã A" not in page
    assert "Không có phản ánh, kiến nghị nào ở mục này" in page


def test_the_list_reads_a_page_in_a_fixed_number_of_queries(
    client, commune_a, make_official, django_assert_max_num_queries
):
    client.force_login(make_official(commune_a, Role.CHAIRMAN))
    for n in range(3):
        message = Message(kind="kien_nghi", subject="khac", title=f"Kiến nghị {n}", body="Nội dung đủ dài để nhận.")
        ReceiveFeedback(commune=commune_a, message=message, key=f"a{n}").execute()
    client.get(reverse("cchc_feedback_received") + "?xem=tat-ca")  # warm the per-process caches
    with django_assert_max_num_queries(22) as few:
        client.get(reverse("cchc_feedback_received") + "?xem=tat-ca")
    for n in range(3, 60):
        message = Message(kind="kien_nghi", subject="khac", title=f"Kiến nghị {n}", body="Nội dung đủ dài để nhận.")
        ReceiveFeedback(commune=commune_a, message=message, key=f"a{n}").execute()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("cchc_feedback_received") + "?xem=tat-ca").content.decode()
    assert "Kiến nghị 59" in page
    assert "Trang 1/2" in page
