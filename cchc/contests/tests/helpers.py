"""Shared by the contests tests: a question sheet written as a real .xlsx file."""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADER = [
    "STT",
    "Câu hỏi",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Đáp án đúng",
    "Căn cứ pháp lý",
    "Chủ đề",
]


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def choices(*texts: str, correct: tuple[int, ...] = (0,)) -> list[dict]:
    return [{"text": text, "correct": index in correct} for index, text in enumerate(texts)]
