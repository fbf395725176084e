"""Uploading a plan: the request stores the file, the task worker reads it once with limits, the
preview shows progress and then the stored reading; nothing is saved as a plan until confirmed."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document

from cchc.communes.scoping import all_communes, commune_scope
from cchc.plans.importer import uploads
from cchc.plans.importer.limits import Limit
from cchc.plans.models import ImportStatus, Plan, PlanImport

REFRESH = re.compile(r'<meta http-equiv="refresh" content="\d+">')


def upload(client, name: str, data: bytes):
    return client.post(reverse("cchc_plans_upload"), {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def parses(monkeypatch):
    """How many times a file was handed to the parsing child process."""
    calls = []
    original = uploads.run_isolated

    def counting(*args, **kwargs):
        calls.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(uploads, "run_isolated", counting)
    return calls


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """Tasks queued in the database as in production, run by ``db_worker`` when the test says so."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    # The worker closes stale connections between tasks; here the connection is the test's own transaction.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run_worker():
        call_command("db_worker", "--batch", "--queue-name", "default")

    return run_worker


def test_the_file_is_read_once_however_often_the_preview_is_refreshed(
    client, office_a, commune_a, units_a, seed_path, parses
):
    client.force_login(office_a)
    preview_url = upload(client, seed_path.name, seed_path.read_bytes())["Location"]
    for _ in range(3):
        page = client.get(preview_url).content.decode()
        assert "Tuyên truyền cải cách hành chính xã Định Biên năm 2022" in page
        assert not REFRESH.search(page)
    assert client.post(preview_url).status_code == 302
    assert parses == [seed_path.name]
    with commune_scope(commune_a):
        record = PlanImport.objects.get()
        assert record.status == ImportStatus.READ
        assert record.started_at <= record.finished_at
        assert Plan.objects.get().pk == record.plan_id


def test_while_the_worker_has_not_read_the_file_the_preview_shows_progress_and_refreshes_itself(
    client, office_a, commune_a, units_a, seed_path, database_tasks
):
    client.force_login(office_a)
    preview_url = upload(client, seed_path.name, seed_path.read_bytes())["Location"]
    waiting = client.get(preview_url).content.decode()
    assert "Tệp đang chờ được đọc" in waiting
    assert "Trang tự tải lại sau 2 giây" in waiting
    assert REFRESH.search(waiting)
    assert "Lưu kế hoạch" not in waiting
    refused = client.post(preview_url, follow=True).content.decode()
    assert "Tệp chưa đọc xong hoặc không đọc được" in refused
    with commune_scope(commune_a):
        assert not Plan.objects.exists()
        PlanImport.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert "tiến trình nền có thể chưa chạy" in client.get(preview_url).content.decode()

    database_tasks()
    done = client.get(preview_url).content.decode()
    assert "Mọi dòng của tệp đều đã được xếp vào kế hoạch." in done
    assert not REFRESH.search(done)
    assert client.post(preview_url).status_code == 302
    with commune_scope(commune_a):
        assert Plan.objects.count() == 1


def test_a_reading_in_progress_says_so_and_one_whose_worker_died_says_it_was_interrupted(
    client, office_a, commune_a, database_tasks
):
    client.force_login(office_a)
    preview_url = upload(client, "ke-hoach.txt", "KẾ HOẠCH\nTuyên truyền".encode())["Location"]
    with commune_scope(commune_a):
        PlanImport.objects.update(status=ImportStatus.READING, started_at=timezone.now())
    reading = client.get(preview_url).content.decode()
    assert "Đang đọc tệp…" in reading
    assert REFRESH.search(reading)
    with commune_scope(commune_a):
        PlanImport.objects.update(started_at=timezone.now() - dt.timedelta(hours=1))
    stalled = client.get(preview_url).content.decode()
    assert "Việc đọc tệp bị gián đoạn." in stalled
    assert not REFRESH.search(stalled)


def _docx_bomb() -> bytes:
    """A real .docx carrying a part that inflates to 40 MB from a few dozen KB."""
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr("word/media/padding.bin", b"\0" * (40 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("hong.docx", b"PK\x03\x04hong", "Tệp Word bị hỏng hoặc không phải tệp .docx."),
        ("bom.docx", _docx_bomb(), "khi giải nén lớn hơn 30 MB"),
        ("mot-dong.txt", ("KẾ HOẠCH\n" + "a" * 20_001).encode(), "Dòng 2 dài 20.001 ký tự"),
        ("nhieu-dong.txt", "- Việc\n".encode() * 20_001, "Tệp có hơn 20.000 dòng"),
    ],
    ids=["corrupt", "bomb", "long-line", "many-lines"],
)
def test_an_unreadable_file_shows_why_and_nothing_can_be_saved_from_it(
    client, office_a, commune_a, commune_b, name, data, reason
):
    client.force_login(office_a)
    preview_url = upload(client, name, data)["Location"]
    page = client.get(preview_url).content.decode()
    assert f"Không đọc được tệp «{name}»." in page
    assert reason in page
    assert "Chưa có gì được lưu" in page
    assert not REFRESH.search(page)
    client.post(preview_url)
    with all_communes():
        assert not Plan.objects.exists()
        assert PlanImport.objects.get().status == ImportStatus.FAILED


