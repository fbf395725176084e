import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file

from cchc.communes.roles import Role
from cchc.communes.scoping import all_communes, commune_scope
from cchc.plans.models import Evidence, Plan, PlanImport, ProgressReport, Task, TaskStatus


def upload(client, path, name=None):
    data = path.read_bytes() if hasattr(path, "read_bytes") else path
    return client.post(reverse("cchc_plans_upload"), {"file": SimpleUploadedFile(name or path.name, data)})


def test_an_official_uploads_a_plan_previews_it_then_saves_it_once(client, office_a, commune_a, units_a, seed_path):
    client.force_login(office_a)
    response = upload(client, seed_path)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert "Tuyên truyền cải cách hành chính xã Định Biên năm 2022" in page
    assert "Mọi dòng của tệp đều đã được xếp vào kế hoạch." in page
    assert "Băng rôn, khẩu hiệu" in page  # the timeline's first quarter, one task per channel
    assert "(chưa rõ đơn vị)" not in page  # every task shows the unit that will lead it
    with commune_scope(commune_a):
        assert not Plan.objects.exists(), "the preview must not save anything"
    saved = client.post(response["Location"])
    assert saved.status_code == 302
    again = client.post(response["Location"])
    assert again.status_code == 302
    with commune_scope(commune_a):
        assert Plan.objects.count() == 1
        plan = Plan.objects.get()
        assert plan.tasks.count() > 10
    assert reverse("cchc_plans_dashboard", args=[plan.pk]) == saved["Location"]
    again_preview = client.get(upload(client, seed_path)["Location"]).content.decode()
    assert "Lưu nữa sẽ tạo thêm một bản thứ hai." in again_preview


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ke-hoach.pdf", b"%PDF-1.4 ...", "Chỉ nhận tệp .docx"),
        ("ke-hoach.txt", b"", "Tập tin được gửi là rỗng"),
    ],
)
def test_a_wrong_file_is_refused_with_a_vietnamese_message(client, office_a, commune_a, name, content, message):
    client.force_login(office_a)
    response = client.post(reverse("cchc_plans_upload"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    with all_communes():
        assert not PlanImport.objects.exists()


def test_a_corrupt_word_file_is_reported_not_crashed_on(client, office_a, commune_a):
    client.force_login(office_a)
    response = client.post(reverse("cchc_plans_upload"), {"file": SimpleUploadedFile("hong.docx", b"PK\x03\x04hong")})
    follow = client.get(response["Location"], follow=True)
    assert "Không đọc được tệp" in follow.content.decode()
    with commune_scope(commune_a):
        assert not Plan.objects.exists()


def test_the_dashboard_changes_when_a_unit_reports_progress_with_a_photo(
    plan_under_way, client, commune_a, seed_plan, make_official, units_a
):
    with commune_scope(commune_a):
        # the seed's schedule names no unit: a duty of a named unit is what a unit member reports on
        task = Task.objects.filter(plan=seed_plan, lead_unit__isnull=False).first()
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=task.lead_unit)
    client.force_login(member)
    before = client.get(reverse("cchc_plans_dashboard", args=[seed_plan.pk])).content.decode()
    assert "0/" in before
    photo = SimpleUploadedFile("anh.png", get_test_image_file().file.getvalue(), content_type="image/png")
    response = client.post(
        reverse("bao-cao-tien-do:add"),
        {
            "task": task.pk,
            "reported_on": "2022-03-20",
            "percent": "100",
            "note": "Đã treo băng rôn",
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "0",
            "evidence-MAX_NUM_FORMS": "1000",
            "evidence-0-file": photo,
            "evidence-0-link": "",
            "evidence-0-caption": "Ảnh băng rôn",
            "evidence-0-ORDER": "1",
            "evidence-0-id": "",
            "evidence-0-DELETE": "",
        },
    )
    if response.status_code != 302:
        form = response.context["form"]
        raise AssertionError(
            (
                form.errors,
                {k: fs.errors for k, fs in form.formsets.items()},
                [m.message for m in response.context["messages"]],
            )
        )
    with commune_scope(commune_a):
        report = ProgressReport.objects.get(task=task)
        assert report.reported_by == member
        evidence = Evidence.objects.get(report=report)
        assert evidence.commune == commune_a
        assert evidence.file.name.endswith(".png")
        task.refresh_from_db()
        assert task.status == TaskStatus.DONE
    after = client.get(reverse("cchc_plans_dashboard", args=[seed_plan.pk])).content.decode()
    assert after != before
    assert "1/" in after


def test_a_unit_member_cannot_create_or_import_plans(client, commune_a, make_official, seed_path):
    member = make_official(commune_a, Role.UNIT_MEMBER)
    client.force_login(member)
    assert client.get(reverse("cchc_plans_upload")).status_code in (302, 403)
    assert upload(client, seed_path).status_code in (302, 403)
    assert client.get(reverse("ke-hoach:add")).status_code in (302, 403)
    with all_communes():
        assert not PlanImport.objects.exists()
        assert not Plan.objects.exists()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_plan_downloads_as_word_and_pdf(client, office_a, seed_plan, fmt):
    client.force_login(office_a)
    response = client.get(reverse("cchc_plans_download", args=[seed_plan.pk, fmt]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response) if response.streaming else response.content
    assert body.startswith(b"%PDF" if fmt == "pdf" else b"PK")


def test_another_communes_official_cannot_see_import_dashboard_or_download(
    client, office_a, office_b, commune_a, seed_plan, seed_path
):
    client.force_login(office_a)
    preview_url = upload(client, seed_path)["Location"]
    client.force_login(office_b)
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert client.get(reverse("cchc_plans_dashboard", args=[seed_plan.pk])).status_code == 404
    assert client.get(reverse("cchc_plans_download", args=[seed_plan.pk, "docx"])).status_code == 404
    assert client.post(reverse("cchc_plans_status", args=[seed_plan.pk]), {"status": "closed"}).status_code == 404
    with commune_scope(commune_a):
        assert Plan.objects.count() == 1
        seed_plan.refresh_from_db()
        assert seed_plan.status == "draft"


def test_the_plan_is_signed_by_the_chairman_then_carried_out_by_the_office(
    client, office_a, commune_a, seed_plan, make_official
):
    chairman = make_official(commune_a, Role.CHAIRMAN)
    client.force_login(office_a)
    refused = client.post(reverse("cchc_plans_status", args=[seed_plan.pk]), {"status": "approved"}, follow=True)
    assert "Chỉ Chủ tịch, Phó Chủ tịch UBND xã được ký ban hành kế hoạch." in refused.content.decode()
    client.force_login(chairman)
    client.post(reverse("cchc_plans_status", args=[seed_plan.pk]), {"status": "approved"})
    client.force_login(office_a)
    client.post(reverse("cchc_plans_status", args=[seed_plan.pk]), {"status": "in_progress"})
    with commune_scope(commune_a):
        seed_plan.refresh_from_db()
    assert seed_plan.status == "in_progress"
    client.post(reverse("cchc_plans_status", args=[seed_plan.pk]), {"status": "bogus"})
    with commune_scope(commune_a):
        seed_plan.refresh_from_db()
    assert seed_plan.status == "in_progress"


def test_evidence_files_open_only_for_officials_of_their_commune(client, commune_a, seed_plan, office_a, office_b):
    from django.core.files.base import ContentFile

    from cchc.plans.models import Evidence, ProgressReport

    with commune_scope(commune_a):
        task = Task.objects.filter(plan=seed_plan).first()
        report = ProgressReport.objects.create(commune=commune_a, task=task, percent=50)
        evidence = Evidence(commune=commune_a, report=report, caption="Ảnh")
        evidence.file.save("anh-hoi-nghi.png", ContentFile(get_test_image_file().file.getvalue()))
    url = evidence.file.url
    assert url.startswith("/quan-tri/tep/minh-chung/")
    assert client.get(url).status_code == 302  # not logged in: to the login page
    client.force_login(office_b)
    assert client.get(url).status_code == 404
    client.force_login(office_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    from django.conf import settings

    assert str(settings.MEDIA_ROOT) not in evidence.file.path, "evidence must not sit under the public media folder"


@pytest.mark.parametrize(
    ("typed", "stored"), [("1.500.000", 1_500_000), ("2 000 000 đ", 2_000_000), ("750000", 750_000)]
)
def test_the_finance_board_types_amounts_as_officials_write_them(
    client, commune_a, seed_plan, make_official, typed, stored
):
    from cchc.plans.models import BudgetLine

    finance = make_official(commune_a, Role.FINANCE)
    client.force_login(finance)
    response = client.post(reverse("kinh-phi:add"), {"plan": seed_plan.pk, "name": "In tờ rơi", "amount": typed})
    assert response.status_code == 302
    with commune_scope(commune_a):
        assert BudgetLine.objects.get(name="In tờ rơi").amount == stored
    listing = client.get(reverse("kinh-phi:index")).content.decode()
    assert f"{stored:,} đ".replace(",", ".") in listing


def test_an_amount_in_words_gets_a_clear_message(client, commune_a, seed_plan, make_official):
    client.force_login(make_official(commune_a, Role.FINANCE))
    response = client.post(reverse("kinh-phi:add"), {"plan": seed_plan.pk, "name": "Hội nghị", "amount": "hai triệu"})
    assert response.status_code == 200
    assert "Nhập số tiền bằng chữ số, ví dụ 1.500.000" in response.content.decode()
