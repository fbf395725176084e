"""Bar charts drawn on the server as inline SVG: no JavaScript, no chart library, readable without colour.

A chart is a list of groups (a component, or nothing for a single series), each a list of bars (one per
year). Every bar carries its label and its figure as text beside it, so the colours (one per year, each
at least 4.5:1 on white) only repeat what the words say. The SVG is one image for assistive technology
(``role="img"`` with ``<title>`` and ``<desc>``); the page shows the same numbers in a table.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .numbers import format_score

# One colour per year of a chart, in order; each has a contrast of at least 4.5:1 on white.
PALETTE = ("#1f4e79", "#8a3b00", "#2d6a2d", "#6b2c91", "#7a5a00", "#a0153e")
INK = "#1a1a1a"
AXIS = "#4a4a4a"

WIDTH = 400
FONT_SIZE = 15
LABEL_WIDTH = 46  # the year before each bar
VALUE_ROOM = 84  # the figure after the longest bar
BAR_HEIGHT = 18
BAR_GAP = 6
LINE_HEIGHT = 19
HEADING_CHARS = 40  # a component's name wraps at about this many characters
GROUP_GAP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    max_value: Decimal | None = None
    series: int = 0


@dataclass(frozen=True)
class Group:
    heading: str
    bars: list[Bar]


def bar_text(bar: Bar, unit: str) -> str:
    figure = format_score(bar.value)
    if unit == "%":
        return f"{figure}%"
    return f"{figure}/{format_score(bar.max_value)}" if bar.max_value else figure


def bar_chart(*, title: str, desc: str, groups: list[Group], unit: str, chart_id: str) -> SafeString:
    """The chart as an ``<svg>`` element; ``chart_id`` makes its title and description ids unique on a page."""
    bars = [bar for group in groups for bar in group.bars]
    if not bars:
        return mark_safe("")
    largest = max(bar.value for bar in bars)
    track = WIDTH - LABEL_WIDTH - VALUE_ROOM
    parts: list[str] = []
    y = 4
    for group in groups:
        if group.heading:
            lines = textwrap.wrap(group.heading, HEADING_CHARS) or [group.heading]
            for line in lines:
                y += LINE_HEIGHT
                parts.append(f'<text x="0" y="{y}" font-weight="600" fill="{INK}">{escape(line)}</text>')
            y += 6
        top = y
        for bar in group.bars:
            scale = bar.max_value or largest or Decimal(1)
            length = round(float(min(bar.value, scale) / scale) * track, 1) if scale else 0
            colour = PALETTE[bar.series % len(PALETTE)]
            middle = y + BAR_HEIGHT / 2
            parts.append(
                f'<text x="{LABEL_WIDTH - 6}" y="{middle}" dy="0.35em" text-anchor="end" fill="{INK}">'
                f"{escape(bar.label)}</text>"
                f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{colour}"/>'
                f'<text x="{LABEL_WIDTH + length + 6}" y="{middle}" dy="0.35em" fill="{INK}">'
                f"{escape(bar_text(bar, unit))}</text>"
            )
            y += BAR_HEIGHT + BAR_GAP
        parts.append(
            f'<line x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH}" y1="{top - 3}" y2="{y - BAR_GAP + 3}" stroke="{AXIS}"/>'
        )
        y += GROUP_GAP
    height = y
    return mark_safe(  # noqa: S308 - every text is escaped above
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        f"{''.join(parts)}</svg>"
    )


def contrast_ratio(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
