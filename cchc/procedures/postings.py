"""The posting register: what was posted where, replacing what it supersedes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from cchc.communes.models import Commune

from .models import Posting, PostingPlace, Procedure


@transaction.atomic
def record_posting(
    *, commune: Commune, place: PostingPlace, procedures: Iterable[Procedure], posted_on: dt.date, checked_by: str = ""
) -> list[Posting]:
    """Post the current sheets of ``procedures`` at ``place``; earlier sheets of them there come down."""
    procedures = list(procedures)
    codes = [p.code for p in procedures]
    Posting.objects.filter(place=place, procedure__code__in=codes, removed_on=None).update(removed_on=posted_on)
    return Posting.objects.bulk_create(
        Posting(commune=commune, place=place, procedure=p, posted_on=posted_on, checked_on=posted_on,
                checked_by=checked_by)
        for p in procedures
    )  # fmt: skip
