"""Sending a question, feedback or complaint from the commune's site, and following it by its code."""

from __future__ import annotations

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from cchc.audit.models import CommuneLogEntry
from cchc.communes.models import Village
from cchc.communes.scoping import all_communes, commune_scope
from cchc.core.storage import private_storage
from cchc.feedback import photos
from cchc.feedback.models import Feedback, Photo, PhotoStatus
from cchc.feedback.receiving import LOG_RECEIVE, normalize_code

pytestmark = pytest.mark.django_db
TRACK = re.compile(r"/phan-anh-kien-nghi/ma/([A-Z0-9]{4}-[A-Z0-9]{4})/$")


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def host(commune) -> dict:
    return {"HTTP_HOST": commune.site.hostname}


def form_key(client, commune) -> str:
    page = client.get("/phan-anh-kien-nghi/", **host(commune))
    assert page.status_code == 200
    return re.search(r'name="key" value="([^"]+)"', page.content.decode()).group(1)


def send(client, commune, key=None, **fields):
    data = {"key": key or form_key(client, commune), "kind": "cau_hoi", "subject": "thu_tuc",
            "title": "Hỏi về đăng ký khai sinh",
            "body": "Con tôi sinh ở bệnh viện huyện, đăng ký ở xã được không?"}  # fmt: skip
    data.update(fields)
    return client.post("/phan-anh-kien-nghi/", data, **host(commune))


def jpeg(size=(800, 600), *, gps=True) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (21.0, 50.0, 0.0)}  # GPSInfo: where the photo was taken
        exif[0x010F] = "DienThoaiRe"  # camera maker
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def stored(commune):
    with commune_scope(commune):
        return list(Feedback.objects.filter(commune=commune))


def test_a_villager_sends_a_question_and_follows_it_with_the_code(commune_a):
    client = Client()
    answer = send(client, commune_a)
    assert answer.status_code == 302
    code = TRACK.search(answer["Location"]).group(1)
    page = client.get(answer["Location"], **host(commune_a))
    text = page.content.decode()
    assert page.status_code == 200
    assert code in text
    assert "đã nhận lúc" in text
    assert "Đã tiếp nhận" in text
    assert "Con tôi sinh ở bệnh viện huyện" in text
    [feedback] = stored(commune_a)
    assert feedback.code == code
    assert feedback.channel == "web"
    assert feedback.status == "da_nhan"
    assert feedback.sender_name == ""
    assert feedback.contact_phone == ""
    assert feedback.consented_at is None
    with commune_scope(commune_a):
        assert CommuneLogEntry.objects.filter(action=LOG_RECEIVE, object_id=str(feedback.pk)).count() == 1
    # The code read over the phone, typed in another way, finds the same message.
    typed = code.lower().replace("-", " ")
    found = client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": typed}, **host(commune_a))
    assert found.status_code == 302
    assert found["Location"].endswith(f"/ma/{code}/")


def test_the_code_is_short_readable_and_hard_to_guess(commune_a):
    client = Client()
    codes = {TRACK.search(send(client, commune_a, title=f"Câu hỏi {n}")["Location"]).group(1) for n in range(12)}
    assert len(codes) == 12
    for code in codes:
        letters = code.replace("-", "")
        assert len(letters) == 8
        assert not set(letters) & set("01OIL")
    assert normalize_code("7hq2 m9xa") == "7HQ2-M9XA"
    assert normalize_code("7HQ2-M9X0") == ""  # 0 is never in a code


def test_a_double_tap_or_a_resend_stores_the_message_once(commune_a):
    client = Client()
    key = form_key(client, commune_a)
    first = send(client, commune_a, key=key)
    again = send(client, commune_a, key=key)
    assert first["Location"] == again["Location"]
    assert len(stored(commune_a)) == 1
    with commune_scope(commune_a):
        assert CommuneLogEntry.objects.filter(action=LOG_RECEIVE).count() == 1


def test_a_second_tap_with_the_photo_stores_the_photo_once(commune_a):
    client = Client()
    key = form_key(client, commune_a)
    first = send(client, commune_a, key=key, photo=SimpleUploadedFile("anh.png", _png()))
    again = send(client, commune_a, key=key, photo=SimpleUploadedFile("anh.png", _png()))
    assert first["Location"] == again["Location"]
    [feedback] = stored(commune_a)
    with commune_scope(commune_a):
        assert Photo.objects.filter(feedback=feedback).count() == 1


def test_contact_details_only_with_consent_and_masked_on_the_page(commune_a):
    client = Client()
    refused = send(client, commune_a, sender_name="Lò Thị Mai", contact_phone="0912 345 678")
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "đánh dấu đồng ý" in text
    assert "Lò Thị Mai" in text
    assert "Hỏi về đăng ký khai sinh" in text
    assert stored(commune_a) == []
    answer = send(client, commune_a, sender_name="Lò Thị Mai", contact_phone="+84 912.345.678", consent="1")
    [feedback] = stored(commune_a)
    assert feedback.contact_phone == "0912345678"
    assert feedback.consented_at is not None
    page = client.get(answer["Location"], **host(commune_a)).content.decode()
    assert "0912345678" not in page
    assert "912" not in page.replace("••••••678", "")
    assert "••••••678" in page


