"""Tasks from the timeline ("Quý I/2022: …"), the responsibilities (unit → duties) and task tables."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from cchc.core.official_document import BlockKind
from cchc.core.text import fold_vietnamese

from ..channels import detect_channels
from ..structure import Recurrence, SectionRole
from .body import Item
from .lines import FIELD, collapse, fold_aligned
from .parsed import ParsedTask, Unplaced
from .units import coordinating_units, names_unit, split_unit_list, split_unit_prefix, unit_heading_name

_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q = r"iv|iii|ii|i|[1-4]"
_QUARTER = rf"quy\s+(?P<q>{_Q})(?![a-z0-9])(?:\s*(?:/|nam)\s*(?P<qy>\d{{4}}))?"
_MONTH = r"thang\s+(?P<m>\d{1,2})(?!\d)(?:\s*(?:/|nam)\s*(?P<my>\d{4}))?"
_DEADLINE = (
    r"(?:truoc|cham nhat|han chot|hoan thanh truoc|den)\s+(?:ngay\s+)?"
    r"(?P<d>\d{1,2})\s*/\s*(?P<dm>\d{1,2})(?:\s*/\s*(?P<dy>\d{4}))?"
)
_HALF = r"(?:06|6) thang (?P<half>dau|cuoi) nam(?:\s+(?P<hy>\d{4}))?"
# "Ngày 09/11 hằng năm (Ngày Pháp luật)", "vào ngày 15/11/2024": a day of the plan's year.
_DAY = (
    r"ngay\s+(?P<dd>\d{1,2})\s*/\s*(?P<ddm>\d{1,2})(?:\s*/\s*(?P<ddy>\d{4}))?(?![\d/])"
    r"(?:\s+hang\s+nam)?(?:\s*\([^()]{0,60}\))?"
)
_TO = r"\s*(?:-|–|—|den(?:\s+het)?|toi)\s*"
# "Tháng 4 - 6/2023", "Từ tháng 3 đến tháng 5", "tháng 10-12", "tháng 4/2023 - tháng 6/2023"
_MONTH_RANGE = (
    r"(?:tu\s+)?thang\s+(?P<m1>\d{1,2})(?:\s*/\s*(?P<y1>\d{4}))?"
    rf"{_TO}(?:thang\s+)?(?P<m2>\d{{1,2}})(?![\d.,])(?:\s*(?:/|nam)\s*(?P<y2>\d{{4}}))?"
)
# "Quý II - III", "Từ Quý II đến hết Quý III/2023"
_QUARTER_RANGE = (
    rf"(?:tu\s+)?quy\s+(?P<q1>{_Q})(?![a-z0-9])(?:\s*/\s*(?P<qy1>\d{{4}}))?"
    rf"{_TO}(?:quy\s+)?(?P<q2>{_Q})(?![a-z0-9])(?:\s*(?:/|nam)\s*(?P<qy2>\d{{4}}))?"
)
_PERIOD = r"(?P<period>tuan|thang|quy)(?![a-z])"
# "Hằng tháng:", "Định kỳ hằng quý -", "Thường xuyên hằng tuần:"
_EVERY = rf"(?:(?:dinh ky|thuong xuyen|duy tri)\s+)?(?:hang|moi)\s+{_PERIOD}"
# "02 lần/tuần", "ít nhất 2 buổi mỗi tháng", "01 số/quý", "02 hội nghị/quý"
_TIMES = re.compile(
    r"(?<![\d/])(?P<n>\d{1,2})\s*(?:[a-z]+,?\s+){0,3}?[a-z]*"  # "02 lần", "04 tin, bài", "02 hội nghị"
    rf"\s*(?:/|tren|moi|trong\s+(?:mot|1|01))\s*{_PERIOD}"
)
_EVERY_ANYWHERE = re.compile(rf"\b{_EVERY}")
# "mỗi tháng 02 tin, bài", "hằng tuần phát sóng ít nhất 02 lần": the count after the period
_TIMES_AFTER = re.compile(
    rf"\b(?:hang|moi)\s+{_PERIOD}\s*,?\s*(?:[a-z]+\s+){{0,3}}?(?:(?:it nhat|toi thieu)\s+)?(?P<n>\d{{1,2}})\s*"
    r"(?:lan|buoi|tin|bai|so|cuoc|hoi nghi|chuyen muc|ban tin|chuong trinh)(?![a-z])"
)
_PERIOD_RECURRENCE = {"tuan": Recurrence.WEEKLY, "thang": Recurrence.MONTHLY, "quy": Recurrence.QUARTERLY}
# "Quý I/2022: …", "Trong tháng 3 - …", "Từ tháng 3 đến tháng 5/2023: …" (the end of a range is the due date)
_AFTER_TIME = r"\s*(?:[:\-–—,]\s*)?"
_RANGE_START = re.compile(rf"^(?:(?:trong|vao)\s+)?(?:{_MONTH_RANGE}|{_QUARTER_RANGE}){_AFTER_TIME}")
_TIME_START = re.compile(
    rf"^(?:{_EVERY}|(?:tu\s+[^:]{{1,40}}?\s+)?(?:(?:trong|vao|den)\s+)?(?:{_QUARTER}|{_MONTH}|{_DEADLINE}|{_DAY}|{_HALF}))"
    rf"{_AFTER_TIME}"
)
_RANGE_ANYWHERE = re.compile(rf"\b(?:{_MONTH_RANGE}|{_QUARTER_RANGE})")
_QUARTER_ANYWHERE = re.compile(rf"\b{_QUARTER}")
_MONTH_INSIDE = re.compile(rf"\b(?:trong|vao|truoc|den het|het|cuoi)\s+{_MONTH}")
_MONTH_ANYWHERE = re.compile(rf"\b{_MONTH}")
_DEADLINE_ANYWHERE = re.compile(rf"\b{_DEADLINE}")
_DATE_ANYWHERE = re.compile(r"\b(?P<d>\d{1,2})\s*/\s*(?P<dm>\d{1,2})\s*/\s*(?P<dy>\d{4})\b")
_DAY_ANYWHERE = re.compile(rf"\b{_DAY}")
# A cell opening with a day: "15/11", "09/11 hằng năm"
_DAY_CELL = re.compile(r"^\s*(?:ngay\s+)?(?P<d>\d{1,2})\s*/\s*(?P<dm>\d{1,2})(?![\d/])")
_GROUP_NUMBER = re.compile(r"^\s*(?:[IVX]{1,4}|[A-ZĐ])\s*[.)]?\s*$")  # "I", "II.", "A": a group's number

_TITLE_COLUMN = r"noi dung|cong viec|nhiem vu|hoat dong"
_LEAD_COLUMN = r"chu tri|don vi thuc hien|co quan thuc hien|don vi|co quan|nguoi thuc hien"
_TIME_COLUMN = r"thoi gian|thoi han|tien do"

NO_TIME = _("Không nhận ra thời gian thực hiện nên chưa tạo nhiệm vụ; hãy thêm nhiệm vụ này sau khi lưu.")
LEAD_IN_ALONE = _("Câu dẫn không có mục nào theo sau nên chưa tạo nhiệm vụ; hãy kiểm tra lại.")
ROW_WITHOUT_TITLE = _("Dòng của bảng không có nội dung công việc nên chưa tạo nhiệm vụ.")


@dataclass(frozen=True)
class When:
    quarter: int | None = None
    month: int | None = None
    due_date: dt.date | None = None
    starts_on: dt.date | None = None
    recurrence: str = ""
    times: int = 1
    first_month: int | None = None  # where a range starts, known even when the year is not

    def __bool__(self) -> bool:
        return bool(self.quarter or self.month or self.due_date or self.recurrence)


def _end_of_month(year: int | None, month: int) -> dt.date | None:
    if year is None or not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _start_of_month(year: int | None, month: int) -> dt.date | None:
    end = _end_of_month(year, month)
    return end.replace(day=1) if end else None


def _date(year: int | None, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(year, int(month), int(day)) if year else None
    except ValueError:
        return None


def _year(value: str | None, default: int | None) -> int | None:
    return int(value) if value else default


def _range(groups: dict, year: int | None) -> When | None:
    """A month or quarter range, due at the end of its last month; None when the numbers make no range."""
    if groups.get("m1"):
        first, last = int(groups["m1"]), int(groups["m2"])
        last_year = _year(groups.get("y2"), _year(groups.get("y1"), year))
        first_year = _year(groups.get("y1"), last_year)
    elif groups.get("q1"):
        first, last = _ROMAN_QUARTERS[groups["q1"]] * 3 - 2, _ROMAN_QUARTERS[groups["q2"]] * 3
        last_year = _year(groups.get("qy2"), _year(groups.get("qy1"), year))
        first_year = _year(groups.get("qy1"), last_year)
    else:
        return None
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return None
    if (first_year, first) >= (last_year, last) if first_year and last_year else first >= last:
        return None
    return When(
        month=last if groups.get("m1") else None,
        quarter=_ROMAN_QUARTERS[groups["q2"]] if groups.get("q1") else None,
        due_date=_end_of_month(last_year, last),
        starts_on=_start_of_month(first_year, first),
        first_month=first,
    )


def _when(match: re.Match[str], year: int | None) -> When:
    groups = match.groupdict()
    ranged = _range(groups, year)
    if ranged:
        return ranged
    if groups.get("period"):
        return When(recurrence=_PERIOD_RECURRENCE[groups["period"]])
    if groups.get("q"):
        quarter = _ROMAN_QUARTERS[groups["q"]]
        return When(quarter=quarter, due_date=_end_of_month(_year(groups.get("qy"), year), quarter * 3))
    if groups.get("m"):
        month = int(groups["m"])
        return When(month=month, due_date=_end_of_month(_year(groups.get("my"), year), month))
    if groups.get("d"):
        return When(due_date=_date(_year(groups.get("dy"), year), groups["dm"], groups["d"]))
    if groups.get("dd"):
        return When(due_date=_date(_year(groups.get("ddy"), year), groups["ddm"], groups["dd"]))
    if groups.get("half"):
        half_year = _year(groups.get("hy"), year)
        first = 1 if groups["half"] == "dau" else 7
        return When(
            due_date=_end_of_month(half_year, first + 5), starts_on=_start_of_month(half_year, first), first_month=first
        )
    return When()


def recurrence_in(text: str) -> tuple[str, int]:
    """ "phát sóng ít nhất 02 lần/tuần" → (weekly, 2); "hằng tháng" → (monthly, 1); ("", 1) when it does not recur."""
    folded = fold_vietnamese(text)
    times = _TIMES.search(folded) or _TIMES_AFTER.search(folded)
    if times and int(times.group("n")) >= 1:
        return _PERIOD_RECURRENCE[times.group("period")], min(int(times.group("n")), 31)
    every = _EVERY_ANYWHERE.search(folded)
    if every:
        return _PERIOD_RECURRENCE[every.group("period")], 1
    return "", 1


def _with_recurrence(when: When, *texts: str) -> When:
    """The time of a task, and how often it comes back, from the first of ``texts`` that says so."""
    for text in texts:
        recurrence, times = recurrence_in(text)
        if recurrence:
            return replace(when, recurrence=recurrence, times=times)
    return when


def timeline_entry(text: str, *, year: int | None) -> tuple[When, str] | None:
    """ "Quý I/2022: Thực hiện …" → (Q1, end of March, "Thực hiện …"); None if no time opens the text."""
    folded = fold_aligned(text)
    match = _RANGE_START.match(folded)
    if not (match and _when(match, year)):  # "Tháng 3 - 15 tin bài" is month 3, not a range
        match = _TIME_START.match(folded)
    if not match:
        return None
    title = text[match.end() :].strip()
    return _with_recurrence(_when(match, year), text), title


def time_inside(text: str, *, year: int | None) -> When:
    """A time named inside a duty: "trước ngày 15/11/2022", "trong Quý II", "trong tháng 3", "từ tháng 3 đến
    tháng 5", "hằng tuần"."""
    folded = fold_aligned(text)
    deadline = _DEADLINE_ANYWHERE.search(folded)
    ranged = _RANGE_ANYWHERE.search(folded)
    quarter = _QUARTER_ANYWHERE.search(folded)
    month = _MONTH_INSIDE.search(folded)
    when = When()
    if ranged and _when(ranged, year):
        when = _when(ranged, year)
    elif quarter:
        when = _when(quarter, year)
    elif month:
        when = _when(month, year)
    elif day := _DAY_ANYWHERE.search(folded):
        when = _when(day, year)
    if deadline:
        when = replace(when, due_date=_when(deadline, year).due_date or when.due_date)
    return _with_recurrence(when, text)


