"""Printed matter: posting sheets, tri-fold leaflets and blank forms.

The PDF checks read the files back with poppler (pdfinfo, pdffonts, pdftotext, pdftoppm); they skip
on a laptop without it but fail in CI, where a missing tool must not pass silently. Rendering is
slow, so each PDF is rendered once per test run and reused.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
import segno
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm
from PIL import Image

from cchc.communes.scoping import commune_scope
from cchc.core.testing import require_poppler, run_tool
from cchc.core.text import format_date_short, format_money
from cchc.procedures.catalogue import load_catalogue
from cchc.procedures.models import FormTemplate, OneStopDesk, Procedure, ProcedureField, PublishedProcedure
from cchc.procedures.printing import (
    filename,
    form_docx,
    leaflet_html,
    leaflet_pdf,
    posting_sheets_html,
    posting_sheets_pdf,
    qr_svg,
)

SITE = "https://dinh-bien.gov.vn"
SURVEY_URL = f"{SITE}/danh-gia-hai-long/"
LOCAL_FEE = f"{format_money(5000)}/bản (theo Nghị quyết của Hội đồng nhân dân tỉnh Thái Nguyên)"
NATIONAL_COPY_FEE = "Lệ phí chứng thực bản sao 2.000 đồng/trang theo quy định của Bộ Tài chính"
MM = 72 / 25.4
A4_SHORT, A4_LONG = 595.28, 841.89


def _procedure(code: str, name: str, field: str, **extra) -> dict:
    return {
        "code": code,
        "name": name,
        "field": field,
        "audiences": ["Công dân Việt Nam cư trú tại xã"],
        "steps": [
            "Người yêu cầu nộp hồ sơ tại Bộ phận Tiếp nhận và trả kết quả của Ủy ban nhân dân cấp xã.",
            "Công chức tiếp nhận kiểm tra hồ sơ; nếu hồ sơ chưa đầy đủ thì hướng dẫn bổ sung ngay một lần.",
            "Người yêu cầu nhận kết quả tại nơi nộp hồ sơ hoặc qua dịch vụ bưu chính.",
        ],
        "submission": [
            {"method": "truc_tiep", "time": "Ngay trong ngày làm việc", "fee": "Miễn lệ phí"},
            {"method": "buu_chinh", "time": "Ngay trong ngày làm việc", "fee": "Miễn lệ phí"},
            {"method": "truc_tuyen", "time": "Ngay trong ngày làm việc", "fee": "Miễn lệ phí"},
        ],
        "dossier": [
            {"name": "Tờ khai theo mẫu quy định", "copies": "01 bản chính"},
            {"name": "Giấy tờ tùy thân có ảnh của người yêu cầu (Căn cước công dân, hộ chiếu)", "copies": "Xuất trình"},
        ],
        "processing_time": "Ngay trong ngày làm việc; nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày tiếp theo",
        "processing_days": 0,
        "fees": "Miễn lệ phí",
        "who_may_submit": "Người yêu cầu hoặc người được ủy quyền theo quy định của pháp luật",
        "agency": "Ủy ban nhân dân cấp xã",
        "result": "Giấy tờ do Ủy ban nhân dân cấp xã cấp",
        "legal_basis": ["Luật Hộ tịch số 60/2014/QH13", "Nghị định số 123/2015/NĐ-CP"],
        "effective_date": "2025-07-01",
        **extra,
    }


LONG_STEPS = [
    f"Bước {n}: Người yêu cầu chứng thực xuất trình bản chính hợp đồng, giao dịch và giấy tờ về quyền sở hữu, "
    "quyền sử dụng đất; công chức tư pháp - hộ tịch kiểm tra tính hợp lệ, năng lực hành vi dân sự, sự tự nguyện "
    "của các bên tham gia giao dịch, hướng dẫn đọc lại dự thảo, ký trước mặt người thực hiện chứng thực và ghi "
    "đầy đủ lời chứng theo mẫu; trường hợp phức tạp thì thời hạn được kéo dài nhưng không quá mười ngày làm việc."
    for n in range(1, 11)
]

BIRTH_FORM_FIELDS = [
    "Họ, chữ đệm, tên người yêu cầu",
    "Nơi cư trú",
    "Giấy tờ tùy thân",
    "Quan hệ với người được khai sinh",
    "Họ, chữ đệm, tên người được khai sinh",
    "Ngày, tháng, năm sinh",
    "Nơi sinh",
    "Họ, chữ đệm, tên người mẹ",
    "Họ, chữ đệm, tên người cha",
]

CATALOGUE = {
    "fields": [{"code": "HT", "name": "Hộ tịch"}, {"code": "CT", "name": "Chứng thực"}],
    "procedures": [
        _procedure(
            "1.001193", "Đăng ký khai sinh", "HT",
            dossier=[
                {"name": "Tờ khai đăng ký khai sinh theo mẫu", "copies": "01 bản chính",
                 "form": "to-khai-dang-ky-khai-sinh"},
                {"name": "Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh",
                 "copies": "01 bản chính"},
            ],
            forms=[{"slug": "to-khai-dang-ky-khai-sinh", "name": "Tờ khai đăng ký khai sinh",
                    "fields": BIRTH_FORM_FIELDS}],
            fees="Miễn lệ phí khi đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh)",
        ),
        _procedure("1.000656", "Đăng ký khai tử", "HT", fees="Miễn lệ phí đăng ký khai tử"),
        _procedure("1.000894", "Đăng ký kết hôn", "HT", fees="Miễn lệ phí đăng ký kết hôn giữa công dân Việt Nam"),
        _procedure(
            "1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "HT",
            fees="Lệ phí cấp Giấy xác nhận tình trạng hôn nhân theo mức Hội đồng nhân dân tỉnh quy định",
        ),
        _procedure(
            "2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
            "CT",
            submission=[
                {"method": "truc_tiep", "time": "Trong ngày làm việc", "fee": "2.000 đồng/trang theo mức quốc gia"},
                {"method": "buu_chinh", "time": "Trong ngày làm việc", "fee": "2.000 đồng/trang theo mức quốc gia"},
            ],
            fees=NATIONAL_COPY_FEE,
        ),
        _procedure("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "CT",
                   fees="Lệ phí chứng thực chữ ký 10.000 đồng/trường hợp"),
        _procedure(
            "2.001035",
            "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
            "CT", steps=LONG_STEPS, fees="Lệ phí chứng thực hợp đồng 50.000 đồng/hợp đồng",
        ),
    ],
}  # fmt: skip


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", _nfc(text)).strip()


def page_url(procedure: Procedure) -> str:
    return f"{SITE}/thu-tuc/{procedure.slug}/"


# --- test data ----------------------------------------------------------------------------------


@dataclass
class Catalogue:
    commune: object
    items: list[tuple[Procedure, PublishedProcedure | None]]
    field_items: list[tuple[Procedure, PublishedProcedure | None]]
    field: ProcedureField


@pytest.fixture
def catalogue(commune_a) -> Catalogue:
    load_catalogue(CATALOGUE)
    procedures = {p.code: p for p in Procedure.objects.filter(is_current=True)}
    with commune_scope(commune_a):
        desk = OneStopDesk.objects.create(
            commune=commune_a,
            name="Trung tâm Phục vụ hành chính công xã Định Biên",
            address="Thôn Bản Quyền, xã Định Biên, tỉnh Thái Nguyên",
            opening_hours="Sáng 7 giờ 30 - 11 giờ 30, chiều 13 giờ 30 - 17 giờ, từ thứ Hai đến thứ Sáu",
            phone="0208 3878 111",
        )
        published = {
            "2.000815": PublishedProcedure.objects.create(
                commune=commune_a, procedure=procedures["2.000815"], code="2.000815", desk=desk,
                official_in_charge="Bà Lường Thị Hương, công chức Tư pháp - Hộ tịch", local_fee=LOCAL_FEE,
                local_notes="Mang theo bản chính để đối chiếu.",
            ),
            "1.001193": PublishedProcedure.objects.create(
                commune=commune_a, procedure=procedures["1.001193"], code="1.001193", desk=desk,
            ),
        }  # fmt: skip
    items = [(procedures[p["code"]], published.get(p["code"])) for p in CATALOGUE["procedures"]]
    field = ProcedureField.objects.get(code="HT")
    return Catalogue(
        commune=commune_a, items=items, field=field, field_items=[(p, pub) for p, pub in items if p.field == field]
    )


_rendered: dict[str, Path] = {}


def _render_once(key: str, tmp_path_factory, render) -> Path:
    """Render a PDF once per run: the data is rebuilt for every test, but the output is the same."""
    if key not in _rendered:
        path = tmp_path_factory.mktemp("printing") / f"{key}.pdf"
        path.write_bytes(render())
        _rendered[key] = path
    return _rendered[key]


@pytest.fixture
def sheets_path(catalogue, tmp_path_factory) -> Path:
    return _render_once(
        "sheets",
        tmp_path_factory,
        lambda: posting_sheets_pdf(
            commune=catalogue.commune, items=catalogue.items, page_url=page_url, survey_url=SURVEY_URL
        ),
    )


@pytest.fixture
def leaflet_path(catalogue, tmp_path_factory) -> Path:
    return _render_once(
        "leaflet",
        tmp_path_factory,
        lambda: leaflet_pdf(
            commune=catalogue.commune, field=catalogue.field, items=catalogue.field_items, page_url=page_url,
            list_url=f"{SITE}/thu-tuc/linh-vuc/ho-tich/",
        ),
    )  # fmt: skip


@pytest.fixture
def crowded_leaflet_path(catalogue, tmp_path_factory) -> Path:
    """Forty procedures in one field: more than five panels can hold."""

    def render() -> bytes:
        extra = [
            _procedure(
                f"9.{n:06d}", f"Thủ tục thử nghiệm số {n} về đăng ký, xác nhận giấy tờ hộ tịch", "HT",
                dossier=[{"name": f"Giấy tờ chứng minh thứ {k} của người yêu cầu", "copies": "01 bản sao"}
                         for k in range(1, 4)],
            )
            for n in range(1, 34)
        ]  # fmt: skip
        load_catalogue({"procedures": extra})
        items = [(p, None) for p in Procedure.objects.filter(field=catalogue.field, is_current=True)]
        assert len(items) == 37
        return leaflet_pdf(
            commune=catalogue.commune, field=catalogue.field, items=items, page_url=page_url,
            list_url=f"{SITE}/thu-tuc/linh-vuc/ho-tich/",
        )  # fmt: skip

    return _render_once("crowded-leaflet", tmp_path_factory, render)


Word = tuple[float, float, float, float, str]


def _words(path: Path) -> list[list[Word]]:
    """Words per page with their boxes (xMin, yMin, xMax, yMax, text), in points from the top left."""
    require_poppler()
    bbox = run_tool("pdftotext", "-bbox", str(path), "-")
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    return [
        [(*map(float, match.groups()[:4]), _nfc(html.unescape(match.group(5)))) for match in word.finditer(page)]
        for page in bbox.split("<page ")[1:]
    ]


def _page_texts(path: Path) -> list[str]:
    require_poppler()
    return [_squash(page) for page in run_tool("pdftotext", str(path), "-").split("\f")[:-1]]


def _info(path: Path) -> tuple[float, float, int]:
    require_poppler()
    info = run_tool("pdfinfo", str(path))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    return width, height, int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _assert_only_liberation_serif(path: Path) -> None:
    require_poppler()
    rows = run_tool("pdffonts", str(path)).splitlines()[2:]
    assert rows
    for row in rows:
        name, embedded = row.split()[0], row.split()[-5]
        # A DejaVu (or any other) fallback would mean some Vietnamese glyph was missing.
        assert re.sub(r"[-_ ]", "", name.split("+")[-1]).startswith("LiberationSerif"), row
        assert embedded == "yes", row


def _sheet_starts(words: list[list[Word]]) -> dict[str, int]:
    """Page index of each procedure's first sheet, found by its "Mã: …" line."""
    starts = {}
    for index, page in enumerate(words):
        for position, (_, _, _, _, text) in enumerate(page):
            if text == "Mã:" and position + 1 < len(page):
                starts[page[position + 1][4]] = index
    return starts


