"""A broadcaster's own recording, uploaded to go on air instead of the machine voice: is it audio
the speakers can play, and how long is it.

Read with ``mutagen`` from the file's headers (nothing is decoded), in the formats a phone or a
recorder writes: MP3, OGG (Opus or Vorbis), M4A, WAV.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024  # an hour of 96 kbit/s MP3 is ~43 MB
MAX_SECONDS = 60 * 60  # a bulletin is minutes long; an hour is a mistaken file, not a recording
FORMATS = "MP3, OGG, M4A, WAV"


def _formats():
    from mutagen.mp3 import MP3
    from mutagen.mp4 import MP4
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis
    from mutagen.wave import WAVE

    return [MP3, OggOpus, OggVorbis, MP4, WAVE]


def read_recording(uploaded_file) -> float:
    """The recording's duration in seconds; a ``ValidationError`` in Vietnamese when it cannot go on air."""
    import mutagen

    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("Tệp ghi âm nặng %(size)s MB, quá giới hạn %(limit)s MB.")
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "limit": MAX_BYTES // 1024 // 1024},
            code="too_big",
        )
    uploaded_file.seek(0)
    try:
        audio = mutagen.File(uploaded_file, options=_formats())
    except (mutagen.MutagenError, ValueError, EOFError):
        audio = None
    finally:
        uploaded_file.seek(0)
    length = getattr(getattr(audio, "info", None), "length", 0) or 0
    if audio is None or length <= 0:
        raise ValidationError(
            _("Không đọc được tệp này như một bản ghi âm. Hãy gửi tệp %(formats)s.") % {"formats": FORMATS},
            code="unreadable",
        )
    if length > MAX_SECONDS:
        raise ValidationError(
            _("Bản ghi âm dài %(minutes)s phút, quá giới hạn %(limit)s phút một bài.")
            % {"minutes": f"{length / 60:.0f}", "limit": MAX_SECONDS // 60},
            code="too_long",
        )
    return round(float(length), 3)