@pytest.mark.parametrize(
    ("fields", "field_message"),
    [
        ({"title": ""}, "tiêu đề ngắn"),
        ({"body": "ngắn"}, "ít nhất 10 ký tự"),
        ({"body": "x" * 4001}, "Tối đa 4000 ký tự"),
        ({"kind": "xoa-du-lieu"}, "hỏi, phản ánh, kiến nghị hay khiếu nại"),
        ({"contact_phone": "12345", "consent": "1"}, "Số điện thoại chưa đúng"),
        ({"village": "999999"}, "không có trong danh sách"),
    ],
)
def test_bad_input_is_refused_with_a_clear_reason_and_the_text_kept(commune_a, fields, field_message):
    answer = send(Client(), commune_a, **fields)
    assert answer.status_code == 400
    assert field_message in answer.content.decode()
    assert stored(commune_a) == []


def test_markup_and_scripts_are_shown_as_text_never_run(commune_a):
    client = Client()
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    answer = send(client, commune_a, title=hostile[:60], body=hostile, about=hostile)
    page = client.get(answer["Location"], **host(commune_a)).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_a_forged_or_other_communes_key_is_refused_and_the_text_kept(commune_a, commune_b):
    key_b = form_key(Client(), commune_b)
    answer = send(Client(), commune_a, key=key_b)
    assert answer.status_code == 400
    assert "Hỏi về đăng ký khai sinh" in answer.content.decode()
    assert send(Client(), commune_a, key="gia-mao").status_code == 400
    assert stored(commune_a) == []
    assert stored(commune_b) == []


def test_a_village_of_the_commune_is_kept_another_communes_is_refused(commune_a, commune_b):
    with commune_scope(commune_a):
        mine = Village.objects.create(commune=commune_a, name="Thôn Bản Lác")
    with commune_scope(commune_b):
        theirs = Village.objects.create(commune=commune_b, name="Xóm Khác")
    assert send(Client(), commune_a, village=str(theirs.pk)).status_code == 400
    send(Client(), commune_a, village=str(mine.pk))
    assert stored(commune_a)[0].village_id == mine.pk


def test_another_communes_site_does_not_find_the_code(commune_a, commune_b):
    client = Client()
    answer = send(client, commune_a)
    code = TRACK.search(answer["Location"]).group(1)
    assert client.get(f"/phan-anh-kien-nghi/ma/{code}/", **host(commune_b)).status_code == 404
    assert client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": code}, **host(commune_b)).status_code == 404


def test_a_photo_is_kept_privately_without_its_location(commune_a, django_capture_on_commit_callbacks):
    client = Client()
    sent = jpeg(size=(4000, 3000))
    assert Image.open(io.BytesIO(sent)).getexif()  # the phone's photo says where and with what
    upload = SimpleUploadedFile("o-ga.jpg", sent, content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        answer = send(client, commune_a, photo=upload)
    assert answer.status_code == 302
    [feedback] = stored(commune_a)
    with commune_scope(commune_a):
        [photo] = Photo.objects.filter(feedback=feedback)
    assert photo.status == PhotoStatus.WAITING
    assert photos.clean_photo(commune_id=commune_a.pk, photo_id=photo.pk) == "ready"
    with commune_scope(commune_a):
        photo.refresh_from_db()
    with private_storage.open(photo.name, "rb") as kept, Image.open(kept) as image:
        assert max(image.size) == 2000
        assert not image.getexif()  # no place, no camera
    page = client.get(answer["Location"], **host(commune_a)).content.decode()
    assert "Đã nhận ảnh" in page
    assert photo.name not in page


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("anh.jpg", b"MZ\x90\x00 not an image at all", "Không đọc được ảnh"),
        ("anh.exe", b"MZ\x90\x00", "Chỉ nhận ảnh JPG, PNG hoặc WEBP"),
        ("anh.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024), "quá giới hạn 5 MB"),
    ],
)
def test_a_photo_that_fails_never_costs_the_message(commune_a, name, content, reason):
    client = Client()
    answer = send(client, commune_a, photo=SimpleUploadedFile(name, content))
    assert answer.status_code == 302
    [feedback] = stored(commune_a)
    page = client.get(answer["Location"], **host(commune_a)).content.decode()
    assert reason in page
    assert "Nội dung của bạn vẫn được nhận đầy đủ" in page
    with commune_scope(commune_a):
        assert Photo.objects.get(feedback=feedback).status == PhotoStatus.REFUSED


