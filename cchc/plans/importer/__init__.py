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

from .amounts import find_budget
from .body import place_paragraphs
from .closing import find_foot, parse_foot
from .header import parse_header
from .limits import (
    FILE_BYTES,
    OLD_WORD,
    WRONG_TYPE,
    ImportRefused,
    check_is_plan,
    check_lines,
    check_task_count,
    check_text,
)
from .lines import Line, join_paragraphs, text_lines
from .parsed import ParsedPlan
from .reading import decode_text, docx_lines
from .tasks import extract_tasks, first_timeline_year
from .text_tables import find_text_tables

__all__ = ["ImportRefused", "parse_docx", "parse_file", "parse_lines", "parse_text", "parse_upload"]

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
    plan.tasks = extract_tasks(items, year=plan.year, unplaced=plan.unplaced)
    check_task_count(len(plan.tasks))
    plan.budget = find_budget(items)
    plan.unplaced.sort(key=lambda unplaced: unplaced.line)
    return plan


def parse_text(text: str) -> ParsedPlan:
    """A plan from plain text, hard-wrapped or not; ``ImportRefused`` past the limits."""
    check_text(text)
    lines = text_lines(text)
    check_lines(lines)
    lines = find_text_tables(lines)
    return parse_lines(lines)


def parse_docx(source: str | os.PathLike[str] | IO[bytes] | bytes) -> ParsedPlan:
    """A plan from a Word file (path, binary file-like or bytes), paragraphs and tables in document order.

    Line numbers in ``unplaced`` count the file's paragraphs, those inside the header and
    signature tables included. ``ImportRefused`` past the limits, before inflating what is too big.
    """
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    return parse_lines(find_text_tables(docx_lines(source)))  # a "|" table typed into Word paragraphs


def parse_file(path: str | os.PathLike[str]) -> ParsedPlan:
    """A plan from a .txt or .docx file on disk; see ``parse_upload``."""
    path = Path(path)
    _check_name(path.name)
    size = path.stat().st_size
    if size > FILE_BYTES.value:
        raise FILE_BYTES.refuse(found=size)
    return parse_upload(path.name, path.read_bytes())


def parse_upload(name: str, data: bytes) -> ParsedPlan:
    """A plan from the bytes of a file called ``name`` (.txt or .docx).

    ``ImportRefused`` (a ``ValueError``) gives the reason in Vietnamese for a file of another type or
    past the limits. A corrupt .docx may raise anything from zipfile or lxml: callers that take
    uploads run this through ``isolation.run_isolated``, which also limits time and memory. A file with
    no title or no body is refused too (``check_is_plan``): it would only make an empty plan.
    """
    _check_name(name)
    if len(data) > FILE_BYTES.value:
        raise FILE_BYTES.refuse(found=len(data))
    plan = parse_text(decode_text(data)) if Path(name).suffix.lower() == ".txt" else parse_docx(data)
    check_is_plan(plan, name=name)
    return plan


def _check_name(name: str) -> None:
    suffix = Path(name).suffix.lower()
    if suffix == ".doc":
        raise ImportRefused(str(OLD_WORD) % {"name": name})
    if suffix not in (".txt", ".docx"):
        raise ImportRefused(str(WRONG_TYPE) % {"name": name})
