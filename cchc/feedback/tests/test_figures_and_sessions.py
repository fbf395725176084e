"""Dialogue conferences as the plan's evidence, and the year's figures on the dashboard and in the workbook."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cchc.communes.models import Unit
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.feedback import handling
from cchc.feedback.figures import feedback_figures
from cchc.feedback.models import Channel, Feedback
from cchc.feedback.receiving import Message, ReceiveFeedback
from cchc.plans.dashboard import build_dashboard
from cchc.plans.models import OutreachActivity, Plan, Task

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def setting(commune_a, make_official):
    with commune_scope(commune_a):
        unit = make_instance(Unit, commune_a, name="Công chức Tư pháp - Hộ tịch")
        plan = make_instance(Plan, commune_a, year=YEAR, title="Kế hoạch tuyên truyền CCHC")
        task = make_instance(Task, commune_a, plan=plan, title="Tổ chức hội nghị đối thoại với Nhân dân",
                             channel="dialogue", target_value=2, quarter=None)  # fmt: skip
        session = make_instance(OutreachActivity, commune_a, plan=plan, task=None, channel="dialogue",
                                title="Đối thoại với Nhân dân xóm Nà To", held_on=dt.date(YEAR, 3, 10),
                                attendees=60)  # fmt: skip
    return {
        "office": make_official(commune_a, Role.OFFICE),
        "chairman": make_official(commune_a, Role.CHAIRMAN),
        "justice": make_official(commune_a, Role.JUSTICE, unit=unit),
        "unit": unit, "plan": plan, "task": task, "session": session,
    }  # fmt: skip


def desk_key(client, url) -> str:
    return re.search(r'name="key" value="([^"]+)"', client.get(url).content.decode()).group(1)


def test_questions_raised_at_a_conference_are_its_evidence(commune_a, commune_b, setting):
    client = Client()
    client.force_login(setting["office"])
    url = reverse("cchc_feedback_enter") + f"?hoi-nghi={setting['session'].pk}"
    page = client.get(url).content.decode()
    assert "Đối thoại với Nhân dân xóm Nà To" in page
    data = {"key": desk_key(client, url), "channel": "hoi_nghi", "session": setting["session"].pk,
            "kind": "kien_nghi", "subject": "thu_tuc", "title": "Đề nghị hướng dẫn nộp hồ sơ trực tuyến",
            "body": "Người già không biết nộp hồ sơ qua điện thoại, đề nghị xã hướng dẫn tại nhà văn hóa."}  # fmt: skip
    sent = client.post(reverse("cchc_feedback_enter"), data)
    assert sent.status_code == 302
    assert f"hoi-nghi={setting['session'].pk}" in sent["Location"]  # the next question of the same conference
    # A conference question with no conference, or another commune's, is refused with the text kept.
    with commune_scope(commune_b):
        foreign = make_instance(OutreachActivity, commune_b, channel="dialogue", title="Hội nghị xã B",
                                held_on=dt.date(YEAR, 3, 1))  # fmt: skip
    for session in ("", str(foreign.pk), "abc"):
        refused = client.post(reverse("cchc_feedback_enter"), data | {"session": session, "title": "Câu khác"})
        assert refused.status_code == 400
        assert "Hãy chọn hội nghị đối thoại" in refused.content.decode()

    with commune_scope(commune_a):
        raised = Feedback.objects.get(commune=commune_a, channel=Channel.SESSION)
    assert raised.session == setting["session"]
    board = build_dashboard(setting["plan"])
    [held] = board.dialogue_sessions
    assert (held.title, held.raised, held.answered) == ("Đối thoại với Nhân dân xóm Nà To", 1, 0)
    [task] = board.by_unit  # one task, one unit line
    assert task.percent == 50  # one conference of the two the task plans, with no report filed

    handling.AssignFeedback(commune=commune_a, feedback=raised, unit=setting["unit"], user=setting["office"]).execute()
    handling.DraftAnswer(commune=commune_a, feedback=raised, text="Xã cử cán bộ hướng dẫn mỗi tháng một buổi.",
                         user=setting["justice"]).execute()  # fmt: skip
    handling.ApproveAnswer(commune=commune_a, feedback=raised, user=setting["chairman"]).execute()
    [held] = build_dashboard(setting["plan"]).dialogue_sessions
    assert held.answered == 1

    client.force_login(setting["chairman"])
    dashboard = client.get(reverse("cchc_plans_dashboard", args=[setting["plan"].pk])).content.decode()
    assert "Đối thoại với Nhân dân xóm Nà To" in dashboard
    assert "Ghi ý kiến tại hội nghị" in dashboard


def test_a_web_message_cannot_claim_a_conference(commune_a, setting):
    from django.core.exceptions import PermissionDenied

    message = Message(kind="cau_hoi", subject="khac", title="Câu hỏi", body="Nội dung đủ dài để nhận.")
    with pytest.raises(PermissionDenied):
        ReceiveFeedback(commune=commune_a, message=message, key="w", session=setting["session"]).execute()


def test_figures_count_on_time_late_and_open_by_unit_and_channel(commune_a, setting):
    today = dt.date(YEAR, 12, 1)
    rows = []
    for n, channel in enumerate(["web", "web", "dien_thoai", "truc_tiep"]):
        message = Message(kind="cau_hoi" if n % 2 else "phan_anh", subject="thu_tuc", title=f"Việc {n}",
                          body=f"Nội dung việc số {n}, đủ dài.")  # fmt: skip
        rows.append(ReceiveFeedback(commune=commune_a, message=message, key=f"f{n}", channel=channel).execute())
    on_time, late, still_open, _untouched = rows
    for item in (on_time, late, still_open):
        handling.AssignFeedback(
            commune=commune_a, feedback=item, unit=setting["unit"], user=setting["office"]
        ).execute()
    for item in (on_time, late):
        handling.DraftAnswer(commune=commune_a, feedback=item, text="Câu trả lời của đơn vị, đủ dài.",
                             user=setting["justice"]).execute()  # fmt: skip
        handling.ApproveAnswer(commune=commune_a, feedback=item, user=setting["chairman"]).execute()
    with commune_scope(commune_a):
        stamp = timezone.make_aware(dt.datetime(YEAR, 3, 2, 9))
        Feedback.objects.filter(pk__in=[r.pk for r in rows]).update(received_at=stamp)
        Feedback.objects.filter(pk=on_time.pk).update(
            due_date=dt.date(YEAR, 3, 16), answered_at=timezone.make_aware(dt.datetime(YEAR, 3, 16, 16))
        )
        Feedback.objects.filter(pk=late.pk).update(
            due_date=dt.date(YEAR, 3, 16), answered_at=timezone.make_aware(dt.datetime(YEAR, 3, 17, 8))
        )
        Feedback.objects.filter(pk=still_open.pk).update(due_date=dt.date(YEAR, 3, 16))
    figures = feedback_figures(commune=commune_a, start=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 31), today=today)
    total = figures.total
    assert (total.received, total.answered, total.on_time, total.late, total.open) == (4, 2, 1, 2, 2)
    assert total.on_time_percent == 50
    assert {line.label: line.received for line in figures.by_channel} == {
        "Gửi qua cổng thông tin": 2, "Qua điện thoại": 1, "Trực tiếp tại bộ phận một cửa": 1}  # fmt: skip
    assert [(line.label, line.received) for line in figures.by_unit] == [
        ("Công chức Tư pháp - Hộ tịch", 3), ("Chưa giao đơn vị", 1)]  # fmt: skip
    assert {line.label: line.received for line in figures.by_kind} == {"Phản ánh": 2, "Hỏi, đề nghị hướng dẫn": 2}
    # Another year's messages are not this year's.
    assert (
        feedback_figures(commune=commune_a, start=dt.date(YEAR - 1, 1, 1), end=dt.date(YEAR - 1, 12, 31)).total.received
        == 0
    )

    client = Client()
    client.force_login(setting["office"])
    page = client.get(reverse("cchc_feedback_figures") + f"?nam={YEAR}").content.decode()
    assert "Số liệu phản ánh, kiến nghị năm" in page
    download = client.get(reverse("cchc_feedback_figures") + f"?nam={YEAR}&tai=xlsx")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(download.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    total_row = next(row for row in values if row[1] == "Tổng số")
    assert total_row[2:7] == [4, 2, 1, 2, 2]
    assert any(row[1] == "Công chức Tư pháp - Hộ tịch" and row[2] == 3 for row in values)
    assert client.get(reverse("cchc_feedback_figures") + "?nam=abc").status_code == 200  # this year, no error


def test_the_figures_are_read_by_the_office_and_overseer_not_by_other_roles(commune_a, make_official):
    for role, allowed in ((Role.OVERSEER, True), (Role.FINANCE, False), (Role.BROADCASTER, False)):
        client = Client()
        client.force_login(make_official(commune_a, role))
        status = client.get(reverse("cchc_feedback_figures")).status_code
        assert (status == 200) is allowed, role
