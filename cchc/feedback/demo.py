"""Demo: what villagers of Định Biên asked and reported, through the same action as the public form.

Five messages, sent from the site and taken at the desk or by phone, about procedures, the desk's
service, the commune radio and an article. They are illustrative, written for the demo. Running it
again changes nothing: each message has a fixed key.
"""

from __future__ import annotations

from cchc.communes.models import Commune, Village
from cchc.communes.scoping import commune_scope

from .models import Channel
from .receiving import ReceiveFeedback, clean_message

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
    for n, (key, channel, data) in enumerate(MESSAGES):
        values = {**data, "village": str(villages[n % len(villages)]) if villages else ""}
        message = clean_message(commune=commune, data=values)
        ReceiveFeedback(commune=commune, message=message, key=key, channel=channel).execute()
