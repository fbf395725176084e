"""Speech engines behind one interface: spoken text in, compressed audio and its duration out."""

from __future__ import annotations

from dataclasses import dataclass


class SpeechError(Exception):
    """An engine or voice is missing or failed; the message is Vietnamese, for the official."""


@dataclass(frozen=True)
class Audio:
    data: bytes
    duration: float  # seconds
    extension: str  # "mp3"
    content_type: str  # "audio/mpeg"


def render(spoken: str, *, engine: str = "espeak") -> Audio:
    raise NotImplementedError