# --- QR -----------------------------------------------------------------------------------------


def test_qr_svg_is_inline_svg_with_a_view_box_and_no_xml_declaration():
    svg = qr_svg(f"{SITE}/thu-tuc/dang-ky-khai-sinh/")
    assert svg.startswith("<svg")
    assert "<?xml" not in svg
    assert 'viewBox="0 0 ' in svg
    assert "width=" not in svg.split(">")[0]  # sized by CSS, not by the SVG


def test_qr_svg_uses_error_correction_level_m():
    url = f"{SITE}/thu-tuc/dang-ky-khai-sinh/"
    assert qr_svg(url) == segno.make(url, error="m").svg_inline(omitsize=True, svgclass="qr", lineclass=None)
    assert segno.make(url, error="m").error == "M"


def _dark_box(image: Image.Image) -> tuple[int, int, int, int]:
    box = image.point(lambda value: 255 if value < 128 else 0).getbbox()
    assert box is not None, "no QR code where the caption says it is"
    return box


def _read_matrix(image: Image.Image, *, size: int) -> list[list[int]]:
    """The modules of the QR code in ``image`` (cropped around it), read at the centre of each module."""
    left, top, right, bottom = _dark_box(image)
    step_x, step_y = (right - left) / size, (bottom - top) / size

    def dark(x: int, y: int) -> int:
        return int(image.getpixel((int(left + (x + 0.5) * step_x), int(top + (y + 0.5) * step_y))) < 128)

    return [[dark(x, y) for x in range(size)] for y in range(size)]


