"""Codes a citizen reads off a receipt, or says over the phone: one alphabet, one generator.

The alphabet leaves out 0/O and 1/I/L, which are misread on a cheap screen and misheard aloud. Eight
characters give 31⁸ (about 8.5 × 10¹¹) codes, shown as two groups of four: ``7HQ2-M9XA``.
"""

from __future__ import annotations

import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def random_code(length: int) -> str:
    """``length`` characters of the readable alphabet, from the operating system's secure source."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_receipt_code() -> str:
    """A receipt code: 8 readable characters in two groups, ``7HQ2-M9XA``."""
    raw = random_code(8)
    return f"{raw[:4]}-{raw[4:]}"
