"""Amounts of money a plan names, as budget items: "dự kiến 20.000.000 đồng", "Tổng kinh phí: 15.000.000 đ
(Mười lăm triệu đồng)", "kinh phí khoảng 5 triệu đồng"."""

from __future__ import annotations

import re

from cchc.core.official_document import BlockKind
from cchc.core.text import fold_vietnamese

from .body import Item
from .lines import collapse, fold_aligned
from .parsed import ParsedBudgetItem
from .tasks import timeline_entry

# "20.000.000 đồng", "15.000.000đ", "2,500,000 VNĐ"
_WRITTEN = r"(?P<whole>\d{1,3}(?:[.,]\d{3})+|\d{4,12})\s*(?:dong|d|vnd)(?![a-z])"
# "5 triệu đồng", "1,5 triệu", "2 tỷ đồng", "500 nghìn đồng"
_SCALED = (
    r"(?P<number>\d{1,4}(?:[.,]\d{1,3})?)\s*(?P<scale>ty|trieu|nghin|ngan)(?![a-z])"
    r"(?P<currency>\s*(?:dong|d|vnd)(?![a-z]))?"
)
_AMOUNT = re.compile(rf"(?<![\d.,/])(?:{_WRITTEN}|{_SCALED})")
_SCALES = {"ty": 1_000_000_000, "trieu": 1_000_000, "nghin": 1_000, "ngan": 1_000}
_MONEY_WORDS = re.compile(r"\b(?:kinh phi|du toan|ngan sach|chi phi|so tien|tong cong|dong)\b")
_TOTAL = re.compile(r"^\s*(?:(?:tong kinh phi|tong cong|tong so|tong du toan|tong)\b|cong(?=\s*:|\s+\d))")
# "Kinh phí: tổng cộng 15.000.000 đồng", "Dự kiến tổng kinh phí …": a total named just before its amount.
_TOTAL_INSIDE = re.compile(r"\btong (?:kinh phi|cong|so tien|du toan|chi phi)\b")
# A table's money column: "Kinh phí (đồng)", "Số tiền", "Thành tiền", "Dự toán"; its cells need no "đồng".
_MONEY_COLUMN = re.compile(r"\b(?:kinh phi|so tien|thanh tien|du toan)\b")
_BARE_NUMBER = re.compile(r"^\s*(?P<whole>\d{1,3}(?:[.,]\d{3})+|\d{4,12})\s*(?:dong|d|vnd)?\s*$")
# Words between what the money is for and the amount: "…, dự kiến kinh phí khoảng"
_LEAD_WORDS = re.compile(
    r"(?:[\s,:;–—(-]|\b(?:du kien|kinh phi|khoang|la|voi|muc|so tien|tri gia|thanh tien|tong cong|tong|"
    r"du toan|chi phi|ngan sach|can|bo tri|het|tren|uoc tinh|tuong duong|tam tinh|dinh muc))*$"
)
_GENERIC_NAMES = {"", "kinh phi", "tong kinh phi", "tong cong", "du toan", "chi phi", "tong", "tong du toan"}
MIN_AMOUNT = 1_000  # đồng: less is a number, not money


def _amount(match: re.Match[str], context: str) -> int | None:
    if match.group("whole"):
        value = int(re.sub(r"[.,]", "", match.group("whole")))
    else:
        if not match.group("currency") and not _MONEY_WORDS.search(context):
            return None  # "5 triệu lượt truy cập"
        number = float(match.group("number").replace(",", "."))
        value = round(number * _SCALES[match.group("scale")])
    return value if value >= MIN_AMOUNT else None


