"""Vietnamese text helpers: the one place that folds tones and đ, formats dates and money.

Django's ASCII ``slugify`` drops ``đ`` entirely (``Định`` → ``inh``) and SQLite's FTS never
matches ``d`` with ``đ``, so every search key and slug in the project goes through
``fold_vietnamese``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_vietnamese(text: str) -> str:
    """Lower-case ``text`` and strip tones and hats, with ``đ`` read as ``d``."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def slugify_vi(text: str, *, max_length: int = 80) -> str:
    """A URL slug that keeps Vietnamese readable: ``Xã Định Biên`` → ``xa-dinh-bien``."""
    folded = fold_vietnamese(text)
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:max_length].rstrip("-")


def format_date_long(value: dt.date) -> str:
    """The way an official document writes a date: ``ngày 05 tháng 01 năm 2022``."""
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def format_date_short(value: dt.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def format_number(value: int | float) -> str:
    """A whole number as Vietnamese writes it, dots for thousands: ``1.500.000``."""
    return f"{round(value):,}".replace(",", ".")


def format_money(amount: int | float) -> str:
    """Đồng with dots for thousands: ``1.500.000 đ``."""
    return f"{format_number(amount)} đ"


def person_name(user) -> str:
    """How a person is named to others: their full name, else their login; "—" for nobody."""
    if user is None:
        return "—"
    return user.get_full_name().strip() or user.get_username()


# Words of asking, not of the matter asked about («Tôi muốn hỏi … thì cần những gì ạ»), folded.
# Folded: «chứng», «căn», «thẻ», «đỏ», «báo», «minh» carry matter (chứng thực, căn cước, thẻ BHYT, sổ đỏ, …).
ASKING_WORDS = frozenset(
    (
        "a",
        "ah",
        "o",
        "oi",
        "ha",
        "nhe",
        "nha",
        "voi",
        "toi",
        "em",
        "chau",
        "con",
        "muon",
        "hoi",
        "xin",
        "cho",
        "biet",
        "thi",
        "la",
        "co",
        "khong",
        "duoc",
        "gi",
        "nao",
        "nhung",
        "cac",
        "phai",
        "vay",
        "sao",
        "ai",
        "dau",
        "nhieu",
        "khi",
        "roi",
        "chua",
        "nay",
        "vao",
        "ve",
        "cua",
        "va",
        "hay",
        "hoac",
        "nhu",
        # the words of any procedure question («làm thủ tục», «làm giấy»): they tell one answer from none
        "lam",
        "thu",
        "tuc",
    )
)
