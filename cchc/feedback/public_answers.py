"""The public Q&A: answers the commune chose to publish, without personal data, found without tones.

Before an answer is published, ``personal_data_in`` looks for what must not be there: the sender's
name, phone numbers, e-mail addresses, identity-card numbers. ``without_personal_data`` offers the
office a first version with those removed, which it reads and corrects before publishing.
"""

from __future__ import annotations

import math
import re

from django.db.models import Q
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.core.phones import ascii_digits
from cchc.core.text import fold_vietnamese

from .models import Feedback, Status

PHONE_LIKE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ID_NUMBER = re.compile(r"(?<!\d)(?:\d[\s.]?){9}(?:\d[\s.]?\d[\s.]?\d)?(?!\d)")  # CMND 9 digits, CCCD 12
HIDDEN = "[…]"
MAX_QUERY = 200
MAX_WORDS = 12
WORD = re.compile(r"[a-z0-9]+")


def _name_pattern(name: str) -> re.Pattern[str] | None:
    """The sender's full name, or their given name when it is two words or more (a Vietnamese name is
    called by its last word: «ông Tuấn», «chị Lan»), in any case."""
    words = name.split()
    if not words:
        return None
    parts = [re.escape(" ".join(words))]
    if len(words) >= 2 and len(words[-1]) >= 2:
        parts.append(rf"(?<!\w){re.escape(words[-1])}(?!\w)")
    return re.compile("|".join(parts), re.IGNORECASE)


def personal_data_in(text: str, *, feedback: Feedback) -> list[str]:
    """What personal data ``text`` still holds, named in Vietnamese for the official ("số điện thoại", …)."""
    text = ascii_digits(text or "")
    found = []
    pattern = _name_pattern(feedback.sender_name)
    if pattern and pattern.search(text):
        found.append(_("tên người gửi"))
    if PHONE_LIKE.search(text):
        found.append(_("số điện thoại"))
    if EMAIL.search(text):
        found.append(_("địa chỉ thư điện tử"))
    if ID_NUMBER.search(PHONE_LIKE.sub(" ", text)):
        found.append(_("số giấy tờ tùy thân"))
    return found


def without_personal_data(text: str, *, feedback: Feedback) -> str:
    """``text`` with the sender's name, phone numbers, e-mail addresses and identity numbers replaced by «[…]»."""
    text = ascii_digits(text or "")
    pattern = _name_pattern(feedback.sender_name)
    if pattern:
        text = pattern.sub(HIDDEN, text)
    for rule in (EMAIL, PHONE_LIKE, ID_NUMBER):
        text = rule.sub(HIDDEN, text)
    return text


def published_procedure_codes(*, commune: Commune) -> set[str]:
    from cchc.procedures.publishing import published

    return {row.code for row in published(commune=commune)}


def published_answers(*, commune: Commune):
    with commune_scope(commune):
        return Feedback.objects.filter(commune=commune, status=Status.ANSWERED, published_at__isnull=False).only(
            "pk", "commune_id", "kind", "subject", "public_question", "public_answer", "public_folded",
            "procedure_code", "published_at", "answered_at", "status",
        )  # fmt: skip


def query_words(query: str) -> list[str]:
    """The words of a query, folded: ``Làm giấy khai sinh`` → ``["lam", "giay", "khai", "sinh"]``."""
    words = WORD.findall(fold_vietnamese((query or "")[:MAX_QUERY]))
    return list(dict.fromkeys(words))[:MAX_WORDS]


def search_answers(query: str, *, commune: Commune, limit: int = 20) -> list[Feedback]:
    """Published answers holding most of the query's words (whole words, tones or not), best first.

    An answer must hold at least three in five of the words (all of them for a query of one or two), so
    that a question of many words finds answers that share its substance without every filler word.
    """
    words = query_words(query)
    if not words:
        return []
    wanted = len(words) if len(words) <= 2 else math.ceil(0.6 * len(words))
    any_word = Q()
    for word in words:
        any_word |= Q(public_folded__contains=word)
    scored = []
    for row in published_answers(commune=commune).filter(any_word):
        present = set(WORD.findall(row.public_folded))
        score = sum(word in present for word in words)
        if score >= wanted:
            question = set(WORD.findall(fold_vietnamese(row.public_question)))
            scored.append((-score, -sum(word in question for word in words), -row.published_at.timestamp(), row))
    scored.sort(key=lambda item: item[:3])
    return [row for *_key, row in scored[:limit]]


def answers_for_procedure(code: str, *, commune: Commune, limit: int = 5) -> list[Feedback]:
    """Published answers filed under one procedure, newest first: shown on the procedure's page."""
    if not code:
        return []
    return list(published_answers(commune=commune).filter(procedure_code=code).order_by("-published_at")[:limit])
