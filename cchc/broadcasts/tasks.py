"""Background work of the radio, run by the task worker (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def render_script(*, script_id: int) -> None:
    """Read a script aloud with its engine and store the audio; a script deleted meanwhile is skipped."""
    from cchc.communes.models import Commune
    from cchc.communes.scoping import all_communes, commune_scope

    from .models import Script
    from .rendering import render_script_audio

    # Only the script's commune is looked up across communes; the script itself is read in its scope.
    with all_communes():
        commune_id = Script.objects.filter(pk=script_id).values_list("commune_id", flat=True).first()
    if commune_id is None:
        return
    commune = Commune.objects.get(pk=commune_id)
    with commune_scope(commune):
        script = Script.objects.filter(pk=script_id).first()
    if script is not None:
        render_script_audio(script, commune=commune)
