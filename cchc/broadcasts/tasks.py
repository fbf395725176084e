"""Background work of the radio, run by the task worker (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def render_script(*, commune_id: int, script_id: int) -> None:
    """Read a script aloud with its engine and store the audio; a script deleted meanwhile is skipped."""
    from cchc.communes.models import Commune
    from cchc.communes.scoping import commune_scope

    from .models import Script
    from .rendering import render_script_audio

    commune = Commune.objects.filter(pk=commune_id).first()
    if commune is None:
        return
    with commune_scope(commune):
        script = Script.objects.filter(pk=script_id).first()
    if script is not None:
        render_script_audio(script, commune=commune)
