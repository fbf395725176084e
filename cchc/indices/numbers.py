"""Scores as Vietnamese writes them: a comma before the decimals, dots for thousands (``82,66``)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from cchc.core.text import format_number


def format_score(value: Decimal | float | int, *, places: int = 2) -> str:
    """``Decimal("82.60")`` → ``82,6``; ``Decimal("10.00")`` → ``10``; ``1234.5`` → ``1.234,5``."""
    quantum = Decimal(1).scaleb(-places)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _dot, decimals = f"{abs(number):f}".partition(".")
    decimals = decimals.rstrip("0")
    text = format_number(int(whole))
    return f"{sign}{text},{decimals}" if decimals else f"{sign}{text}"
