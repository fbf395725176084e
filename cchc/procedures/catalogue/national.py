"""Reading the list of procedures the national procedure database exports for a province's published set.

The list (and the appendix of a province's decision publishing its set, laid out the same way) has
one procedure a row under a header row found by its words, wherever it is: merged title rows above
it, headers with or without tones, fields as a column or as heading rows ("I. Lĩnh vực Hộ tịch"),
levels as a column or as heading rows ("B. Thủ tục hành chính cấp xã"). Only commune-level rows
are kept. Such a list names a procedure, its field, time limit, fees and legal basis, not its
steps or dossier: a code the catalogue already holds keeps those of its current version, a new
code gets a line saying where to read them. docs/thu-tuc-quoc-gia.md lists the columns read and
which of them are confirmed against real exports.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from cchc.core.text import fold_vietnamese, slugify_vi

from .common import CONTENT_KEYS, CatalogueError

MAX_FILE_MB = 10
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
# An .xlsx is a zip: a small file can unpack to gigabytes, so its unpacked size is capped too.
MAX_UNPACKED_MB = 100
MAX_ROWS = 5000  # a province publishes a few thousand procedures at all levels, not more
HEADER_SCAN_ROWS = 30
COMMUNE_LEVEL = "Cấp xã"

# Headers as they read after folding (no tones, đ → d, lower case), words in parentheses dropped.
COLUMNS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu"),
    "code": (
        "ma thu tuc", "ma thu tuc hanh chinh", "ma so thu tuc", "ma so thu tuc hanh chinh", "ma so tthc", "ma tthc",
        "ma so", "ma",
    ),
    "name": ("ten thu tuc", "ten thu tuc hanh chinh", "ten tthc", "thu tuc hanh chinh", "ten thu tuc tthc"),
    "field": ("linh vuc", "ten linh vuc", "linh vuc thuc hien"),
    "level": ("cap thuc hien", "cap"),
    "time": ("thoi han giai quyet", "thoi gian giai quyet", "thoi han"),
    "place": ("dia diem thuc hien", "dia diem tiep nhan", "noi tiep nhan ho so"),
    "agency": ("co quan thuc hien", "co quan giai quyet", "co quan truc tiep thuc hien"),
    "fees": ("phi le phi", "phi va le phi", "muc phi le phi"),
    "fee": ("phi",),
    "charge": ("le phi",),
    "legal": ("can cu phap ly",),
    "methods": ("cach thuc thuc hien", "cach thuc nop ho so"),
    "online": (
        "muc do", "muc do dvc", "muc do dvctt", "muc do dich vu cong", "muc do dich vu cong truc tuyen",
        "muc do cung cap", "muc do cung cap dvc", "dich vu cong truc tuyen",
    ),
    "publisher": ("co quan cong bo",),
    "decision": ("quyet dinh cong bo", "so quyet dinh cong bo"),
    "kind": ("loai tthc", "loai thu tuc"),
    "audiences": ("doi tuong thuc hien",),
    "result": ("ket qua thuc hien", "ket qua giai quyet"),
    "steps": ("trinh tu thuc hien",),
    "dossier": ("thanh phan ho so", "thanh phan so luong ho so"),
    "conditions": ("yeu cau dieu kien", "yeu cau dieu kien thuc hien"),
}  # fmt: skip
ALIASES = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}

# What a page says when the list has no steps or dossier for a procedure. Catalogue content, not
# interface text: it is not translated, so the same file always gives the same version.
MISSING_STEPS = (
    "Trình tự thực hiện chi tiết: xem thủ tục này theo mã trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) "
    "hoặc hỏi Bộ phận Một cửa của Ủy ban nhân dân xã."
)
MISSING_DOSSIER = (
    "Thành phần hồ sơ theo thủ tục đã công bố: xem trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) "
    "hoặc hỏi Bộ phận Một cửa của Ủy ban nhân dân xã"
)
MISSING_RESULT = "Theo thủ tục đã công bố trên Cơ sở dữ liệu quốc gia về thủ tục hành chính"
MISSING_TIME = "Theo quyết định công bố thủ tục hành chính của Chủ tịch Ủy ban nhân dân tỉnh"
DEFAULT_AGENCY = "Ủy ban nhân dân cấp xã"
SOURCE = "Danh mục thủ tục hành chính theo mẫu của Cơ sở dữ liệu quốc gia về thủ tục hành chính"

CODE = re.compile(r"^(\d\.\d{6})(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$")  # 1.001193 or 1.001193.000.00.00.H42
OLD_CODE = re.compile(r"^[A-Z]-[A-Z]{3}-\d{6}-TT$")  # before 2017: T-HTI-096697-TT
NUMBERING = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")  # the "(1) (2) (3)" row under a header
HEADING_PREFIX = re.compile(
    r"^(?:(?:phan\s+)?(?:[ivxlc]+|\d+|[a-z])\s*[.):/\-–]\s*|(?:[ivxlc]+|\d+)\s+)?(?:linh\s*vuc\b\s*[:\-–]?\s*)?"
)
HEADING_COUNT = re.compile(r"\s*\(\s*\d+\s*(?:thu tuc|tthc)[^)]*\)\s*$")
LEVEL_HEADING = re.compile(r"\bcap\s+(?:xa|tinh|huyen|trung uong|bo)\b")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def header_key(text) -> str:
    """A header cell as the aliases spell it: folded, words in parentheses and punctuation dropped."""
    folded = fold_vietnamese(normalize(str(text or "")))
    folded = re.sub(r"\([^)]*\)", " ", folded)
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def field_code(name: str) -> str:
    """A field's code made from its name: the same name gives the same code on every import."""
    initials = "".join(w[0] for w in re.findall(r"[a-z0-9]+", fold_vietnamese(name))).upper()[:8] or "LV"
    return f"{initials}-{hashlib.sha1(slugify_vi(name).encode()).hexdigest()[:4].upper()}"  # noqa: S324 - a label


