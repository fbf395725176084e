"""What goes where on the page under Decree 30/2020/NĐ-CP, shared by the DOCX and PDF renderers.

Both renderers draw from one ``Sheet`` so their wording, capitals, blanks and rule lengths cannot
drift apart; each only decides how to express the layout in its own format.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cchc.core.official_document import Block, BlockKind, OfficialDocument
from cchc.core.rendering import metrics
from cchc.core.text import format_date_long, slugify_vi

MM_TO_PT = 72 / 25.4

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
TEXT_WIDTH_PT = TEXT_WIDTH_MM * MM_TO_PT
# Left column of the header and of the closing block; the Quốc hiệu at 12 pt bold needs the other 60 %.
LEFT_COLUMN_SHARE = 0.4
LEFT_COLUMN_PT = TEXT_WIDTH_PT * LEFT_COLUMN_SHARE
RIGHT_COLUMN_PT = TEXT_WIDTH_PT - LEFT_COLUMN_PT
FIRST_LINE_INDENT_CM = 1.27

# Font sizes in points, within the ranges of Decree 30 Appendix I.
BODY_PT = 14
PARENT_PT = 13
ISSUER_PT = 13
NUMBER_PT = 13
MOTTO_PT = 12  # 13 pt bold would not fit the right column on one line
SLOGAN_PT = 13
PLACE_DATE_PT = 14
TABLE_PT = 13
RECIPIENTS_LABEL_PT = 12
RECIPIENT_PT = 11
PAGE_NUMBER_PT = 13
HEADER_LINE_PT = 15  # one header line, so the "Số" line and the place-date line sit level

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
DRAFT_MARK = "DỰ THẢO"  # boxed at the top of the first page of a document not yet issued
DRAFT_MARK_PT = 13
FILENAME_STEM_MAX = 80  # well under Windows' 255, and readable in a download bar
SIGNATURE_BLANK_LINES = 4
_NUMBER_BLANK = " " * 6  # room for the clerk to write the number by hand
_BLANK = "…"


@dataclass(frozen=True)
class SheetBlock:
    kind: BlockKind
    text: str = ""  # marker and text, e.g. "- Nâng cao …", "3.1. Ban Văn hóa …"
    level: int = 1
    rows: list[list[str]] = field(default_factory=list)  # TABLE only, all rows as long as the longest
    column_shares: list[float] = field(default_factory=list)  # TABLE only, sums to 1


@dataclass(frozen=True)
class Sheet:
    draft_mark: str  # "DỰ THẢO" for an unissued document, "" once issued
    issuing_parent: str
    issuing_body: str
    issuer_box_pt: float  # width that wraps the issuing body evenly
    issuer_rule_pt: float
    number_line: str
    motto: str
    slogan: str
    slogan_rule_pt: float
    place_date: str
    left_header_lines: int  # text lines above the rules, to level "Số" with the place-date line
    right_header_lines: int
    doc_type: str
    title: str
    title_box_pt: float
    title_rule_pt: float
    basis: list[str]
    blocks: list[SheetBlock]
    closing: list[str]
    recipients_label: str
    recipient_lines: list[str]
    signing_capacity: str
    signer_title: str
    signer_name: str
    meta_title: str


def clean_text(text: str) -> str:
    """NFC and trimmed: text pasted from old documents often arrives decomposed, which breaks search and shaping."""
    return unicodedata.normalize("NFC", text or "").strip()


_clean = clean_text


@dataclass(frozen=True)
class IssuerHeading:
    """The issuing body as the top-left header prints it: capitalised, wrapped evenly, with its rule."""

    text: str
    lines: int
    box_pt: float  # width that wraps the issuing body evenly
    rule_pt: float  # Decree 30: a line 1/3 to 1/2 as long as the text above it


def issuer_heading(issuing_body: str) -> IssuerHeading:
    """«ỦY BAN NHÂN DÂN / XÃ ĐỊNH BIÊN», measured for the left header column: official documents and
    every other paper the commune issues (certificates) break it the same way."""
    issuer = clean_text(issuing_body).upper()
    style = {"size": ISSUER_PT, "bold": True}
    box = metrics.balanced_width(issuer, width=LEFT_COLUMN_PT, **style)
    line = metrics.longest_line_width(issuer, width=box, **style)
    return IssuerHeading(
        text=issuer,
        lines=len(metrics.wrap(issuer, width=LEFT_COLUMN_PT, **style)),
        box_pt=box,
        rule_pt=max(line * 0.45, 40.0) if issuer else 0.0,
    )


def slogan_rule_pt() -> float:
    """Decree 30: the line under the slogan is as long as the slogan."""
    return metrics.text_width(SLOGAN, size=SLOGAN_PT, bold=True)


def _padded_number(document: OfficialDocument) -> str:
    number = _clean(document.number)
    return number.zfill(2) if number.isdigit() else number  # Decree 30: a leading zero below 10


def number_line(document: OfficialDocument) -> str:
    """ "Số: 05/KH-UBND"; an unnumbered document keeps a blank, as the clerk writes the number in on issue.

    A draft without a number has no number line at all: the "DỰ THẢO" mark says what it is, and a
    blank "Số:      /KH-UBND" would make it look like an issued document missing its number.
    """
    number = _padded_number(document)
    symbol = _clean(document.symbol)
    if not number and document.draft:
        return ""
    if not number:
        return f"Số:{_NUMBER_BLANK}/{symbol}" if symbol else f"Số:{_NUMBER_BLANK}"
    return f"Số: {number}/{symbol}" if symbol else f"Số: {number}"


def place_date_line(document: OfficialDocument) -> str:
    place = _clean(document.place) or _BLANK
    if document.date is None:
        return f"{place}, ngày {_BLANK} tháng {_BLANK} năm {_BLANK}"
    return f"{place}, {format_date_long(document.date)}"


def recipient_lines(recipients: list[str]) -> list[str]:
    """ "- X;" for each recipient and "- X." for the last, whatever punctuation the input carried."""
    names = [_clean(r).removeprefix("-").strip().rstrip(";.").rstrip() for r in recipients]
    names = [name for name in names if name]
    return [f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names)]


def _block_text(marker: str, text: str) -> str:
    marker, text = _clean(marker), _clean(text)
    return f"{marker} {text}" if marker and text else marker or text


def _column_shares(rows: list[list[str]]) -> list[float]:
    """Column widths as a browser's automatic table layout would choose them, fixed so DOCX and PDF agree.

    Each column gets at least its longest word (its whole text if that is short), and the rest of
    the width goes where the text is longest, so "TT" stays narrow and "Quý III/2022" stays whole.
    """
    padding = 10.0  # cell padding and border, both sides
    keep_whole = 90.0  # cells up to ~3 cm are not worth wrapping

    def width(text: str, row_index: int) -> float:
        return metrics.text_width(text, size=TABLE_PT, bold=row_index == 0)

    narrowest: list[float] = []
    widest: list[float] = []
    for column in zip(*rows, strict=True):
        cells = list(enumerate(column))
        longest_word = max((width(word, r) for r, text in cells for word in text.split()), default=0.0)
        longest_text = max(width(text, r) for r, text in cells)
        narrowest.append(max(longest_word, min(longest_text, keep_whole)) + padding)
        widest.append(longest_text + padding)
    if sum(widest) <= TEXT_WIDTH_PT:
        widths = widest
    elif sum(narrowest) >= TEXT_WIDTH_PT:
        widths = narrowest
    else:
        spare = TEXT_WIDTH_PT - sum(narrowest)
        stretch = [wide - narrow for wide, narrow in zip(widest, narrowest, strict=True)]
        widths = [narrow + spare * extra / sum(stretch) for narrow, extra in zip(narrowest, stretch, strict=True)]
    total = sum(widths)
    return [width / total for width in widths]


def _sheet_block(block: Block) -> SheetBlock:
    if block.kind == BlockKind.TABLE:
        rows = [[_clean(cell) for cell in row] for row in block.rows if row]
        if not rows:
            return SheetBlock(kind=BlockKind.TABLE)
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        return SheetBlock(kind=BlockKind.TABLE, rows=rows, column_shares=_column_shares(rows), level=block.level)
    return SheetBlock(kind=BlockKind(block.kind), text=_block_text(block.marker, block.text), level=block.level)


def prepare(document: OfficialDocument) -> Sheet:
    """Everything both renderers print, already worded, capitalised and measured."""
    parent = _clean(document.issuing_parent).upper()
    issuer = issuer_heading(document.issuing_body)
    title = _clean(document.title)

    parent_lines = metrics.wrap(parent, size=PARENT_PT, width=LEFT_COLUMN_PT) if parent else []
    motto_lines = metrics.wrap(MOTTO, size=MOTTO_PT, width=RIGHT_COLUMN_PT, bold=True)

    title_style = {"size": BODY_PT, "bold": True}
    title_box = metrics.balanced_width(title, width=TEXT_WIDTH_PT, **title_style) if title else 0.0
    title_line = metrics.longest_line_width(title, width=title_box, **title_style) if title else 0.0

    blocks = [_sheet_block(block) for block in document.body]
    return Sheet(
        draft_mark=DRAFT_MARK if document.draft else "",
        issuing_parent=parent,
        issuing_body=issuer.text,
        issuer_box_pt=issuer.box_pt,
        issuer_rule_pt=issuer.rule_pt,
        number_line=number_line(document),
        motto=MOTTO,
        slogan=SLOGAN,
        slogan_rule_pt=slogan_rule_pt(),
        place_date=place_date_line(document),
        left_header_lines=len(parent_lines) + issuer.lines,
        right_header_lines=len(motto_lines) + 1,
        doc_type=_clean(document.doc_type).upper(),
        title=title,
        title_box_pt=title_box,
        title_rule_pt=max(title_line * 0.4, 40.0) if title else 0.0,
        basis=[text for text in map(_clean, document.basis) if text],
        blocks=[block for block in blocks if block.text or block.rows],
        closing=[text for text in map(_clean, document.closing) if text],
        recipients_label=RECIPIENTS_LABEL,
        recipient_lines=recipient_lines(document.recipients),
        signing_capacity=_clean(document.signing_capacity).upper(),
        signer_title=_clean(document.signer_title).upper(),
        signer_name=_clean(document.signer_name),
        meta_title=" ".join(part for part in (_clean(document.doc_type), title) if part),
    )


def _year(document: OfficialDocument) -> int | None:
    return document.date.year if document.date is not None else document.year


def _bounded(slug: str, room: int) -> str:
    """``slug`` cut to ``room`` characters at a word boundary (never mid-word, never a trailing hyphen)."""
    if len(slug) <= room:
        return slug
    cut = slug[: room + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:room]).strip("-")


def filename_for(document: OfficialDocument, *, extension: str) -> str:
    """A download name a clerk recognises: ``ke-hoach-05-kh-ubnd-2022.docx``.

    The number and symbol name an issued document; without a number the title does
    (``du-thao-ke-hoach-tuyen-truyen-cchc-2023.pdf``). The year comes last, once, even when the title
    ends with it or is cut short. Only ``a-z``, digits and hyphens (đ becomes d), at most ``FILENAME_STEM_MAX``
    characters before the extension, so the name is safe on Windows and in a Content-Disposition header.
    """
    kind = slugify_vi(_clean(document.doc_type)) or "van-ban"
    number = _padded_number(document)
    if number:
        subject = slugify_vi(" ".join(part for part in (number, _clean(document.symbol)) if part))
    else:
        subject = slugify_vi(_clean(document.title), max_length=10_000)
    year = _year(document)
    tail = str(year) if year else ""
    if tail:  # a title ending with the year ("… năm 2022") gives it once, and a cut title keeps it
        subject = re.sub(rf"(?:^|-){year}$", "", subject)
    head = "-".join(part for part in ("du-thao" if document.draft else "", kind) if part)
    room = FILENAME_STEM_MAX - len(head) - (len(tail) + 1 if tail else 0) - 1
    subject = _bounded(subject, max(room, 0))
    stem = _bounded("-".join(part for part in (head, subject, tail) if part), FILENAME_STEM_MAX)
    suffix = re.sub(r"[^a-z0-9]", "", extension.lower())
    return f"{stem}.{suffix}"
