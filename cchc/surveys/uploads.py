"""A spreadsheet of survey forms, from its upload to its import by the task worker.

The request checks the file's size and kind and stores it (private storage, never served); the
worker counts its rows (at most ``MAX_ROWS``), then hands it to ``importing.import_responses``,
which checks every row before storing any. The task's return value is what the status page shows:
``{"stored", "already", "skipped", "errors", "error_count"}``; the stored file is removed afterwards.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.core.storage import private_storage
from cchc.core.text import format_number

from .importing import ImportFailed, import_responses, read_rows
from .models import Campaign

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
ERRORS_KEPT = 200  # the status page lists this many bad cells, and says how many more there are
EXTENSIONS = (".xlsx", ".csv")


class UploadRefused(Exception):
    pass


def check_upload(upload: UploadedFile) -> str:
    """The file's extension, or ``UploadRefused`` with the reason in Vietnamese."""
    extension = Path(upload.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise UploadRefused(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."))
    if upload.size > MAX_BYTES:
        raise UploadRefused(
            _("Tệp nặng %(size)s MB, vượt quá giới hạn %(max)s MB. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","), "max": MAX_BYTES // 1024 // 1024}
        )
    return extension


def receive_upload(*, commune: Commune, campaign: Campaign, user, upload: UploadedFile):
    """Store the file and queue its import; returns the task result (its id names the status page)."""
    from .tasks import import_survey_file

    extension = check_upload(upload)
    name = private_storage.save(f"khao-sat/{commune.code}/{uuid.uuid4().hex}{extension}", upload)
    with transaction.atomic():
        return import_survey_file.enqueue(
            commune_id=commune.pk,
            campaign_id=campaign.pk,
            user_id=getattr(user, "pk", None),
            name=name,
            original_name=(upload.name or "")[:200],
        )


def run_import(*, commune_id: int, campaign_id: int, user_id: int | None, name: str, original_name: str) -> dict:
    commune = Commune.objects.get(pk=commune_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    path = Path(private_storage.path(name))
    outcome = {"stored": 0, "already": 0, "skipped": 0, "errors": [], "error_count": 0, "name": original_name}
    try:
        with commune_scope(commune):
            campaign = Campaign.objects.select_related("template", "commune").get(pk=campaign_id)
            content = path.read_bytes()
            rows = read_rows(Path(original_name or path.name), content)
            if len(rows) - 1 > MAX_ROWS:
                raise ImportFailed(
                    [
                        _("Tệp có %(rows)s dòng phiếu, vượt quá giới hạn %(max)s dòng. Hãy chia thành nhiều tệp.")
                        % {"rows": format_number(len(rows) - 1), "max": format_number(MAX_ROWS)}
                    ]
                )
            del rows
            # The importer reads the suffix to choose CSV or Excel: give it the stored file's name.
            report = import_responses(path=path, campaign=campaign, user=user)
    except ImportFailed as failed:
        outcome["errors"] = failed.errors[:ERRORS_KEPT]
        outcome["error_count"] = len(failed.errors)
    else:
        outcome.update(stored=report.stored, already=report.already, skipped=report.skipped_blank)
    finally:
        private_storage.delete(name)
    return outcome
