"""Background work of the plans app, run by the task worker (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from cchc.communes.models import Commune


@task()
def read_plan_import(*, commune_id: int, import_id: int) -> None:
    """Read an uploaded plan file once, with the time and memory limits, and store what was found."""
    from .importer.uploads import read_plan_import as read

    read(commune=Commune.objects.get(pk=commune_id), import_id=import_id)
