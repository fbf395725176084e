"""Vietnamese phone numbers as citizens type them: one reading for every form that asks for one.

A mobile (03x, 05x, 07x, 08x, 09x and 8 more digits) or a landline (02xx and 7 or 8 more digits),
written with spaces, dots, dashes or brackets, with 0 or +84 / 84 in front.
"""

from __future__ import annotations

import re
import unicodedata

PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
PHONE_PATTERN = re.compile(r"^0(?:[35789][0-9]{8}|2[0-9]{8,9})$")


def ascii_digits(raw: str) -> str:
    """Every decimal digit as its ASCII form: ``０９１２`` (full-width, as some keyboards type) → ``0912``.

    Numbers are compared and hashed as ASCII; otherwise one number written in two scripts would count
    as two people.
    """
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in raw or "")


def normalize_phone(raw: str) -> str:
    """``+84 912.345.678`` → ``0912345678``; ``ValueError`` when it is not a Vietnamese number."""
    digits = PHONE_SEPARATORS.sub("", ascii_digits(raw))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not PHONE_PATTERN.match(digits):
        raise ValueError(raw)
    return digits
