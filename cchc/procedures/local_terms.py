"""What a villager is told about a procedure at this commune: the fee, and where and when to hand it in.

The web page, the API (and its CSV export), the posting sheets and the leaflet all ask here, so that
the sheet on the wall and the page on the phone never give two fees or two opening hours. The rules:

- the fee is the commune's local fee (the level the provincial People's Council set) when entered,
  else the national catalogue's text; the local fee then applies to every way of submitting;
- the place is the procedure's one-stop desk, else the People's Committee itself;
- the address, hours and phone are the procedure's own hours, then the desk's, then the commune's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from cchc.communes.models import Commune

    from .models import OneStopDesk, Procedure, PublishedProcedure


@dataclass(frozen=True)
class Reception:
    """Where the dossier is handed in and the result collected."""

    name: str
    address: str
    hours: str
    phone: str
    official: str = ""


@dataclass(frozen=True)
class LocalTerms:
    """Everything about a procedure that depends on the commune publishing it."""

    fee: str
    submission: list[dict]  # one row per way of submitting: method, label, time, fee
    reception: Reception
    notes: str


def local_fee(published: PublishedProcedure | None) -> str:
    """The commune's own fee, or "" when it follows the national text."""
    return (published.local_fee or "").strip() if published is not None else ""


def fee(procedure: Procedure, published: PublishedProcedure | None) -> str:
    """The fee a villager pays here: the province's level when the commune entered it, else the national text."""
    return local_fee(published) or procedure.fees.strip()


def submission_rows(procedure: Procedure, published: PublishedProcedure | None) -> list[dict]:
    """The ways of submitting with their time and fee; a local fee applies whichever way the dossier comes in."""
    own = local_fee(published)
    return [
        {**row, "time": str(row.get("time") or "").strip(), "fee": own or str(row.get("fee") or "").strip()}
        for row in procedure.submission_rows
    ]


def reception(
    commune: Commune, published: PublishedProcedure | None = None, *, desk: OneStopDesk | None = None
) -> Reception:
    """Where to go: the procedure's desk (or ``desk``), else the People's Committee, with the commune's details."""
    if desk is None and published is not None:
        desk = published.desk
    own_hours = (published.opening_hours or "").strip() if published is not None else ""
    return Reception(
        name=desk.name if desk else _("Ủy ban nhân dân %(commune)s") % {"commune": commune.name_in_text},
        address=(desk.address if desk else "") or commune.address,
        hours=own_hours or (desk.opening_hours if desk else "") or commune.office_hours,
        phone=(desk.phone if desk else "") or commune.phone,
        official=(published.official_in_charge or "").strip() if published is not None else "",
    )


def local_terms(*, commune: Commune, procedure: Procedure, published: PublishedProcedure | None) -> LocalTerms:
    return LocalTerms(
        fee=fee(procedure, published),
        submission=submission_rows(procedure, published),
        reception=reception(commune, published),
        notes=(published.local_notes or "").strip() if published is not None else "",
    )
