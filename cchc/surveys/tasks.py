"""Background work of the surveys app, run by the task worker (``manage.py db_worker``).

Importing a spreadsheet of 20,000 forms takes about 40 seconds on SQLite (measured: 20,000 rows ×
22 criteria, 39 s), too long for a request: the upload view stores the file and queues
``import_survey_file``; the status page reads the task's result (what was stored, or every bad row).
"""

from __future__ import annotations

from django_tasks import task


@task()
def import_survey_file(
    *, commune_id: int, campaign_id: int, user_id: int | None, name: str, original_name: str
) -> dict:
    from .uploads import run_import

    return run_import(
        commune_id=commune_id, campaign_id=campaign_id, user_id=user_id, name=name, original_name=original_name
    )
