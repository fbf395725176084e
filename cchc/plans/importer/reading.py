"""Turning a .txt or .docx file into numbered lines, the one input the parser understands."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from typing import IO, Any

from cchc.core.text import fold_vietnamese

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


def _paragraph_texts(paragraph: Any) -> list[str]:
    """A paragraph's lines (soft breaks split it); a "List Bullet" style gets the dash Word draws."""
    text = normalize(paragraph.text)
    try:
        style = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, ValueError):
        style = ""
    if style.lower().startswith("list bullet") and text.strip() and parse_marker(collapse(text))[0] is None:
        text = f"- {text.strip()}"
    return text.split("\n")


def _unique_cells(row: Any) -> list[Any]:
    """Cells of a row, a cell merged across columns once."""
    seen: set[int] = set()
    cells = []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


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


def _frame_lines(rows: list[list[Any]], numbers: _Numbering) -> list[Line]:
    """The left column's paragraphs, then the right column's, as lines for the text rules."""
    lines: list[Line] = []
    for column in (0, 1):
        for cells in rows:
            for paragraph in cells[column].paragraphs:
                for text in _paragraph_texts(paragraph):
                    number = numbers.next()
                    if text.strip():
                        lines.append(Line(number, text.strip()))
    return lines


def docx_lines(source: str | os.PathLike[str] | IO[bytes]) -> list[Line]:
    """Paragraphs and tables of a DOCX body in order: frames flattened, other tables kept whole."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(os.fspath(source) if isinstance(source, os.PathLike) else source)
    numbers = _Numbering()
    lines: list[Line] = []
    for element in _body_elements(document.element.body):
        if element.tag == qn("w:p"):
            for text in _paragraph_texts(Paragraph(element, document)):
                number = numbers.next()
                if text.strip():
                    lines.append(Line(number, text.strip()))
            continue
        table = Table(element, document)
        cell_rows = [_unique_cells(row) for row in table.rows]
        if _is_frame(cell_rows):
            lines += _frame_lines(cell_rows, numbers)
            continue
        rows = [[_cell_text(cell) for cell in cells] for cells in cell_rows]
        rows = [row for row in rows if any(row)]
        if rows:
            lines.append(Line(numbers.next(), " | ".join(" ".join(row) for row in rows), rows=rows))
    return lines