def _qr_above_caption(path: Path, words: list[Word], *, page: int, first_word: str, dpi: int = 300) -> Image.Image:
    """Crop the page image to the QR code drawn just above the caption that starts with ``first_word``.

    The sheet draws each code 27 mm square, centred over its caption; the crop takes a little more
    than that and stops short of the banner's rule above and of the neighbouring code.
    """
    caption = next(w for w in words if w[4] == first_word and w[1] < A4_LONG / 2)
    line = [caption]
    for word in sorted((w for w in words if abs(w[1] - caption[1]) < 1 and w[0] > caption[0]), key=lambda w: w[0]):
        if word[0] - line[-1][2] > 2 * MM:  # the next caption, under the neighbouring code
            break
        line.append(word)
    centre = (line[0][0] + line[-1][2]) / 2
    prefix = Path(path.parent / f"page-{page}-{dpi}")
    run_tool("pdftoppm", "-r", str(dpi), "-f", str(page + 1), "-l", str(page + 1), "-gray", "-png", "-singlefile",
         str(path), str(prefix))  # fmt: skip
    scale = dpi / 72
    with Image.open(f"{prefix}.png") as image:
        return image.convert("L").crop(
            (
                int((centre - 14.5 * MM) * scale),
                int((caption[1] - 28.5 * MM) * scale),
                int((centre + 14.5 * MM) * scale),
                int((caption[1] - 0.3 * MM) * scale),
            )
        )