def time_in_cell(text: str, *, year: int | None) -> When:
    """A table's "Thời gian" cell: "Quý II/2023", "Tháng 3", "Trước 30/6/2023", "15/11/2023", "Hằng tháng"."""
    folded = fold_aligned(text)
    ranged = _RANGE_ANYWHERE.search(folded)
    if ranged and _when(ranged, year):
        return _with_recurrence(_when(ranged, year), text)
    for pattern in (_DEADLINE_ANYWHERE, _QUARTER_ANYWHERE, _MONTH_ANYWHERE):
        match = pattern.search(folded)
        if match:
            return _with_recurrence(_when(match, year), text)
    match = _DATE_ANYWHERE.search(folded) or _DAY_ANYWHERE.search(folded) or _DAY_CELL.match(folded)
    return _with_recurrence(_when(match, year) if match else When(), text)


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_for(when: When) -> int | None:
    """The quarter a task is in: as written, or the quarter of its due date when it starts no earlier
    ("Tháng 3/2024" → I, "Tháng 4 - 6/2024" → II, "Trước ngày 20/5" → II; "Tháng 8 - 10" spans two: none)."""
    if when.quarter:
        return when.quarter
    if not when.due_date:  # a plan whose year is unknown still names its months
        last = when.month
        first = when.first_month or last
        return _quarter_of(dt.date(2000, last, 1)) if last and (first - 1) // 3 == (last - 1) // 3 else None
    start = when.starts_on
    if start and (start.year, _quarter_of(start)) != (when.due_date.year, _quarter_of(when.due_date)):
        return None
    return _quarter_of(when.due_date)


