"""The top of the document (Decree 30/2020): issuer, number, place and date, type and title.

A two-column Word header pasted as text lands on one line with the columns separated by runs of
spaces or tabs, so each line is cut into parts and every part is recognised on its own.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cchc.core.text import fold_vietnamese

from .lines import Line, collapse, ends_sentence, fold_aligned, is_caps, is_rule, parse_marker, word_count
from .parsed import ParsedPlan, Unplaced

REASON_HEADER = _("Không nhận ra dòng này ở phần đầu văn bản (cơ quan ban hành, số, ngày tháng)")
REASON_REPEATED = _("Phần đầu văn bản đã có thông tin này; dòng lặp lại chưa được dùng")
_ONCE = ("number", "date", "doc_type")  # a second one would overwrite the first

DOC_TYPES = {
    "kehoach": "KẾ HOẠCH",
    "baocao": "BÁO CÁO",
    "quyetdinh": "QUYẾT ĐỊNH",
    "chuongtrinh": "CHƯƠNG TRÌNH",
    "thongbao": "THÔNG BÁO",
    "huongdan": "HƯỚNG DẪN",
}
_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam")
_SLOGAN = re.compile(r"^doc lap\s*(?:[-–—]\s*)?tu do\s*(?:[-–—]\s*)?hanh phuc$")
# Every optional part owns the spaces after it: "\s*(?:X\s*)?" and never "\s*X?\s*", whose two
# runs can share a long run of spaces in n² ways. Every pattern used with search() starts with a
# literal word, so a failed attempt costs only the spaces and digits after that word.
_NUMBER = re.compile(
    r"\bso\s*(?::\s*(?:(?P<n1>\d+)\s*)?|(?P<n2>\d+)(?=\s*/)\s*)"
    r"(?:/\s*(?P<sym>[a-z0-9][a-z0-9.\-]*[a-z0-9]))?(?![a-z0-9])"
)
_BLANK = r"(?:…+|\.{2,}|_+)"
_DATE_FROM_DAY = (
    rf"\bngay\s*(?:(?P<d>\d{{1,2}}|{_BLANK})\s*)?"
    rf"(?:thang\s*(?:(?P<m>\d{{1,2}}|{_BLANK})\s*)?nam\s*(?P<y>\d{{4}}|{_BLANK})?"
    rf"|/\s*(?P<m2>\d{{1,2}})\s*/\s*(?P<y2>\d{{4}}))"
)
_DAY = re.compile(_DATE_FROM_DAY)
# "Định Biên, ngày …": only ever matched from a known start (fullmatch of one part), never searched
# for, because a search would try it at every word of a long line and read to the line's end each time.
_DATE = re.compile(rf"(?:(?P<place>(?:[a-z][a-z0-9]*|{_BLANK})(?: [a-z][a-z0-9]*)*)\s*,\s*)?{_DATE_FROM_DAY}")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_WORD_CHARS = _LETTERS | frozenset("0123456789")
_ISSUER_STARTS = (
    "ubnd", "uy ban", "hdnd", "hoi dong", "dang uy", "dang bo", "ban ", "so ", "phong ", "van phong",
    "mat tran", "cong an", "truong ", "tram ", "xa ", "huyen ", "tinh ", "thanh pho", "thi xa", "thi tran",
)  # fmt: skip
_INCOMPLETE_ISSUERS = {"uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd", "dang uy", "ban chap hanh"}
_TITLE_STOPS = (
    "thuc hien ", "nham ", "de ", "trien khai ", "theo ", "tren co so ", "xet ", "ubnd ", "uy ban nhan dan ",
    "tren day la ",
)  # fmt: skip
_SEARCH_LINES = 15


@dataclass
class HeaderResult:
    next_index: int  # first line of the body
    year_hint: int | None = None  # "ngày … tháng … năm 2022": a year without a full date
    issuers: list[str] = field(default_factory=list)


def doc_type_of(text: str) -> str | None:
    """ "KẾ HOẠCH", " KẾ  HOẠCH ": the canonical type when ``text`` is one, in capitals."""
    if not is_caps(text):
        return None
    return DOC_TYPES.get(re.sub(r"\s+", "", fold_vietnamese(text)))


def _place_start(folded: str, day: int, floor: int) -> int:
    """Where the place before a date starts ("Định Biên, ngày …"), or ``day`` when there is none.

    Reads back from "ngày" over the comma and the words before it, as far as ``_DATE``'s place
    reaches (words joined by single spaces, the first of them possibly a blank "……"), never before
    ``floor``: each character is read a bounded number of times, however long the line.
    """
    end = day
    while end > floor and folded[end - 1].isspace():
        end -= 1
    if end <= floor or folded[end - 1] != ",":
        return day
    end -= 1
    while end > floor and folded[end - 1].isspace():
        end -= 1
    start = None
    while True:  # words, right to left
        run = end
        while run > floor and folded[run - 1] in _WORD_CHARS:
            run -= 1
        letter = next((index for index in range(run, end) if folded[index] in _LETTERS), None)
        if letter is None:
            break
        start = letter
        if letter > run or letter - 1 <= floor or folded[letter - 1] != " ":
            return start  # a digit or the line's start before it: no word can join from the left
        end = letter - 1
    kind = folded[end - 1] if end > floor else ""
    if kind in ("…", ".", "_"):  # the place left blank: "……, ngày … tháng … năm …"
        blank = end
        while blank > floor and folded[blank - 1] == kind:
            blank -= 1
        if kind != "." or end - blank >= 2:
            return blank
    return day if start is None else start


def _date_spans(folded: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    floor = 0
    for day in _DAY.finditer(folded):
        if day.start() < floor:
            continue
        spans.append((_place_start(folded, day.start(), floor), day.end()))
        floor = day.end()
    return spans


def split_parts(text: str) -> list[str]:
    """Cut a line at runs of 2+ spaces or tabs, keeping "Số:    /KH" and dates with blanks whole."""
    text = text.strip()
    folded = fold_aligned(text)
    spans: list[tuple[int, int]] = [(match.start(), match.end()) for match in _NUMBER.finditer(folded)]
    numbers = sorted(spans)
    for start, end in _date_spans(folded):
        if not _overlaps(numbers, start, end):
            spans.append((start, end))
    parts: list[str] = []
    position = 0
    for start, end in [*sorted(spans), (len(text), len(text))]:
        parts += [piece.strip() for piece in re.split(r"\s{2,}|\t", text[position:start]) if piece.strip()]
        if end > start:
            parts.append(text[start:end].strip())
        position = end
    return parts


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint ``spans``."""
    index = bisect.bisect_left(spans, (end, end))
    return index > 0 and spans[index - 1][1] > start


