"""What the plan importer finds in a document, before anything is saved.

The importer returns a ``ParsedPlan``; ``saving`` stores it. Every input line ends up in exactly one
place: a header field, a body block, a recipient, the signature, or ``unplaced`` (reported to the
user with its line number, never dropped). A ``ParsedPlan`` travels from the task worker to the
preview page as JSON (``to_json`` / ``from_json``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from cchc.core.official_document import Block, BlockKind

from ..structure import Channel, Quarter, SectionRole


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

    @property
    def quarter_label(self) -> str:
        return Quarter(self.quarter).label if self.quarter else ""


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


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def to_json(plan: ParsedPlan) -> dict:
    """The plan as JSON-ready data (dates as ISO strings), stored on the import until it is confirmed."""
    data = asdict(plan)
    data["date"] = plan.date.isoformat() if plan.date else None
    for task in data["tasks"]:
        task["due_date"] = task["due_date"].isoformat() if task["due_date"] else None
    return data


def from_json(data: dict) -> ParsedPlan:
    """The inverse of ``to_json``."""
    fields = {name: value for name, value in data.items() if name not in {"blocks", "tasks", "unplaced", "date"}}
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
                    "channels": [Channel(channel) for channel in task["channels"]],
                }
            )
            for task in data.get("tasks", [])
        ],
        unplaced=[Unplaced(**item) for item in data.get("unplaced", [])],
    )