def _task(title: str, *, when: When, source: str, lines: list[int], **fields) -> ParsedTask:
    return ParsedTask(
        title=title,
        quarter=quarter_for(when),
        month=when.month,
        due_date=when.due_date,
        starts_on=when.starts_on,
        recurrence=when.recurrence,
        times_per_period=when.times,
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


def _has_children(items: list[Item], index: int) -> bool:
    following = items[index + 1] if index + 1 < len(items) else None
    return following is not None and following.block.level > items[index].block.level


def _is_unit_bullet(items: list[Item], index: int) -> bool:
    """A bullet that only names a unit, then a colon, with its duties below it."""
    text = items[index].block.text.rstrip()
    return (
        items[index].block.kind == BlockKind.BULLET
        and text.endswith(":")
        and len(text.split()) <= 12
        and names_unit(text)
        and _has_children(items, index)
    )


def _unplaced(item: Item, reason) -> Unplaced:
    return Unplaced(line=item.parsed.lines[0] if item.parsed.lines else 0, text=item.block.text, reason=str(reason))


def timeline_tasks(
    items: list[Item],
    *,
    year: int | None,
    unplaced: list[Unplaced] | None = None,
    claimed: dict[int, ParsedTask | None] | None = None,
) -> list[ParsedTask]:
    """One task per dated entry of the schedule; an entry that gives none is added to ``unplaced``.
    Items in ``claimed`` (task blocks) are already tasks."""
    claimed = claimed or {}
    tasks: list[ParsedTask] = []
    unplaced = unplaced if unplaced is not None else []
    pending: tuple[int, When, str] | None = None  # "- Quý I/2022:" whose items follow, and its words
    for index, item in enumerate(items):
        block = item.block
        if pending and (item.parsed.role != SectionRole.TIMELINE or block.level <= pending[0]):
            pending = None
        if block.kind == BlockKind.TABLE or item.parsed.role != SectionRole.TIMELINE or index in claimed:
            continue
        if block.kind == BlockKind.HEADING and item.own_role != SectionRole.OTHER:
            continue
        entry = timeline_entry(block.text, year=year)
        if entry and entry[0]:
            when, title = entry
            if not title or _is_lead_in(items, index):
                pending = (block.level, when, title)
            else:
                tasks.append(_task(title, when=when, source="timeline", lines=item.parsed.lines))
        elif pending:
            when = _with_recurrence(pending[1], block.text)
            task = _task(block.text, when=when, source="timeline", lines=item.parsed.lines)
            task.channels = task.channels or detect_channels(pending[2])
            tasks.append(task)
        elif inside := time_inside(block.text, year=year):  # "- Tổ chức hội nghị sơ kết vào tháng 6/2023."
            tasks.append(_task(block.text, when=inside, source="timeline", lines=item.parsed.lines))
        elif not _has_children(items, index):
            unplaced.append(_unplaced(item, NO_TIME))
    return tasks


def _duty_task(text: str, lead_unit: str, *, year: int | None, lines: list[int], lead_in: str = "") -> ParsedTask:
    """One duty; an item under "… trên hệ thống truyền thanh xã:" takes the channels of that lead-in."""
    task = _task(
        text,
        when=_with_recurrence(time_inside(text, year=year), text, lead_in),
        source="responsibilities",
        lines=lines,
        lead_unit=lead_unit,
        coordinating_units=coordinating_units(text),
    )
    if lead_in and not task.channels:
        task.channels = detect_channels(lead_in)
    return task


def responsibility_tasks(
    items: list[Item],
    *,
    year: int | None,
    unplaced: list[Unplaced] | None = None,
    claimed: dict[int, ParsedTask | None] | None = None,
) -> list[ParsedTask]:
    """One task per bullet or paragraph under a heading that names a unit, or that names its unit itself
    ("Đài truyền thanh xã – phát sóng …"); a duty that names no unit is a task without one (the office
    assigns it). A lead-in with nothing after it is added to ``unplaced``. A task block (``claimed``) under a
    unit's heading that names no "Chủ trì" takes that unit as its lead."""
    claimed = claimed or {}
    tasks: list[ParsedTask] = []
    unplaced = unplaced if unplaced is not None else []
    units: list[tuple[int, str]] = []  # open unit headings: (level, name)
    lead_in: tuple[int, str] | None = None  # "- Biên tập … trên hệ thống truyền thanh xã:" and its level
    for index, item in enumerate(items):
        block = item.block
        if lead_in and block.level <= lead_in[0]:
            lead_in = None
        if item.parsed.role != SectionRole.RESPONSIBILITIES:
            units.clear()
            continue
        units = [(level, name) for level, name in units if level < block.level]
        if index in claimed:
            block_task = claimed[index]
            if block_task is not None and not block_task.lead_unit and units:
                block_task.lead_unit = units[-1][1]
            continue
        if block.kind == BlockKind.TABLE or (block.kind == BlockKind.HEADING and item.own_role != SectionRole.OTHER):
            continue
        if block.kind == BlockKind.HEADING and names_unit(block.text):
            units.append((block.level, unit_heading_name(block.text)))
            continue
        if _is_unit_bullet(items, index):  # "- Đoàn Thanh niên xã:" over its "+" duties
            units.append((block.level, unit_heading_name(block.text)))
            continue
        if _is_lead_in(items, index):
            lead_in = (block.level, block.text)
            continue
        if block.kind == BlockKind.HEADING and _has_children(items, index):
            continue  # a group of duties under a title that is not a unit: its items are the tasks
        # Under a unit's heading only "Công an xã: …" or "Đài truyền thanh xã – …" names another unit.
        prefixed = split_unit_prefix(block.text, strict=bool(units) and not item.numbered)
        context = {"year": year, "lines": item.parsed.lines, "lead_in": lead_in[1] if lead_in else ""}
        if prefixed:
            unit, duty = prefixed
            if item.numbered:  # "1. Công an xã: …" heads its own bullets; "- Công an xã …" only itself
                units.append((block.level, unit))
            task = _duty_task(duty, unit, **context)
            task.channels = task.channels or detect_channels(unit)  # "Đài truyền thanh xã – phát sóng …"
            tasks.append(task)
        elif units:
            tasks.append(_duty_task(block.text, units[-1][1], **context))
        elif block.text.rstrip().endswith(":"):
            unplaced.append(_unplaced(item, LEAD_IN_ALONE))
        else:
            tasks.append(_duty_task(block.text, "", **context))
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


def table_tasks(items: list[Item], *, year: int | None, unplaced: list[Unplaced] | None = None) -> list[ParsedTask]:
    """Rows of a table whose header names the work and its unit or time; a row with other cells filled
    but no work named is added to ``unplaced``."""
    tasks: list[ParsedTask] = []
    unplaced = unplaced if unplaced is not None else []
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
            others = [collapse(text) for name, text in cell.items() if name != "title"]
            if len(row) < len(rows[0]) or (_GROUP_NUMBER.match(row[0]) and not any(others)):
                continue  # a group row ("II | Tuyên truyền trên Đài truyền thanh | | |"): a title over the rows below
            if not title:
                filled = [collapse(text) for name, text in cell.items() if name != "title" and collapse(text)]
                if filled:
                    line = item.parsed.lines[0] if item.parsed.lines else 0
                    unplaced.append(Unplaced(line=line, text=" | ".join(filled), reason=str(ROW_WITHOUT_TITLE)))
                continue
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


def _field(item: Item) -> tuple[str, str] | None:
    """ "- Chủ trì: Công chức Văn hóa - Xã hội" → ("chu tri", "Công chức Văn hóa - Xã hội")."""
    if item.block.kind == BlockKind.TABLE:
        return None
    text = item.block.text
    match = FIELD.match(fold_aligned(text))
    if not match:
        return None
    field = re.sub(r"\s+", " ", match.group("field"))
    return field.split()[0] + " " + field.split()[1], collapse(text[match.start("value") :]).strip(" .;")


def block_tasks(items: list[Item], *, year: int | None) -> tuple[list[ParsedTask], dict[int, ParsedTask | None]]:
    """A task written as a block: its title, then lines "Chủ trì: …", "Phối hợp: …", "Thời gian: …".

    Returns the tasks and the items they claim (title index → task, field index → None), which the other
    rules then leave alone. A block without "Chủ trì" has no lead unit: the office assigns it."""
    tasks: list[ParsedTask] = []
    claimed: dict[int, ParsedTask | None] = {}
    index = 0
    while index < len(items):
        title = items[index]
        fields: dict[str, str] = {}
        end = index + 1
        while end < len(items) and items[end].block.level >= title.block.level and (found := _field(items[end])):
            fields.setdefault(*found)
            end += 1
        usable = fields.keys() & {"chu tri", "phoi hop", "thoi gian", "thoi han", "tien do"}
        if title.block.kind == BlockKind.TABLE or _field(title) or not usable:
            index += 1
            continue
        text = title.block.text.rstrip(":").strip()
        time = fields.get("thoi gian") or fields.get("thoi han") or fields.get("tien do") or ""
        when = time_in_cell(time, year=year) if time else When()
        when = when or time_inside(text, year=year)
        when = when if when.recurrence else _with_recurrence(when, text)
        lines = [line for item in items[index:end] for line in item.parsed.lines]
        task = _task(
            text,
            when=when,
            source="responsibilities",
            lines=lines,
            lead_unit=fields.get("chu tri", ""),
            coordinating_units=split_unit_list(fields.get("phoi hop", "")),
        )
        tasks.append(task)
        claimed[index] = task
        claimed.update(dict.fromkeys(range(index + 1, end)))
        index = end
    return tasks, claimed


def extract_tasks(items: list[Item], *, year: int | None, unplaced: list[Unplaced] | None = None) -> list[ParsedTask]:
    """The plan's tasks in document order; a schedule entry, a duty or a table row that gives no task is
    added to ``unplaced`` with its reason, so the preview never claims every line was placed."""
    blocks, claimed = block_tasks(items, year=year)
    tasks = [
        *blocks,
        *timeline_tasks(items, year=year, unplaced=unplaced, claimed=claimed),
        *responsibility_tasks(items, year=year, unplaced=unplaced, claimed=claimed),
        *table_tasks(items, year=year, unplaced=unplaced),
    ]
    return sorted(tasks, key=lambda task: task.lines[0] if task.lines else 0)
