"""What the plan importer finds in a document, before anything is saved.

The importer returns a ``ParsedPlan``; ``saving`` stores it. Every input line ends up in exactly one
place: a header field, a body block, a recipient, the signature, or ``unplaced`` (reported to the
user with its line number, never dropped). A schedule entry, duty or table row that gives no task is
listed in ``unplaced`` too, with the reason, though its text is kept among the blocks. A
``ParsedPlan`` travels from the task worker to the preview page as JSON (``to_json`` / ``from_json``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext

from cchc.core.official_document import Block, BlockKind

from ..structure import Channel, Quarter, Recurrence, SectionRole


@dataclass
class ParsedBlock:
    block: Block
    role: SectionRole = SectionRole.OTHER  # role of the nearest heading that has one
    lines: list[int] = field(default_factory=list)  # 1-based input line numbers it was built from


@dataclass
class ParsedTask:
    title: str  # what must be done, as written (one bullet, one timeline entry, one table row)
    lead_unit: str = ""  # unit name as written in the plan ("Ban Văn hóa, Thông tin và tuyên truyền")
    coordinating_units: list[str] = field(default_factory=list)
    quarter: int | None = None  # 1..4
    month: int | None = None  # 1..12 when the plan schedules by month
    due_date: dt.date | None = None
    channels: list[Channel] = field(default_factory=list)
    source: str = ""  # "timeline", "responsibilities", "table"
    lines: list[int] = field(default_factory=list)
    starts_on: dt.date | None = None  # the first day of a range ("Tháng 4 - 6/2023" → 01/04/2023)
    recurrence: str = ""  # a ``Recurrence`` value: "hằng tuần", "02 lần/tháng"
    times_per_period: int = 1  # "02 lần/tuần" → 2

    @property
    def quarter_label(self) -> str:
        return Quarter(self.quarter).label if self.quarter else ""

    @property
    def recurrence_label(self) -> str:
        if not self.recurrence:
            return ""
        label = str(Recurrence(self.recurrence).label)
        if self.times_per_period > 1:
            return gettext("%(every)s (%(n)d lần)") % {"every": label, "n": self.times_per_period}
        return label


@dataclass
class ParsedBudgetItem:
    """An amount the plan names: "dự kiến 20.000.000 đồng", "Tổng kinh phí: 15.000.000 đ"."""

    name: str  # what the money is for, from the sentence or the heading above it
    amount: int  # in đồng
    line: int  # 1-based input line
    text: str = ""  # the sentence as written
    is_total: bool = False  # "Tổng kinh phí", "Tổng cộng": the sum of the other items, not one more


@dataclass
class Unplaced:
    line: int
    text: str
    reason: str  # in Vietnamese, shown to the official


@dataclass
class ParsedPlan:
    doc_type: str = "KẾ HOẠCH"
    title: str = ""
    issuing_parent: str = ""
    issuing_body: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: dt.date | None = None
    year: int | None = None
    basis: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)  # preamble paragraphs that are not a căn cứ
    blocks: list[ParsedBlock] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signing_capacity: str = ""
    signer_title: str = ""
    signer_name: str = ""
    tasks: list[ParsedTask] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    budget: list[ParsedBudgetItem] = field(default_factory=list)

    @property
    def budget_lines(self) -> list[ParsedBudgetItem]:
        """The items saved as budget lines: the itemised amounts, or the total alone when nothing is itemised."""
        items = [item for item in self.budget if not item.is_total]
        return items or self.budget[:1]

    @property
    def looks_like_a_plan(self) -> bool:
        """A title and some body: what a file needs before it can be saved as a plan."""
        return bool(self.title and (self.blocks or self.tasks))


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def to_json(plan: ParsedPlan) -> dict:
    """The plan as JSON-ready data (dates as ISO strings), stored on the import until it is confirmed."""
    data = asdict(plan)
    data["date"] = plan.date.isoformat() if plan.date else None
    for task in data["tasks"]:
        for name in ("due_date", "starts_on"):
            task[name] = task[name].isoformat() if task[name] else None
    return data


def from_json(data: dict) -> ParsedPlan:
    """The inverse of ``to_json``."""
    fields = {
        name: value for name, value in data.items() if name not in {"blocks", "tasks", "unplaced", "date", "budget"}
    }
    return ParsedPlan(
        **fields,
        date=_date_or_none(data.get("date")),
        blocks=[
            ParsedBlock(
                block=Block(**{**item["block"], "kind": BlockKind(item["block"]["kind"])}),
                role=SectionRole(item["role"]),
                lines=item["lines"],
            )
            for item in data.get("blocks", [])
        ],
        tasks=[
            ParsedTask(
                **{
                    **task,
                    "due_date": _date_or_none(task["due_date"]),
                    "starts_on": _date_or_none(task.get("starts_on")),
                    "channels": [Channel(channel) for channel in task["channels"]],
                }
            )
            for task in data.get("tasks", [])
        ],
        unplaced=[Unplaced(**item) for item in data.get("unplaced", [])],
        budget=[ParsedBudgetItem(**item) for item in data.get("budget", [])],
    )