def test_sheet_qr_codes_print_exactly_the_symbols_of_the_page_and_survey_urls(sheets_path, catalogue):
    words = _words(sheets_path)
    starts = _sheet_starts(words)
    for procedure, _ in catalogue.items:
        page = starts[procedure.code]
        expected = [list(row) for row in segno.make(page_url(procedure), error="m").matrix]
        image = _qr_above_caption(sheets_path, words[page], page=page, first_word="Quét")
        assert _read_matrix(image, size=len(expected)) == expected, procedure.code
    page = starts[catalogue.items[0][0].code]
    survey = [list(row) for row in segno.make(SURVEY_URL, error="m").matrix]
    image = _qr_above_caption(sheets_path, words[page], page=page, first_word="Đánh")
    assert _read_matrix(image, size=len(survey)) == survey


def test_sheet_html_embeds_the_qr_svg_of_each_page_url(catalogue):
    page = posting_sheets_html(commune=catalogue.commune, items=catalogue.items, page_url=page_url)
    for procedure, _ in catalogue.items:
        assert qr_svg(page_url(procedure)) in page
    assert "Đánh giá mức độ hài lòng" not in page  # no survey QR without a survey URL


def test_sheet_html_can_carry_a_survey_qr_of_its_own_for_each_procedure(catalogue):
    survey = lambda procedure: f"{SURVEY_URL}?thu-tuc={procedure.code}"  # noqa: E731
    page = posting_sheets_html(commune=catalogue.commune, items=catalogue.items, page_url=page_url, survey_url=survey)
    assert page.count("Đánh giá mức độ hài lòng") == len(catalogue.items)
    for procedure, _ in catalogue.items:
        assert qr_svg(survey(procedure)) in page


