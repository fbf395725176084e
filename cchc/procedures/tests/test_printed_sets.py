"""Heavy printed sets (whole set of sheets, a field's sheets and leaflet): built by the worker, served as files.

The public URLs must never render a PDF: the renderer is patched to fail in every test that fetches
them. The PDFs the worker builds are read back with poppler, as in test_printing.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cchc.communes.scoping import commune_scope
from cchc.core.testing import require_poppler, run_tool
from cchc.procedures import printed_sets
from cchc.procedures.actions import EditPrintedRecord, PublishCatalogue
from cchc.procedures.models import PrintedKind, PrintedSet, ProcedureField, PublishedProcedure

BUILD_TASK = "cchc.procedures.tasks.build_printed_sets"
ALL_SHEETS = "/thu-tuc-hanh-chinh/niem-yet.pdf"


def host(commune):
    return {"HTTP_HOST": commune.site.hostname}


@pytest.fixture
def no_rendering():
    """Any PDF rendering fails the test: WeasyPrint itself and the one place that calls it for sets."""
    boom = AssertionError("a PDF was rendered")
    with (
        mock.patch("weasyprint.HTML", side_effect=boom),
        mock.patch.object(printed_sets, "_render", side_effect=boom),
        mock.patch("cchc.core.rendering.pdf.html_to_pdf", side_effect=boom),
    ):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def queued_builds() -> int:
    return DBTaskResult.objects.filter(task_path=BUILD_TASK, status="READY").count()


def forget_requests(commune) -> None:
    """As after the worker took the queued build: nothing waits."""
    DBTaskResult.objects.all().delete()
    with commune_scope(commune):
        PrintedSet.objects.update(rebuild_requested_at=None)


def store(commune, kind, field=None, *, content: bytes, stamp: str | None = None) -> PrintedSet:
    """A stored set as the worker leaves it, without rendering (for tests of serving only)."""
    if stamp is None:
        stamp = printed_sets.catalogue_stamp(commune=commune, field=field)
    with commune_scope(commune):
        row, _new = PrintedSet.objects.get_or_create(commune=commune, kind=kind, field=field)
        row.stamp, row.built_at, row.pages, row.size = stamp, timezone.now(), 1, len(content)
        row.file.save(f"{kind}.pdf", ContentFile(content), save=False)
        row.save()
    return row


def pdf_text(row: PrintedSet) -> str:
    return " ".join(run_tool("pdftotext", row.file.path, "-").split())


def pdf_pages(data: bytes, tmp_path) -> int:
    path = tmp_path / "served.pdf"
    path.write_bytes(data)
    info = run_tool("pdfinfo", str(path))
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def rows(commune) -> dict[tuple[str, str | None], PrintedSet]:
    with commune_scope(commune):
        return {(r.kind, r.field.code if r.field else None): r for r in PrintedSet.objects.select_related("field")}


def test_the_worker_builds_each_set_and_the_public_urls_send_them_without_rendering(
    client, published_a, immediate_tasks, django_capture_on_commit_callbacks, tmp_path
):
    require_poppler()
    with django_capture_on_commit_callbacks(execute=True):
        printed_sets.request_rebuild(commune=published_a)
    built = rows(published_a)
    assert set(built) == {
        ("all_sheets", None),
        ("field_sheets", "HT"),
        ("field_leaflet", "HT"),
        ("field_sheets", "CT"),
        ("field_leaflet", "CT"),
    }
    with (
        mock.patch("weasyprint.HTML", side_effect=AssertionError("rendered")),
        mock.patch.object(printed_sets, "_render", side_effect=AssertionError("rendered")),
    ):
        whole = client.get(ALL_SHEETS, **host(published_a))
        leaflet = client.get(reverse("procedures:field_leaflet", args=["ho-tich"]), **host(published_a))
        copies = client.get(reverse("procedures:field_sheets", args=["chung-thuc"]), **host(published_a))
    for response in (whole, leaflet, copies):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "public" in response["Cache-Control"]
    assert whole["Content-Disposition"] == 'inline; filename="niem-yet-bo-thu-tuc.pdf"'
    assert leaflet["Content-Disposition"] == 'inline; filename="to-gap-ho-tich.pdf"'
    body = b"".join(whole.streaming_content)
    assert int(whole["Content-Length"]) == len(body) == built[("all_sheets", None)].size
    assert pdf_pages(body, tmp_path) == built[("all_sheets", None)].pages >= 8  # one sheet or more per procedure
    text = pdf_text(built[("all_sheets", None)])
    for name in ("Đăng ký khai sinh", "Đăng ký kết hôn", "Chứng thực chữ ký trong các giấy tờ, văn bản"):
        assert name in text
    assert "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN" in text
    assert pdf_pages(b"".join(leaflet.streaming_content), tmp_path) == 2  # one sheet folded in three
    copies_text = pdf_text(built[("field_sheets", "CT")])
    assert "Chứng thực bản sao" in copies_text
    assert "Đăng ký khai sinh" not in copies_text


def test_a_change_rebuilds_only_the_sets_that_show_it_and_a_second_run_builds_nothing(
    published_a, immediate_tasks, django_capture_on_commit_callbacks
):
    require_poppler()
    with django_capture_on_commit_callbacks(execute=True):
        printed_sets.request_rebuild(commune=published_a)
    before = rows(published_a)
    with django_capture_on_commit_callbacks(execute=True):
        printed_sets.request_rebuild(commune=published_a)
        printed_sets.request_rebuild(commune=published_a)
    again = rows(published_a)
    assert {key: (r.file.name, r.built_at) for key, r in again.items()} == {
        key: (r.file.name, r.built_at) for key, r in before.items()
    }

    with commune_scope(published_a):
        copy = PublishedProcedure.objects.get(code="2.000815")
        copy.local_fee = "3.000 đồng/trang theo Nghị quyết của Hội đồng nhân dân tỉnh"
        with django_capture_on_commit_callbacks(execute=True):
            EditPrintedRecord(copy, commune=published_a).execute()
    after = rows(published_a)
    changed = {key for key in after if after[key].file.name != before[key].file.name}
    assert changed == {("all_sheets", None), ("field_sheets", "CT"), ("field_leaflet", "CT")}
    for key in (("field_sheets", "HT"), ("field_leaflet", "HT")):
        assert after[key].built_at == before[key].built_at
    assert "3.000 đồng/trang" in pdf_text(after[("field_sheets", "CT")])
    assert "3.000 đồng/trang" not in pdf_text(after[("field_sheets", "HT")])
    storage = before[("field_sheets", "CT")].file.storage
    assert not storage.exists(before[("field_sheets", "CT")].file.name)  # the superseded file is gone


def test_a_set_not_built_yet_gives_a_vietnamese_page_and_queues_one_build(
    client, published_a, no_rendering, django_capture_on_commit_callbacks
):
    for _attempt in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(ALL_SHEETS, **host(published_a))
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response["Refresh"] == "30"
        assert "no-cache" in response["Cache-Control"]
        assert "Tài liệu đang được chuẩn bị…" in response.content.decode()
    assert queued_builds() == 1
    assert all(r.rebuild_requested_at for r in rows(published_a).values())


def test_a_stale_set_is_still_sent_and_a_rebuild_is_asked_for(
    client, published_a, no_rendering, django_capture_on_commit_callbacks
):
    hoat_tich = ProcedureField.objects.get(code="HT")
    store(published_a, PrintedKind.FIELD_LEAFLET, hoat_tich, content=b"%PDF-1.4 old leaflet", stamp="old")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("procedures:field_leaflet", args=["ho-tich"]), **host(published_a))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 old leaflet"
    assert queued_builds() == 1

    store(published_a, PrintedKind.FIELD_SHEETS, hoat_tich, content=b"%PDF-1.4 fresh sheets")
    forget_requests(published_a)
    with django_capture_on_commit_callbacks(execute=True):
        fresh = client.get(reverse("procedures:field_sheets", args=["ho-tich"]), **host(published_a))
    assert b"".join(fresh.streaming_content) == b"%PDF-1.4 fresh sheets"
    assert queued_builds() == 0  # up to date: nothing to do


def test_another_communes_set_is_never_sent_on_this_communes_host(
    client, published_a, published_b_only_marriage, no_rendering
):
    hoat_tich = ProcedureField.objects.get(code="HT")
    store(published_a, PrintedKind.ALL_SHEETS, content=b"%PDF-1.4 Dinh Bien whole set")
    store(published_a, PrintedKind.FIELD_SHEETS, hoat_tich, content=b"%PDF-1.4 Dinh Bien civil status")
    b = host(published_b_only_marriage)
    whole = client.get(ALL_SHEETS, **b)
    field = client.get(reverse("procedures:field_sheets", args=["ho-tich"]), **b)
    assert whole.status_code == field.status_code == 503  # Phú Đình's own sets are not built yet
    assert b"Dinh Bien" not in whole.content + field.content
    assert client.get(reverse("procedures:field_sheets", args=["chung-thuc"]), **b).status_code == 404
    assert client.get(ALL_SHEETS, **host(published_a)).status_code == 200


def test_the_stamp_follows_what_the_sheets_show(published_a):
    civil, copies = ProcedureField.objects.get(code="HT"), ProcedureField.objects.get(code="CT")
    before = {f: printed_sets.catalogue_stamp(commune=published_a, field=f) for f in (None, civil, copies)}
    with commune_scope(published_a):
        item = PublishedProcedure.objects.get(code="1.000894")
        item.opening_hours = "Sáng thứ Bảy"
        item.save()
    after = {f: printed_sets.catalogue_stamp(commune=published_a, field=f) for f in (None, civil, copies)}
    assert after[None] != before[None]
    assert after[civil] != before[civil]
    assert after[copies] == before[copies]
    published_a.address = "Thôn Mới, xã Định Biên"
    published_a.save()
    assert printed_sets.catalogue_stamp(commune=published_a, field=copies) != after[copies]


def test_publishing_editing_and_commune_changes_queue_a_build(
    published_a, catalogue, django_capture_on_commit_callbacks
):
    with commune_scope(published_a):
        PublishedProcedure.objects.filter(code="2.000815").delete()
    with django_capture_on_commit_callbacks(execute=True):
        PublishCatalogue(commune=published_a).execute()
    assert queued_builds() == 1
    assert rows(published_a)  # the sets to build are listed, waiting

    for change in ("publish", "commune"):
        forget_requests(published_a)
        with django_capture_on_commit_callbacks(execute=True):
            if change == "publish":
                with commune_scope(published_a):
                    item = PublishedProcedure.objects.get(code="2.000815")
                    item.is_published = False
                    EditPrintedRecord(item, commune=published_a).execute()
            else:
                published_a.phone = "0208 3999 999"
                published_a.save()
        assert queued_builds() == 1, change


def test_the_posting_page_shows_when_each_set_was_built_and_what_waits(
    client, published_a, office_a, no_rendering, django_capture_on_commit_callbacks
):
    store(published_a, PrintedKind.ALL_SHEETS, content=b"%PDF-1.4 whole")
    client.force_login(office_a)
    page = client.get(reverse("cchc_procedures_postings")).content.decode()
    assert "Tờ niêm yết toàn bộ thủ tục" in page
    assert timezone.localtime(rows(published_a)[("all_sheets", None)].built_at).strftime("%H:%M %d/%m/%Y") in page
    assert "Đã cập nhật" in page
    with django_capture_on_commit_callbacks(execute=True):
        printed_sets.request_rebuild(commune=published_a)
    page = client.get(reverse("cchc_procedures_postings")).content.decode()
    assert "Tờ gấp một lĩnh vực: Hộ tịch" in page
    assert "Đang chờ dựng lại" in page


def test_the_operators_command_builds_one_commune(published_a, published_b_only_marriage, capsys):
    with mock.patch.object(printed_sets, "_render", return_value=(b"%PDF-1.4 built", 1)) as render:
        call_command("build_printed_sets", "--commune", published_b_only_marriage.code)
        assert render.call_count == 3  # Phú Đình: the whole set, civil-status sheets and leaflet
        call_command("build_printed_sets", "--commune", published_b_only_marriage.code)
        assert render.call_count == 3
    assert not rows(published_a)
    assert "dựng 3 bộ" in capsys.readouterr().out


def test_a_new_version_in_the_national_catalogue_queues_a_build_where_it_is_published(
    published_a, published_b_only_marriage, mini_catalogue_data, django_capture_on_commit_callbacks
):
    from cchc.procedures.catalogue import load_catalogue

    mini_catalogue_data["procedures"][0]["fees"] = "Mức lệ phí mới"  # Đăng ký khai sinh: Định Biên only
    with django_capture_on_commit_callbacks(execute=True):
        load_catalogue(mini_catalogue_data)
    queued = [r.args_kwargs["kwargs"]["commune_id"] for r in DBTaskResult.objects.filter(task_path=BUILD_TASK)]
    assert queued == [published_a.pk]


def test_a_single_procedure_sheet_is_rendered_once_per_change_of_what_it_shows(client, published_a):
    from django.core.cache import cache

    cache.clear()
    url = reverse("procedures:sheet", args=["dang-ky-ket-hon-1-000894"])
    with mock.patch("cchc.core.rendering.pdf.html_to_pdf", return_value=b"%PDF-1.4 one sheet") as render:
        for _visit in range(3):
            response = client.get(url, **host(published_a))
            assert response.content == b"%PDF-1.4 one sheet"
        assert render.call_count == 1
        with commune_scope(published_a):
            other = PublishedProcedure.objects.get(code="1.000656")
            other.local_notes = "Mang theo sổ hộ khẩu cũ"
            other.save()
        client.get(url, **host(published_a))
        assert render.call_count == 1  # another procedure's change leaves this sheet alone
        with commune_scope(published_a):
            item = PublishedProcedure.objects.get(code="1.000894")
            item.local_fee = "Miễn lệ phí kết hôn tại xã"
            item.save()
        client.get(url, **host(published_a))
        assert render.call_count == 2
        assert "Miễn lệ phí kết hôn tại xã" in render.call_args.args[0]


def test_each_printed_sheet_carries_the_qr_of_the_survey_told_its_procedure(client, published_a):
    from cchc.procedures.printing import qr_svg

    with commune_scope(published_a):
        items = [(p.procedure, p) for p in PublishedProcedure.objects.select_related("procedure__field")]
    page = printed_sets._sheets_html(published_a, items)
    assert page.count("Đánh giá mức độ hài lòng") == len(items)
    for procedure, _published in items:
        url = printed_sets.survey_url(published_a, procedure)
        assert url == f"http://dinh-bien.localhost/khao-sat/?thu-tuc={procedure.code}"
        assert qr_svg(url) in page
    # the address the QR carries opens the survey on the commune's site
    path = url.removeprefix("http://dinh-bien.localhost")
    assert client.get(path, **host(published_a)).status_code == 200