def _number_date_kind(part: str) -> tuple[str, re.Match[str] | None]:
    folded = fold_aligned(part.rstrip(" .,;"))
    for kind, pattern in (("number", _NUMBER), ("date", _DATE)):
        match = pattern.fullmatch(folded)
        if match:
            return kind, match
    return "", None


def classify(part: str) -> tuple[str, re.Match[str] | None]:
    """What a header part is: rule, motto, slogan, number, date, doc_type, caps (an issuer?) or ""."""
    folded = collapse(fold_vietnamese(part))
    if is_rule(part):
        return "rule", None
    if _MOTTO.search(folded):
        return "motto", None
    if _SLOGAN.match(folded):
        return "slogan", None
    kind, match = _number_date_kind(part)
    if kind:
        return kind, match
    if doc_type_of(part):
        return "doc_type", None
    if is_caps(part):
        return "caps", None
    return "", None


def _is_issuer(part: str) -> bool:
    return fold_vietnamese(collapse(part)).startswith(_ISSUER_STARTS)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


class _Reader:
    def __init__(self, plan: ParsedPlan) -> None:
        self.plan = plan
        self.result = HeaderResult(next_index=0)
        self.seen: set[str] = set()

    def apply(self, part: str, kind: str, match: re.Match[str] | None, line_no: int) -> None:
        if kind in _ONCE and kind in self.seen:
            self.plan.unplaced.append(Unplaced(line=line_no, text=collapse(part), reason=str(REASON_REPEATED)))
            return
        self.seen.add(kind)
        if kind == "number" and match:
            self.plan.number = match.group("n1") or match.group("n2") or ""
            if match.group("sym"):
                self.plan.symbol = part.rstrip(" .,;")[match.start("sym") : match.end("sym")]
        elif kind == "date" and match:
            self._apply_date(part, match)
        elif kind == "doc_type":
            self.plan.doc_type = doc_type_of(part) or self.plan.doc_type
        elif kind == "caps":
            self.result.issuers.append(collapse(part))

    def _apply_date(self, part: str, match: re.Match[str]) -> None:
        if match.group("place") and not re.fullmatch(_BLANK, match.group("place")):
            self.plan.place = collapse(part[match.start("place") : match.end("place")])
        day, month = _int(match.group("d")), _int(match.group("m") or match.group("m2"))
        year = _int(match.group("y") or match.group("y2"))
        self.result.year_hint = year
        if day and month and year:
            try:
                self.plan.date = dt.date(year, month, day)
            except ValueError:
                self.plan.date = None

    def take_line(self, line: Line, *, accept: tuple[str, ...]) -> None:
        """Apply every part of ``line``; parts of other kinds are reported, never dropped."""
        for part in split_parts(line.text):
            kind, match = classify(part)
            if kind in accept:
                self.apply(part, kind, match, line.no)
            else:
                self.plan.unplaced.append(Unplaced(line=line.no, text=collapse(part), reason=str(REASON_HEADER)))

    def whole_line(self, line: Line, *, accept: tuple[str, ...]) -> bool:
        """Apply ``line`` only when all its parts are of the ``accept``ed kinds."""
        parts = split_parts(line.text)
        classified = [(part, *classify(part)) for part in parts]
        if not parts or any(kind not in accept for _, kind, _ in classified):
            return False
        if "caps" in accept and any(kind == "caps" and not _is_issuer(part) for part, kind, _ in classified):
            return False
        for part, kind, match in classified:
            self.apply(part, kind, match, line.no)
        return True

    def finish(self) -> None:
        issuers = self.result.issuers
        if len(issuers) == 1:
            self.plan.issuing_body = issuers[0]
        elif len(issuers) > 1 and fold_vietnamese(issuers[0]) in _INCOMPLETE_ISSUERS:
            self.plan.issuing_body = " ".join(issuers)  # "ỦY BAN NHÂN DÂN" / "XÃ ĐỊNH BIÊN"
        elif issuers:
            self.plan.issuing_parent, self.plan.issuing_body = issuers[0], " ".join(issuers[1:])