# --- posting sheets -----------------------------------------------------------------------------


def test_sheets_are_a4_portrait_with_at_least_a_page_per_procedure(sheets_path, catalogue):
    assert sheets_path.read_bytes().startswith(b"%PDF")
    width, height, pages = _info(sheets_path)
    assert abs(width - A4_SHORT) < 1
    assert abs(height - A4_LONG) < 1
    assert pages >= len(catalogue.items)


def test_each_procedure_starts_at_the_top_of_its_own_page(sheets_path, catalogue):
    words = _words(sheets_path)
    starts = _sheet_starts(words)
    codes = [procedure.code for procedure, _ in catalogue.items]
    assert list(starts) == codes  # one start per procedure, in order
    assert len(set(starts.values())) == len(codes)
    for procedure, _ in catalogue.items:
        page = words[starts[procedure.code]]
        top = " ".join(text for _, y_min, _, _, text in page if y_min < A4_LONG * 0.4)
        assert _squash(procedure.name) in top, procedure.code
        assert f"Mã: {procedure.code} — phiên bản {procedure.version}" in top


def test_a_long_procedure_runs_on_to_a_page_headed_with_its_name(sheets_path, catalogue):
    words = _words(sheets_path)
    starts = _sheet_starts(words)
    texts = _page_texts(sheets_path)
    long_one = next(p for p, _ in catalogue.items if p.code == "2.001035")
    first = starts[long_one.code]
    continued = texts[first + 1 :]
    assert continued, "the ten long steps should not fit on one page"
    for text in continued:
        assert text.startswith(f"{_squash(long_one.name)} (tiếp theo)")
    assert "Căn cứ pháp lý" in continued[-1]
    # Sheets that fit on one page carry no continuation header.
    assert "(tiếp theo)" not in texts[starts["1.001193"]]


def test_sheets_embed_only_liberation_serif(sheets_path):
    _assert_only_liberation_serif(sheets_path)


def test_sheet_wording_header_sections_and_footer(sheets_path, catalogue):
    words = _words(sheets_path)
    page = _page_texts(sheets_path)[_sheet_starts(words)["1.001193"]]
    assert page.startswith("ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN THỦ TỤC HÀNH CHÍNH NIÊM YẾT CÔNG KHAI")
    assert "LĨNH VỰC: HỘ TỊCH" in page
    sections = [
        "1. Trình tự thực hiện", "2. Cách thức thực hiện", "3. Thành phần hồ sơ", "4. Thời hạn giải quyết",
        "5. Phí, lệ phí", "6. Đối tượng, người nộp hồ sơ", "7. Kết quả", "8. Nơi tiếp nhận hồ sơ và trả kết quả",
        "Căn cứ pháp lý",
    ]  # fmt: skip
    positions = [page.index(section) for section in sections]
    assert positions == sorted(positions)
    for text in ("Nộp trực tiếp", "Qua dịch vụ bưu chính", "Nộp trực tuyến", "Giấy tờ Số lượng",
                 "Giấy chứng sinh hoặc văn bản", "(có mẫu đơn: quét mã QR để tải)", "Luật Hộ tịch số 60/2014/QH13",
                 "Quét mã để xem và tải mẫu đơn", "Đánh giá mức độ hài lòng"):  # fmt: skip
        assert text in page, text
    assert f"Niêm yết ngày {format_date_short(timezone.localdate())}" in page
    assert page.endswith("Cập nhật theo phiên bản 1")


