"""Which broadcasts villagers can hear again (mục Nghe lại, ``/truyen-thanh/``): the one rule.

A script is in the archive when it is the commune's, marked public, has audio that goes on air (the
broadcaster's recording, or rendered audio that is ready), and has aired (an airing at or before now)
or is on the schedule (an airing to come of a broadcast that is not cancelled). Its archive date is
its last airing so far, or else its next one; the archive lists the newest first.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Airing, AudioStatus, PlayLog, PlayOutcome, Script

# The audio types a podcast app or a phone's browser plays, by the file's extension.
AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "aac": "audio/aac",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "opus": "audio/ogg",
    "wav": "audio/wav",
    "webm": "audio/webm",
}


def has_on_air_audio() -> Q:
    """The condition behind ``Script.on_air``: a recording, or rendered audio that is ready."""
    return ~Q(recording="") | (~Q(audio="") & Q(audio_status=AudioStatus.READY))


def archived_scripts(commune, now: dt.datetime | None = None) -> QuerySet[Script]:
    """The commune's scripts in the archive, newest first, each with ``archive_date``, ``last_aired`` and
    ``next_airing``."""
    now = now or timezone.now()
    # A cancelled airing counts only if a speaker played it anyway (as the coverage report counts it).
    played = PlayLog.objects.filter(airing=OuterRef("pk"), outcome=PlayOutcome.PLAYED)
    airings = Airing.objects.filter(commune=commune, broadcast__script=OuterRef("pk")).filter(
        Q(is_cancelled=False) | Exists(played)
    )
    last_aired = airings.filter(starts_at__lte=now).order_by("-starts_at").values("starts_at")[:1]
    next_airing = (
        airings.filter(starts_at__gt=now, broadcast__is_cancelled=False).order_by("starts_at").values("starts_at")[:1]
    )
    return (
        Script.objects.filter(commune=commune, is_public=True)
        .filter(has_on_air_audio())
        .annotate(last_aired=Subquery(last_aired), next_airing=Subquery(next_airing))
        .annotate(archive_date=Coalesce("last_aired", "next_airing"))
        .filter(archive_date__isnull=False)
        .order_by("-archive_date", "-pk")
    )


def archived_script(commune, script_id: int) -> Script | None:
    """One script of the commune's archive, or None (another commune's, private, silent, never scheduled)."""
    return archived_scripts(commune).filter(pk=script_id).first()


def is_archived(commune, script: Script) -> bool:
    return script.commune_id == commune.pk and archived_scripts(commune).filter(pk=script.pk).exists()


def audio_extension(script: Script) -> str:
    """The on-air file's extension as the archive names it (``mp3`` when it has none it knows)."""
    name = script.on_air.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    return extension if extension in AUDIO_TYPES else "mp3"


def audio_type(script: Script) -> str:
    return AUDIO_TYPES[audio_extension(script)]


def duration_label(seconds: float | None) -> str:
    """«3 phút 05 giây», «45 giây», «1 giờ 02 phút 05 giây»; empty when the duration is unknown."""
    if seconds is None or seconds < 0:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(h)d giờ %(m)02d phút %(s)02d giây") % {"h": hours, "m": minutes, "s": secs}
    if minutes:
        return _("%(m)d phút %(s)02d giây") % {"m": minutes, "s": secs}
    return _("%(s)d giây") % {"s": secs}


def clock_duration(seconds: float | None) -> str:
    """``HH:MM:SS`` as podcast apps read ``itunes:duration``; empty when unknown."""
    if seconds is None or seconds < 0:
        return ""
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
