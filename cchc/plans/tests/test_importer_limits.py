"""The limits on what an uploaded plan may be, and the child process that parses it with a time and memory cap."""

from __future__ import annotations

import io
import multiprocessing
import re
import struct
import time
import zipfile

import pytest
from docx import Document

from cchc.plans.importer import ImportRefused, parse_docx, parse_file, parse_text
from cchc.plans.importer.isolation import ParseFailed, ParseOutOfMemory, ParseTimedOut, run_isolated
from cchc.plans.importer.parsed import to_json

MB = 1024 * 1024


def _docx_with_body(body_xml: str | bytes) -> bytes:
    """A real .docx from python-docx whose word/document.xml body is replaced by ``body_xml``."""
    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    document = source.read("word/document.xml").decode()
    head, _, _ = document.partition("<w:body>")
    body = body_xml.encode() if isinstance(body_xml, str) else body_xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                target.writestr(item.filename, head.encode() + b"<w:body>" + body + b"</w:body></w:document>")
            else:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def _paragraphs(texts) -> str:
    return "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in texts)


def _refused(function, *args, memory_bytes=256 * MB) -> str:
    """The Vietnamese reason, from a parse run as uploads are: in a child with little memory."""
    with pytest.raises(ImportRefused) as refused:
        run_isolated(function, *args, seconds=60, memory_bytes=memory_bytes)
    return str(refused.value)


def test_a_text_past_two_million_characters_is_refused_with_its_length():
    message = _refused(parse_text, "Kế hoạch tuyên truyền\n" * 100_000)
    assert "2.200.000 ký tự, vượt giới hạn 2.000.000 ký tự" in message


def test_a_line_past_twenty_thousand_characters_is_refused_with_its_number():
    message = _refused(parse_text, "KẾ HOẠCH\n\nTuyên truyền\n" + "a" * 20_001)
    assert message.startswith("Dòng 4 dài 20.001 ký tự, vượt giới hạn 20.000 ký tự")


def test_more_than_twenty_thousand_lines_are_refused():
    assert "Tệp có hơn 20.000 dòng (đoạn văn)" in _refused(parse_text, "- Việc\n" * 20_001)


def test_a_plan_of_ten_thousand_lines_of_reasonable_length_is_read():
    plan = parse_text("KẾ HOẠCH\nTuyên truyền\nI. NỘI DUNG\n" + "- Tuyên truyền trên loa truyền thanh.\n" * 10_000)
    assert len(plan.blocks) == 10_001


def test_a_word_file_whose_text_inflates_to_105_mb_is_refused_before_it_is_inflated():
    bomb = _docx_with_body(b"<w:p><w:r><w:t>" + b" " * (105 * MB) + b"</w:t></w:r></w:p>")
    assert len(bomb) < 1 * MB
    started = time.monotonic()
    # 64 MB is less than the inflated document alone: reading it whole would fail as out of memory
    message = _refused(parse_docx, bomb, memory_bytes=64 * MB)
    assert "khi giải nén lớn hơn 30 MB" in message
    assert time.monotonic() - started < 10


def _understate_size(archive: bytes, name: str, size: int) -> bytes:
    """The archive with the central directory claiming ``name`` inflates to ``size`` bytes."""
    entry = archive.rindex(b"PK\x01\x02", 0, archive.rindex(name.encode()) + 1)
    return archive[: entry + 24] + struct.pack("<I", size) + archive[entry + 28 :]


def test_a_word_file_whose_header_understates_its_size_is_refused_without_reading_past_it():
    liar = _understate_size(_docx_with_body(_paragraphs(["x" * 1000] * 40_000)), "word/document.xml", 2000)
    assert zipfile.ZipFile(io.BytesIO(liar)).getinfo("word/document.xml").file_size == 2000
    assert "Tệp Word bị hỏng" in _refused(parse_docx, liar, memory_bytes=64 * MB)


