import re

from playwright.sync_api import Page, expect
from wagtail.images.tests.utils import get_test_image_file

from cchc.communes.scoping import all_communes
from cchc.plans.models import EVERY_UNIT, Evidence, Plan, PlanStatus, Task

from .test_official_journey import log_in

PHONE = {"width": 390, "height": 844}


def test_a_unit_official_reports_progress_with_a_photo_on_a_phone_and_the_dashboard_moves(
    page: Page, live_server, demo, tmp_path
):
    with all_communes():
        plan = Plan.objects.get(commune__code="05575", status=PlanStatus.IN_PROGRESS)  # this year's plan
        # A unit official reports on what the plan gives every unit ("các ban, ngành, đoàn thể").
        task = Task.objects.filter(
            plan=plan, lead_unit=None, coordinating_units=None, lead_unit_name__iregex=EVERY_UNIT, status="todo"
        ).first()
        done_before = Task.objects.filter(plan=plan, status="done").count()
    photo = tmp_path / "anh-hoi-nghi.png"
    photo.write_bytes(get_test_image_file().file.getvalue())

    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "phunu")
    page.goto(f"{live_server.url}/quan-tri/bao-cao-tien-do/new/?task={task.pk}")
    page.get_by_label(re.compile("Tỷ lệ hoàn thành")).fill("100")
    page.get_by_role("textbox", name="Nội dung báo cáo").fill("Đã tuyên truyền tại nhà văn hóa xóm Nong Nia")
    page.get_by_role("button", name=re.compile("Thêm.*minh chứng", re.IGNORECASE)).first.click()
    page.locator("input[type=file]").first.set_input_files(str(photo))
    page.get_by_role("button", name="Tạo", exact=True).click()
    expect(page.get_by_text(re.compile("đã được tạo|Đã tạo"))).to_be_visible()

    with all_communes():
        assert Evidence.objects.filter(report__task=task, file__endswith=".png").exists()
        assert Task.objects.filter(plan=plan, status="done").count() == done_before + 1

    page.goto(f"{live_server.url}/quan-tri/ke-hoach/{plan.pk}/tong-quan/")
    expect(page.get_by_text(f"{done_before + 1}/", exact=False).first).to_be_visible()


def test_an_official_imports_a_plan_file_in_the_browser(page: Page, live_server, demo, settings):
    from cchc.plans.demo import SEED

    # The task worker reads the upload; here its task runs inside the upload request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    with all_communes():
        before = Plan.objects.filter(commune__code="05575").count()
    log_in(page, live_server.url, "vanhoa")
    page.goto(f"{live_server.url}/quan-tri/ke-hoach/nhap/")
    page.locator("input[type=file]").set_input_files(str(SEED))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    expect(page.get_by_text("Mọi dòng của tệp đều đã được xếp vào kế hoạch.")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text(re.compile("Ban tài chính", re.IGNORECASE))
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_role("heading", name=re.compile("Hoàn thành theo quý"))).to_be_visible()
    with all_communes():
        assert Plan.objects.filter(commune__code="05575").count() == before + 1


def test_public_pages_load_their_stylesheet(page: Page, live_server, demo):
    page.goto(live_server.url + "/")
    header_background = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_background == "rgb(165, 28, 28)"
