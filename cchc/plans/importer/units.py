"""Recognising unit names as plans write them ("Ban tài chính- Ngân sách", "Các cơ quan, đơn vị …")."""

from __future__ import annotations

import re

from cchc.core.text import fold_vietnamese

from .lines import fold_aligned

# First words that name a unit once "Các"/"Đề nghị" are set aside.
_ONE_WORD_HEADS = {
    "ban", "phong", "tram", "truong", "hoi", "doan", "nganh", "ubnd", "hdnd", "mttq", "thon", "xom", "dai",
    "vp", "ubmttq", "bch",
}  # fmt: skip
_TWO_WORD_HEADS = {
    "van phong", "cong chuc", "can bo", "uy ban", "hoi dong", "cong an", "quan su", "mat tran", "chi doan",
    "chi hoi", "co quan", "don vi", "trung tam", "bo phan", "dang uy", "chi bo", "doan the", "hop tac",
    "buu dien", "thu truong", "lanh dao", "chu tich", "bi thu", "to truong", "to dan", "to cong", "nguoi dung",
    "tu phap", "dia chinh", "tai chinh", "ke toan", "van hoa",
}  # fmt: skip
_THREE_WORD_HEADS = {"to chuc chinh", "to chuc doan", "pho chu tich"}
_SKIPPED_LEADS = ("de nghi ", "cac ", "nhung ")
# Words after a unit's name that start what it must do; the name is what comes before.
_DUTY_WORDS = (
    r"chu tri|phoi hop|co trach nhiem|chiu trach nhiem|tham muu|thuc hien|trien khai|xay dung|huong dan|theo doi|"
    r"tang cuong|cap nhat|dinh ky|thuong xuyen|can cu|chi dao|tuyen truyen|to chuc(?! chinh tri| doan the)|"
    r"lam|thong nhat|de|nham|trong|theo|kiem tra|ra soat|cung cap|dang tai|chuan bi|bao cao|danh gia|tham gia|"
    r"pho bien|bo tri|van dong|giai quyet|niem yet|tong hop|dam bao|bien tap|kich hoat|ho tro|tiep nhan|"
    r"chu dong|vao|tai|ve|cho|khi"
)
# A unit name ends at its place word ("Đoàn Thanh niên xã"); lower-case words after it are the duty.
_PLACE_END = re.compile(r"^(?P<name>.*\b(?:xa(?! hoi)|huyen|tinh|thon|xom))\s+(?P<rest>\S.*)$")
_DUTY = re.compile(rf"\b(?:{_DUTY_WORDS})\b")
# "Đài truyền thanh xã – phát sóng …": a spaced dash before a lower-case word ("Văn hóa - Xã hội" is a name)
_SPACED_DASH = re.compile(r"\s[-–—]\s+")
_COORDINATE = re.compile(r"\bphoi hop (?:voi|cung)\s+")
_LIST_END = re.compile(r"[.;:()]")
_COORDINATION_WINDOW = 500  # characters after "phối hợp với"; a list of units takes far fewer


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold_vietnamese(text))


def names_unit(text: str) -> bool:
    """Whether ``text`` starts with a unit name: "Ban …", "Công chức …", "Các cơ quan, đơn vị …"."""
    folded = " ".join(_words(text))
    for lead in _SKIPPED_LEADS:
        folded = folded.removeprefix(lead)
    words = folded.split()
    return (
        " ".join(words[:1]) in _ONE_WORD_HEADS
        or " ".join(words[:2]) in _TWO_WORD_HEADS
        or " ".join(words[:3]) in _THREE_WORD_HEADS
    )


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def unit_heading_name(text: str) -> str:
    """ "Đề nghị Ủy ban MTTQ xã:" → "Ủy ban MTTQ xã"."""
    name = text.strip().rstrip(":").strip()
    if fold_vietnamese(name).startswith("de nghi "):
        name = capitalised(name[len("de nghi ") :].strip())
    return name


def split_unit_prefix(text: str, *, strict: bool = False) -> tuple[str, str] | None:
    """ "Công an xã: bảo đảm an ninh …" → (unit, duty); "Đài truyền thanh xã – phát sóng …" → (unit, duty);
    "Công an xã chủ trì …" → (unit, whole text), unless ``strict`` (only a colon or a dash sets a unit apart)."""
    head, colon, rest = text.partition(":")
    if colon and rest.strip() and len(head.split()) <= 15 and names_unit(head):
        return unit_heading_name(head), rest.strip()
    dash = next((m for m in _SPACED_DASH.finditer(text) if text[m.end() : m.end() + 1].islower()), None)
    if dash and len(text[: dash.start()].split()) <= 12 and names_unit(text[: dash.start()]):
        return unit_heading_name(text[: dash.start()]), capitalised(text[dash.end() :].strip())
    if strict:
        return None
    folded = fold_aligned(text)
    match = _DUTY.search(folded, pos=1)
    if match:
        prefix = text[: match.start()].strip(" ,-–:")
        if prefix and len(prefix.split()) <= 12 and names_unit(prefix):
            return unit_heading_name(prefix), text
    return None


def _trim_after_place(piece: str) -> str:
    """ "Đoàn Thanh niên xã biên tập nội dung" → "Đoàn Thanh niên xã"; "UBND xã Định Biên" stays whole."""
    match = _PLACE_END.match(fold_aligned(piece))
    if match and piece[match.start("rest")].islower():
        return piece[: match.end("name")]
    return piece


def coordinating_units(text: str) -> list[str]:
    """The units after each "phối hợp với", as written ("Ban văn hóa"), when they name units."""
    folded = fold_aligned(text)
    found: list[str] = []
    for match in _COORDINATE.finditer(folded):
        start = match.end()
        # Look no further than a window: a text repeating "phối hợp với" would otherwise be read
        # to its end once per repetition (n²). A window cut keeps only the names it holds whole.
        window = min(len(text), start + _COORDINATION_WINDOW)
        punctuation = _LIST_END.search(text, start, window)
        stop = punctuation.start() if punctuation else window
        if not punctuation and window < len(text):
            stop = max(start, text.rfind(",", start, window))
        duty = _DUTY.search(folded, start, stop)
        if duty:
            stop = duty.start()
        kept: list[str] = []
        for piece in text[start:stop].split(","):
            piece = _trim_after_place(piece.strip(" -–"))
            if not piece or not (names_unit(piece) or (kept and _words(piece)[:1] == ["va"])):
                break
            kept.append(piece)
        name = ", ".join(kept)
        if name and capitalised(name) not in found:
            found.append(capitalised(name))
    return found


def split_unit_list(cell: str) -> list[str]:
    """A table's "Đơn vị phối hợp" cell: one unit per line or ";", or per "," when every piece is one."""
    pieces = [piece.strip(" -–;,.") for piece in re.split(r"[;\n]", cell)]
    units: list[str] = []
    for piece in filter(None, pieces):
        commas = [part.strip() for part in piece.split(",") if part.strip()]
        separate = len(commas) > 1 and all(names_unit(part) and len(part.split()) > 1 for part in commas)
        units += commas if separate else [piece]  # "Các ban, ngành, đoàn thể" stays one collective
    return units
