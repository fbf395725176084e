"""Vietnamese text normalisation for speech: what a speech engine would misread, written out as words."""

from __future__ import annotations


def to_spoken(text: str, *, terms: dict[str, str] | None = None) -> str:
    """The spoken form of ``text``: lower case, one line. ``terms`` are the commune's own readings
    (``SpeechTerm``), which win over the built-in dictionary."""
    raise NotImplementedError


def commune_terms(commune) -> dict[str, str]:
    """The commune's reading dictionary, written form → spoken form."""
    from .models import SpeechTerm

    return dict(SpeechTerm.objects.filter(commune=commune).values_list("written", "spoken"))
