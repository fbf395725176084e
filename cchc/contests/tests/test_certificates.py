"""Certificates of a contest round: one landscape page per person, issued by the commune, read back from the PDF."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from django.utils import timezone

from cchc.communes.testing import make_instance
from cchc.contests.certificates import MAX_CERTIFICATES, Recipient, certificates_html, certificates_pdf
from cchc.contests.models import Contest, ContestRound
from cchc.core.testing import require_poppler, run_tool

pytestmark = pytest.mark.django_db

ISSUED = dt.date(2026, 12, 5)


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def round_a(commune_a):
    contest = make_instance(
        Contest, commune_a, title="Tìm hiểu pháp luật về cải cách hành chính năm 2026", slug="cai-cach-2026"
    )
    # Closes at midnight: the certificate says the round ran until the end of 30 November.
    return make_instance(
        ContestRound, commune_a, contest=contest, number=2, opens_at=local(2026, 11, 1, 7), closes_at=local(2026, 12, 1)
    )


def winners() -> list[Recipient]:
    return [
        Recipient(1, "Nguyễn Thị Hoa", "Xóm Đồng Tâm", "Hội Liên hiệp Phụ nữ xã", 20, 20, "Giải Nhất"),
        Recipient(2, "Đặng Văn Đức", "Bản Nà Mòn", "", 19, 20, "Giải Nhì"),
        Recipient(7, "<b>Lò Văn Ánh</b> & <i>con</i>", "", "", 15, 20),
    ]


def read_back(pdf: bytes, tmp_path) -> tuple[list[str], str]:
    require_poppler()
    path = tmp_path / "giay-chung-nhan.pdf"
    path.write_bytes(pdf)
    info = run_tool("pdfinfo", str(path))
    text = unicodedata.normalize("NFC", run_tool("pdftotext", "-layout", str(path), "-"))
    pages = [" ".join(page.split()) for page in text.split("\f") if page.strip()]
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == len(pages)
    return pages, info


def test_each_person_gets_one_landscape_page_issued_by_the_commune(commune_a, round_a, tmp_path):
    pdf = certificates_pdf(
        commune=commune_a, contest=round_a.contest, round=round_a, recipients=winners(), issued_on=ISSUED
    )
    pages, info = read_back(pdf, tmp_path)

    assert len(pages) == 3
    width, height = (float(n) for n in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert width > height, "A4 landscape"
    first = pages[0]
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY CHỨNG NHẬN",
        "Ủy ban nhân dân xã Định Biên chứng nhận",
        "Nguyễn Thị Hoa",
        "Nơi cư trú: Xóm Đồng Tâm, xã Định Biên",
        "Cơ quan, đơn vị: Hội Liên hiệp Phụ nữ xã",
        "Đã đạt Giải Nhất",
        "Cuộc thi «Tìm hiểu pháp luật về cải cách hành chính năm 2026», đợt 2",
        "(từ ngày 01/11/2026 đến ngày 30/11/2026)",
        "trả lời đúng 20/20 câu, xếp thứ 1.",
        "Định Biên, ngày 05 tháng 12 năm 2026",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ):
        assert expected in first, expected
    # The committee's name breaks as in an official header, "ỦY BAN NHÂN DÂN / XÃ ĐỊNH BIÊN", beside the motto.
    assert re.match(r"ỦY BAN NHÂN DÂN .*XÃ ĐỊNH BIÊN .*GIẤY CHỨNG NHẬN", first)
    assert "Đặng Văn Đức" in pages[1]
    assert "Giải Nhì" in pages[1]
    assert "Nguyễn Thị Hoa" not in pages[1]
    assert "Cơ quan, đơn vị" not in pages[1], "no unit, no empty line for it"
    assert "Đã tham gia Cuộc thi" in pages[2]
    assert "Đã đạt" not in pages[2]


def test_html_in_a_name_is_printed_as_typed_not_as_markup(commune_a, round_a, tmp_path):
    recipients = winners()[2:]
    html = certificates_html(commune=commune_a, contest=round_a.contest, round=round_a, recipients=recipients)
    assert "<b>Lò" not in html
    assert "&lt;b&gt;Lò Văn Ánh&lt;/b&gt; &amp; &lt;i&gt;con&lt;/i&gt;" in html

    pdf = certificates_pdf(commune=commune_a, contest=round_a.contest, round=round_a, recipients=recipients)
    pages, _info = read_back(pdf, tmp_path)
    assert "<b>Lò Văn Ánh</b> & <i>con</i>" in pages[0]


def test_the_longest_names_and_titles_still_fit_one_page_each(commune_a, round_a, tmp_path):
    round_a.contest.title = ("Tìm hiểu pháp luật về cải cách hành chính, chuyển đổi số và đất đai " * 4)[:255]
    longest = Recipient(
        rank=1,
        full_name=("Hoàng Thị Phương Thảo Nguyễn " * 5)[:120],
        village=("Xóm Đồng Tâm Khuôn Tát " * 6)[:120],
        unit=("Hội Cựu chiến binh và Đoàn Thanh niên Cộng sản Hồ Chí Minh xã " * 3)[:160],
        score=30,
        total=30,
        prize=("Giải Nhất toàn đoàn " * 3).strip(),
    )
    pdf = certificates_pdf(
        commune=commune_a, contest=round_a.contest, round=round_a, recipients=[longest, longest], issued_on=ISSUED
    )
    pages, _info = read_back(pdf, tmp_path)
    assert len(pages) == 2
    assert all("CHỦ TỊCH" in page and "ngày 05 tháng 12 năm 2026" in page for page in pages), "nothing cut off"


def test_too_many_or_no_certificates_are_refused_in_vietnamese(commune_a, round_a):
    many = [Recipient(n, f"Người dự thi {n}", "", "", 10, 20) for n in range(MAX_CERTIFICATES + 1)]
    with pytest.raises(ValueError, match=f"tối đa {MAX_CERTIFICATES} giấy chứng nhận"):
        certificates_pdf(commune=commune_a, contest=round_a.contest, round=round_a, recipients=many)
    with pytest.raises(ValueError, match="Chưa có người nào"):
        certificates_pdf(commune=commune_a, contest=round_a.contest, round=round_a, recipients=[])