def test_a_word_file_with_more_than_twenty_thousand_paragraphs_is_refused_before_reading_them():
    many = _docx_with_body(_paragraphs(["Việc"] * 20_001))
    assert "Tệp có hơn 20.000 dòng (đoạn văn)" in _refused(parse_docx, many)


def test_a_word_paragraph_past_twenty_thousand_characters_is_refused_with_its_number():
    long = _docx_with_body(_paragraphs(["KẾ HOẠCH", "Tuyên truyền", "a" * 20_001]))
    assert _refused(parse_docx, long).startswith("Dòng 3 dài 20.001 ký tự")


def test_a_file_that_is_not_a_zip_but_named_docx_is_reported_as_a_broken_word_file():
    assert "Tệp Word bị hỏng" in _refused(parse_docx, b"PK\x03\x04hong")


def test_a_table_merged_down_three_thousand_rows_is_read_in_linear_time():
    cell = "<w:tc><w:tcPr><w:vMerge{}/></w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    rows = [
        "<w:tr>" + cell.format(' w:val="restart"' if n == 0 else "", "Ban Văn hóa" if n == 0 else "") +
        f"<w:tc><w:p><w:r><w:t>Việc {n}</w:t></w:r></w:p></w:tc></w:tr>"
        for n in range(3000)
    ]  # fmt: skip
    table = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>" + "".join(rows) + "</w:tbl>"
    started = time.monotonic()
    plan = run_isolated(lambda data: to_json(parse_docx(data)), _docx_with_body(table), seconds=60)
    assert time.monotonic() - started < 20
    rows = plan["blocks"][0]["block"]["rows"]
    assert rows[0] == ["Ban Văn hóa", "Việc 0"]
    assert rows[2999] == ["Ban Văn hóa", "Việc 2999"]  # python-docx gives a merged cell in every row


def test_a_file_over_ten_megabytes_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "ke-hoach.txt"
    big.write_bytes(b"a" * (10 * MB + 1))
    with pytest.raises(ImportRefused, match="Tệp lớn hơn 10 MB"):
        parse_file(big)


def _catastrophic() -> None:
    re.match(r"(a+)+$", "a" * 64 + "b")  # backtracks 2**64 times, in C, deaf to signals


def test_the_time_limit_stops_a_parse_stuck_in_a_regular_expression():
    started = time.monotonic()
    with pytest.raises(ParseTimedOut):
        run_isolated(_catastrophic, seconds=1)
    assert time.monotonic() - started < 10
    assert not multiprocessing.active_children()


def _allocate(size: int) -> int:
    return len(bytearray(size))


def test_the_memory_limit_stops_a_parse_that_grows_past_it_and_allows_one_that_does_not():
    with pytest.raises(ParseOutOfMemory):
        run_isolated(_allocate, 2048 * MB, seconds=60, memory_bytes=256 * MB)
    assert run_isolated(_allocate, 64 * MB, seconds=60, memory_bytes=256 * MB) == 64 * MB


def _broken() -> None:
    raise KeyError("word/document.xml")


def test_an_unexpected_error_in_the_child_comes_back_as_a_failed_parse():
    with pytest.raises(ParseFailed, match="KeyError"):
        run_isolated(_broken, seconds=60)


def test_a_file_that_makes_more_tasks_than_any_plan_is_refused_before_it_reaches_a_request():
    from cchc.plans.importer import parse_text
    from cchc.plans.importer.limits import TASKS, ImportRefused

    duties = "\n".join(f"- Tuyên truyền nội dung số {i} trên loa truyền thanh xã." for i in range(TASKS.value + 50))
    head = "KẾ HOẠCH\nTuyên truyền CCHC năm 2023\nIV. TRÁCH NHIỆM THỰC HIỆN\n1. Cán bộ Phát thanh - Truyền thông\n"
    text = f"{head}{duties}\n"
    with pytest.raises(ImportRefused, match="nhiệm vụ"):
        parse_text(text)