def processing_days(text: str) -> int | None:
    """Working days in a Vietnamese time limit: "03 ngày làm việc" → 3, "Ngay trong ngày" → 0, else None.

    The first statement wins ("03 ngày …; bổ sung thông tin: ngay trong ngày" → 3); months, and
    text without a number of days, give None.
    """
    folded = fold_vietnamese(normalize(text or "")).strip()
    if re.fullmatch(r"\d{1,4}", folded):
        days = int(folded)
        return days if days <= 3650 else None
    found: list[tuple[int, int | None]] = []
    if same_day := re.search(r"\b(?:ngay\s+)?trong\s+(?:ngay|buoi)\b|\bngay\s+(?:sau\s+)?khi\b", folded):
        found.append((same_day.start(), 0))
    if days := re.search(r"\b(\d{1,4})\s*ngay\b", folded):
        found.append((days.start(), int(days.group(1))))
    if hours := re.search(r"\b(\d{1,3})\s*gio\s+lam\s+viec\b", folded):
        found.append((hours.start(), math.ceil(int(hours.group(1)) / 8) if int(hours.group(1)) > 8 else 0))
    if months := re.search(r"\b\d{1,3}\s*thang\b", folded):
        found.append((months.start(), None))
    if not found:
        return None
    value = min(found, key=lambda pair: pair[0])[1]
    return value if value is None or value <= 3650 else None


def is_commune_level(level: str) -> bool:
    folded = fold_vietnamese(level).replace("thi xa", " ")  # a thị xã is a district-level town
    return bool(re.search(r"\bxa\b|\bphuong\b|\bthi tran\b", folded))


def split_list(text: str) -> list[str]:
    """A cell listing several things, one a line (or separated by ";" when on one line), bullets dropped."""
    parts = text.splitlines() if "\n" in text else text.split(";")
    cleaned = (re.sub(r"^\s*(?:[-+•*–]|\d{1,2}[.)])\s+", "", part).strip(" ;") for part in parts)
    return [part for part in cleaned if part]


def online_level(text: str) -> str:
    folded = fold_vietnamese(text)
    if "toan trinh" in folded or re.search(r"\b4\b", folded):
        return "toan_trinh"
    if "mot phan" in folded or re.search(r"\b3\b", folded):
        return "mot_phan"
    return ""


