"""Text widths in Times New Roman metrics, so both renderers wrap lines and size rules alike.

Liberation Serif is metric-compatible with Times New Roman, so a width measured with it holds in
Word on Windows as well as in WeasyPrint and LibreOffice on Linux. The header rules of Decree 30
are defined relative to the text above them, and python-docx cannot measure text, hence this module.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)
# Average advance when the font file or a glyph is missing: rules and wrapping get less precise, nothing breaks.
_FALLBACK_EM = 0.55
# Word, LibreOffice and WeasyPrint round differently; a little slack keeps a measured width from wrapping.
_SLACK_PT = 1.5


def _style_name(*, bold: bool, italic: bool) -> str:
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}[
        (bold, italic)
    ]


@lru_cache(maxsize=4)
def _advances(style: str) -> tuple[dict[int, int], int] | None:
    for directory in _FONT_DIRS:
        path = directory / f"LiberationSerif-{style}.ttf"
        if path.exists():
            font = TTFont(path, lazy=True)
            hmtx = font["hmtx"]
            advances = {codepoint: hmtx[glyph][0] for codepoint, glyph in font.getBestCmap().items()}
            return advances, font["head"].unitsPerEm
    return None


def text_width(text: str, *, size: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``text`` in points, without kerning (Word does not kern by default)."""
    text = unicodedata.normalize("NFC", text)
    metrics = _advances(_style_name(bold=bold, italic=italic))
    if metrics is None:
        return len(text) * size * _FALLBACK_EM
    advances, units_per_em = metrics
    fallback = _FALLBACK_EM * units_per_em
    return sum(advances.get(ord(ch), fallback) for ch in text) * size / units_per_em


def wrap(text: str, *, size: float, width: float, bold: bool = False, italic: bool = False) -> list[str]:
    """Greedy line breaking at spaces, the way word processors and browsers break Vietnamese."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size=size, bold=bold, italic=italic) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def balanced_width(text: str, *, size: float, width: float, bold: bool = False, italic: bool = False) -> float:
    """The narrowest box that keeps the line count, so a wrapped caption breaks evenly.

    "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN" in a 66 mm column then breaks as "ỦY BAN NHÂN DÂN / XÃ ĐỊNH BIÊN"
    instead of leaving "BIÊN" alone on the second line.
    """
    style = {"size": size, "bold": bold, "italic": italic}
    line_count = len(wrap(text, width=width, **style))
    if line_count <= 1:
        return min(width, text_width(text, **style) + _SLACK_PT)
    low = max(text_width(word, **style) for word in text.split())
    high = width
    for _ in range(24):
        middle = (low + high) / 2
        if len(wrap(text, width=middle, **style)) > line_count:
            low = middle
        else:
            high = middle
    return min(width, high + _SLACK_PT)


def longest_line_width(text: str, *, size: float, width: float, bold: bool = False, italic: bool = False) -> float:
    style = {"size": size, "bold": bold, "italic": italic}
    return max((text_width(line, **style) for line in wrap(text, width=width, **style)), default=0.0)
