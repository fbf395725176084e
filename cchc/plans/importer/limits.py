"""How much an uploaded plan may be, each limit with the message an official reads when a file passes it.

A plan is a few pages: the Định Biên 2022 plan is 278 lines of at most 89 characters, 30 KB. The
limits are a hundred times that and more, so a real plan never meets them; they exist so that a
hostile or broken file is refused with a clear reason instead of holding a worker for minutes
or taking gigabytes of memory. The parse itself also runs in a child process with a time and
memory limit (``isolation``), so a file that slips past these still cannot stall anything.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext_lazy as _

from .lines import Line

MB = 1024 * 1024


class ImportRefused(ValueError):
    """A file the importer will not read; ``str(error)`` is the Vietnamese reason for the official."""


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # 20.000, as Vietnamese officials write numbers


@dataclass(frozen=True)
class Limit:
    value: int
    shown: str  # the limit as the message states it: "10 MB", "20.000"
    message: str

    def refuse(self, **found: object) -> ImportRefused:
        params = {name: _number(value) if isinstance(value, int) else value for name, value in found.items()}
        return ImportRefused(str(self.message) % {"limit": self.shown, **params})


def _limit(value: int, message: str, *, unit: int = 1, unit_name: str = "") -> Limit:
    shown = f"{_number(value // unit)} {unit_name}".strip()
    return Limit(value=value, shown=shown, message=message)


FILE_BYTES = _limit(
    10 * MB,
    _("Tệp lớn hơn %(limit)s; kế hoạch thường chỉ vài trăm KB."),
    unit=MB,
    unit_name="MB",
)
UNCOMPRESSED_BYTES = _limit(
    30 * MB,
    _(
        "Tệp Word này khi giải nén lớn hơn %(limit)s, trong khi một kế hoạch thường chưa tới 1 MB. Tệp có thể "
        "chứa nhiều ảnh lớn hoặc đã bị làm hỏng: hãy lưu lại kế hoạch chỉ với phần chữ rồi tải lên lại."
    ),
    unit=MB,
    unit_name="MB",
)
TEXT_CHARS = _limit(
    2_000_000,
    _(
        "Văn bản dài %(found)s ký tự, vượt giới hạn %(limit)s ký tự; một kế hoạch thường chỉ vài chục nghìn ký tự. "
        "Hãy kiểm tra lại đã chọn đúng tệp kế hoạch chưa."
    ),
)
LINE_CHARS = _limit(
    20_000,
    _(
        "Dòng %(line)s dài %(found)s ký tự, vượt giới hạn %(limit)s ký tự của một dòng hay một đoạn văn. "
        "Tệp có thể không phải văn bản kế hoạch hoặc đã bị hỏng."
    ),
)
PARAGRAPHS = _limit(
    20_000,
    _(
        "Tệp có hơn %(limit)s dòng (đoạn văn), quá nhiều đối với một kế hoạch. "
        "Hãy kiểm tra lại đã chọn đúng tệp kế hoạch chưa."
    ),
)
TASKS = _limit(
    1_000,
    _(
        "Tệp cho ra %(found)s nhiệm vụ, vượt giới hạn %(limit)s nhiệm vụ của một kế hoạch (kế hoạch năm thường "
        "có vài chục). Tệp có thể không phải kế hoạch, hoặc gộp nhiều văn bản: hãy tách ra rồi tải lên từng tệp."
    ),
)
PARSE_SECONDS = _limit(
    60,
    _(
        "Đọc tệp mất quá %(limit)s giây nên đã dừng lại. Tệp có thể quá phức tạp hoặc đã bị hỏng: "
        "hãy mở tệp bằng Word, lưu lại thành .docx hoặc .txt rồi tải lên lại."
    ),
    unit_name="",
)
PARSE_MEMORY_BYTES = _limit(
    1024 * MB,
    _(
        "Đọc tệp cần quá %(limit)s bộ nhớ nên đã dừng lại. Tệp có thể quá phức tạp hoặc đã bị hỏng: "
        "hãy mở tệp bằng Word, lưu lại thành .docx hoặc .txt rồi tải lên lại."
    ),
    unit=1024 * MB,
    unit_name="GB",
)

UNREADABLE = _("Không đọc được tệp «%(name)s». Tệp có thể bị hỏng.")
OLD_WORD = _("Tệp «%(name)s» là định dạng Word cũ (.doc). Vui lòng mở bằng Word và lưu lại dưới dạng .docx.")
CORRUPT_WORD = _("Tệp Word bị hỏng hoặc không phải tệp .docx.")
WRONG_TYPE = _("Không đọc được tệp «%(name)s»: chỉ hỗ trợ tệp văn bản .txt hoặc tệp Word .docx.")


NO_TITLE = _(
    "Tệp «%(name)s» không giống một kế hoạch: trong những dòng đầu không có tên loại văn bản (như «KẾ HOẠCH») "
    "và trích yếu ngay dưới nó. Hãy kiểm tra đã chọn đúng tệp kế hoạch chưa."
)
NO_BODY = _(
    "Tệp «%(name)s» chỉ có tiêu đề «%(title)s», không có nội dung kế hoạch (các mục I, II, … và nhiệm vụ) "
    "nên chưa thể lưu thành kế hoạch. Hãy kiểm tra đã chọn đúng tệp, đủ trang chưa."
)


def check_is_plan(plan, *, name: str) -> None:
    """A file the official means to save as a plan has a title and a body: an empty or near-empty file, or
    a document that is not a plan, is refused instead of becoming an empty plan."""
    if not plan.title:
        raise ImportRefused(str(NO_TITLE) % {"name": name})
    if not (plan.blocks or plan.tasks):
        raise ImportRefused(str(NO_BODY) % {"name": name, "title": plan.title[:120]})


def check_text(text: str) -> None:
    """Total length of a decoded text, before it is split into lines."""
    if len(text) > TEXT_CHARS.value:
        raise TEXT_CHARS.refuse(found=len(text))


def check_line(number: int, text: str) -> None:
    """One line of a text file or one paragraph of a DOCX (``number`` is the one shown to the user)."""
    if len(text) > LINE_CHARS.value:
        raise LINE_CHARS.refuse(line=number, found=len(text))


def check_task_count(count: int) -> None:
    """Saving a plan writes a row per task in the request that confirms it: their number is bounded."""
    if count > TASKS.value:
        raise TASKS.refuse(found=count)


def check_paragraph_count(count: int) -> None:
    if count > PARAGRAPHS.value:
        raise PARAGRAPHS.refuse(found=count)


def check_lines(lines: Sequence[Line]) -> None:
    """Count, length of each and length of all the non-blank lines (or DOCX paragraphs and tables)."""
    check_paragraph_count(len(lines))
    total = 0
    for line in lines:
        for text in [cell for row in line.rows for cell in row] if line.rows is not None else [line.text]:
            check_line(line.no, text)  # a table: each of its cells
        total += len(line.text)
    if total > TEXT_CHARS.value:
        raise TEXT_CHARS.refuse(found=total)


_CHUNK = 64 * 1024


def check_archive(source: str | IO[bytes]) -> None:
    """A .docx (a zip) whose parts together inflate to at most ``UNCOMPRESSED_BYTES``.

    First the sizes the archive declares in its central directory, before anything is inflated; then
    each part is inflated in small chunks and counted, stopping at the declared size or the limit,
    so an archive that lies about its sizes is refused without ever holding more than one chunk.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportRefused(str(CORRUPT_WORD)) from error
    with archive:
        members = archive.infolist()
        declared = sum(member.file_size for member in members)
        if declared > UNCOMPRESSED_BYTES.value:
            raise UNCOMPRESSED_BYTES.refuse(found=declared)
        inflated = 0
        for member in members:
            allowed = min(member.file_size, UNCOMPRESSED_BYTES.value - inflated)
            read = 0
            try:
                with archive.open(member) as part:
                    while chunk := part.read(_CHUNK):
                        read += len(chunk)
                        if read > allowed:
                            raise UNCOMPRESSED_BYTES.refuse(found=inflated + read)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
                raise ImportRefused(str(CORRUPT_WORD)) from error
            inflated += read
