"""Tables drawn in plain text: Word tables pasted as text with "|" between cells (rules of "|---|" or
"+----+" between rows) or with tabs, read into one ``Line`` with ``rows`` like a DOCX table.

A run of two or more rows becomes a table; a tab-separated run only when its first row reads as a
header ("STT", "Nội dung", "Chủ trì", "Thời gian", "Kinh phí"), since tabs also align the letterhead.
Rule rows are decoration: they are counted among the table's lines, never reported unplaced.
"""

from __future__ import annotations

import re

from cchc.core.text import fold_vietnamese

from .lines import Line, collapse

_RULE_CHARS = frozenset(" \t-=:+|_")
_HEADER_WORDS = re.compile(r"\b(?:stt|noi dung|cong viec|nhiem vu|chu tri|phoi hop|thoi gian|kinh phi|so tien)\b")
_TAB_CELLS = 3  # "Nội dung<TAB>Chủ trì<TAB>Thời gian": fewer is the letterhead's two columns


def _pipe_cells(line: Line) -> list[str] | None:
    text = line.text
    if not (text.startswith("|") or text.count("|") >= 2):
        return None
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    cells = [cell.strip() for cell in inner.split("|")]
    return cells if len(cells) >= 2 else None


def _tab_cells(line: Line) -> list[str] | None:
    cells = [cell.strip() for cell in (line.raw or line.text).split("\t")]
    return cells if len(cells) >= _TAB_CELLS else None


def _is_rule_row(text: str) -> bool:
    """ "|-----|:---:|", "+=====+=====+": only rule characters, a run of three dashes, a pipe or a plus."""
    return (
        set(text) <= _RULE_CHARS
        and any(run in text for run in ("---", "===", "___"))
        and any(ch in text for ch in "|+")
    )


def _merge(lines: list[list[str]], joiner: str = "\n") -> list[str]:
    """The physical lines of one row (a grid row between "+---+" rules, a wrapped cell), cell by cell;
    a header's pieces are joined by a space ("Đơn vị phối" / "hợp")."""
    width = max(len(cells) for cells in lines)
    return [joiner.join(cells[i] for cells in lines if i < len(cells) and cells[i]) for i in range(width)]


def _continues_row(cells: list[str]) -> bool:
    """ "|   | nước uống, tài liệu |   |": a cell wrapped onto the next line, first column empty, lower case."""
    filled = [cell for cell in cells if cell]
    return not cells[0] and bool(filled) and all(cell[0].islower() for cell in filled)


def _table(run: list[tuple[Line, list[str] | None]]) -> Line:
    """A run of rows and rules as one table line; a grid (rules between body rows) joins the lines between rules."""
    rules_inside = sum(1 for _, cells in run[1:-1] if cells is None)
    grid = rules_inside >= 2 or (rules_inside == 1 and run[0][1] is None)
    rows: list[list[str]] = []
    pending: list[list[str]] = []
    for _, cells in run:
        if cells is None:
            if pending:
                rows.append(_merge(pending))
                pending = []
            continue
        if grid:
            pending.append(cells)
        elif rows and _continues_row(cells):
            rows[-1] = _merge([rows[-1], cells], " " if len(rows) == 1 else "\n")
        else:
            rows.append(cells)
    if pending:
        rows.append(_merge(pending))
    rows = [row for row in rows if any(row)]
    if grid and rows:
        rows[0] = [collapse(cell) for cell in rows[0]]
    numbers = [line.no for line, _ in run]
    text = " | ".join(" ".join(cell for cell in row if cell) for row in rows)
    return Line(numbers[0], text, rows=rows, more=tuple(numbers[1:]))


def _run_end(lines: list[Line], start: int, cells_of) -> int:
    end = start
    while (
        end < len(lines)
        and lines[end].rows is None
        and (cells_of(lines[end]) is not None or _is_rule_row(lines[end].text))
    ):
        end += 1
    return end


def _opens_table(line: Line, cells_of) -> bool:
    """Whether a run may start here: any "|" row or rule; a tab row only as a header."""
    if cells_of is _pipe_cells:
        return True
    cells = _tab_cells(line)
    return cells is not None and bool(_HEADER_WORDS.search(fold_vietnamese(" ".join(cells))))


def find_text_tables(lines: list[Line]) -> list[Line]:
    """``lines`` with each run of table rows replaced by one table line; linear in the number of lines."""
    out: list[Line] = []
    failed_until = {_pipe_cells: 0, _tab_cells: 0}  # a run that made no table: no later start inside it will
    index = 0
    while index < len(lines):
        line = lines[index]
        for cells_of in (_pipe_cells, _tab_cells):
            if index < failed_until[cells_of] or line.rows is not None or not _opens_table(line, cells_of):
                continue
            end = _run_end(lines, index, cells_of)
            run = [(item, None if _is_rule_row(item.text) else cells_of(item)) for item in lines[index:end]]
            if sum(1 for _, cells in run if cells is not None) < 2:
                failed_until[cells_of] = end
                continue
            out.append(_table(run))
            index = end
            break
        else:
            out.append(line)
            index += 1
    return out
