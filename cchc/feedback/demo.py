"""Demo: what villagers of Định Biên asked and reported, through the same action as the public form.

Five messages, sent from the site and taken at the desk or by phone, about procedures, the desk's
service, the commune radio and an article, and two questions raised at a dialogue conference of this
year's plan. They are illustrative, written for the demo. Then the officials handle them through the
same actions as the message's screen: the birth-registration question answered, approved and published
under its procedure; the speaker given to the broadcaster; the fee question drafted and waiting for the
chairman; the rest waiting for the office. Running it again changes nothing: each message has a fixed
key, and each step is taken only from the state before it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from cchc.communes.models import Commune, Unit, Village
from cchc.communes.scoping import commune_scope

from . import handling
from .models import Channel, Status
from .receiving import ReceiveFeedback, clean_message

SESSION_QUESTIONS = (
    ("demo-hn-1", {
        "kind": "kien_nghi", "subject": "thu_tuc", "about": "Dịch vụ công trực tuyến",
        "title": "Đề nghị hướng dẫn nộp hồ sơ trực tuyến tại nhà văn hóa",
        "body": "Người già trong xóm không biết dùng điện thoại để nộp hồ sơ. Đề nghị xã cử cán bộ về nhà văn "
                "hóa hướng dẫn mỗi tháng một buổi."}),
    ("demo-hn-2", {
        "kind": "cau_hoi", "subject": "thu_tuc", "about": "Chứng thực",
        "title": "Chứng thực có làm buổi chiều không?",
        "body": "Xin hỏi bộ phận một cửa có chứng thực bản sao vào buổi chiều không hay chỉ buổi sáng?"}),
)  # fmt: skip
BIRTH_ANSWER = (
    "Trẻ sinh ở bệnh viện ngoài xã vẫn đăng ký khai sinh tại UBND xã nơi cha hoặc mẹ cư trú. Gia đình mang "
    "giấy chứng sinh do bệnh viện cấp, căn cước của người đi đăng ký; nếu cha mẹ đã đăng ký kết hôn thì mang "
    "giấy chứng nhận kết hôn. Việc đăng ký được làm ngay trong ngày, không mất lệ phí khi đăng ký đúng hạn."
)
FEE_DRAFT = (
    "Lệ phí chứng thực bản sao từ bản chính là 2.000 đồng một trang; từ trang thứ ba trở đi 1.000 đồng một "
    "trang. Hồ sơ nộp trước 15 giờ được trả trong ngày."
)

MESSAGES = (
    ("demo-1", Channel.WEB, {
        "kind": "cau_hoi", "subject": "thu_tuc", "about": "Đăng ký khai sinh",
        "title": "Con sinh ở bệnh viện huyện có đăng ký khai sinh ở xã được không?",
        "body": "Vợ tôi sinh cháu ở Bệnh viện Đa khoa huyện Định Hóa. Gia đình thường trú ở xã. Xin hỏi đăng ký "
                "khai sinh ở UBND xã được không và cần mang giấy tờ gì?"}),
    ("demo-2", Channel.WEB, {
        "kind": "phan_anh", "subject": "truyen_thanh", "about": "Bản tin cải cách hành chính",
        "title": "Loa ở đầu xóm nghe không rõ",
        "body": "Loa truyền thanh đặt ở đầu xóm bị rè từ tuần trước, bà con cuối xóm không nghe được "
                "bản tin buổi sáng."}),
    ("demo-3", Channel.IN_PERSON, {
        "kind": "kien_nghi", "subject": "phuc_vu",
        "title": "Đề nghị bộ phận một cửa làm việc sáng thứ Bảy",
        "body": "Nhiều người đi làm ở khu công nghiệp chỉ nghỉ thứ Bảy. Đề nghị xã bố trí tiếp nhận hồ sơ "
                "sáng thứ Bảy.", "sender_name": "Ma Văn Toàn", "contact_phone": "0912 345 678", "consent": "1"}),
    ("demo-4", Channel.PHONE, {
        "kind": "cau_hoi", "subject": "thu_tuc", "about": "Chứng thực bản sao từ bản chính",
        "title": "Chứng thực bản sao mất bao nhiêu tiền?",
        "body": "Tôi cần chứng thực 5 bản sao sổ hộ khẩu và căn cước, xin hỏi lệ phí và có lấy ngay được không?"}),
    ("demo-5", Channel.WEB, {
        "kind": "kien_nghi", "subject": "bai_viet", "about": "Tin về lịch tiếp công dân",
        "title": "Lịch tiếp công dân trên cổng khác với lịch dán ở nhà văn hóa",
        "body": "Trên cổng ghi tiếp công dân thứ Năm, nhưng giấy dán ở nhà văn hóa thôn ghi thứ Tư. Đề nghị xã "
                "thống nhất lại."}),
)  # fmt: skip


def load_demo_feedback(commune: Commune) -> None:
    with commune_scope(commune):
        villages = list(Village.objects.filter(commune=commune).order_by("pk").values_list("pk", flat=True))
    stored = {}
    for n, (key, channel, data) in enumerate(MESSAGES):
        values = {**data, "village": str(villages[n % len(villages)]) if villages else ""}
        message = clean_message(commune=commune, data=values)
        stored[key] = ReceiveFeedback(commune=commune, message=message, key=key, channel=channel).execute()
    session = _dialogue_session(commune)
    if session is not None:
        for key, data in SESSION_QUESTIONS:
            message = clean_message(commune=commune, data=data)
            stored[key] = ReceiveFeedback(commune=commune, message=message, key=key, channel=Channel.SESSION,
                                          session=session).execute()  # fmt: skip
    _handle(commune, stored)


def _official(username: str):
    return get_user_model().objects.filter(username=username).first()


def _unit(commune: Commune, name: str):
    with commune_scope(commune):
        return Unit.objects.filter(commune=commune, name=name).first()


def _dialogue_session(commune: Commune):
    """This year's dialogue conference with citizens, recorded once as an outreach activity of the plan."""
    from cchc.plans.actions import CreateActivity
    from cchc.plans.home import current_plan
    from cchc.plans.models import OutreachActivity
    from cchc.plans.structure import Channel as PlanChannel

    plan = current_plan(commune=commune)
    if plan is None:
        return None
    title = "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân về cải cách hành chính"
    with commune_scope(commune):
        found = OutreachActivity.objects.filter(commune=commune, plan=plan, title=title).first()
        if found is not None:
            return found
        task = plan.tasks.filter(channel=PlanChannel.DIALOGUE).order_by("quarter", "position").first()
        held_on = min(timezone.localdate(), dt.date(plan.year, 6, 20))
        return CreateActivity(OutreachActivity(
            commune=commune, plan=plan, task=task, channel=PlanChannel.DIALOGUE, title=title, held_on=held_on,
            place="Hội trường UBND xã", attendees=85,
        )).execute()  # fmt: skip


