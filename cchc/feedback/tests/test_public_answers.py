"""The public Q&A: answers published without personal data, found with or without tones, shown on the
procedure's page, on the commune's own site only."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cchc.communes.models import Unit
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.feedback import handling
from cchc.feedback.models import Feedback
from cchc.feedback.public_answers import personal_data_in, search_answers, without_personal_data
from cchc.feedback.receiving import Message, ReceiveFeedback
from cchc.procedures.catalogue import load_catalogue
from cchc.procedures.publishing import publish_all
from cchc.procedures.testing import catalogue_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def officials(commune_a, make_official):
    with commune_scope(commune_a):
        unit = make_instance(Unit, commune_a, name="Công chức Tư pháp - Hộ tịch")
    return {
        "office": make_official(commune_a, Role.OFFICE),
        "chairman": make_official(commune_a, Role.CHAIRMAN),
        "justice": make_official(commune_a, Role.JUSTICE, unit=unit),
        "unit": unit,
    }


def answered(commune, officials, *, key, title, body, answer, **contact) -> Feedback:
    message = Message(kind="cau_hoi", subject="thu_tuc", title=title, body=body, **contact)
    feedback = ReceiveFeedback(commune=commune, message=message, key=key).execute()
    handling.AssignFeedback(
        commune=commune, feedback=feedback, unit=officials["unit"], user=officials["office"]
    ).execute()
    handling.DraftAnswer(commune=commune, feedback=feedback, text=answer, user=officials["justice"]).execute()
    return handling.ApproveAnswer(commune=commune, feedback=feedback, user=officials["chairman"]).execute()


def publish(commune, officials, feedback, question, answer, code="") -> Feedback:
    return handling.PublishAnswer(commune=commune, feedback=feedback, question=question, answer=answer,
                                  procedure_code=code, user=officials["office"]).execute()  # fmt: skip


def site(commune) -> dict:
    return {"HTTP_HOST": commune.site.hostname}


def test_personal_data_is_found_and_offered_removed(commune_a, officials):
    feedback = answered(
        commune_a, officials, key="p1", title="Hỏi về trích lục khai sinh",
        body="Tôi là Hoàng Văn Tuấn, số 0912 345 678, căn cước 001234567890, thư tuan.hv@gmail.com. Anh Tuấn cần "
             "trích lục khai sinh bản sao.",
        answer="Anh Tuấn mang căn cước đến bộ phận một cửa, trích lục được cấp ngay trong ngày.",
        sender_name="Hoàng Văn Tuấn", contact_phone="0912345678", consent=True,
    )  # fmt: skip
    found = personal_data_in(feedback.body, feedback=feedback)
    assert found == ["tên người gửi", "số điện thoại", "địa chỉ thư điện tử", "số giấy tờ tùy thân"]
    cleaned = without_personal_data(feedback.body, feedback=feedback)
    for secret in ("Tuấn", "0912", "345 678", "001234567890", "gmail"):
        assert secret not in cleaned
    assert "trích lục khai sinh bản sao" in cleaned
    assert personal_data_in(cleaned, feedback=feedback) == []
    # Ordinary numbers stay: fees, dates, years and document symbols are not personal data.
    fine = "Lệ phí 8.000 đồng, nộp trước ngày 15/3/2026 theo Nghị định 123/2015/NĐ-CP, Điều 16."
    assert personal_data_in(fine, feedback=feedback) == []

    with pytest.raises(ValidationError) as refused:
        publish(commune_a, officials, feedback, feedback.body, feedback.answer)
    assert "Còn thông tin cá nhân" in str(refused.value)
    feedback.refresh_from_db()
    assert feedback.published_at is None


def test_a_published_answer_is_found_without_tones_and_linked_from_its_procedure(commune_a, commune_b, officials):
    load_catalogue({
        "fields": [{"code": "HT", "name": "Hộ tịch"}],
        "life_events": [],
        "procedures": [catalogue_procedure("1.001193", "Đăng ký khai sinh", "HT")],
    })  # fmt: skip
    publish_all(commune=commune_a)
    publish_all(commune=commune_b)
    birth = answered(commune_a, officials, key="q1", title="Khai sinh cho con sinh ở bệnh viện huyện",
                     body="Con sinh ở bệnh viện huyện có đăng ký khai sinh ở xã được không?",
                     answer="Được. Mang giấy chứng sinh và căn cước đến bộ phận một cửa của xã.")  # fmt: skip
    land = answered(commune_a, officials, key="q2", title="Hỏi về sổ đỏ",
                    body="Gia đình muốn tách thửa đất vườn thì làm ở đâu?",
                    answer="Việc tách thửa do Văn phòng đăng ký đất đai giải quyết; xã hướng dẫn hồ sơ.")  # fmt: skip
    publish(
        commune_a,
        officials,
        birth,
        "Con sinh ở bệnh viện huyện có đăng ký khai sinh ở xã được không?",
        "Được. Mang giấy chứng sinh và căn cước đến bộ phận một cửa của xã.",
        code="1.001193",
    )
    publish(
        commune_a,
        officials,
        land,
        "Tách thửa đất vườn làm ở đâu?",
        "Việc tách thửa do Văn phòng đăng ký đất đai giải quyết; xã hướng dẫn hồ sơ.",
    )

    assert [row.pk for row in search_answers("dang ky khai sinh", commune=commune_a)] == [birth.pk]
    assert [row.pk for row in search_answers("ĐĂNG KÝ KHAI SINH cho con", commune=commune_a)] == [birth.pk]
    assert [row.pk for row in search_answers("tach thua", commune=commune_a)] == [land.pk]
    assert search_answers("khai", commune=commune_b) == []
    assert search_answers("<script>", commune=commune_a) == []
    assert search_answers("", commune=commune_a) == []
    assert search_answers("x" * 5000, commune=commune_a) == []

    page = Client().get("/phan-anh-kien-nghi/hoi-dap/?q=khai+sinh", **site(commune_a)).content.decode()
    assert "Con sinh ở bệnh viện huyện" in page
    assert "Tách thửa" not in page
    listing = Client().get("/phan-anh-kien-nghi/hoi-dap/", **site(commune_a)).content.decode()
    assert "Tách thửa đất vườn" in listing
    detail = Client().get(f"/phan-anh-kien-nghi/hoi-dap/{birth.pk}/", **site(commune_a)).content.decode()
    assert "Mang giấy chứng sinh" in detail
    assert "Đăng ký khai sinh" in detail  # the procedure it is filed under

    procedure_page = Client().get("/thu-tuc-hanh-chinh/", **site(commune_a))
    assert procedure_page.status_code == 200
    from cchc.procedures.models import Procedure

    slug = Procedure.objects.get(code="1.001193").slug
    on_procedure = Client().get(f"/thu-tuc-hanh-chinh/{slug}/", **site(commune_a)).content.decode()
    assert "Hỏi đáp về thủ tục này" in on_procedure
    assert f"/phan-anh-kien-nghi/hoi-dap/{birth.pk}/" in on_procedure
    other_site = Client().get(f"/thu-tuc-hanh-chinh/{slug}/", **site(commune_b)).content.decode()
    assert "Hỏi đáp về thủ tục này" not in other_site
    assert Client().get(f"/phan-anh-kien-nghi/hoi-dap/{birth.pk}/", **site(commune_b)).status_code == 404

    handling.UnpublishAnswer(commune=commune_a, feedback=birth, user=officials["office"]).execute()
    assert Client().get(f"/phan-anh-kien-nghi/hoi-dap/{birth.pk}/", **site(commune_a)).status_code == 404
    assert search_answers("khai sinh", commune=commune_a) == []


def test_only_an_approved_answer_is_published_and_never_the_sender_s_own_words(commune_a, officials):
    message = Message(kind="phan_anh", subject="khac", title="Đường vào xóm hỏng", body="Đường vào xóm bị sạt lở.")
    feedback = ReceiveFeedback(commune=commune_a, message=message, key="u1").execute()
    with pytest.raises(ValidationError, match="đã có trả lời được duyệt"):
        publish(commune_a, officials, feedback, "Đường vào xóm bị sạt lở?", "Xã đã cử người kiểm tra và sửa.")
    done = answered(commune_a, officials, key="u2", title="Hỏi lịch tiếp dân", body="Xã tiếp công dân ngày nào?",
                    answer="Chủ tịch xã tiếp công dân sáng thứ Năm hằng tuần tại trụ sở.")  # fmt: skip
    # Published or not, the Q&A shows what the office wrote for it, not the message as sent.
    page = Client().get("/phan-anh-kien-nghi/hoi-dap/", **site(commune_a)).content.decode()
    assert "Xã tiếp công dân ngày nào?" not in page
    with pytest.raises(ValidationError, match="không có trong danh sách thủ tục"):
        publish(
            commune_a,
            officials,
            done,
            "Xã tiếp công dân vào ngày nào?",
            "Sáng thứ Năm hằng tuần tại trụ sở.",
            code="9.999999",
        )


def test_publishing_from_the_message_s_screen(commune_a, officials):
    feedback = answered(commune_a, officials, key="s1", title="Hỏi về chứng thực",
                        body="Tôi là Lý Thị Sen, xin hỏi chứng thực có làm buổi chiều không?",
                        answer="Bộ phận một cửa chứng thực cả buổi sáng và buổi chiều các ngày làm việc.",
                        sender_name="Lý Thị Sen", contact_phone="0987000111", consent=True)  # fmt: skip
    client = Client()
    client.force_login(officials["office"])
    url = reverse("cchc_feedback_detail", args=[feedback.pk])
    page = client.get(url).content.decode()
    assert "Công khai trong mục Hỏi đáp" in page
    assert "Tôi là […], xin hỏi chứng thực" in page  # the name already taken out of the offered text
    refused = client.post(url, {"step": "cong-khai", "question": "Lý Thị Sen hỏi chứng thực buổi chiều?",
                                "public_answer": feedback.answer})  # fmt: skip
    assert refused.status_code == 400
    assert "tên người gửi" in refused.content.decode()
    done = client.post(url, {"step": "cong-khai", "question": "Chứng thực có làm buổi chiều không?",
                             "public_answer": feedback.answer})  # fmt: skip
    assert done.status_code == 302
    listing = Client().get("/phan-anh-kien-nghi/hoi-dap/?q=chung+thuc+buoi+chieu", **site(commune_a)).content.decode()
    assert "Chứng thực có làm buổi chiều không?" in listing
    assert "Lý Thị Sen" not in listing


def test_the_q_and_a_page_costs_the_same_queries_for_3_or_30_answers(
    commune_a, officials, django_assert_max_num_queries
):
    def add(n):
        item = answered(commune_a, officials, key=f"n{n}", title=f"Câu hỏi số {n}", body=f"Nội dung câu hỏi số {n}",
                        answer=f"Câu trả lời số {n} của xã, đủ dài.")  # fmt: skip
        publish(commune_a, officials, item, f"Câu hỏi công khai số {n}?", f"Câu trả lời số {n} của xã, đủ dài.")

    for n in range(3):
        add(n)
    client = Client()
    client.get("/phan-anh-kien-nghi/hoi-dap/", **site(commune_a))
    with django_assert_max_num_queries(50) as few:
        client.get("/phan-anh-kien-nghi/hoi-dap/?q=cau+hoi", **site(commune_a))
    for n in range(3, 30):
        add(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/phan-anh-kien-nghi/hoi-dap/?q=cau+hoi", **site(commune_a)).content.decode()
    assert "Câu hỏi công khai số 29?" in page


@pytest.mark.parametrize(
    ("sender", "text"),
    [
        ("Trần Văn Nam", "Công dân Việt Nam đăng ký tại xã nơi cư trú."),
        ("Lê Văn An", "Bảo đảm an toàn, an ninh khi tổ chức."),
        ("Nguyễn Thị Dân", "Người dân mang căn cước đến bộ phận một cửa."),
        ("Phạm Văn Chính", "Ban Tài chính - Ngân sách trả lời."),
        ("Hà", "Nộp hồ sơ tại Hà Nội hoặc tại xã đều được."),
        ("", "Phạt 200.000.000 đồng; 1.000.000.000 đồng; mã thủ tục 1.001193.000.00.00.H12."),
        ("", "Gọi số của xã 0208 3000 000 trong giờ hành chính."),  # the commune's own number
        ("", "Nộp trước ngày 15/3/2026 theo Nghị định 123/2015/NĐ-CP, Điều 16; lệ phí 8.000 đồng."),
    ],
)
def test_ordinary_words_and_numbers_are_not_taken_for_personal_data(commune_a, officials, sender, text):
    commune_a.phone = "0208 3000 000"
    feedback = Feedback(commune=commune_a, sender_name=sender)
    assert personal_data_in(text, feedback=feedback) == []
    assert without_personal_data(text, feedback=feedback) == text


@pytest.mark.parametrize(
    ("sender", "text", "kept"),
    [
        ("Hoàng Văn Tuấn", "Ông Tuấn hỏi", "hỏi"),
        ("Hoàng Văn Tuấn", "hoang van tuan hoi ve so do", "ve so do"),
        ("Hoàng Văn Tuấn", "Hoàng Văn Tuấn hỏi", "hỏi"),
        ("", "Liên hệ 0912  345  678 hoặc (0208) 3878 001.", "Liên hệ"),
        ("", "Số của tôi là 0912345678.", "Số của tôi là"),
        ("", "CCCD 001234567890, CMND 123 456 789.", "CCCD"),
    ],
)
def test_names_numbers_and_ids_are_found_however_they_are_written(commune_a, sender, text, kept):
    import unicodedata

    feedback = Feedback(commune=commune_a, sender_name=unicodedata.normalize("NFD", sender))
    assert personal_data_in(text, feedback=feedback)
    cleaned = without_personal_data(text, feedback=feedback)
    assert "[…]" in cleaned
    assert kept in cleaned
    assert personal_data_in(cleaned, feedback=feedback) == []


def test_a_question_asked_in_many_words_finds_its_answer(commune_a, officials):
    item = answered(commune_a, officials, key="m1", title="Giấy tờ khi đăng ký khai sinh",
                    body="Đăng ký khai sinh cần giấy tờ gì?", answer="Mang giấy chứng sinh và căn cước.")  # fmt: skip
    publish(
        commune_a, officials, item, "Đăng ký khai sinh cho con cần giấy tờ gì?", "Mang giấy chứng sinh và căn cước."
    )
    asked = "Tôi muốn hỏi thủ tục làm giấy khai sinh cho con thì cần những gì ạ"
    assert [row.pk for row in search_answers(asked, commune=commune_a)] == [item.pk]
    assert search_answers("thi la gi", commune=commune_a) == []
