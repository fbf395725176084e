"""The posting register: what was posted where, replacing what it supersedes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .models import Posting, PostingPlace, Procedure


def take_down_superseded(*, place: PostingPlace, codes: Iterable[str], on: dt.date) -> int:
    """The sheets of these procedures still up at ``place`` come down on ``on`` (a new sheet replaces them)."""
    return Posting.objects.filter(place=place, procedure__code__in=list(codes), removed_on=None).update(removed_on=on)


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
    with commune_scope(commune):
        take_down_superseded(place=place, codes=[p.code for p in procedures], on=posted_on)
        return Posting.objects.bulk_create(
            Posting(commune=commune, place=place, procedure=p, posted_on=posted_on, checked_on=posted_on,
                    checked_by=checked_by)
            for p in procedures
        )  # fmt: skip
