"""Vietnamese phone numbers as citizens type them: one reading for every form that asks for one.

A mobile (03x, 05x, 07x, 08x, 09x and 8 more digits) or a landline (02xx and 7 or 8 more digits),
written with spaces, dots, dashes or brackets, with 0 or +84 / 84 in front.
"""

from __future__ import annotations

import re

PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
PHONE_PATTERN = re.compile(r"^0(?:[35789]\d{8}|2\d{8,9})$")


def normalize_phone(raw: str) -> str:
    """``+84 912.345.678`` → ``0912345678``; ``ValueError`` when it is not a Vietnamese number."""
    digits = PHONE_SEPARATORS.sub("", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not PHONE_PATTERN.match(digits):
        raise ValueError(raw)
    return digits