def methods(text: str) -> list[str]:
    folded = fold_vietnamese(text)
    found = []
    if "truc tiep" in folded:
        found.append("truc_tiep")
    if "buu chinh" in folded or "buu dien" in folded:
        found.append("buu_chinh")
    if "truc tuyen" in folded or "dich vu cong" in folded or "qua mang" in folded:
        found.append("truc_tuyen")
    return found


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = normalize(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _code(value) -> str | None:
    """The procedure's code, or None when it is not one; a code Excel turned into a number is read back."""
    # Codes always have six decimals, so a number has lost nothing but trailing zeros.
    text = f"{value:.6f}" if isinstance(value, float) else _cell_text(value).lstrip("'").replace(" ", "")
    if match := CODE.match(text):
        return match.group(1)
    return text if OLD_CODE.match(text) else None


def _slice_folded(original: str, pattern: re.Pattern, *, at_end: bool = False) -> str:
    """``original`` without what ``pattern`` matches on its folded form (folding keeps one letter a letter)."""
    folded = fold_vietnamese(original)
    match = pattern.search(folded)
    if not match or len(folded) != len(original):
        return original
    return original[: match.start()] if at_end else original[match.end() :]


def field_name(text: str) -> str:
    """A field as it should read: "I. LĨNH VỰC HỘ TỊCH (12 thủ tục)" → "Hộ tịch"."""
    name = _one_line(normalize(text))
    name = _slice_folded(name, HEADING_PREFIX).strip(" :.-–")
    name = _slice_folded(name, HEADING_COUNT, at_end=True).strip(" :.-–")
    if name.isupper():
        name = name.lower()
    return name[:1].upper() + name[1:]


@dataclass
class Header:
    sheet: str
    row: int  # as Excel numbers it
    columns: dict[str, int]  # column key → 0-based position
    read: list[str] = field(default_factory=list)  # the header cells recognised, as written
    ignored: list[str] = field(default_factory=list)  # the others


@dataclass
class Layout:
    """What was read, for the command to tell the person importing."""

    sheet: str
    header_row: int
    read: list[str]
    ignored: list[str]
    procedures: int = 0
    other_levels: int = 0
    repeated: int = 0
    inherited: int = 0
    skipped_levels: dict[str, int] = field(default_factory=dict)


def check_size(path: Path) -> None:
    """Refuse a file too big to be a list of procedures before anything parses it."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CatalogueError(
            [
                _("Tệp lớn quá %(limit)d MB; danh mục thủ tục của một tỉnh thường nhỏ hơn nhiều. Kiểm tra lại tệp.")
                % {"limit": MAX_FILE_MB}
            ]
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: openpyxl says why in its own words
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        raise CatalogueError(
            [_("Tệp Excel giải nén ra hơn %(limit)d MB; không đọc tệp này.") % {"limit": MAX_UNPACKED_MB}]
        )


def _columns(row) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, value in enumerate(row):
        key = ALIASES.get(header_key(value))
        if key and key not in columns:
            columns[key] = position
    return columns


def find_header(book) -> Header | None:
    """The first row, in the first rows of any sheet, that names a procedure column and two more."""
    for sheet in book.worksheets:
        for number, row in enumerate(sheet.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True), start=1):
            columns = _columns(row)
            if "name" not in columns or len(set(columns) - {"stt"}) < 3:
                continue
            if "code" not in columns:
                raise CatalogueError(
                    [
                        _(
                            "Trang «%(sheet)s», dòng %(row)d là dòng tiêu đề của danh mục thủ tục nhưng không có cột "
                            "«Mã thủ tục» (mã số TTHC). Xuất lại danh mục có cột mã rồi nạp lại."
                        )
                        % {"sheet": sheet.title, "row": number}
                    ]
                )
            titles = {i: _one_line(_cell_text(value)) for i, value in enumerate(row) if _cell_text(value)}
            used = set(columns.values())
            return Header(
                sheet.title,
                number,
                columns,
                read=[t for i, t in titles.items() if i in used],
                ignored=[t for i, t in titles.items() if i not in used],
            )
    return None


def _merged_down(sheet, header_row: int) -> dict[tuple[int, int], object]:
    """Cells under the first of a merged block take its value: a field written once for several rows."""
    filled: dict[tuple[int, int], object] = {}
    for block in sheet.merged_cells.ranges:
        if block.min_row <= header_row or block.max_row == block.min_row:
            continue
        value = sheet.cell(block.min_row, block.min_col).value
        for row in range(block.min_row + 1, block.max_row + 1):
            filled[(row, block.min_col)] = value
    return filled


@dataclass
class _Reader:
    header: Header
    layout: Layout
    errors: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    heading_field: str = ""
    heading_level: str = ""

    def where(self, number: int) -> str:
        return _("Trang «%(sheet)s», dòng %(row)d") % {"sheet": self.header.sheet, "row": number}

    def error(self, number: int, message: str, **values) -> None:
        self.errors.append(message % {"where": self.where(number), **values})

    def take(self, number: int, values: list) -> None:
        """Sort one row out: a procedure, a heading, or nothing to read (numbering, a repeated header, a footer)."""
        cells = {key: _cell_text(values[i]) if i < len(values) else "" for key, i in self.header.columns.items()}
        texts = [t for t in (_cell_text(v) for v in values) if t]
        if not texts or all(NUMBERING.match(t) for t in texts):
            return
        if any(ALIASES.get(header_key(cells[key])) == key for key in ("code", "name") if cells[key]):
            return  # the header again, as printed exports repeat it on every page
        raw = values[self.header.columns["code"]] if self.header.columns["code"] < len(values) else None
        code = _code(raw) if cells.get("code") else None
        heading = len(texts) <= 2 and not any(re.fullmatch(r"[\d.,]+", t) for t in texts)  # no number, no code
        if code or (cells.get("code") and not heading):
            context = {"_heading_field": self.heading_field, "_heading_level": self.heading_level}
            self.rows.append((number, cells | context | {"code": code or "", "_raw_code": _cell_text(raw)}))
        elif heading:  # «I. Lĩnh vực Hộ tịch», «B. Thủ tục hành chính cấp xã», a signature under the table
            self.heading(" ".join(dict.fromkeys(texts)))
        elif cells.get("name"):
            self.error(number, _("%(where)s: thủ tục «%(name)s» thiếu mã thủ tục."), name=_one_line(cells["name"]))
        else:
            self.error(number, _("%(where)s: dòng có dữ liệu nhưng không có mã và tên thủ tục."))

    def heading(self, text: str) -> None:
        folded = fold_vietnamese(text)
        if "linh vuc" not in folded and LEVEL_HEADING.search(folded):
            self.heading_level, self.heading_field = _one_line(text), ""
        else:
            self.heading_field = field_name(text)


@dataclass
class _Fields:
    """Fields by name: one the catalogue has (same slug) keeps its code, a new one gets a code from its name."""

    existing: dict[str, str]  # slug → code
    new: dict[str, dict] = field(default_factory=dict)

    def code_for(self, name: str) -> str:
        slug = slugify_vi(name)
        if slug in self.existing:
            return self.existing[slug]
        if slug not in self.new:
            code = field_code(name)
            taken = set(self.existing.values()) | {f["code"] for f in self.new.values()}
            if code in taken:  # two names, one code: four more letters of the name's hash
                code = f"{code}{hashlib.sha1(slug.encode()).hexdigest()[4:8].upper()}"  # noqa: S324 - a label
            self.new[slug] = {"code": code, "name": name}
        return self.new[slug]["code"]


def read_national(path: Path, header: Header) -> dict:
    """The list's commune-level procedures as catalogue data; CatalogueError with every bad row otherwise."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)  # not read-only: merged cells are needed
    except Exception as exc:  # a corrupt file raises anything from zipfile to KeyError
        raise CatalogueError([_("Không đọc được tệp Excel: %(reason)s") % {"reason": exc}]) from exc
    sheet = book[header.sheet]
    layout = Layout(header.sheet, header.row, header.read, header.ignored)
    reader = _Reader(header, layout)
    filled = _merged_down(sheet, header.row)
    counted = 0
    for number, values in enumerate(sheet.iter_rows(min_row=header.row + 1, values_only=True), start=header.row + 1):
        values = [filled.get((number, col), value) for col, value in enumerate(values, start=1)]
        if not any(v not in (None, "") for v in values):
            continue
        counted += 1
        if counted > MAX_ROWS:
            raise CatalogueError(
                [
                    _("Trang «%(sheet)s» có hơn %(limit)d dòng dữ liệu; tách tệp hoặc kiểm tra lại.")
                    % {"sheet": header.sheet, "limit": MAX_ROWS}
                ]
            )
        reader.take(number, values)
    book.close()
    return _catalogue(reader)


def _catalogue(reader: _Reader) -> dict:
    from ..models import Procedure, ProcedureField

    header, layout = reader.header, reader.layout
    fields = _Fields({f.slug: f.code for f in ProcedureField.objects.all()})
    commune_rows: list[tuple[int, dict[str, str], str, str]] = []
    seen: dict[str, tuple[int, str]] = {}
    current = {
        p.code: p
        for p in Procedure.objects.filter(code__in=[c["code"] for _n, c in reader.rows if c["code"]], is_current=True)
        .select_related("field")
        .prefetch_related("forms")
    }
    for number, cells in reader.rows:
        level = cells.get("level") or cells["_heading_level"]
        if "level" in header.columns and not level:
            reader.error(number, _("%(where)s: thiếu cấp thực hiện."))
            continue
        if level and not is_commune_level(level):
            layout.other_levels += 1
            layout.skipped_levels[_one_line(level)] = layout.skipped_levels.get(_one_line(level), 0) + 1
            continue
        code, name = cells["code"], _one_line(cells.get("name", ""))
        if not code:
            reader.error(
                number, _("%(where)s: mã thủ tục «%(code)s» không đúng dạng (ví dụ 1.001193)."), code=cells["_raw_code"]
            )
            continue
        if not name:
            reader.error(number, _("%(where)s: thủ tục mã %(code)s thiếu tên."), code=code)
            continue
        if code in seen and fold_vietnamese(seen[code][1]) == fold_vietnamese(name):
            layout.repeated += 1  # a procedure shared by two fields or levels is listed under each
            continue
        seen[code] = (number, name)
        if "time" in header.columns and not cells.get("time") and code not in current:
            reader.error(number, _("%(where)s: thủ tục mã %(code)s thiếu thời hạn giải quyết."), code=code)
            continue
        field_text = cells.get("field") or cells["_heading_field"]
        if not field_text:
            reader.error(
                number,
                _(
                    "%(where)s: thủ tục mã %(code)s thiếu lĩnh vực "
                    "(ô «Lĩnh vực» trống, không có dòng lĩnh vực phía trên)."
                ),
                code=code,
            )
            continue
        display = field_name(field_text)
        if len(display) > 160:
            reader.error(number, _("%(where)s: tên lĩnh vực dài quá 160 ký tự."))
            continue
        commune_rows.append((number, cells, fields.code_for(display), cells.get("level", "")))
    if reader.errors:
        raise CatalogueError(reader.errors)
    procedures = []
    for number, cells, code_of_field, level in commune_rows:
        item = _item(cells, code_of_field, level, current.get(cells["code"]), header)
        item["_row"] = reader.where(number)
        layout.inherited += cells["code"] in current
        procedures.append(item)
    if not procedures:
        raise CatalogueError(
            [
                _("Không có thủ tục cấp xã nào trong trang «%(sheet)s» (đã bỏ qua %(n)d thủ tục của cấp khác).")
                % {"sheet": header.sheet, "n": layout.other_levels}
            ]
        )
    layout.procedures = len(procedures)
    return {"fields": list(fields.new.values()), "life_events": [], "procedures": procedures, "_layout": layout}


def _snapshot(p) -> dict:
    """The current version as catalogue data, to keep what the list does not say."""
    forms = [{"slug": f.slug, "name": f.name, "fields": f.fields} for f in p.forms.all()]
    item = {key: getattr(p, key) for key in CONTENT_KEYS if key not in ("field", "forms", "effective_date")}
    item.update(
        code=p.code,
        field=p.field.code,
        forms=forms,
        effective_date=p.effective_date.isoformat() if p.effective_date else None,
    )
    return item


def _same_as_stored(snapshot: dict, p) -> dict:
    """The snapshot spelt as the stored version was: an absent key and an empty value hash differently."""
    from .loading import _hash

    if _hash(snapshot) == p.content_hash:
        return snapshot
    sparse = {k: v for k, v in snapshot.items() if _plain(k, v) is not None}
    without_forms = {k: v for k, v in snapshot.items() if k != "forms" or v}
    for candidate in (without_forms, sparse):
        if _hash(candidate) == p.content_hash:
            return candidate
    return snapshot


def _plain(key: str, value):
    """A value as the loader reads it: an absent key, an empty value and the loader's default are the same."""
    if value in ([], "", None) or (key == "level" and value == COMMUNE_LEVEL) or (key == "code_verified" and not value):
        return None
    return value


def _fees(cells: dict[str, str]) -> str:
    if cells.get("fees"):
        return cells["fees"]
    parts = [f"{label}: {cells[key]}" for key, label in (("fee", "Phí"), ("charge", "Lệ phí")) if cells.get(key)]
    return "; ".join(parts)


def _item(cells: dict[str, str], code_of_field: str, level: str, current, header: Header) -> dict:
    """One procedure: the list's values, else the current version's, else a line saying where to read them.

    ``level`` is the level column's text; a level read from a heading row is the commune's.
    """
    sheet = {
        "name": _one_line(cells["name"]),
        "field": code_of_field,
        "level": COMMUNE_LEVEL if fold_vietnamese(level).strip() in ("", "xa", "cap xa") else _one_line(level)[:60],
        "processing_time": cells.get("time", ""),
        "fees": _fees(cells),
        "legal_basis": split_list(cells.get("legal", "")),
        "agency": _one_line(cells.get("agency", "")),
        "online_level": online_level(cells.get("online", "")),
        "audiences": split_list(cells.get("audiences", "")),
        "steps": split_list(cells.get("steps", "")),
        "dossier": [{"name": line, "copies": ""} for line in split_list(cells.get("dossier", ""))],
        "result": cells.get("result", ""),
        "conditions": cells.get("conditions", ""),
    }
    given = {key: value for key, value in sheet.items() if value not in ("", [])}
    given["code"] = cells["code"]
    if "processing_time" in given:
        given["processing_days"] = processing_days(given["processing_time"])
    wanted = methods(cells.get("methods", ""))
    labels = (("publisher", "cơ quan công bố"), ("decision", "quyết định công bố"))
    source = "; ".join([SOURCE] + [f"{label}: {_one_line(cells[key])}" for key, label in labels if cells.get(key)])
    if current is not None:
        # Every key spelt out, so the version made now reads back the same and a re-import changes nothing.
        before = _snapshot(current)
        item = {**before, **given}
        if item.get("processing_time") == before.get("processing_time"):
            item["processing_days"] = before.get("processing_days")
        if wanted and sorted(wanted) != sorted(row.get("method") for row in before.get("submission") or []):
            kept = {row.get("method"): row for row in before.get("submission") or []}
            item["submission"] = [
                kept.get(m) or {"method": m, "time": item["processing_time"], "fee": item.get("fees") or ""}
                for m in wanted
            ]
        if all(_plain(key, item.get(key)) == _plain(key, before.get(key)) for key in CONTENT_KEYS):
            return _same_as_stored(before, current)  # so the loader sees it unchanged
        sources = list(before.get("sources") or [])
        item.update(code_verified=True, sources=[*sources, source] if source not in sources else sources)
        return item
    item = {
        "code": cells["code"],
        "level": COMMUNE_LEVEL,
        "agency": DEFAULT_AGENCY,
        "processing_time": "" if "time" in header.columns else MISSING_TIME,
        "processing_days": None,
        "fees": "",
        "legal_basis": [],
        "audiences": [],
        "online_level": "",
        "who_may_submit": "",
        "conditions": "",
        "keywords": [],
        "forms": [],
        "effective_date": None,
        "code_verified": True,
        "sources": [source],
        **given,
    }
    place = _one_line(cells.get("place", ""))
    item.setdefault("steps", [*([f"Nộp hồ sơ tại: {place}."] if place else []), MISSING_STEPS])
    item.setdefault("dossier", [{"name": MISSING_DOSSIER, "copies": ""}])
    item.setdefault("result", MISSING_RESULT)
    wanted = wanted or ["truc_tiep"] + (["truc_tuyen"] if item["online_level"] else [])
    item["submission"] = [{"method": m, "time": item["processing_time"], "fee": item["fees"]} for m in wanted]
    return item