def _stuck(name: str, data: bytes) -> dict:
    re.match(r"(a+)+$", "a" * 64 + "b")  # a parse stuck in C, where no signal handler can run
    return {}


def test_a_parse_past_its_time_limit_is_stopped_and_reported(client, office_a, commune_a, monkeypatch):
    monkeypatch.setattr(uploads, "PARSE_SECONDS", Limit(1, "1", uploads.PARSE_SECONDS.message))
    monkeypatch.setattr(uploads, "_parse_to_json", _stuck)
    client.force_login(office_a)
    started = timezone.now()
    preview_url = upload(client, "ke-hoach.txt", "KẾ HOẠCH\nTuyên truyền".encode())["Location"]
    assert timezone.now() - started < dt.timedelta(seconds=15)
    page = client.get(preview_url).content.decode()
    assert "Đọc tệp mất quá 1 giây nên đã dừng lại." in page
    with commune_scope(commune_a):
        assert PlanImport.objects.get().status == ImportStatus.FAILED


def test_the_same_import_is_never_read_twice(office_a, commune_a, seed_path, parses):
    with commune_scope(commune_a):
        record = PlanImport(commune=commune_a, original_name=seed_path.name, uploaded_by=office_a)
        record.file.save(seed_path.name, ContentFile(seed_path.read_bytes()), save=True)
    uploads.read_plan_import(commune=commune_a, import_id=record.pk)
    uploads.read_plan_import(commune=commune_a, import_id=record.pk)
    assert parses == [seed_path.name]


def test_another_communes_official_can_neither_see_nor_confirm_an_import(
    client, office_a, office_b, commune_a, units_a, seed_path
):
    client.force_login(office_a)
    preview_url = upload(client, seed_path.name, seed_path.read_bytes())["Location"]
    client.force_login(office_b)
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    with all_communes():
        assert not Plan.objects.exists()


def _import(commune, user, name: str, *, days_old: int, plan=None, status=ImportStatus.FAILED) -> PlanImport:
    with commune_scope(commune):
        record = PlanImport(commune=commune, original_name=name, uploaded_by=user, status=status, plan=plan)
        record.file.save(name, ContentFile(b"KE HOACH"), save=True)
        PlanImport.objects.filter(pk=record.pk).update(created_at=timezone.now() - dt.timedelta(days=days_old))
    return record


def test_imports_never_confirmed_are_deleted_with_their_files_after_seven_days_in_every_commune(
    commune_a, commune_b, office_a, office_b, seed_plan
):
    old_failed = _import(commune_a, office_a, "hong.docx", days_old=8)
    old_unsaved = _import(commune_b, office_b, "chua-luu.txt", days_old=30, status=ImportStatus.READ)
    recent = _import(commune_a, office_a, "moi.txt", days_old=2)
    confirmed = _import(commune_a, office_a, "da-luu.txt", days_old=400, plan=seed_plan, status=ImportStatus.READ)
    storage = recent.file.storage
    out = io.StringIO()
    call_command("cleanup_plan_imports", stdout=out)
    assert "Đã xóa 2 lần nhập kế hoạch" in out.getvalue()
    with all_communes():
        assert set(PlanImport.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
    assert not storage.exists(old_failed.file.name)
    assert not storage.exists(old_unsaved.file.name)
    assert storage.exists(recent.file.name)
    assert storage.exists(confirmed.file.name)
    call_command("cleanup_plan_imports", "--days", "0", stdout=io.StringIO())
    with all_communes():
        assert list(PlanImport.objects.values_list("pk", flat=True)) == [confirmed.pk]


def test_reading_an_upload_also_clears_that_communes_stale_imports(client, office_a, office_b, commune_a, commune_b):
    stale_a = _import(commune_a, office_a, "cu.txt", days_old=10)
    stale_b = _import(commune_b, office_b, "cu.txt", days_old=10)
    client.force_login(office_a)
    upload(client, "ke-hoach.txt", "KẾ HOẠCH\nTuyên truyền".encode())
    with all_communes():
        remaining = set(PlanImport.objects.values_list("pk", flat=True))
    assert stale_a.pk not in remaining
    assert stale_b.pk in remaining  # another commune's imports are its own to clear


def test_the_preview_says_which_units_will_be_added_and_which_the_office_must_pick(
    client, office_a, commune_a, units_a
):
    text = """UBND XÃ ĐỊNH BIÊN
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2027
I. TỔ CHỨC THỰC HIỆN
1. Ban Văn hóa, Thông tin và Tuyên truyền xã: phát thanh chuyên mục cải cách hành chính hằng tháng.
2. Chi hội Sinh vật cảnh xóm Nà To: treo khẩu hiệu tại nhà văn hóa xóm trong quý II.
3. Công chức Văn hóa - Xã hội: hướng dẫn người dân nộp hồ sơ trực tuyến trong quý III.
"""
    client.force_login(office_a)
    preview_url = upload(client, "ke-hoach-2027.txt", text.encode())["Location"]
    page = client.get(preview_url).content.decode()
    added = page[page.index("chúng được thêm vào danh sách") :][:300]
    assert "Công chức Văn hóa - Xã hội" in added
    assert "Ban Văn hóa, Thông tin" not in added  # already one of the commune's units
    unknown = page[page.index("Không nhận ra các tên đơn vị") :][:300]
    assert "Chi hội Sinh vật cảnh xóm Nà To" in unknown