def _starts_body(text: str) -> bool:
    marker, _ = parse_marker(text)
    return marker is not None or fold_vietnamese(text).startswith("can cu")


def _doc_type_index(lines: list[Line]) -> int | None:
    for index, line in enumerate(lines[:_SEARCH_LINES]):
        text = collapse(line.text)
        if line.rows is not None or _starts_body(text):
            return None
        if doc_type_of(text) or any(doc_type_of(part) for part in split_parts(line.text)):
            return index
    return None


def _ends_title(text: str, *, first: bool) -> bool:
    folded = fold_vietnamese(text)
    if _starts_body(text) or text.rstrip().endswith(":") or word_count(text) > 40:
        return True
    if first:
        return ends_sentence(text) and word_count(text) > 25
    return folded.startswith(_TITLE_STOPS) or ends_sentence(text)


_AROUND_TITLE = ("rule", "motto", "slogan", "number", "date")


def parse_header(lines: list[Line], plan: ParsedPlan) -> HeaderResult:
    """Fill the header fields from the first lines; every part of those lines ends up somewhere."""
    reader = _Reader(plan)
    at = _doc_type_index(lines)
    if at is None:
        index = 0
        leading = (*_AROUND_TITLE, "caps")
        while index < len(lines) and lines[index].rows is None and reader.whole_line(lines[index], accept=leading):
            index += 1
        reader.finish()
        reader.result.next_index = index
        return reader.result

    for line in lines[:at]:
        reader.take_line(line, accept=(*_AROUND_TITLE, "caps", "doc_type"))
    reader.take_line(lines[at], accept=(*_AROUND_TITLE, "doc_type"))
    index, title = at + 1, []
    while index < len(lines) and lines[index].rows is None and len(title) < 3:
        line = lines[index]
        if reader.whole_line(line, accept=_AROUND_TITLE):
            index += 1
            if title and is_rule(line.text):
                break
            continue
        text = collapse(line.text)
        if _ends_title(text, first=not title):
            break
        title.append(text)
        index += 1
    plan.title = " ".join(title)
    reader.finish()
    reader.result.next_index = index
    return reader.result