def _handle(commune: Commune, stored: dict) -> None:
    office, chairman, justice = _official("vanphong"), _official("chutich"), _official("tuphap")
    justice_unit = _unit(commune, "Công chức Tư pháp - Hộ tịch")
    radio_unit = _unit(commune, "Cán bộ Phát thanh - Truyền thông")
    if None in (office, chairman, justice, justice_unit, radio_unit):
        return  # a commune without the demo's officials: the messages wait for the office

    def step(action, key, *, when, **kwargs):
        feedback = stored.get(key)
        if feedback is not None:
            feedback.refresh_from_db()
            if feedback.status == when:
                action(commune=commune, feedback=feedback, **kwargs).execute()

    birth, fee, speaker = "demo-1", "demo-4", "demo-2"
    step(handling.AssignFeedback, birth, when=Status.RECEIVED, unit=justice_unit, user=office)
    step(handling.DraftAnswer, birth, when=Status.IN_PROGRESS, text=BIRTH_ANSWER, user=justice)
    step(handling.ApproveAnswer, birth, when=Status.AWAITING_APPROVAL, user=chairman)
    feedback = stored[birth]
    feedback.refresh_from_db()
    if feedback.status == Status.ANSWERED and feedback.published_at is None:
        from cchc.procedures.publishing import published

        code = next((row.code for row in published(commune=commune)
                     if row.procedure.name == "Đăng ký khai sinh"), "")  # fmt: skip
        handling.PublishAnswer(
            commune=commune, feedback=feedback, user=office, procedure_code=code,
            question="Con sinh ở bệnh viện huyện có đăng ký khai sinh ở xã được không, cần mang giấy tờ gì?",
            answer=BIRTH_ANSWER,
        ).execute()  # fmt: skip
    step(handling.AssignFeedback, fee, when=Status.RECEIVED, unit=justice_unit, user=office)
    step(handling.DraftAnswer, fee, when=Status.IN_PROGRESS, text=FEE_DRAFT, user=justice)
    step(handling.AssignFeedback, speaker, when=Status.RECEIVED, unit=radio_unit, user=office)
