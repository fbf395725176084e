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