def test_sending_is_limited_per_address_without_shutting_out_a_family(commune_a, settings):
    settings.FEEDBACK_PER_HOUR_PER_IP = 5
    client = Client()
    answers = [send(client, commune_a, title=f"Việc số {n}").status_code for n in range(7)]
    assert answers == [302] * 5 + [429] * 2
    assert len(stored(commune_a)) == 5
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert send(other, commune_a).status_code == 302  # another phone is not shut out
    # A resend of a message already stored is answered with its code, even past the limit.
    key = form_key(client, commune_a)
    cache.clear()
    settings.FEEDBACK_PER_HOUR_PER_IP = 1
    assert send(client, commune_a, key=key).status_code == 302
    assert send(client, commune_a, key=key).status_code == 302


def test_guessing_codes_is_limited(commune_a, settings):
    settings.FEEDBACK_LOOKUPS_PER_HOUR_PER_IP = 3
    client = Client()
    answers = [client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": f"AAAA-AAA{c}"}, **host(commune_a)).status_code
               for c in "BCDEF"]  # fmt: skip
    assert answers == [404, 404, 404, 429, 429]
    with all_communes():
        assert Feedback.objects.count() == 0


def test_the_same_page_reused_for_other_words_is_another_message_never_the_first_ones(commune_a):
    client = Client()
    key = form_key(client, commune_a)
    first = send(client, commune_a, key=key, title="Việc của chị Hoa", body="Nội dung của chị Hoa gửi xã.")
    second = send(client, commune_a, key=key, title="Việc của anh Tuấn", body="Nội dung của anh Tuấn gửi xã.")
    assert first["Location"] != second["Location"]
    page = client.get(second["Location"], **host(commune_a)).content.decode()
    assert "anh Tuấn" in page
    assert "chị Hoa" not in page
    assert len(stored(commune_a)) == 2


def test_a_request_too_large_for_a_photo_is_refused_before_it_is_read(commune_a):
    client = Client()
    key = form_key(client, commune_a)
    big = SimpleUploadedFile("anh.jpg", b"\xff\xd8" + b"0" * (6 * 1024 * 1024))
    data = {"key": key, "kind": "cau_hoi", "subject": "khac", "title": "Hỏi", "body": "Nội dung đủ dài.", "photo": big}
    answer = client.post("/phan-anh-kien-nghi/", data, **host(commune_a))
    assert answer.status_code == 413
    assert "tối đa 5 MB" in answer.content.decode()
    assert stored(commune_a) == []


def test_guessing_codes_in_the_address_is_limited_too(commune_a, settings):
    settings.FEEDBACK_LOOKUPS_PER_HOUR_PER_IP = 2
    client = Client()
    answers = [client.get(f"/phan-anh-kien-nghi/ma/AAAA-AAA{c}/", **host(commune_a)).status_code for c in "BCDE"]
    assert answers == [404, 404, 429, 429]


def test_a_complaint_names_its_sender_as_the_law_requires(commune_a):
    client = Client()
    anonymous = send(client, commune_a, kind="khieu_nai")
    assert anonymous.status_code == 400
    assert "Luật Khiếu nại" in anonymous.content.decode()
    assert stored(commune_a) == []
    named = send(client, commune_a, kind="khieu_nai", sender_name="Hà Văn Sơn", contact_phone="0987654321", consent="1")
    assert named.status_code == 302


def test_the_audit_record_names_neither_the_code_nor_the_title(commune_a):
    send(Client(), commune_a, title="Ông Nguyễn Văn An thôn 3 hỏi")
    [feedback] = stored(commune_a)
    with commune_scope(commune_a):
        record = CommuneLogEntry.objects.get(action=LOG_RECEIVE)
    written = f"{record.label} {record.data}"
    assert feedback.code not in written
    assert "Nguyễn Văn An" not in written


def test_a_photo_the_server_cannot_store_still_leaves_the_message_and_says_so(commune_a, monkeypatch):
    def full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(private_storage, "save", full)
    client = Client()
    answer = send(client, commune_a, photo=SimpleUploadedFile("anh.png", _png()))
    assert answer.status_code == 302
    page = client.get(answer["Location"], **host(commune_a)).content.decode()
    assert "chưa lưu được ảnh" in page
    assert len(stored(commune_a)) == 1


def test_a_damaged_photo_is_refused_by_the_worker_and_its_original_removed(
    commune_a, django_capture_on_commit_callbacks
):
    whole = jpeg(size=(600, 400))
    damaged = whole[:400] + b"\x00" * (len(whole) - 400)  # the header reads, the picture does not
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        answer = send(client, commune_a, photo=SimpleUploadedFile("anh.jpg", damaged))
    with commune_scope(commune_a):
        photo = Photo.objects.get()
    kept = photo.name
    assert private_storage.exists(kept)
    assert photos.clean_photo(commune_id=commune_a.pk, photo_id=photo.pk) == "refused"
    assert not private_storage.exists(kept)
    assert "Không đọc được ảnh" in client.get(answer["Location"], **host(commune_a)).content.decode()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 0, 0)).save(out, "PNG")
    return out.getvalue()
