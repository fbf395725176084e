"""Paragraphs into the preamble (căn cứ), numbered body blocks with levels and roles, and closing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.core.official_document import Block, BlockKind
from cchc.core.text import fold_vietnamese

from ..structure import SectionRole
from .lines import Paragraph, is_caps, word_count
from .parsed import ParsedBlock, ParsedPlan

HEADING_MAX_WORDS = 20  # Vietnamese words are syllables: "3.6. Các cơ quan, đơn vị, … trên địa bàn xã" is 14

_ROLE_PATTERNS: tuple[tuple[SectionRole, str], ...] = (
    (SectionRole.PURPOSES, r"\bmuc (?:dich|tieu)\b"),
    (SectionRole.REQUIREMENTS, r"\byeu cau\b"),
    (SectionRole.AUDIENCES, r"\bdoi tuong\b"),
    (SectionRole.CONTENTS, r"\bnoi dung\b"),
    (SectionRole.CHANNELS, r"\bhinh thuc\b"),
    (SectionRole.IMPLEMENTERS, r"\b(?:co quan|don vi)(?:,? (?:va )?(?:co quan|don vi))? (?:chu tri )?thuc hien\b"),
    (SectionRole.TIMELINE, r"\b(?:thoi gian|thoi han|tien do|lo trinh|ke hoach thuc hien theo thang)\b"),
    (SectionRole.RESPONSIBILITIES, r"\b(?:trach nhiem|phan cong|to chuc thuc hien|nhiem vu cua|giao nhiem vu)\b"),
    (SectionRole.BUDGET, r"\bkinh phi\b"),
)


@dataclass
class Item:
    """A body block with what task extraction needs to know about it."""

    parsed: ParsedBlock
    own_role: SectionRole = SectionRole.OTHER  # from the heading's own words; OTHER for non-headings
    numbered: bool = False  # Roman, arabic or letter marker: it closes deeper sections

    @property
    def block(self) -> Block:
        return self.parsed.block


def role_of(text: str) -> SectionRole:
    """The role a heading's words give; a heading naming two ("MỤC ĐÍCH, YÊU CẦU") leaves it to its children."""
    folded = fold_vietnamese(text)
    found = {role for role, pattern in _ROLE_PATTERNS if re.search(pattern, folded)}
    # "NỘI DUNG VÀ THỜI GIAN THỰC HIỆN": its dated lines are the schedule, so they must become tasks.
    if SectionRole.TIMELINE in found and found <= {SectionRole.TIMELINE, SectionRole.CONTENTS, SectionRole.CHANNELS}:
        return SectionRole.TIMELINE
    return found.pop() if len(found) == 1 else SectionRole.OTHER


def is_heading_text(text: str) -> bool:
    """Short and not a sentence, or all in capitals."""
    if is_caps(text) or not text:
        return True
    return not text.rstrip().endswith((".", ";", "…")) and word_count(text) <= HEADING_MAX_WORDS


class _Levels:
    """Levels from markers: Roman 1, "1." 2, "1.1." 3; "a)" below the last number; bullets below that."""

    def __init__(self) -> None:
        self.numbered = 0  # level of the last Roman/arabic marker
        self.context = 0  # level of the last non-bullet marker
        self.dash_seen = False

    def level_of(self, paragraph: Paragraph) -> int:
        marker = paragraph.marker
        if marker is None or paragraph.rows is not None:
            return self.context + 1
        if marker.kind == "bullet":
            if marker.written == "+" and self.dash_seen:
                return self.context + 2
            self.dash_seen = self.dash_seen or marker.written != "+"
            return self.context + 1
        if marker.kind == "roman":
            level = self.numbered = 1
        elif marker.kind == "number":
            level = self.numbered = marker.depth + 1
        else:
            level = self.numbered + 1
        self.context, self.dash_seen = level, False
        return level


class _Roles:
    """Stack of open headings; a block takes the role of the deepest one that has a role."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, SectionRole]] = []

    def close_from(self, level: int) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()

    def open(self, level: int, role: SectionRole) -> None:
        self.stack.append((level, role))

    @property
    def current(self) -> SectionRole:
        return next((role for _, role in reversed(self.stack) if role != SectionRole.OTHER), SectionRole.OTHER)


def _block(paragraph: Paragraph, level: int) -> Block:
    if paragraph.rows is not None:
        return Block(kind=BlockKind.TABLE, level=level, rows=paragraph.rows)
    marker = paragraph.marker
    if marker is None:
        return Block(kind=BlockKind.PARAGRAPH, text=paragraph.text, level=level)
    if marker.kind == "bullet":
        kind = BlockKind.BULLET
    else:
        kind = BlockKind.HEADING if is_heading_text(paragraph.text) else BlockKind.PARAGRAPH
    return Block(kind=kind, text=paragraph.text, marker=marker.written, level=level)


def _folded_start(paragraph: Paragraph) -> str:
    return fold_vietnamese(paragraph.text).lstrip()


def place_paragraphs(paragraphs: list[Paragraph], plan: ParsedPlan) -> list[Item]:
    """Preamble paragraphs to basis/intro, the numbered body to blocks, "Trên đây là …" on to closing."""
    levels, roles = _Levels(), _Roles()
    items: list[Item] = []
    body_started = closing = False
    for paragraph in paragraphs:
        marker = paragraph.marker
        numbered = marker is not None and marker.kind != "bullet" and paragraph.rows is None
        opens_closing = marker is None and _folded_start(paragraph).startswith("tren day la")
        if paragraph.rows is None and (closing or opens_closing):
            closing = True
            plan.closing.append(paragraph.full_text)
            continue
        if not body_started and not numbered and paragraph.rows is None:
            if _folded_start(paragraph).startswith("can cu"):
                plan.basis.append(paragraph.text)  # a "- Căn cứ …" keeps its words, not its dash
            else:
                plan.intro.append(paragraph.full_text)
            continue
        body_started = True
        level = levels.level_of(paragraph)
        block = _block(paragraph, level)
        own_role = SectionRole.OTHER
        if numbered:
            roles.close_from(level)
        if block.kind == BlockKind.HEADING:
            own_role = role_of(block.text)
            roles.open(level, own_role)
        parsed = ParsedBlock(block=block, role=roles.current, lines=list(paragraph.lines))
        items.append(Item(parsed=parsed, own_role=own_role, numbered=numbered))
    plan.blocks = [item.parsed for item in items]
    return items
