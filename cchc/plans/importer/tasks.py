"""Tasks from the timeline ("Quý I/2022: …"), the responsibilities (unit → duties) and task tables."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from cchc.core.official_document import BlockKind
from cchc.core.text import fold_vietnamese

from ..channels import detect_channels
from ..structure import SectionRole
from .body import Item
from .lines import collapse, fold_aligned
from .parsed import ParsedTask
from .units import coordinating_units, names_unit, split_unit_list, split_unit_prefix, unit_heading_name

_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = r"quy\s+(?P<q>iv|iii|ii|i|[1-4])(?![a-z0-9])(?:\s*(?:/|nam)\s*(?P<qy>\d{4}))?"
_MONTH = r"thang\s+(?P<m>\d{1,2})(?!\d)(?:\s*(?:/|nam)\s*(?P<my>\d{4}))?"
_DEADLINE = (
    r"(?:truoc|cham nhat|han chot|hoan thanh truoc|den)\s+(?:ngay\s+)?"
    r"(?P<d>\d{1,2})\s*/\s*(?P<dm>\d{1,2})(?:\s*/\s*(?P<dy>\d{4}))?"
)
_HALF = r"(?:06|6) thang (?P<half>dau|cuoi) nam(?:\s+(?P<hy>\d{4}))?"
# "Quý I/2022: …", "Trong tháng 3 - …", "Từ tháng 3 đến tháng 5/2023: …" (the end of a range is the due date)
_TIME_START = re.compile(
    rf"^(?:tu\s+[^:]{{1,40}}?\s+)?(?:(?:trong|vao|den)\s+)?(?:{_QUARTER}|{_MONTH}|{_DEADLINE}|{_HALF})"
    r"\s*(?:[:\-–—,]\s*)?"
)
_QUARTER_ANYWHERE = re.compile(rf"\b{_QUARTER}")
_MONTH_INSIDE = re.compile(rf"\b(?:trong|vao|truoc|den het|het|cuoi)\s+{_MONTH}")
_MONTH_ANYWHERE = re.compile(rf"\b{_MONTH}")
_DEADLINE_ANYWHERE = re.compile(rf"\b{_DEADLINE}")
_DATE_ANYWHERE = re.compile(r"\b(?P<d>\d{1,2})\s*/\s*(?P<dm>\d{1,2})\s*/\s*(?P<dy>\d{4})\b")

_TITLE_COLUMN = r"noi dung|cong viec|nhiem vu|hoat dong"
_LEAD_COLUMN = r"chu tri|don vi thuc hien|co quan thuc hien|don vi|co quan|nguoi thuc hien"
_TIME_COLUMN = r"thoi gian|thoi han|tien do"


@dataclass(frozen=True)
class When:
    quarter: int | None = None
    month: int | None = None
    due_date: dt.date | None = None

    def __bool__(self) -> bool:
        return bool(self.quarter or self.month or self.due_date)


def _end_of_month(year: int | None, month: int) -> dt.date | None:
    if year is None or not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int | None, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(year, int(month), int(day)) if year else None
    except ValueError:
        return None


def _year(value: str | None, default: int | None) -> int | None:
    return int(value) if value else default


def _when(match: re.Match[str], year: int | None) -> When:
    groups = match.groupdict()
    if groups.get("q"):
        quarter = _ROMAN_QUARTERS[groups["q"]]
        return When(quarter=quarter, due_date=_end_of_month(_year(groups.get("qy"), year), quarter * 3))
    if groups.get("m"):
        month = int(groups["m"])
        return When(month=month, due_date=_end_of_month(_year(groups.get("my"), year), month))
    if groups.get("d"):
        return When(due_date=_date(_year(groups.get("dy"), year), groups["dm"], groups["d"]))
    if groups.get("half"):
        return When(due_date=_end_of_month(_year(groups.get("hy"), year), 6 if groups["half"] == "dau" else 12))
    return When()


def timeline_entry(text: str, *, year: int | None) -> tuple[When, str] | None:
    """ "Quý I/2022: Thực hiện …" → (Q1, end of March, "Thực hiện …"); None if no time opens the text."""
    folded = fold_aligned(text)
    match = _TIME_START.match(folded)
    if not match:
        return None
    return _when(match, year), text[match.end() :].strip()


def time_inside(text: str, *, year: int | None) -> When:
    """A time named inside a duty: "trước ngày 15/11/2022", "trong Quý II", "trong tháng 3"."""
    folded = fold_aligned(text)
    deadline = _DEADLINE_ANYWHERE.search(folded)
    quarter = _QUARTER_ANYWHERE.search(folded)
    month = _MONTH_INSIDE.search(folded)
    when = When()
    if quarter:
        when = _when(quarter, year)
    elif month:
        when = _when(month, year)
    if deadline:
        when = replace(when, due_date=_when(deadline, year).due_date or when.due_date)
    return when


def time_in_cell(text: str, *, year: int | None) -> When:
    """A table's "Thời gian" cell: "Quý II/2023", "Tháng 3", "Trước 30/6/2023", "15/11/2023"."""
    folded = fold_aligned(text)
    for pattern in (_DEADLINE_ANYWHERE, _QUARTER_ANYWHERE, _MONTH_ANYWHERE):
        match = pattern.search(folded)
        if match:
            return _when(match, year)
    match = _DATE_ANYWHERE.search(folded)
    return _when(match, year) if match else When()


