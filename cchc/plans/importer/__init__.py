"""Read a commune's plan (.txt exported from Word, or .docx) into a ``ParsedPlan``.

The parts, in reading order: ``reading`` (files to numbered lines), ``header`` (issuer, number,
date, type, title), ``lines`` (markers, wrapped lines back into paragraphs), ``body`` (basis,
numbered blocks with levels and roles, closing), ``closing`` (recipients, signature) and ``tasks``.
Nothing is dropped: a line that fits nowhere is returned in ``unplaced`` with its line number.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import IO

from cchc.core.text import fold_vietnamese

from .body import place_paragraphs
from .closing import find_foot, parse_foot
from .header import parse_header
from .lines import Line, join_paragraphs, text_lines
from .parsed import ParsedPlan
from .reading import decode_text, docx_lines
from .tasks import extract_tasks, first_timeline_year

__all__ = ["parse_docx", "parse_file", "parse_lines", "parse_text"]

_TITLE_YEAR = re.compile(r"\bnam (\d{4})\b")


def parse_lines(lines: list[Line]) -> ParsedPlan:
    """The shared rules for text and DOCX: header, body paragraphs, foot, then tasks."""
    plan = ParsedPlan()
    if not lines:
        return plan
    header = parse_header(lines, plan)
    body = lines[header.next_index :]
    foot_at = find_foot(body)
    items = place_paragraphs(join_paragraphs(body[:foot_at]), plan)
    parse_foot(body[foot_at:], plan)
    title_year = _TITLE_YEAR.search(fold_vietnamese(plan.title))
    plan.year = (
        (plan.date.year if plan.date else None)
        or header.year_hint
        or (int(title_year.group(1)) if title_year else None)
        or first_timeline_year(items)
    )
    plan.tasks = extract_tasks(items, year=plan.year)
    plan.unplaced.sort(key=lambda unplaced: unplaced.line)
    return plan


def parse_text(text: str) -> ParsedPlan:
    """A plan from plain text, hard-wrapped or not."""
    return parse_lines(text_lines(text))


def parse_docx(source: str | os.PathLike[str] | IO[bytes] | bytes) -> ParsedPlan:
    """A plan from a Word file (path, binary file-like or bytes), paragraphs and tables in document order.

    Line numbers in ``unplaced`` count the file's paragraphs, those inside the header and
    signature tables included.
    """
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    return parse_lines(docx_lines(source))


def parse_file(path: str | os.PathLike[str]) -> ParsedPlan:
    """A plan from a .txt or .docx file on disk."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return parse_text(decode_text(path.read_bytes()))
    if suffix == ".docx":
        return parse_docx(path)
    if suffix == ".doc":
        raise ValueError(
            f"Tệp «{path.name}» là định dạng Word cũ (.doc). Vui lòng mở bằng Word và lưu lại dưới dạng .docx."
        )
    raise ValueError(f"Không đọc được tệp «{path.name}»: chỉ hỗ trợ tệp văn bản .txt hoặc tệp Word .docx.")
