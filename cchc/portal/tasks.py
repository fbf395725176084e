"""Background work of the portal, run by the task worker (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def build_bulletin_prints(*, bulletin_id: int) -> None:
    """Build the A4 and A5 PDF of a published bulletin issue; a second run builds nothing."""
    from .bulletin_pdf import build_bulletin_prints as build

    build(bulletin_id)
