"""Physical lines, list markers and the rebuilding of paragraphs from hard-wrapped text.

Plans reach us as Word exports to text: every line wrapped at ~85 characters, a blank line between
lines, page breaks as runs of blank lines. Blank lines therefore say nothing; a paragraph ends
where the next line carries a marker or the previous line stops short with final punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cchc.core.text import fold_vietnamese

WRAPPED_HEADING = 70  # characters: a numbered line this long going on in lower case was wrapped, not finished
END_PUNCTUATION = (".", ";", ":", "!", "?", "…")
_CLOSERS = "”\"')]»’"
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"), None)
_SPACES = dict.fromkeys(map(ord, "\xa0\u2007\u202f\u2009\u200a\f\v"), " ")
_RULE = re.compile(r"^[\s_\-–—=.*~]{3,}$")
_ROMAN = r"XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I"
_MARKER = re.compile(
    rf"^(?:(?P<roman>{_ROMAN})[.)]"
    r"|(?P<decimal>\d{1,2}(?:\.\d{1,2}){1,3})\.?"
    r"|(?P<number>\d{1,2})[.)]"
    r"|(?P<letter>[a-zđ])\)"
    r"|(?P<bullet>[-–—−•●▪◦+*])"
    r")(?!\d)"
)
# Phrases that always open a new paragraph, even after a full line.
_OPENERS = ("can cu ", "tren day la ", "noi nhan")
# "Chủ trì: …", "Đơn vị phối hợp: …", "Thời gian thực hiện: …": a field of the task above, never a continuation.
FIELD = re.compile(
    r"^(?:(?:don vi|co quan|bo phan|nguoi)\s+)?(?P<field>(?:chu tri|phoi hop)(?:\s+thuc hien)?"
    r"|thoi gian(?:\s+(?:thuc hien|hoan thanh))?|thoi han|tien do|ket qua|san pham)\s*:\s*(?P<value>.*)$"
)
# "… kinh phí khoảng" / "3 triệu đồng": an amount wrapped onto the next line.
_MONEY_TAIL = re.compile(r"\b(?:khoang|kinh phi|du kien|la|tong cong|du toan|chi phi|so tien|uoc tinh|tam tinh)\s*:?$")
_MONEY_HEAD = re.compile(r"^\d[\d.,]*\s*(?:trieu|ty|nghin|ngan|dong|d|vnd)(?![a-z])")


@dataclass
class Line:
    """One non-blank input line (or one DOCX paragraph / table) with its 1-based line number."""

    no: int
    text: str  # trimmed, inner spacing kept: runs of spaces separate the columns of a pasted header
    rows: list[list[str]] | None = None  # a body table from a DOCX file, or one drawn with "|" or tabs
    more: tuple[int, ...] = ()  # the other input lines a table drawn in plain text was read from
    raw: str = ""  # a text line's tabs kept at both ends: the empty first and last cells of a tab table


@dataclass(frozen=True)
class Marker:
    written: str  # exactly as in the source: "I.", "3.1", "a)", "-"
    kind: str  # "roman", "number", "letter" or "bullet"
    depth: int = 1  # numeric groups: "1." → 1, "3.1." → 2, "1.1.1." → 3


@dataclass
class Paragraph:
    text: str  # without its marker, whitespace collapsed
    marker: Marker | None
    lines: list[int] = field(default_factory=list)
    rows: list[list[str]] | None = None

    @property
    def full_text(self) -> str:
        return f"{self.marker.written} {self.text}".strip() if self.marker else self.text


def normalize(text: str) -> str:
    """NFC, Unix line ends, no BOM or zero-width marks, every exotic space a plain one."""
    text = unicodedata.normalize("NFC", text or "").translate(_INVISIBLE).translate(_SPACES)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_lines(text: str) -> list[Line]:
    return [
        Line(no, raw.strip(), raw=raw.strip(" ") if "\t" in raw else "")
        for no, raw in enumerate(normalize(text).split("\n"), start=1)
        if raw.strip()
    ]


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fold_aligned(text: str) -> str:
    """``fold_vietnamese`` with one output character per input character, so spans map back."""
    folded = fold_vietnamese(text)
    if len(folded) == len(text):
        return folded
    return "".join((fold_vietnamese(ch) or " ")[:1] for ch in text)


def is_rule(text: str) -> bool:
    """A drawn underline ("______", "-----"): decoration, no words."""
    return bool(_RULE.match(text)) and not any(ch.isalnum() for ch in text)


def is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).endswith(END_PUNCTUATION)


def word_count(text: str) -> int:
    return len(text.split())


def parse_marker(text: str) -> tuple[Marker | None, str]:
    """The list marker at the start of ``text`` and the text after it."""
    match = _MARKER.match(text)
    if not match or is_rule(text):
        return None, text
    rest = text[match.end() :]
    kind = match.lastgroup or ""
    glued = kind != "bullet" and rest and not rest[0].isspace()
    if glued and not (kind == "roman" and rest[0].isupper()):
        return None, text  # "II.NỘI DUNG" is a heading, "a)b" is not
    rest = rest.strip()
    if not rest and kind == "bullet":
        return None, text
    written = match.group(0)
    if kind == "decimal":
        return Marker(written, "number", depth=written.rstrip(".").count(".") + 1), rest
    return Marker(written, kind), rest


def estimate_full_length(lines: list[Line]) -> float | None:
    """How long a line must be to count as wrapped, or None when the text is not hard-wrapped.

    Wrapped text has many lines just under one width and none far beyond it; one paragraph per
    line (a clean export, a DOCX) has lengths all over the place.
    """
    lengths = sorted(len(collapse(line.text)) for line in lines if line.rows is None)
    if len(lengths) < 8:
        return None
    width = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    if width < 40:
        return None
    near = sum(1 for length in lengths if length >= 0.75 * width)
    if near / len(lengths) < 0.4 or lengths[-1] > 1.25 * width:
        return None
    return 0.75 * width


def _continues(prev_line: str, paragraph: Paragraph, line: str, full: float | None) -> bool:
    """Whether ``line`` (no marker) goes on with the paragraph whose last physical line is ``prev_line``."""
    prev_full = full is not None and len(prev_line) >= full
    prev_ends = ends_sentence(prev_line)
    folded = fold_vietnamese(line)
    if folded.startswith(_OPENERS) or FIELD.match(folded):
        return False
    if _MONEY_HEAD.match(folded) and _MONEY_TAIL.search(fold_vietnamese(prev_line)):
        return True
    if prev_ends and not prev_full:
        return False
    if line[0].islower():
        # A short numbered heading is not continued by the paragraph under it; a long line was wrapped.
        short_heading = paragraph.marker and paragraph.marker.kind != "bullet" and len(paragraph.lines) == 1
        return prev_full or len(prev_line) >= WRAPPED_HEADING or not short_heading
    return prev_full and not prev_ends


def join_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Glue wrapped physical lines back into paragraphs and split off their markers."""
    full = estimate_full_length(lines)
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    pieces: list[str] = []  # the current paragraph's lines, joined once when it ends: linear, not n²
    prev_line = ""
    for line in lines:
        if line.rows is not None:
            _finish(current, pieces)
            paragraphs.append(
                Paragraph(text=collapse(line.text), marker=None, lines=[line.no, *line.more], rows=line.rows)
            )
            current = None
            continue
        text = collapse(line.text)
        if is_rule(text):
            _finish(current, pieces)
            current = None
            continue
        marker, rest = parse_marker(text)
        wrapped_dash = (
            marker is not None
            and marker.kind == "bullet"
            and rest[:1].islower()
            and full is not None
            and len(prev_line) >= full
            and not ends_sentence(prev_line)
        )  # "kinh tế" / "- xã hội của xã": the dash of a compound wrapped to the line start
        if current is not None and (wrapped_dash or (marker is None and _continues(prev_line, current, text, full))):
            pieces.append(text)
            current.lines.append(line.no)
        else:
            _finish(current, pieces)
            current = Paragraph(text=rest, marker=marker, lines=[line.no])
            pieces = [rest]
            paragraphs.append(current)
        prev_line = text
    _finish(current, pieces)
    return paragraphs


def _finish(paragraph: Paragraph | None, pieces: list[str]) -> None:
    if paragraph is not None and len(pieces) > 1:
        paragraph.text = " ".join(pieces)
