"""Background work of the feedback app, run by the task worker (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def clean_photo(*, commune_id: int, photo_id: int) -> str:
    from .photos import clean_photo as run

    return run(commune_id=commune_id, photo_id=photo_id)
