"""A script's machine-read audio: rendered from its spoken text, stored privately, stamped with what it
was made from so that audio of an older text is never taken for the current one.

The worker calls ``render_script_audio`` (through ``tasks.render_script``); screens call
``audio_is_current`` to tell whether the stored audio still matches the spoken text and the voice.
"""

from __future__ import annotations

import hashlib
import json

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.log_actions import log

from cchc.communes.scoping import commune_scope

from . import speech
from .models import AudioStatus, Script

# The worker's own entry in a script's history: audio made, or the engine's failure (labels in admin_scripts).
LOG_AUDIO = "cchc.broadcasts.audio"


def stamp_for(script: Script) -> str:
    """A digest of what the audio is made from: the spoken text and the engine."""
    payload = json.dumps([script.spoken_text.strip(), script.engine], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def audio_is_current(script: Script) -> bool:
    """The script has rendered audio, made from its spoken text as it is now, with its engine as it is now."""
    return (
        bool(script.audio)
        and script.audio_status == AudioStatus.READY
        and bool(script.spoken_text.strip())
        and script.audio_stamp == stamp_for(script)
    )


def spoken_text_of(script: Script, *, commune) -> str:
    """What the engine reads: the officials' spoken text, or the body written out for speech when there is none."""
    if script.spoken_text.strip():
        return script.spoken_text
    from .normalize import commune_terms, to_spoken

    with commune_scope(commune):
        terms = commune_terms(commune)
    return to_spoken(script.body, terms=terms)


def render_script_audio(script: Script, *, commune) -> Script:
    """Render the script's spoken text and store it as its audio; a failure is recorded on the script
    (status and Vietnamese reason), never raised, so that the worker's next task still runs."""
    if script.commune_id != commune.pk:
        raise ValueError("the script belongs to another commune")
    # The spoken text made from the body is kept, so officials see what was read and can correct it.
    filled = [] if script.spoken_text.strip() else ["spoken_text"]
    script.spoken_text = spoken_text_of(script, commune=commune)
    old = script.audio.name if script.audio else ""
    try:
        audio = speech.render(script.spoken_text, engine=script.engine)
    except speech.SpeechError as exc:
        script.audio_status = AudioStatus.FAILED
        script.audio_error = str(exc)[:500]
        with commune_scope(commune), transaction.atomic():
            script.save(update_fields=["audio_status", "audio_error", "updated_at", *filled])
            log(
                instance=script,
                action=LOG_AUDIO,
                user=None,
                data={"audio_status": AudioStatus.FAILED, "engine": script.engine, "error": script.audio_error},
            )
        return script

    stamp = stamp_for(script)
    with commune_scope(commune), transaction.atomic():
        script.audio.save(f"bai-{script.pk}-{stamp[:12]}.{audio.extension}", ContentFile(audio.data), save=False)
        script.audio_duration = audio.duration
        script.audio_sha256 = hashlib.sha256(audio.data).hexdigest()
        script.audio_status = AudioStatus.READY
        script.audio_stamp = stamp
        script.audio_error = ""
        script.save(
            update_fields=[
                "audio",
                "audio_duration",
                "audio_sha256",
                "audio_status",
                "audio_stamp",
                "audio_error",
                "updated_at",
                *filled,
            ]
        )
        log(
            instance=script,
            action=LOG_AUDIO,
            user=None,
            data={
                "audio_status": AudioStatus.READY,
                "engine": script.engine,
                "duration": audio.duration,
                "file": script.audio.name,
            },
        )
        if old and old != script.audio.name:
            storage = script.audio.storage
            transaction.on_commit(lambda: storage.delete(old))
    return script
