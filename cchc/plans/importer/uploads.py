"""An uploaded plan file, from its arrival to its stored reading: what the task worker does with it.

A request only stores the file (``receive_upload``) and enqueues ``cchc.plans.tasks.read_plan_import``;
the worker reads it once (``read_plan_import``) in a child process with the time and memory limits,
and stores the parsed plan as JSON or the reason it could not. The preview page only reads that.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from ..models import ImportStatus, PlanImport
from . import parse_upload
from .isolation import ParseFailed, ParseOutOfMemory, ParseTimedOut, run_isolated
from .limits import FILE_BYTES, PARSE_MEMORY_BYTES, PARSE_SECONDS, UNREADABLE, ImportRefused
from .parsed import to_json

logger = logging.getLogger(__name__)

KEEP_UNCONFIRMED = dt.timedelta(days=7)
# A reading that started longer ago than this has lost its worker (killed, restarted): say so.
STALLED_AFTER = dt.timedelta(seconds=PARSE_SECONDS.value * 2 + 60)


def receive_upload(*, commune: Commune, user, upload: UploadedFile) -> PlanImport:
    """Store the file and queue its reading; nothing is parsed here."""
    from ..tasks import read_plan_import as read_task

    with commune_scope(commune), transaction.atomic():
        record = PlanImport(commune=commune, original_name=upload.name[:255], uploaded_by=user)
        record.file.save(upload.name, upload, save=True)
        # The database task backend stores the job in this transaction: the worker sees it only
        # once the import row it names is committed too.
        read_task.enqueue(commune_id=commune.pk, import_id=record.pk)
    return record


def _parse_to_json(name: str, data: bytes) -> dict:
    return to_json(parse_upload(name, data))


def read_plan_import(*, commune: Commune, import_id: int) -> None:
    """Read the import's file once and store the parsed plan or the reason, in Vietnamese, it was refused.

    Claiming the row (waiting → reading) in one UPDATE makes a second run of the same job, or a
    second job for the same import, do nothing.
    """
    with commune_scope(commune):
        claimed = PlanImport.objects.filter(pk=import_id, status=ImportStatus.WAITING).update(
            status=ImportStatus.READING, started_at=timezone.now()
        )
        if not claimed:
            return
        record = PlanImport.objects.get(pk=import_id)
        result, error = None, ""
        try:
            if record.file.size > FILE_BYTES.value:
                raise FILE_BYTES.refuse(found=record.file.size)
            with record.file.open("rb") as file:
                data = file.read()
            result = run_isolated(
                _parse_to_json,
                record.original_name,
                data,
                seconds=PARSE_SECONDS.value,
                memory_bytes=PARSE_MEMORY_BYTES.value,
            )
        except ImportRefused as refused:
            error = str(refused)
        except ParseTimedOut:
            logger.warning("Plan import %s: parsing stopped after %s s", import_id, PARSE_SECONDS.value)
            error = str(PARSE_SECONDS.refuse())
        except ParseOutOfMemory:
            logger.warning("Plan import %s: parsing stopped at its memory limit", import_id)
            error = str(PARSE_MEMORY_BYTES.refuse())
        except (ParseFailed, OSError) as failed:
            logger.warning("Plan import %s could not be read: %s", import_id, failed)
            error = str(UNREADABLE) % {"name": record.original_name}
        record.status = ImportStatus.FAILED if error else ImportStatus.READ
        record.result, record.error, record.finished_at = result, error, timezone.now()
        record.save(update_fields=["status", "result", "error", "finished_at"])
    discard_unconfirmed_imports(commune=commune)


def is_stalled(record: PlanImport, *, now: dt.datetime | None = None) -> bool:
    """Reading for far longer than the time limit allows: the worker died under it."""
    now = now or timezone.now()
    return (
        record.status == ImportStatus.READING
        and record.started_at is not None
        and (now - record.started_at > STALLED_AFTER)
    )


def discard_unconfirmed_imports(*, commune: Commune, older_than: dt.timedelta = KEEP_UNCONFIRMED) -> int:
    """Delete the file and the row of the commune's imports never confirmed as a plan within ``older_than``
    (unreadable ones, and previews nobody saved). Confirmed imports stay as the record of the plan's source."""
    cutoff = timezone.now() - older_than
    count = 0
    with commune_scope(commune):
        for record in PlanImport.objects.filter(plan__isnull=True, created_at__lt=cutoff):
            name = record.file.name
            record.delete()
            if name:
                record.file.storage.delete(name)
            count += 1
    return count
