"""The shape of an administrative document (Decree 30/2020/NĐ-CP), independent of its output.

Plans, reports, certificates and posting sheets build an ``OfficialDocument``; the renderer in
``cchc.core.rendering`` turns it into DOCX or PDF with the prescribed layout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class BlockKind(models.TextChoices):
    HEADING = "heading", _("Đề mục")  # a numbered heading: "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "3.1. Ban ..."
    PARAGRAPH = "paragraph", _("Đoạn văn")  # body text, possibly with a marker such as "a)"
    BULLET = "bullet", _("Gạch đầu dòng")  # "- ..." or "+ ..."
    TABLE = "table", _("Bảng")  # rows of cells; the first row is the header


@dataclass
class Block:
    kind: BlockKind
    text: str = ""
    marker: str = ""  # exactly as written in the source: "I.", "1.", "3.1.", "a)", "-", "+"
    level: int = 1  # 1 = top (Roman numerals), 2 = "1.", 3 = "1.1." / "a)", 4 and deeper for bullets below
    rows: list[list[str]] = field(default_factory=list)  # TABLE only


@dataclass
class OfficialDocument:
    doc_type: str  # "KẾ HOẠCH", "BÁO CÁO", "QUYẾT ĐỊNH" ...
    title: str  # the subject line under the type: "Tuyên truyền cải cách hành chính xã Định Biên năm 2022"
    issuing_parent: str = ""  # "UBND HUYỆN ĐỊNH HÓA" (top line of the left header column), may be empty
    issuing_body: str = ""  # "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN"
    number: str = ""  # "05" ("" leaves "Số:    /KH-UBND" for the clerk to fill in)
    symbol: str = ""  # "KH-UBND"
    place: str = ""  # "Định Biên"
    date: dt.date | None = None
    basis: list[str] = field(default_factory=list)  # căn cứ paragraphs, italic
    body: list[Block] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # "Trên đây là kế hoạch ..." paragraphs
    recipients: list[str] = field(default_factory=list)  # without the leading "- "
    signing_capacity: str = ""  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"
    signer_title: str = ""  # "CHỦ TỊCH"
    signer_name: str = ""
    draft: bool = False  # not issued yet: marked "DỰ THẢO" at the top, no blank number line
    year: int | None = None  # the year the document belongs to when it has no date yet (file names)
