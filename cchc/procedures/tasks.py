"""Background work of the procedures app, run by the task worker (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from cchc.communes.models import Commune


@task()
def build_printed_sets(*, commune_id: int) -> None:
    """Bring a commune's printed sets (posting sheets, leaflets) up to date; a second run builds nothing."""
    from .printed_sets import build_printed_sets as build

    commune = Commune.objects.filter(pk=commune_id).first()
    if commune is not None:
        build(commune=commune)
