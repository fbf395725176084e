"""The posting register: what was posted where, replacing what it supersedes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .models import Posting, PostingPlace, Procedure


@transaction.atomic
def record_posting(
    *, commune: Commune, place: PostingPlace, procedures: Iterable[Procedure], posted_on: dt.date, checked_by: str = ""
) -> list[Posting]:
    """Post the current sheets of ``procedures`` at ``place``; earlier sheets of them there come down.

    The register is read and written in ``commune``'s own scope, whatever scope the caller is in.
    """
    if place.commune_id != commune.id:
        raise ValueError("The posting place belongs to another commune.")
    procedures = list(procedures)
    codes = [p.code for p in procedures]
    with commune_scope(commune):
        Posting.objects.filter(place=place, procedure__code__in=codes, removed_on=None).update(removed_on=posted_on)
        return Posting.objects.bulk_create(
            Posting(commune=commune, place=place, procedure=p, posted_on=posted_on, checked_on=posted_on,
                    checked_by=checked_by)
            for p in procedures
        )  # fmt: skip
