"""Match the unit names a document writes ("Ban tài chính- Ngân sách") to the commune's units."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cchc.core.text import fold_vietnamese

from .models import Unit, UnitKind

# Words that say nothing about which unit is meant.
_FILLER = {"xa", "cua", "va", "lam", "cong", "tac", "cac", "tren", "dia", "ban", "can", "bo", "chuc", "ubnd"}
# A name that starts like this names one unit; "Các ban, ngành…" names many.
_SINGLE_UNIT_STARTS = (
    "ban ", "van phong", "cong chuc", "can bo", "hoi ", "doan ", "uy ban", "mat tran", "cong an", "tram ",
    "truong ", "bo phan", "dang uy", "chi bo", "trung tam", "quan su", "ban chi huy",
)  # fmt: skip
_KIND_BY_START = {
    "hoi ": UnitKind.MASS_ORGANISATION,
    "doan ": UnitKind.MASS_ORGANISATION,
    "mat tran": UnitKind.MASS_ORGANISATION,
    "uy ban mat tran": UnitKind.MASS_ORGANISATION,
    "dang uy": UnitKind.PARTY,
    "chi bo": UnitKind.PARTY,
    "cong chuc": UnitKind.SECTOR,
    "can bo": UnitKind.SECTOR,
    "van phong": UnitKind.OFFICE,
    "bo phan": UnitKind.OFFICE,
}


def _words(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold_vietnamese(name))


def _key(name: str) -> str:
    return " ".join(_words(name))


def _significant(name: str) -> set[str]:
    return {w for w in _words(name) if w not in _FILLER}


def names_one_unit(name: str) -> bool:
    key = _key(name)
    return bool(key) and key.startswith(_SINGLE_UNIT_STARTS)


def kind_for(name: str) -> str:
    key = _key(name)
    for start, kind in _KIND_BY_START.items():
        if key.startswith(start):
            return kind
    return UnitKind.BOARD


def match_unit(name: str, units: Iterable[Unit]) -> Unit | None:
    """The unit ``name`` most plausibly means, or None when no unit is close enough."""
    key, wanted = _key(name), _significant(name)
    if not key:
        return None
    best, best_score = None, 0.0
    for unit in units:
        candidates = [unit.name, unit.short_name] if unit.short_name else [unit.name]
        for candidate in candidates:
            if _key(candidate) == key:
                return unit
            have = _significant(candidate)
            if not wanted or not have:
                continue
            overlap = len(wanted & have)
            # Containment counts fully ("Công chức Tư pháp" ⊂ "Công chức Tư pháp - Hộ tịch").
            score = (
                overlap / min(len(wanted), len(have))
                if (wanted <= have or have <= wanted)
                else (overlap / len(wanted | have))
            )
            if score > best_score:
                best, best_score = unit, score
    return best if best_score >= 0.6 else None
