"""Hostile input: the parser's cost grows linearly with the input, whatever the input repeats.

Each parse runs through ``run_isolated`` with a time limit, so a regression fails the test in
seconds instead of hanging the suite; the bounds are many times what a linear parse needs on a
slow shared machine, and far below what a quadratic one takes (minutes to hours at these sizes).
"""

from __future__ import annotations

import time

import pytest

from cchc.plans.importer import ImportRefused, parse_lines
from cchc.plans.importer.header import split_parts
from cchc.plans.importer.isolation import run_isolated
from cchc.plans.importer.limits import TASKS
from cchc.plans.importer.lines import Line
from cchc.plans.importer.parsed import to_json

BOUND_SECONDS = 30


def _timed(function, *args) -> tuple[object, float]:
    started = time.monotonic()
    result = run_isolated(function, *args, seconds=BOUND_SECONDS * 3)
    return result, time.monotonic() - started


def _parse_one_line(text: str) -> dict:
    return to_json(parse_lines([Line(1, text)]))


def _parse_after_a_header(texts: list[str]) -> dict:
    header = ["ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN", "Số: 05/KH-UBND       Định Biên, ngày 05 tháng 01 năm 2022", "KẾ HOẠCH"]
    body = ["Tuyên truyền cải cách hành chính năm 2022", "I. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN", *texts]
    return to_json(parse_lines([Line(no, text) for no, text in enumerate([*header, *body], start=1)]))


# A 200,000-character run of what each pattern of the importer tries to match, spaced or not.
REPEATED = {
    "words": "a ",
    "place words": "Định Biên ",
    "dots": ".",
    "underscores": "_",
    "ellipses": "…",
    "spaces": "x" + " " * 9,
    "date words": "ngày tháng năm ",
    "number words": "Số: ",
    "digits": "1",
    "quarters": "Quý I/2022 ",
    "months": "tháng 3 ",
    "deadlines": "trước ngày 15/",
    "coordination": "phối hợp với Ban ",
    "unit words": "Công an xã ",
    "commas": "Ban, ",
    "markers": "1.1.",
    "capacity": "TM. ",
    "recipients": "Nơi nhận: ",
    "channels": "truyền thanh ",
    "targets": "12 ",
}


@pytest.mark.parametrize("name", REPEATED)
def test_a_200000_character_line_of_one_repeated_pattern_is_split_and_parsed_in_linear_time(name):
    text = (REPEATED[name] * (200_000 // len(REPEATED[name]) + 1))[:200_000]
    parts, split_seconds = _timed(split_parts, text)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "").strip()
    _, parse_seconds = _timed(_parse_one_line, text)
    _, body_seconds = _timed(_parse_after_a_header, [f"- {text}", f"Quý I/2022: {text}"])
    assert max(split_seconds, parse_seconds, body_seconds) < BOUND_SECONDS


def test_split_parts_of_a_long_header_line_keeps_its_columns_and_finds_the_date_at_the_end():
    padding = "a " * 100_000
    line = f"UBND XÃ ĐỊNH BIÊN     {padding}     Định Biên, ngày 05 tháng 01 năm 2022"
    parts, seconds = _timed(split_parts, line)
    assert seconds < BOUND_SECONDS
    assert parts[0] == "UBND XÃ ĐỊNH BIÊN"
    assert parts[-1] == "Định Biên, ngày 05 tháng 01 năm 2022"
    assert len(parts) == 3


def test_split_parts_keeps_a_number_and_a_date_with_blanks_whole_after_long_runs_of_spaces():
    line = "Số:" + " " * 50_000 + "/KH-UBND" + " " * 50_000 + "………, ngày" + " " * 50_000 + "tháng 01 năm 2022"
    parts, seconds = _timed(split_parts, line)
    assert seconds < BOUND_SECONDS
    assert [part.split()[0] for part in parts] == ["Số:", "………,"]


def test_a_two_megabyte_single_line_parses_in_linear_time():
    sentence = "Ban Văn hóa phối hợp với Công an xã, ngày 05 tháng 01 năm 2022 tuyên truyền trên loa truyền thanh; "
    text = (sentence * (2 * 1024 * 1024 // len(sentence) + 1))[: 2 * 1024 * 1024]
    _, seconds = _timed(_parse_one_line, text)
    assert seconds < BOUND_SECONDS


def test_fifty_thousand_short_lines_of_one_wrapped_paragraph_parse_in_linear_time():
    lines = ["- Tuyên truyền về cải cách hành chính", *["và tiếp tục nội dung tuyên truyền"] * 50_000]
    plan, seconds = _timed(_parse_after_a_header, lines)
    assert seconds < BOUND_SECONDS
    assert len(plan["blocks"]) == 2  # the heading and one bullet, all 50,000 lines joined into it


def test_fifty_thousand_lines_of_signature_and_recipients_parse_in_linear_time():
    foot = ["Nơi nhận:", "- UBND huyện", *(["của xã Định Biên và"] * 25_000), *(["TM. ỦY BAN NHÂN DÂN"] * 25_000)]
    plan, seconds = _timed(_parse_after_a_header, foot)
    assert seconds < BOUND_SECONDS
    assert plan["recipients"][0].startswith("UBND huyện của xã Định Biên")
    assert plan["signing_capacity"].count("TM.") == 25_000


def _tasks_or_refusal(texts: list[str]) -> dict | str:
    try:
        return _parse_after_a_header(texts)
    except ImportRefused as refused:
        return str(refused)


def _duties(n: int) -> list[str]:
    lines = ["II. TỔ CHỨC THỰC HIỆN", "1. Công an xã:"]
    return lines + [
        f"- Phối hợp với Ban Văn hóa xã, Đoàn Thanh niên xã tuyên truyền lần {i} trong Quý II" for i in range(n)
    ]


def test_twenty_thousand_tasks_are_read_in_linear_time_and_refused_as_no_plan():
    refusal, seconds = _timed(_tasks_or_refusal, _duties(20_000))
    assert seconds < BOUND_SECONDS
    assert "20.000 nhiệm vụ" in refusal


def test_as_many_tasks_as_a_plan_may_hold_are_all_kept():
    plan, _seconds = _timed(_tasks_or_refusal, _duties(TASKS.value))
    assert len(plan["tasks"]) == TASKS.value
    assert plan["tasks"][-1]["coordinating_units"] == ["Ban Văn hóa xã, Đoàn Thanh niên xã"]