def test_sheet_shows_the_local_fee_instead_of_the_national_one(sheets_path):
    copy_sheet = _sheet_text(sheets_path, "2.000815")
    assert _squash(LOCAL_FEE) in copy_sheet
    assert copy_sheet.count("5.000 đ/bản") == 2  # once in the table (one merged cell), once under "Phí, lệ phí"
    assert NATIONAL_COPY_FEE not in copy_sheet
    assert "theo mức quốc gia" not in copy_sheet
    # Without a local fee the national text stays.
    assert "Lệ phí chứng thực chữ ký 10.000 đồng/trường hợp" in _sheet_text(sheets_path, "2.000884")


def _sheet_text(path: Path, code: str) -> str:
    """All pages of one procedure's sheet, from its first page to the next procedure's."""
    starts = sorted(_sheet_starts(_words(path)).items(), key=lambda item: item[1])
    texts = _page_texts(path)
    index = [c for c, _ in starts].index(code)
    end = starts[index + 1][1] if index + 1 < len(starts) else len(texts)
    return " ".join(texts[starts[index][1] : end])


def test_sheet_names_the_desk_its_hours_and_the_official_in_charge(sheets_path):
    copy_sheet = _sheet_text(sheets_path, "2.000815")
    for text in (
        "Nơi tiếp nhận: Trung tâm Phục vụ hành chính công xã Định Biên",
        "Địa chỉ: Thôn Bản Quyền, xã Định Biên, tỉnh Thái Nguyên; Điện thoại: 0208 3878 111",
        "Giờ tiếp nhận: Sáng 7 giờ 30 - 11 giờ 30",
        "Công chức phụ trách: Bà Lường Thị Hương",
        "Lưu ý: Mang theo bản chính để đối chiếu.",
    ):
        assert text in copy_sheet, text
    # A procedure the commune has not published yet points at the committee itself.
    assert "Nơi tiếp nhận: Ủy ban nhân dân xã Định Biên" in _sheet_text(sheets_path, "2.000884")


def _first_height(words: list[Word], text: str) -> float:
    return next(y_max - y_min for _, y_min, _, y_max, word in words if word == text)


