"""Handling a message: the office gives it to a unit with a due date in working days, the unit drafts an
answer, a leader approves it, the sender reads it by the code; each step in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cchc.audit.models import CommuneLogEntry
from cchc.communes.models import Unit
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.feedback import handling
from cchc.feedback.limits import SetTimeLimits, due_on_receipt, limits_for
from cchc.feedback.models import Feedback, Status
from cchc.feedback.receiving import Message, ReceiveFeedback
from cchc.feedback.reminders import reminders_for
from cchc.workdays.counting import add_working_days

pytestmark = pytest.mark.django_db


def receive(commune, *, key="k1", kind="cau_hoi", **extra) -> Feedback:
    fields = {"title": "Hỏi về đăng ký khai sinh", "body": "Con tôi sinh ở bệnh viện huyện, đăng ký ở xã được không?"}
    fields.update(extra)
    message = Message(kind=kind, subject="thu_tuc", **fields)
    return ReceiveFeedback(commune=commune, message=message, key=key).execute()


@pytest.fixture
def people(commune_a, make_official):
    with commune_scope(commune_a):
        justice_unit = make_instance(Unit, commune_a, name="Công chức Tư pháp - Hộ tịch")
        women = make_instance(Unit, commune_a, name="Hội Liên hiệp Phụ nữ xã")
    return {
        "office": make_official(commune_a, Role.OFFICE),
        "chairman": make_official(commune_a, Role.CHAIRMAN),
        "vice": make_official(commune_a, Role.CHAIRMAN, username="pho-chu-tich"),
        "justice": make_official(commune_a, Role.JUSTICE, unit=justice_unit),
        "women": make_official(commune_a, Role.UNIT_MEMBER, unit=women),
        "finance": make_official(commune_a, Role.FINANCE),
        "overseer": make_official(commune_a, Role.OVERSEER),
        "justice_unit": justice_unit,
        "women_unit": women,
    }


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def step(client, feedback, **data):
    return client.post(reverse("cchc_feedback_detail", args=[feedback.pk]), data)


def test_two_officials_answer_and_the_villager_reads_it_by_the_code(commune_a, people):
    feedback = receive(commune_a)
    office, justice, chairman = as_user(people["office"]), as_user(people["justice"]), as_user(people["chairman"])

    # The justice officer's unit has nothing yet: the message is not theirs until the office gives it.
    assert step(office, feedback, step="giao", unit=people["justice_unit"].pk).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Status.IN_PROGRESS
    assert feedback.unit == people["justice_unit"]
    assert feedback.due_date == add_working_days(timezone.localdate(), limits_for(commune=commune_a)["cau_hoi"])

    page = justice.get(reverse("cchc_feedback_detail", args=[feedback.pk])).content.decode()
    assert "Soạn trả lời" in page
    answer = "Cháu sinh ở bệnh viện huyện vẫn đăng ký khai sinh ở UBND xã nơi cha mẹ cư trú. Mang giấy chứng sinh."
    assert step(justice, feedback, step="soan", answer=answer).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Status.AWAITING_APPROVAL

    # Before approval the sender still reads «Đang xử lý», never the draft.
    track = Client().get(f"/phan-anh-kien-nghi/ma/{feedback.code}/", HTTP_HOST=commune_a.site.hostname)
    assert "Đang xử lý" in track.content.decode()
    assert "vẫn đăng ký khai sinh" not in track.content.decode()

    assert step(chairman, feedback, step="duyet", answer=answer).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Status.ANSWERED
    assert feedback.approved_by == people["chairman"]
    assert feedback.answered_on_time() is True

    track = Client().get(f"/phan-anh-kien-nghi/ma/{feedback.code}/", HTTP_HOST=commune_a.site.hostname)
    text = track.content.decode()
    assert "trả lời" in text
    assert "vẫn đăng ký khai sinh ở UBND xã" in text

    with commune_scope(commune_a):
        actions = list(CommuneLogEntry.objects.for_instance(feedback).order_by("timestamp", "id")
                       .values_list("action", "user_id"))  # fmt: skip
    assert actions == [
        ("cchc.feedback_received", None),
        ("cchc.feedback_assigned", people["office"].pk),
        ("cchc.feedback_drafted", people["justice"].pk),
        ("cchc.feedback_approved", people["chairman"].pk),
    ]
    history = office.get(reverse("cchc_feedback_detail", args=[feedback.pk])).content.decode()
    assert "Duyệt trả lời phản ánh" in history
    assert "Giao phản ánh cho đơn vị xử lý" in history


def test_a_leader_sends_the_draft_back_and_the_unit_writes_it_again(commune_a, people):
    feedback = receive(commune_a)
    handling.AssignFeedback(
        commune=commune_a, feedback=feedback, unit=people["justice_unit"], user=people["office"]
    ).execute()
    handling.DraftAnswer(commune=commune_a, feedback=feedback, text="Bản trả lời đầu tiên, còn thiếu giấy tờ.",
                         user=people["justice"]).execute()  # fmt: skip
    response = step(as_user(people["chairman"]), feedback, step="tra-lai", note="Ghi rõ cần mang giấy chứng sinh.")
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Status.IN_PROGRESS
    page = as_user(people["justice"]).get(reverse("cchc_feedback_detail", args=[feedback.pk])).content.decode()
    assert "Ghi rõ cần mang giấy chứng sinh." in page
    handling.DraftAnswer(commune=commune_a, feedback=feedback, text="Bản trả lời đã sửa: mang giấy chứng sinh.",
                         user=people["justice"]).execute()  # fmt: skip
    feedback.refresh_from_db()
    assert feedback.status == Status.AWAITING_APPROVAL
    assert feedback.leader_note == ""


def test_the_leader_who_drafted_an_answer_does_not_approve_it(commune_a, people):
    feedback = receive(commune_a)
    handling.AssignFeedback(
        commune=commune_a, feedback=feedback, unit=people["justice_unit"], user=people["office"]
    ).execute()
    handling.DraftAnswer(commune=commune_a, feedback=feedback, text="Chủ tịch tự soạn câu trả lời cho việc này.",
                         user=people["chairman"]).execute()  # fmt: skip
    with pytest.raises(PermissionDenied, match="lãnh đạo khác"):
        handling.ApproveAnswer(commune=commune_a, feedback=feedback, user=people["chairman"]).execute()
    page = as_user(people["chairman"]).get(reverse("cchc_feedback_detail", args=[feedback.pk])).content.decode()
    assert "cần một lãnh đạo khác duyệt" in page
    assert 'value="duyet"' not in page
    handling.ApproveAnswer(commune=commune_a, feedback=feedback, user=people["vice"]).execute()
    feedback.refresh_from_db()
    assert feedback.status == Status.ANSWERED


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("finance", "assign"),
        ("justice", "assign"),
        ("overseer", "assign"),
        ("women", "draft"),  # a unit the message was not given to
        ("finance", "draft"),
        ("office", "approve"),
        ("justice", "approve"),
    ],
)
def test_each_step_is_refused_to_those_it_does_not_belong_to(commune_a, people, who, action):
    feedback = receive(commune_a)
    user = people[who]
    handling.AssignFeedback(
        commune=commune_a, feedback=feedback, unit=people["justice_unit"], user=people["office"]
    ).execute()
    if action == "approve":
        handling.DraftAnswer(commune=commune_a, feedback=feedback, text="Bản trả lời do đơn vị soạn, đủ dài.",
                             user=people["justice"]).execute()  # fmt: skip
    feedback.refresh_from_db()
    before = feedback.status
    common = {"commune": commune_a, "feedback": feedback, "user": user}
    calls = {
        "assign": lambda: handling.AssignFeedback(unit=people["women_unit"], **common),
        "draft": lambda: handling.DraftAnswer(text="Câu trả lời không được phép.", **common),
        "approve": lambda: handling.ApproveAnswer(**common),
    }
    with pytest.raises(PermissionDenied):
        calls[action]().execute()
    feedback.refresh_from_db()
    assert feedback.status == before


def test_unit_officials_see_only_what_was_given_to_their_unit(commune_a, people):
    mine = receive(commune_a, key="k1", title="Việc giao cho Hội Phụ nữ")
    other = receive(commune_a, key="k2", title="Việc của Tư pháp")
    handling.AssignFeedback(
        commune=commune_a, feedback=mine, unit=people["women_unit"], user=people["office"]
    ).execute()
    handling.AssignFeedback(
        commune=commune_a, feedback=other, unit=people["justice_unit"], user=people["office"]
    ).execute()
    women = as_user(people["women"])
    listing = women.get(reverse("cchc_feedback_received") + "?xem=tat-ca").content.decode()
    assert "Việc giao cho Hội Phụ nữ" in listing
    assert "Việc của Tư pháp" not in listing
    assert women.get(reverse("cchc_feedback_detail", args=[other.pk])).status_code == 404
    assert women.get(reverse("cchc_feedback_detail", args=[mine.pk])).status_code == 200
    # Posting a step to a message out of reach finds nothing to act on.
    assert step(women, other, step="soan", answer="Trả lời việc không phải của mình.").status_code == 404


def test_contact_details_are_shown_to_those_who_answer_not_to_the_overseer(commune_a, people):
    feedback = receive(commune_a, sender_name="Lò Văn Pọm", contact_phone="0987654321", consent=True)
    handling.AssignFeedback(
        commune=commune_a, feedback=feedback, unit=people["justice_unit"], user=people["office"]
    ).execute()
    url = reverse("cchc_feedback_detail", args=[feedback.pk])
    assert "0987654321" in as_user(people["justice"]).get(url).content.decode()
    assert "0987654321" in as_user(people["office"]).get(url).content.decode()
    for reader in ("overseer", "justice"):
        if reader == "justice":  # the desk reads every message, but answers only its own unit's
            handling.AssignFeedback(commune=commune_a, feedback=feedback, unit=people["women_unit"],
                                    user=people["office"]).execute()  # fmt: skip
        seen = as_user(people[reader]).get(url).content.decode()
        assert "0987654321" not in seen
        assert "Lò Văn Pọm" not in seen


def test_another_communes_official_reads_and_moves_nothing(commune_a, commune_b, people, make_official):
    feedback = receive(commune_a)
    outsider = as_user(make_official(commune_b, Role.CHAIRMAN))
    assert outsider.get(reverse("cchc_feedback_detail", args=[feedback.pk])).status_code == 404
    assert step(outsider, feedback, step="giao", unit=people["justice_unit"].pk).status_code == 404
    with commune_scope(commune_b):
        unit_b = make_instance(Unit, commune_b, name="Tư pháp xã B")
    with pytest.raises((PermissionDenied, ValidationError)):
        handling.AssignFeedback(commune=commune_a, feedback=feedback, unit=unit_b, user=people["office"]).execute()
    with pytest.raises(PermissionDenied):
        handling.AssignFeedback(commune=commune_b, feedback=feedback, unit=unit_b, user=None).execute()
    feedback.refresh_from_db()
    assert feedback.status == Status.RECEIVED


def test_due_dates_count_working_days_and_skip_tet(commune_a):
    # 10 working days after Thursday 12/2/2026: Friday 13/2, then Tết (16–20/2) is skipped: 23/2 … 5/3.
    assert due_on_receipt(commune=commune_a, kind="phan_anh", received_on=dt.date(2026, 2, 12)) == dt.date(2026, 3, 5)
    # A complaint must first be accepted within 10 working days (Luật Khiếu nại, Điều 27).
    assert due_on_receipt(commune=commune_a, kind="khieu_nai", received_on=dt.date(2026, 2, 12)) == dt.date(2026, 3, 5)
    assert due_on_receipt(commune=commune_a, kind="kien_nghi", received_on=dt.date(2026, 2, 12)) == dt.date(2026, 3, 19)


def test_a_message_is_due_from_its_receipt_even_before_anyone_takes_it(commune_a, people):
    feedback = receive(commune_a, kind="phan_anh")
    assert feedback.due_date == add_working_days(timezone.localdate(), 10)
    with commune_scope(commune_a):
        Feedback.objects.filter(pk=feedback.pk).update(due_date=timezone.localdate() - dt.timedelta(days=3))
    # Forgotten by the office, it is late all the same: in the list, on the home page and in the figures.
    page = as_user(people["office"]).get(reverse("cchc_feedback_received") + "?xem=qua-han").content.decode()
    assert feedback.title in page
    assert reminders_for(commune=commune_a, user=people["office"]).late_count == 1
    # Given to a unit late, it keeps the date it had: giving a message to someone never extends it.
    handling.AssignFeedback(
        commune=commune_a, feedback=feedback, unit=people["justice_unit"], user=people["office"]
    ).execute()
    feedback.refresh_from_db()
    assert feedback.due_date == timezone.localdate() - dt.timedelta(days=3)


def test_a_complaint_is_due_from_its_acceptance_and_reassigning_it_never_extends_it(commune_a, people):
    complaint = receive(commune_a, kind="khieu_nai", sender_name="Vi Văn Khải", contact_phone="0912000111",
                        consent=True)  # fmt: skip
    assert complaint.due_date == add_working_days(timezone.localdate(), 10)  # to be accepted by then
    handling.AssignFeedback(
        commune=commune_a, feedback=complaint, unit=people["justice_unit"], user=people["office"]
    ).execute()
    complaint.refresh_from_db()
    accepted_due = add_working_days(timezone.localdate(), 30)
    assert complaint.due_date == accepted_due
    later = accepted_due + dt.timedelta(days=20)
    with pytest.raises(ValidationError, match="không được quá"):
        handling.AssignFeedback(commune=commune_a, feedback=complaint, unit=people["women_unit"], due_date=later,
                                user=people["office"]).execute()  # fmt: skip
    handling.AssignFeedback(
        commune=commune_a, feedback=complaint, unit=people["women_unit"], user=people["office"]
    ).execute()
    complaint.refresh_from_db()
    assert complaint.due_date == accepted_due


def test_the_commune_sets_its_limits_and_an_earlier_due_date_is_allowed_a_later_one_is_not(commune_a, people):
    office = as_user(people["office"])
    response = office.post(reverse("cchc_feedback_limits"),
                           {"cau_hoi": "5", "phan_anh": "15", "kien_nghi": "20", "khieu_nai": "30"})  # fmt: skip
    assert response.status_code == 302
    assert limits_for(commune=commune_a)["cau_hoi"] == 5
    bad = office.post(reverse("cchc_feedback_limits"), {"cau_hoi": "0", "phan_anh": "abc", "kien_nghi": "20",
                                                        "khieu_nai": "90"})  # fmt: skip
    assert bad.status_code == 400
    assert "Hãy ghi số ngày làm việc từ 1 đến 45" in bad.content.decode()
    assert limits_for(commune=commune_a)["khieu_nai"] == 30
    with pytest.raises(PermissionDenied):
        SetTimeLimits(commune=commune_a, days={"cau_hoi": 3}, user=people["finance"]).execute()

    feedback = receive(commune_a)
    lawful = add_working_days(timezone.localdate(), 5)
    too_late = lawful + dt.timedelta(days=1)
    refused = step(office, feedback, step="giao", unit=people["justice_unit"].pk, due_date=too_late.isoformat())
    assert refused.status_code == 400
    assert "Hạn trả lời không được quá" in refused.content.decode()
    earlier = add_working_days(timezone.localdate(), 2)
    assert (
        step(office, feedback, step="giao", unit=people["justice_unit"].pk, due_date=earlier.isoformat()).status_code
        == 302
    )
    feedback.refresh_from_db()
    assert feedback.due_date == earlier
    past = step(office, feedback, step="giao", unit=people["justice_unit"].pk, due_date="2020-01-01")
    assert "ngày đã qua" in past.content.decode()
    nonsense = step(office, feedback, step="giao", unit=people["justice_unit"].pk, due_date="31/02/2027")
    assert "Ngày chưa đúng" in nonsense.content.decode()


def test_a_declined_message_tells_the_sender_why(commune_a, people):
    feedback = receive(commune_a, title="Hỏi làm căn cước cho con")
    office = as_user(people["office"])
    short = step(office, feedback, step="khong-xu-ly", reason="Không")
    assert short.status_code == 400
    assert "lý do để người gửi được biết" in short.content.decode()
    reason = "Việc cấp căn cước do Công an xã thực hiện; xin mời đến trụ sở Công an xã."
    assert step(office, feedback, step="khong-xu-ly", reason=reason).status_code == 302
    track = Client().get(f"/phan-anh-kien-nghi/ma/{feedback.code}/", HTTP_HOST=commune_a.site.hostname).content.decode()
    assert "Xã không xử lý việc này" in track
    assert "Công an xã" in track


def test_a_step_taken_twice_at_once_moves_the_message_once(commune_a, people):
    feedback = receive(commune_a)
    handling.AssignFeedback(
        commune=commune_a, feedback=feedback, unit=people["justice_unit"], user=people["office"]
    ).execute()
    handling.DraftAnswer(commune=commune_a, feedback=feedback, text="Câu trả lời đủ dài của đơn vị được giao.",
                         user=people["justice"]).execute()  # fmt: skip
    with commune_scope(commune_a):
        stale = Feedback.objects.get(pk=feedback.pk)  # what a second leader's screen still shows
    handling.ApproveAnswer(commune=commune_a, feedback=feedback, user=people["chairman"]).execute()
    with pytest.raises(ValidationError, match="Không có bản trả lời nào đang chờ duyệt"):
        handling.ApproveAnswer(commune=commune_a, feedback=stale, user=people["vice"]).execute()
    response = step(as_user(people["vice"]), stale, step="duyet", answer="Sửa lại câu trả lời sau khi đã duyệt.")
    assert response.status_code == 400
    with commune_scope(commune_a):
        approvals = CommuneLogEntry.objects.for_instance(feedback).filter(action=handling.LOG_APPROVE).count()
    assert approvals == 1


def test_markup_in_an_answer_is_shown_as_text(commune_a, people):
    feedback = receive(commune_a)
    handling.AssignFeedback(
        commune=commune_a, feedback=feedback, unit=people["justice_unit"], user=people["office"]
    ).execute()
    handling.DraftAnswer(commune=commune_a, feedback=feedback, text='<script>alert("x")</script> trả lời đủ dài',
                         user=people["justice"]).execute()  # fmt: skip
    handling.ApproveAnswer(commune=commune_a, feedback=feedback, user=people["chairman"]).execute()
    track = Client().get(f"/phan-anh-kien-nghi/ma/{feedback.code}/", HTTP_HOST=commune_a.site.hostname).content.decode()
    assert "<script>alert" not in track
    assert "&lt;script&gt;" in track


def test_the_home_page_reminds_each_official_of_their_part(commune_a, people):
    new = receive(commune_a, key="k-new", title="Việc mới chưa phân loại")
    late = receive(commune_a, key="k-late", title="Việc đã quá hạn của Hội Phụ nữ")
    waiting = receive(commune_a, key="k-wait", title="Việc chờ duyệt")
    handling.AssignFeedback(
        commune=commune_a, feedback=late, unit=people["women_unit"], user=people["office"]
    ).execute()
    with commune_scope(commune_a):
        Feedback.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - dt.timedelta(days=2))
    handling.AssignFeedback(
        commune=commune_a, feedback=waiting, unit=people["justice_unit"], user=people["office"]
    ).execute()
    handling.DraftAnswer(commune=commune_a, feedback=waiting, text="Bản trả lời chờ lãnh đạo duyệt, đủ dài.",
                         user=people["justice"]).execute()  # fmt: skip

    office = reminders_for(commune=commune_a, user=people["office"])
    assert office.to_triage == 1
    assert office.late_count == 1
    chairman = reminders_for(commune=commune_a, user=people["chairman"])
    assert chairman.to_approve == 1
    women = reminders_for(commune=commune_a, user=people["women"])
    assert [item.title for item in women.to_answer] == ["Việc đã quá hạn của Hội Phụ nữ"]
    assert (women.to_triage, women.late_count) == (0, 1)
    justice = reminders_for(commune=commune_a, user=people["justice"])
    assert justice.to_answer == []  # their draft waits for the chairman: nothing more to write
    assert not reminders_for(commune=commune_a, user=people["finance"])

    home = as_user(people["women"]).get(reverse("wagtailadmin_home")).content.decode()
    assert "Phản ánh, kiến nghị cần làm" in home
    assert "quá hạn 2 ngày" in home
    assert new.title not in home
    office_home = as_user(people["office"]).get(reverse("wagtailadmin_home")).content.decode()
    assert "1 câu hỏi, phản ánh, kiến nghị mới chờ phân loại" in office_home


def test_the_photo_is_shown_to_those_who_read_the_message_and_never_cached(
    commune_a, commune_b, people, make_official, django_capture_on_commit_callbacks
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from cchc.feedback import photos
    from cchc.feedback.receiving import attach_photo

    feedback = receive(commune_a)
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 120, 40)).save(out, "JPEG")
    with django_capture_on_commit_callbacks(execute=False):
        photo = attach_photo(commune=commune_a, feedback=feedback, upload=SimpleUploadedFile("a.jpg", out.getvalue()))
    assert photos.clean_photo(commune_id=commune_a.pk, photo_id=photo.pk) == "ready"
    url = reverse("cchc_feedback_photo", args=[feedback.pk, photo.pk])
    shown = as_user(people["office"]).get(url)
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/jpeg"
    assert "no-store" in shown["Cache-Control"]
    assert Image.open(io.BytesIO(b"".join(shown.streaming_content))).size == (300, 200)
    assert as_user(people["women"]).get(url).status_code == 404  # not given to their unit
    assert as_user(make_official(commune_b, Role.OFFICE)).get(url).status_code == 404
    assert Client().get(url).status_code in (302, 403)


def test_the_leader_s_corrections_and_the_unit_s_draft_are_both_kept(commune_a, people):
    feedback = receive(commune_a)
    handling.AssignFeedback(
        commune=commune_a, feedback=feedback, unit=people["justice_unit"], user=people["office"]
    ).execute()
    draft = "Bản trả lời của đơn vị, lệ phí 8.000 đồng."
    handling.DraftAnswer(commune=commune_a, feedback=feedback, text=draft, user=people["justice"]).execute()
    sent = "Bản trả lời đã sửa: miễn lệ phí khi đăng ký đúng hạn."
    handling.ApproveAnswer(commune=commune_a, feedback=feedback, text=sent, user=people["chairman"]).execute()
    with commune_scope(commune_a):
        records = {e.action: e.data for e in CommuneLogEntry.objects.for_instance(feedback)}
    assert records[handling.LOG_DRAFT]["answer"] == draft
    assert records[handling.LOG_APPROVE]["answer"] == sent
    assert records[handling.LOG_APPROVE]["corrected"] is True


@pytest.mark.parametrize("value", ["²", "١٢", "9" * 40, "-1", "1e3"])
def test_numbers_from_other_scripts_or_too_long_are_refused_not_a_server_error(commune_a, people, value):
    feedback = receive(commune_a)
    office = as_user(people["office"])
    assert office.get(reverse("cchc_feedback_figures") + f"?nam={value}").status_code == 200
    limits = office.post(reverse("cchc_feedback_limits"), {"cau_hoi": value, "phan_anh": "10", "kien_nghi": "20",
                                                           "khieu_nai": "30"})  # fmt: skip
    assert limits.status_code == 400
    assert step(office, feedback, step="giao", unit=value).status_code == 400
    assert office.get(reverse("cchc_feedback_enter") + f"?hoi-nghi={value}").status_code == 200
    public = Client().post("/phan-anh-kien-nghi/", {"kind": "cau_hoi", "subject": "khac", "title": "Hỏi",
                                                    "body": "Nội dung đủ dài để nhận.", "village": value},
                           HTTP_HOST=commune_a.site.hostname)  # fmt: skip
    assert public.status_code == 400
