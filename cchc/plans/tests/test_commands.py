import pytest
from django.core.management import CommandError, call_command
from docx import Document

from cchc.communes.scoping import commune_scope
from cchc.plans.models import Plan


def test_import_plan_command_reports_what_it_made(commune_a, units_a, seed_path, capsys):
    call_command("import_plan", str(seed_path), "--commune", commune_a.slug)
    out = capsys.readouterr().out
    assert "Đã nhập kế hoạch" in out
    assert "nhiệm vụ" in out
    with commune_scope(commune_a):
        assert Plan.objects.count() == 1


def test_import_plan_refuses_an_unknown_commune_or_file_in_vietnamese(commune_a, seed_path, tmp_path):
    with pytest.raises(CommandError, match="Không có xã"):
        call_command("import_plan", str(seed_path), "--commune", "khong-co")
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_plan", str(tmp_path / "x.txt"), "--commune", commune_a.slug)
    bad = tmp_path / "ke-hoach.pdf"
    bad.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError):
        call_command("import_plan", str(bad), "--commune", commune_a.slug)
    with commune_scope(commune_a):
        assert not Plan.objects.exists()


def test_export_plan_writes_a_word_file_and_a_pdf(commune_a, seed_plan, tmp_path):
    docx_path, pdf_path = tmp_path / "kh.docx", tmp_path / "kh.pdf"
    for fmt, path in (("docx", docx_path), ("pdf", pdf_path)):
        call_command(
            "export_plan", "--commune", commune_a.slug, "--plan", str(seed_plan.pk), "--format", fmt,
            "--output", str(path),
        )  # fmt: skip
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "Tuyên truyền cải cách hành chính xã Định Biên năm 2022" in text
    assert pdf_path.read_bytes().startswith(b"%PDF")


def test_export_plan_cannot_reach_another_communes_plan(commune_a, commune_b, seed_plan, tmp_path):
    with pytest.raises(CommandError, match="không có kế hoạch số"):
        call_command(
            "export_plan", "--commune", commune_b.slug, "--plan", str(seed_plan.pk), "--format", "docx",
            "--output", str(tmp_path / "x.docx"),
        )  # fmt: skip
    assert not (tmp_path / "x.docx").exists()


def test_the_exported_word_file_opens_in_an_office_suite_as_an_a4_official_document(commune_a, seed_plan, tmp_path):
    from cchc.core.testing import require_libreoffice, require_poppler, run_tool

    soffice = require_libreoffice()
    require_poppler()
    docx_path = tmp_path / "kh.docx"
    call_command(
        "export_plan", "--commune", commune_a.slug, "--plan", str(seed_plan.pk), "--format", "docx",
        "--output", str(docx_path),
    )  # fmt: skip
    run_tool(soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp_path), str(docx_path))  # fmt: skip
    pdf = tmp_path / "kh.pdf"
    info = run_tool("pdfinfo", str(pdf))
    assert "595.3" in info
    assert "841.8" in info
    assert int(info.split("Pages:")[1].split()[0]) >= 3
    fonts = run_tool("pdffonts", str(pdf))
    assert "LiberationSerif" in fonts
    assert "DejaVu" not in fonts
    text = run_tool("pdftotext", "-layout", str(pdf), "-")
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "KẾ HOẠCH",
                     "Nơi nhận:", "Ma Thịnh Giáp", "Định Biên, ngày"):  # fmt: skip
        assert expected in text
    first_page = run_tool("pdftotext", "-f", "2", "-l", "2", "-bbox", str(pdf), "-")
    lefts = [float(part.split('"')[1]) for part in first_page.split("xMin=")[1:]]
    assert abs(min(lefts) - 85) < 6, "the left margin is 30 mm"


def test_import_plan_refuses_a_file_past_the_limits_with_the_reason(commune_a, tmp_path):
    long_line = tmp_path / "ke-hoach.txt"
    long_line.write_text("KẾ HOẠCH\n" + "a" * 20_001, encoding="utf-8")
    with pytest.raises(CommandError, match=r"Dòng 2 dài 20\.001 ký tự"):
        call_command("import_plan", str(long_line), "--commune", commune_a.slug)
    with commune_scope(commune_a):
        assert not Plan.objects.exists()