def test_sheet_type_is_large_enough_to_read_on_a_wall(sheets_path):
    words = _words(sheets_path)
    page = words[_sheet_starts(words)["1.000656"]]
    # pdftotext boxes span ascent to descent, about 1.1 em in Liberation Serif; words in reading order.
    assert _first_height(page, "khai") >= 20 * 1.05  # the title, "Đăng ký khai tử"
    assert _first_height(page, "Người") >= 14 * 1.05  # the first step
    assert _first_height(page, "Nộp") >= 14 * 1.05  # the table
    body = [y_max - y_min for _, y_min, _, y_max, _ in page if y_min < A4_LONG - 16 * MM]  # above the footer
    assert sorted(body)[len(body) // 10] >= 14 * 1.05  # at least nine words in ten are body size or larger


def test_sheet_html_escapes_catalogue_text(catalogue):
    procedure = catalogue.items[0][0]
    procedure.name = "Đăng ký <b>khai sinh</b> & nhận cha, mẹ, con"
    page = posting_sheets_html(commune=catalogue.commune, items=[(procedure, None)], page_url=page_url)
    assert "&lt;b&gt;khai sinh&lt;/b&gt; &amp; nhận" in page
    assert 'data-continued="Đăng ký &lt;b&gt;' in page


# --- leaflet ------------------------------------------------------------------------------------


def test_leaflet_is_two_landscape_a4_pages(leaflet_path):
    width, height, pages = _info(leaflet_path)
    assert (round(width), round(height), pages) == (842, 595, 2)


def test_leaflet_lists_every_procedure_of_its_field_and_no_other(leaflet_path, catalogue):
    text = " ".join(_page_texts(leaflet_path))
    for procedure, _ in catalogue.items:
        assert (_squash(procedure.name) in text) == (procedure.field == catalogue.field), procedure.name
    assert "Xem đủ" not in text


def test_leaflet_cover_is_the_front_right_panel(leaflet_path):
    words = _words(leaflet_path)
    front = _page_texts(leaflet_path)[0]
    assert "Hướng dẫn thủ tục hành chính lĩnh vực Hộ tịch" in front
    assert "Trung tâm Phục vụ hành chính công xã Định Biên" in front
    assert "Điện thoại: 0208 3878 111" in front
    cover_words = [w for w in words[0] if w[4] in {"Hướng", "ỦY", "Quét"}]
    assert cover_words
    assert all(w[0] > 842 * 2 / 3 for w in cover_words)


def _assert_inside_panels(words: list[list[Word]]) -> None:
    folds = (842 / 3, 842 * 2 / 3)
    for page in words:
        assert page
        for x_min, y_min, x_max, y_max, text in page:
            for fold in folds:
                assert not (x_min < fold < x_max), f"«{text}» crosses the fold at {fold:.0f} pt"
            assert x_min > 4 * MM, text
            assert x_max < 842 - 4 * MM, text
            assert y_min > 4 * MM, text
            assert y_max < 595 - 4 * MM, text  # nothing cut off at the panel's foot


def test_leaflet_text_never_crosses_a_fold(leaflet_path):
    _assert_inside_panels(_words(leaflet_path))


def test_leaflet_type_is_at_least_10_pt(leaflet_path):
    words = [w for page in _words(leaflet_path) for w in page]
    body = [w for w in words if w[4] in {"Cần", "Thời", "bản"}]
    assert body
    assert min(y_max - y_min for _, y_min, _, y_max, _ in body) >= 10 * 1.05


def test_crowded_leaflet_shows_what_fits_and_points_to_the_full_list(crowded_leaflet_path):
    words = _words(crowded_leaflet_path)
    assert _info(crowded_leaflet_path)[2] == 2
    _assert_inside_panels(words)
    text = " ".join(_page_texts(crowded_leaflet_path))
    # The address may break over two lines of the narrow panel (pdftotext then drops the hyphen).
    assert "Xemđủ37thủtụctạidinhbien.gov.vn/thutuc/linhvuc/hotich" in re.sub(r"[\s-]", "", text)
    shown = len(re.findall(r"Cần mang:", text))
    assert 10 <= shown < 37
    assert text.count("Xem đủ") == 1
    # The "see all" line ends the back panel, the middle third of the outside page.
    (more,) = [w for w in words[0] if w[4] == "Xem"]
    assert 842 / 3 < more[0] < 842 * 2 / 3


def test_short_field_leaflet_uses_larger_type_spread_over_the_inside(leaflet_path):
    words = _words(leaflet_path)
    labels = [w for w in words[1] if w[4] == "Cần"]  # "Cần mang:" opens each brief
    assert len(labels) == 4
    assert min(y_max - y_min for _, y_min, _, y_max, _ in labels) >= 12 * 1.05
    assert {int(w[0] // (842 / 3)) for w in labels} == {0, 1, 2}  # all three inside panels used
    front = _page_texts(leaflet_path)[0]
    assert "Các bước làm thủ tục".upper() in front  # the empty flap explains the steps instead
    assert "dichvucong.gov.vn" in front


def test_crowded_leaflet_fills_panels_in_reading_order(catalogue):
    """Inside panels first, then the flap and the back; the "see all" line ends the back panel."""
    names = [f"Thủ tục rất dài số {n:02d} " + "về việc xác nhận, đăng ký giấy tờ " * 3 for n in range(1, 41)]
    procedure = catalogue.field_items[0][0]
    items = []
    for name in names:
        clone = Procedure(**{f.attname: getattr(procedure, f.attname) for f in Procedure._meta.concrete_fields})
        clone.name = name
        items.append((clone, None))
    page = leaflet_html(
        commune=catalogue.commune, field=catalogue.field, items=items, page_url=page_url,
        list_url=f"{SITE}/thu-tuc/linh-vuc/ho-tich/",
    )  # fmt: skip
    outside, inside = page.split('<div class="side inside">')
    shown_inside = [n for n in names if n.strip() in inside]
    shown_outside = [n for n in names if n.strip() in outside]
    assert shown_inside == names[: len(shown_inside)]
    assert shown_outside == names[len(shown_inside) : len(shown_inside) + len(shown_outside)]
    assert outside.index("Xem đủ 40 thủ tục") > outside.index(shown_outside[-1].strip())


# --- blank form ---------------------------------------------------------------------------------


@pytest.fixture
def form(catalogue) -> Document:
    template = FormTemplate.objects.get(slug="to-khai-dang-ky-khai-sinh")
    return Document(BytesIO(form_docx(template, commune=catalogue.commune)))


def _texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.strip()]


def test_form_is_a4_in_times_new_roman_13_to_14_pt(form):
    section = form.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    assert form.styles["Normal"].font.name == "Times New Roman"
    sizes = {run.font.size.pt for p in form.paragraphs for run in p.runs if run.font.size}
    assert sizes
    assert all(13 <= size <= 14 for size in sizes)


def test_form_opens_with_the_national_motto_and_the_form_name_in_capitals(form):
    texts = _texts(form)
    assert texts[:4] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Kính gửi: Ủy ban nhân dân xã Định Biên",
    ]
    centred = [p for p in form.paragraphs if p.text in texts[:4]]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in centred)
    assert all(run.bold for p in centred[:3] for run in p.runs)