def _clause_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts ("." or ";" followed by a space, or a line's start)."""
    cut = max(text.rfind(". ", 0, position), text.rfind("; ", 0, position))
    return cut + 2 if cut >= 0 else 0


def _name(text: str, folded: str, match: re.Match[str], heading: str) -> tuple[str, bool]:
    start = _clause_start(text, match.start())
    before = folded[start : match.start()]
    lead = _LEAD_WORDS.search(before)
    end = start + (lead.start() if lead else len(before))
    name = collapse(text[start:end]).strip(" ,:;-–—(")
    written = collapse(text[start : match.start()]).strip(" ,:;-–—(")  # "Tổng kinh phí", "Dự toán"
    if _TOTAL.match(folded[start:]) or _TOTAL_INSIDE.search(before):
        return (written if len(written.split()) <= 12 else "Tổng kinh phí")[:200], True
    entry = timeline_entry(name, year=None)  # "Quý II/2026: Tổ chức hội nghị …" is named by its work
    if entry and entry[1]:
        name = entry[1]
    if fold_vietnamese(name) in _GENERIC_NAMES or len(name.split()) < 2:
        name = heading or written or text
    return name[:200], False


def find_budget(items: list[Item]) -> list[ParsedBudgetItem]:
    """Every amount of money in the plan's body, in order, named by its sentence or the heading above it."""
    found: list[ParsedBudgetItem] = []
    headings: list[tuple[int, str]] = []
    for item in items:
        block = item.block
        headings = [(level, text) for level, text in headings if level < block.level]
        if block.kind == BlockKind.HEADING:
            headings.append((block.level, block.text.rstrip(":").strip()))
            if not _AMOUNT.search(fold_aligned(block.text)):
                continue
        line = item.parsed.lines[0] if item.parsed.lines else 0
        heading = headings[-1][1] if headings and block.kind != BlockKind.HEADING else ""
        if block.kind == BlockKind.TABLE and (column_items := _money_column(block.rows, line)) is not None:
            found += column_items
            continue
        texts = [" ".join(row) for row in block.rows] if block.kind == BlockKind.TABLE else [block.text]
        for text in texts:
            folded = fold_aligned(text)
            for match in _AMOUNT.finditer(folded):
                amount = _amount(match, folded)
                if amount is None:
                    continue
                name, is_total = _name(text, folded, match, heading)
                found.append(ParsedBudgetItem(name=name, amount=amount, line=line, text=text, is_total=is_total))
    return _mark_sums(found)


def _money_column(rows: list[list[str]], line: int) -> list[ParsedBudgetItem] | None:
    """Amounts of a table whose header names a money column, one per row, named by the row's other words;
    None when no column is about money (its rows are then read as sentences)."""
    header = [fold_vietnamese(cell) for cell in rows[0]] if rows else []
    column = next((index for index, cell in enumerate(header) if _MONEY_COLUMN.search(cell)), None)
    if column is None:
        return None
    found: list[ParsedBudgetItem] = []
    for row in rows[1:]:
        cell = fold_aligned(row[column]) if column < len(row) else ""
        match = _BARE_NUMBER.match(cell) or _AMOUNT.search(cell)
        amount = _amount(match, "kinh phi") if match else None
        if amount is None:
            continue
        words = [collapse(text) for index, text in enumerate(row) if index != column and not text.strip().isdigit()]
        name = " ".join(word for word in words if word) or "Kinh phí"
        text = " | ".join(collapse(text) for text in row if text.strip())
        is_total = bool(_TOTAL.match(fold_vietnamese(name)) or _TOTAL_INSIDE.search(fold_vietnamese(name)))
        found.append(ParsedBudgetItem(name=name[:200], amount=amount, line=line, text=text, is_total=is_total))
    return found


def _names_nothing(text: str) -> bool:
    """Only money and total words: "| | | 10.000.000 |", "Thành tiền 10.000.000 đồng (bằng chữ: …)"."""
    folded = _AMOUNT.sub(" ", fold_aligned(text.split("(")[0]))
    words = re.findall(r"[a-z]+", _MONEY_WORDS.sub(" ", folded))
    return not [word for word in words if word not in {"thanh", "tien", "tong", "cong", "du", "kien", "la", "khoang"}]


def _mark_sums(found: list[ParsedBudgetItem]) -> list[ParsedBudgetItem]:
    """An amount that names nothing else and equals the sum of the two or more items just before it is
    their total: counting it again would double the budget. One that names its own use stays an item."""
    since: list[int] = []
    for item in found:
        if item.is_total:
            since = []
        elif len(since) >= 2 and item.amount == sum(since) and _names_nothing(item.text):
            item.is_total = True
            since = []
        else:
            since.append(item.amount)
    _mark_lead_ins(found)
    return found


def _mark_lead_ins(found: list[ParsedBudgetItem]) -> None:
    """An amount that the two or more items right after it add up to exactly is what they break down
    ("Kinh phí dự kiến 15.000.000 đồng, gồm: + băng rôn 5.000.000 đồng; + …"): a total, not one more item."""
    for index, item in enumerate(found):
        if item.is_total:
            continue
        running, parts = 0, 0
        for later in found[index + 1 :]:
            if later.is_total:
                break
            running, parts = running + later.amount, parts + 1
            if running >= item.amount:
                break
        if parts >= 2 and running == item.amount:
            item.is_total = True
