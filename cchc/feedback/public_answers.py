"""The public Q&A: answers the commune chose to publish, without personal data, found without tones.

Before an answer is published, ``personal_data_in`` looks for what must not be there: the sender's
name, phone numbers, e-mail addresses, identity-card numbers. ``without_personal_data`` offers the
office a first version with those removed, which it reads and corrects before publishing.
"""

from __future__ import annotations

import math
import re
import unicodedata

from django.db.models import Q
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.core.phones import ascii_digits
from cchc.core.text import ASKING_WORDS, fold_vietnamese

from .models import Feedback, Status

# Phone numbers as people write them (0912 345 678, 0912.345.678, +84 912 345 678, (0208) 3878 000), not
# the digits inside amounts (1.000.000.000 đồng) or codes (1.001193.000.00.00.H12): nothing may precede
# the number but a space or a bracket.
_GAP = r"[\s.\-]{0,2}"
PHONE_LIKE = re.compile(
    rf"(?<![\w.,/])(?:\+84|84|0){_GAP}(?:[35789](?:{_GAP}\d){{8}}|2(?:{_GAP}\d){{8,9}})(?![\w/]|[.,]\d)"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Identity numbers: CCCD 12 digits, CMND 9, written together or in groups of three by spaces (never by dots,
# which are thousands in an amount).
ID_NUMBER = re.compile(r"(?<![\w.,/])(?:\d{12}|\d{9}|\d{3} \d{3} \d{3}(?: \d{3})?)(?![\w/]|[.,]\d)")
# How a Vietnamese text calls a person by their given name: «ông Tuấn», «chị Lan», «tôi là Mai».
HONORIFICS = ("ong", "ba", "anh", "chi", "em", "co", "chu", "bac", "cu", "chau", "di", "thim", "toi la", "ten la")
HIDDEN = "[…]"
MAX_QUERY = 200
MAX_WORDS = 12
WORD = re.compile(r"[a-z0-9]+")


def _name_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``text`` names the sender: their full name, or their given name after a form of address, with
    tones or without, in any Unicode form. A given name alone is a name only when written with a capital
    («Việt Nam», «người dân», «tài chính» name no one)."""
    words = fold_vietnamese(unicodedata.normalize("NFC", name or "")).split()
    if not words:
        return []
    original = unicodedata.normalize("NFC", text)
    folded = fold_vietnamese(original)  # one letter for one letter: positions match the text's
    spaced = r"\s+".join(map(re.escape, words))
    # A one-word name («Hà», «An») is a place or a word as often as a person: only after a form of address.
    patterns = [rf"(?<![a-z0-9]){spaced}(?![a-z0-9])"] if len(words) >= 2 else []
    if words:
        address = "|".join(r"\s+".join(h.split()) for h in HONORIFICS)
        patterns.append(rf"(?<![a-z0-9])(?:{address})\s+(?P<given>{re.escape(words[-1])})(?![a-z0-9])")
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        for match in re.finditer(pattern, folded):
            start = match.start("given") if "given" in match.groupdict() else match.start()
            if "given" in match.groupdict() and not original[start].isupper():
                continue
            spans.append((start, match.end()))
    return spans


def _phones(text: str, *, commune_phone: str) -> list[tuple[int, int]]:
    """Phone numbers in ``text`` other than the commune's own (which an answer may well give)."""
    from cchc.core.phones import normalize_phone

    spans = []
    for match in PHONE_LIKE.finditer(text.replace("(", " ").replace(")", " ")):
        try:
            number = normalize_phone(match.group())
        except ValueError:
            number = match.group()
        if number != commune_phone:
            spans.append(match.span())
    return spans


def _own_phone(feedback: Feedback) -> str:
    from cchc.core.phones import normalize_phone

    try:
        return normalize_phone(feedback.commune.phone or "")
    except ValueError:
        return ""


def _found(text: str, feedback: Feedback) -> dict[str, list[tuple[int, int]]]:
    text = unicodedata.normalize("NFC", ascii_digits(text or ""))
    phones = _phones(text, commune_phone=_own_phone(feedback))
    blanked = list(text)
    for start, end in phones:
        blanked[start:end] = " " * (end - start)
    return {
        _("tên người gửi"): _name_spans(text, feedback.sender_name),
        _("số điện thoại"): phones,
        _("địa chỉ thư điện tử"): [m.span() for m in EMAIL.finditer(text)],
        _("số giấy tờ tùy thân"): [m.span() for m in ID_NUMBER.finditer("".join(blanked))],
    }


def personal_data_in(text: str, *, feedback: Feedback) -> list[str]:
    """What personal data ``text`` still holds, named in Vietnamese for the official ("số điện thoại", …)."""
    return [label for label, spans in _found(text, feedback).items() if spans]


def without_personal_data(text: str, *, feedback: Feedback) -> str:
    """``text`` with the sender's name, phone numbers, e-mail addresses and identity numbers replaced by «[…]»."""
    text = unicodedata.normalize("NFC", ascii_digits(text or ""))
    spans = sorted(span for found in _found(text, feedback).values() for span in found)
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue  # inside what was already hidden
        out.append(text[last:start] + HIDDEN)
        last = end
    return "".join(out) + text[last:]


def published_procedure_codes(*, commune: Commune) -> set[str]:
    from cchc.procedures.publishing import published

    return {row.code for row in published(commune=commune)}


def published_answers(*, commune: Commune):
    with commune_scope(commune):
        return Feedback.objects.filter(commune=commune, status=Status.ANSWERED, published_at__isnull=False).only(
            "pk", "commune_id", "kind", "subject", "public_title", "public_question", "public_answer", "public_folded",
            "procedure_code", "published_at", "answered_at", "status",
        )  # fmt: skip


def query_words(query: str) -> list[str]:
    """The words that carry a query's matter, folded: ``Tôi muốn hỏi làm giấy khai sinh`` → ``["lam", "giay",
    "khai", "sinh"]``; the query's own words when it has nothing else («đâu»)."""
    words = list(dict.fromkeys(WORD.findall(fold_vietnamese((query or "")[:MAX_QUERY]))))
    matter = [word for word in words if word not in ASKING_WORDS]
    return (matter or words)[:MAX_WORDS]


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
            question = set(WORD.findall(fold_vietnamese(f"{row.public_title} {row.public_question}")))
            scored.append((-score, -sum(word in question for word in words), -row.published_at.timestamp(), row))
    scored.sort(key=lambda item: item[:3])
    return [row for *_key, row in scored[:limit]]


def answers_for_procedure(code: str, *, commune: Commune, limit: int = 5) -> list[Feedback]:
    """Published answers filed under one procedure, newest first: shown on the procedure's page."""
    if not code:
        return []
    return list(published_answers(commune=commune).filter(procedure_code=code).order_by("-published_at")[:limit])