def test_form_lists_each_field_with_a_dotted_leader_to_the_right_margin(form):
    section = form.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    lines = [p for p in form.paragraphs if "\t" in p.text]
    assert [p.text.split(":\t")[0] for p in lines] == BIRTH_FORM_FIELDS
    for paragraph in lines:
        assert paragraph.text.endswith(":\t")
        assert "…" not in paragraph.text  # the leader draws the dots
        assert "..." not in paragraph.text
        (stop,) = paragraph.paragraph_format.tab_stops
        assert stop.alignment == WD_TAB_ALIGNMENT.RIGHT
        assert stop.leader == WD_TAB_LEADER.DOTS
        assert abs(stop.position - text_width) < Mm(1)


def test_form_ends_with_place_date_and_signature_on_the_right(form):
    texts = _texts(form)
    assert texts[-3:] == ["……, ngày …… tháng …… năm ……", "NGƯỜI YÊU CẦU", "(Ký, ghi rõ họ tên)"]
    section = form.sections[0]
    half = (section.page_width - section.left_margin - section.right_margin) / 2
    for paragraph in form.paragraphs[-3:]:
        assert paragraph.paragraph_format.left_indent >= half - Mm(1)
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


# --- file names ---------------------------------------------------------------------------------


def test_filenames_are_ascii_slugs():
    assert filename("niem-yet", "dang-ky-khai-sinh", "pdf") == "niem-yet-dang-ky-khai-sinh.pdf"
    assert filename("tờ gấp", "Hộ tịch", ".PDF") == "to-gap-ho-tich.pdf"
    assert filename("mau-don", "to-khai-dang-ky-khai-sinh", "docx") == "mau-don-to-khai-dang-ky-khai-sinh.docx"
    assert filename("niêm yết", "Đăng ký kết hôn", "pdf").isascii()