def _task(title: str, *, when: When, source: str, lines: list[int], **fields) -> ParsedTask:
    return ParsedTask(
        title=title,
        quarter=when.quarter,
        month=when.month,
        due_date=when.due_date,
        channels=detect_channels(title),
        source=source,
        lines=list(lines),
        **fields,
    )


def _is_lead_in(items: list[Item], index: int) -> bool:
    """ "- Thực hiện các hoạt động sau:" followed by deeper items: the items are the tasks."""
    block = items[index].block
    following = items[index + 1] if index + 1 < len(items) else None
    return block.text.rstrip().endswith(":") and following is not None and following.block.level > block.level


def timeline_tasks(items: list[Item], *, year: int | None) -> list[ParsedTask]:
    tasks: list[ParsedTask] = []
    pending: tuple[int, When, str] | None = None  # "- Quý I/2022:" whose items follow, and its words
    for index, item in enumerate(items):
        block = item.block
        if pending and (item.parsed.role != SectionRole.TIMELINE or block.level <= pending[0]):
            pending = None
        if block.kind == BlockKind.TABLE or item.parsed.role != SectionRole.TIMELINE:
            continue
        entry = timeline_entry(block.text, year=year)
        if entry and entry[0]:
            when, title = entry
            if not title or _is_lead_in(items, index):
                pending = (block.level, when, title)
            else:
                tasks.append(_task(title, when=when, source="timeline", lines=item.parsed.lines))
        elif pending:
            task = _task(block.text, when=pending[1], source="timeline", lines=item.parsed.lines)
            task.channels = task.channels or detect_channels(pending[2])
            tasks.append(task)
    return tasks


def _duty_task(text: str, lead_unit: str, *, year: int | None, lines: list[int], lead_in: str = "") -> ParsedTask:
    """One duty; an item under "… trên hệ thống truyền thanh xã:" takes the channels of that lead-in."""
    task = _task(
        text,
        when=time_inside(text, year=year),
        source="responsibilities",
        lines=lines,
        lead_unit=lead_unit,
        coordinating_units=coordinating_units(text),
    )
    if lead_in and not task.channels:
        task.channels = detect_channels(lead_in)
    return task


