"""Importing a spreadsheet of forms from the admin: queued for the worker, every bad cell named, nothing half-stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cchc.communes.scoping import commune_scope
from cchc.core.storage import private_storage
from cchc.surveys import uploads
from cchc.surveys.models import Channel, Response


@pytest.fixture
def worker(settings, monkeypatch):
    """Tasks queued in the database as in production, run by ``db_worker`` when the test says so."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run():
        call_command("db_worker", "--batch", "--queue-name", "default")

    return run


def csv_file(text: str, name="phieu.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload(client, campaign, file):
    return client.post(reverse("cchc_surveys_upload", args=[campaign.pk]), {"tep": file})


def test_a_good_file_is_queued_then_imported_and_the_status_page_says_how_many(
    client, commune_a, office_a, make_campaign, worker
):
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    response = upload(client, campaign, csv_file("1.1,1.2,ý kiến\n5,4,Tốt\n3,,\n,,\n"))
    assert response.status_code == 302
    status_url = response["Location"]
    waiting = client.get(status_url).content.decode()
    assert "Đang kiểm tra và nhập tệp" in waiting
    assert 'http-equiv="refresh"' in waiting
    worker()
    done = client.get(status_url).content.decode()
    assert "Đã lưu 2 phiếu mới; 0 phiếu đã có từ trước; bỏ qua 1 dòng trống." in done
    with commune_scope(commune_a):
        assert list(Response.objects.values_list("channel", flat=True)) == [Channel.IMPORT, Channel.IMPORT]
    assert not private_storage.listdir(f"khao-sat/{commune_a.code}")[1]  # the uploaded file is removed


def test_a_file_with_bad_cells_stores_nothing_and_names_each_row_and_column(
    client, commune_a, office_a, make_campaign, worker
):
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    status_url = upload(client, campaign, csv_file("1.1,2.1\n5,4\n6,3\n4,tốt\n"))["Location"]
    worker()
    html = client.get(status_url).content.decode()
    assert "Tệp có 2 lỗi; không phiếu nào được lưu." in html
    assert "Dòng 3, cột 1.1: giá trị “6” không hợp lệ" in html
    assert "Dòng 4, cột 2.1: giá trị “tốt” không hợp lệ" in html
    with commune_scope(commune_a):
        assert not Response.objects.exists()


def test_too_big_or_wrong_kind_of_file_is_refused_before_it_is_stored(
    client, commune_a, office_a, make_campaign, monkeypatch
):
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    refused = upload(client, campaign, SimpleUploadedFile("phieu.pdf", b"%PDF-1.4"))
    assert refused.status_code == 400
    assert "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)." in refused.content.decode()
    monkeypatch.setattr(uploads, "MAX_BYTES", 10)
    refused = upload(client, campaign, csv_file("1.1,1.2\n5,4\n"))
    assert "vượt quá giới hạn" in refused.content.decode()


def test_more_rows_than_the_cap_are_refused(client, commune_a, office_a, make_campaign, worker, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ROWS", 2)
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    status_url = upload(client, campaign, csv_file("1.1\n5\n4\n3\n"))["Location"]
    worker()
    assert "Tệp có 3 dòng phiếu, vượt quá giới hạn 2 dòng." in client.get(status_url).content.decode()
    with commune_scope(commune_a):
        assert not Response.objects.exists()


def test_another_commune_sees_neither_the_upload_screen_nor_the_job(
    client, commune_a, commune_b, office_a, office_b, make_campaign, worker
):
    mine = make_campaign(commune_a)
    theirs = make_campaign(commune_b)
    client.force_login(office_a)
    status_url = upload(client, mine, csv_file("1.1\n5\n"))["Location"]
    result_id = status_url.rstrip("/").rsplit("/", 1)[-1]
    client.force_login(office_b)
    assert client.get(reverse("cchc_surveys_upload", args=[mine.pk])).status_code == 404
    assert client.get(status_url).status_code == 404
    # the job's id under B's own campaign is not found either
    assert client.get(reverse("cchc_surveys_import_status", args=[theirs.pk, result_id])).status_code == 404
