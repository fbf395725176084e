"""What the plan importer finds in a document, before anything is saved.

The importer (``cchc.plans.importer``) returns a ``ParsedPlan``; ``cchc.plans.saving`` stores it.
Every input line ends up in exactly one place: a header field, a body block, a recipient, the
signature, or ``unplaced`` (reported to the user with its line number, never dropped).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from cchc.core.official_document import Block


class SectionRole(StrEnum):
    """What a part of the plan is about, recognised from its heading."""

    PURPOSES = "purposes"  # mục đích
    REQUIREMENTS = "requirements"  # yêu cầu
    AUDIENCES = "audiences"  # đối tượng
    CONTENTS = "contents"  # nội dung
    CHANNELS = "channels"  # hình thức
    IMPLEMENTERS = "implementers"  # cơ quan / đơn vị thực hiện
    TIMELINE = "timeline"  # thời gian, tiến độ
    RESPONSIBILITIES = "responsibilities"  # trách nhiệm, tổ chức thực hiện, phân công
    BUDGET = "budget"  # kinh phí
    OTHER = ""


class Channel(StrEnum):
    PORTAL = "portal"  # cổng/trang thông tin điện tử, tin bài
    BULLETIN = "bulletin"  # bản tin CCHC
    RADIO = "radio"  # truyền thanh, loa
    CONFERENCE = "conference"  # hội nghị
    VILLAGE_MEETING = "village_meeting"  # họp thôn/xóm
    BANNER = "banner"  # băng rôn, khẩu hiệu
    PANEL = "panel"  # panô, áp phích
    LEAFLET = "leaflet"  # tờ rơi, tờ gấp
    MOBILE = "mobile"  # tuyên truyền lưu động
    STAGED = "staged"  # sân khấu hóa
    LEGAL_SESSION = "legal_session"  # phổ biến, giáo dục pháp luật
    CONTEST = "contest"  # cuộc thi
    POSTING = "posting"  # niêm yết thủ tục
    SURVEY = "survey"  # khảo sát sự hài lòng
    DIALOGUE = "dialogue"  # đối thoại, tiếp xúc
    EVALUATION = "evaluation"  # sơ kết, tổng kết, đánh giá
    BUDGET = "budget"  # bố trí kinh phí
    OTHER = "other"


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
