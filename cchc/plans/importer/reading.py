"""Turning a .txt or .docx file into numbered lines, the one input the parser understands."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from typing import IO, Any

from cchc.core.text import fold_vietnamese

from .limits import check_archive, check_lines, check_paragraph_count
from .lines import Line, collapse, normalize, parse_marker

_MOTTO = "cong hoa xa hoi chu nghia viet nam"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); UTF-16 when it has its BOM or NULs; else Windows-1258."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        even_nuls = data[0::2].count(0) > data[1::2].count(0)
        return data.decode("utf-16-be" if even_nuls else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")  # Vietnamese Windows; normalize() composes its tones


# --- DOCX ---------------------------------------------------------------------------------------


def _body_elements(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, looking inside content controls."""
    from docx.oxml.ns import qn

    for child in parent.iterchildren():
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_elements(content)
        elif child.tag in (qn("w:p"), qn("w:tbl")):
            yield child


def _paragraph_texts(paragraph: Any, styles: _Styles) -> list[str]:
    """A paragraph's lines (soft breaks split it); a "List Bullet" style gets the dash Word draws."""
    text = normalize(paragraph.text)
    if styles.is_list_bullet(paragraph._p) and text.strip() and parse_marker(collapse(text))[0] is None:
        text = f"- {text.strip()}"
    return text.split("\n")


class _Styles:
    """Paragraph style names by id, read once: python-docx looks each one up by a search of every style."""

    def __init__(self, document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.names: dict[str, str] = {}
        self.default = ""
        for style in document.styles:
            try:
                if style.type != WD_STYLE_TYPE.PARAGRAPH:
                    continue
                self.names.setdefault(style.style_id or "", style.name or "")
                if style.element.default:
                    self.default = self.default or style.name or ""
            except (KeyError, ValueError):
                continue

    def is_list_bullet(self, p: Any) -> bool:
        style_id = p.style
        name = self.names.get(style_id, "") if style_id else self.default
        return name.lower().startswith("list bullet")


def _table_rows(tbl: Any, parent: Any) -> list[list[Any]]:
    """Each row's cells, a cell merged across columns once and a vertically merged cell in every row
    it spans, as python-docx's ``row.cells`` gives them, but read in one pass: python-docx finds a
    merged cell's top by walking up row by row, n² on a long merged column."""
    from docx.table import _Cell

    rows: list[list[Any]] = []
    above: dict[int, Any] = {}  # grid column → the cell shown there in the previous row
    for tr in tbl.tr_lst:
        column = tr.grid_before
        current: dict[int, Any] = {}
        cells: list[Any] = []
        for tc in tr.tc_lst:
            cell = above.get(column) if tc.vMerge == "continue" else None
            cell = cell or _Cell(tc, parent)
            current[column] = cell
            if not cells or cells[-1] is not cell:
                cells.append(cell)
            column += tc.grid_span
        above = current
        rows.append(cells)
    return rows


def _cell_text(cell: Any) -> str:
    return "\n".join(collapse(normalize(p.text)) for p in cell.paragraphs if p.text.strip())


def _is_frame(rows: list[list[Any]]) -> bool:
    """The two-column header (with the national motto) or the "Nơi nhận:" / signature table."""
    if not rows or any(len(cells) != 2 for cells in rows):
        return False
    texts = [fold_vietnamese(_cell_text(cell)) for cells in rows for cell in cells]
    left = fold_vietnamese(_cell_text(rows[0][0])).lstrip()
    return any(_MOTTO in text for text in texts) or left.startswith("noi nhan")


class _Numbering:
    def __init__(self) -> None:
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def _frame_lines(rows: list[list[Any]], numbers: _Numbering, styles: _Styles) -> list[Line]:
    """The left column's paragraphs, then the right column's, as lines for the text rules."""
    lines: list[Line] = []
    for column in (0, 1):
        for cells in rows:
            for paragraph in cells[column].paragraphs:
                for text in _paragraph_texts(paragraph, styles):
                    number = numbers.next()
                    if text.strip():
                        lines.append(Line(number, text.strip()))
    return lines


def docx_lines(source: str | os.PathLike[str] | IO[bytes]) -> list[Line]:
    """Paragraphs and tables of a DOCX body in order: frames flattened, other tables kept whole.

    The archive is measured before anything is inflated, and the paragraphs counted before any is read.
    """
    from docx import Document
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    if isinstance(source, os.PathLike):
        source = os.fspath(source)
    check_archive(source)
    if not isinstance(source, str):
        source.seek(0)
    document = Document(source)
    body = document.element.body
    check_paragraph_count(sum(1 for _ in body.iter(qn("w:p"))))
    styles = _Styles(document)
    numbers = _Numbering()
    lines: list[Line] = []
    for element in _body_elements(body):
        if element.tag == qn("w:p"):
            for text in _paragraph_texts(Paragraph(element, document), styles):
                number = numbers.next()
                if text.strip():
                    lines.append(Line(number, text.strip()))
            continue
        cell_rows = _table_rows(element, document)
        if _is_frame(cell_rows):
            lines += _frame_lines(cell_rows, numbers, styles)
            continue
        rows = [[_cell_text(cell) for cell in cells] for cells in cell_rows]
        rows = [row for row in rows if any(row)]
        if rows:
            lines.append(Line(numbers.next(), " | ".join(" ".join(row) for row in rows), rows=rows))
    check_lines(lines)
    return lines