def responsibility_tasks(items: list[Item], *, year: int | None) -> list[ParsedTask]:
    """One task per bullet or paragraph under a heading that names a unit."""
    tasks: list[ParsedTask] = []
    units: list[tuple[int, str]] = []  # open unit headings: (level, name)
    lead_in: tuple[int, str] | None = None  # "- Biên tập … trên hệ thống truyền thanh xã:" and its level
    for index, item in enumerate(items):
        block = item.block
        if lead_in and block.level <= lead_in[0]:
            lead_in = None
        if item.parsed.role != SectionRole.RESPONSIBILITIES:
            units.clear()
            continue
        if item.numbered:
            units = [(level, name) for level, name in units if level < block.level]
        if block.kind == BlockKind.TABLE or (block.kind == BlockKind.HEADING and item.own_role != SectionRole.OTHER):
            continue
        if block.kind == BlockKind.HEADING and names_unit(block.text):
            units.append((block.level, unit_heading_name(block.text)))
            continue
        if _is_lead_in(items, index):
            lead_in = (block.level, block.text)
            continue
        prefixed = split_unit_prefix(block.text) if (item.numbered or not units) else None
        context = {"year": year, "lines": item.parsed.lines, "lead_in": lead_in[1] if lead_in else ""}
        if prefixed:
            unit, duty = prefixed
            if item.numbered:  # "1. Công an xã: …" heads its own bullets; "- Công an xã …" only itself
                units.append((block.level, unit))
            tasks.append(_duty_task(duty, unit, **context))
        elif units:
            tasks.append(_duty_task(block.text, units[-1][1], **context))
    return tasks


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        folded = fold_vietnamese(cell)
        if "phoi hop" in folded:
            columns.setdefault("coordinating", index)
        elif re.search(_TIME_COLUMN, folded):
            columns.setdefault("time", index)
        elif re.search(_LEAD_COLUMN, folded):
            columns.setdefault("lead", index)
        elif re.search(_TITLE_COLUMN, folded):
            columns.setdefault("title", index)
    return columns


def table_tasks(items: list[Item], *, year: int | None) -> list[ParsedTask]:
    """Rows of a table whose header names the work and its unit or time."""
    tasks: list[ParsedTask] = []
    for item in items:
        rows = item.block.rows
        if item.block.kind != BlockKind.TABLE or len(rows) < 2:
            continue
        columns = _columns(rows[0])
        if "title" not in columns or not ({"lead", "time"} & columns.keys()):
            continue
        for row in rows[1:]:
            cell = {name: (row[index] if index < len(row) else "") for name, index in columns.items()}
            title = collapse(cell["title"])
            if not title or len(row) < len(rows[0]):
                continue  # an empty row, or a group row merged across the table
            tasks.append(
                _task(
                    title,
                    when=time_in_cell(cell.get("time", ""), year=year),
                    source="table",
                    lines=item.parsed.lines,
                    lead_unit=collapse(cell.get("lead", "")),
                    coordinating_units=split_unit_list(cell.get("coordinating", "")),
                )
            )
    return tasks


def first_timeline_year(items: list[Item]) -> int | None:
    """The plan's year when neither the date nor the title gives it: "Quý I/2022", "Tháng 3/2023"."""
    for item in items:
        if item.parsed.role == SectionRole.TIMELINE or item.block.kind == BlockKind.TABLE:
            texts = [item.block.text, *(cell for row in item.block.rows for cell in row)]
            for text in texts:
                for pattern in (_QUARTER_ANYWHERE, _MONTH_ANYWHERE):
                    match = pattern.search(fold_vietnamese(text))
                    year = match and (match.group("qy") if "qy" in match.groupdict() else match.group("my"))
                    if year:
                        return int(year)
    return None


def extract_tasks(items: list[Item], *, year: int | None) -> list[ParsedTask]:
    tasks = [
        *timeline_tasks(items, year=year),
        *responsibility_tasks(items, year=year),
        *table_tasks(items, year=year),
    ]
    return sorted(tasks, key=lambda task: task.lines[0] if task.lines else 0)
