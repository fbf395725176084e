"""Demo: three years of Định Biên's figures for the four indices, entered through the actions and marked
illustrative. They are made up to look plausible (totals that rise a little, one area that slips); no
figure here was published by anyone."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .actions import CreateIndexScore
from .catalogue import INDICES, IndexKind
from .models import IndexScore

YEARS = (2021, 2022, 2023)
SOURCE = "Số liệu minh họa cho bản trình diễn, không phải số liệu được công bố"

# A commune's PAR INDEX areas are scored by the province's own criteria: illustrative maxima, 100 in all.
PAR_MAXIMA = (12, 8, 14, 8, 12, 8, 14, 24)
# (index, per component: a score for each year)
COMPONENTS: dict[str, list[tuple[str, ...]]] = {
    IndexKind.PAR_INDEX: [
        ("9.50", "10.25", "10.75"),
        ("6.00", "6.50", "7.00"),
        ("11.25", "12.00", "12.50"),
        ("6.50", "6.75", "7.00"),
        ("9.00", "9.75", "10.25"),
        ("6.25", "6.00", "6.50"),
        ("9.75", "11.25", "12.50"),
        ("18.40", "19.10", "19.86"),
    ],
    IndexKind.PCI: [
        ("7.21", "7.35", "7.48"),
        ("6.52", "6.61", "6.40"),
        ("6.10", "6.34", "6.55"),
        ("6.95", "7.02", "7.20"),
        ("6.48", "6.70", "6.88"),
        ("5.81", "5.93", "6.12"),
        ("6.27", "6.45", "6.71"),
        ("5.90", "6.12", "6.30"),
        ("6.05", "6.20", "6.42"),
        ("6.60", "6.75", "6.93"),
    ],
    IndexKind.PAPI: [
        ("4.95", "5.02", "5.10"),
        ("5.31", "5.40", "5.52"),
        ("4.28", "4.35", "4.47"),
        ("6.52", "6.60", "6.71"),
        ("7.21", "7.28", "7.30"),
        ("7.50", "7.44", "7.61"),
        ("3.42", "3.50", "3.62"),
        ("2.85", "3.30", "3.78"),
    ],
    IndexKind.SIPAS: [
        ("83.10", "85.40", "87.20"),
        ("81.75", "83.90", "86.15"),
        ("84.60", "86.10", "88.35"),
        ("82.90", "84.75", "86.90"),
        ("76.30", "79.20", "81.05"),
    ],
}
PCI_TOTALS = ("64.26", "65.18", "66.40")  # a weighted total, not the sum of the sub-indices


def _total(kind: str, year_index: int) -> Decimal:
    values = [Decimal(years[year_index]) for years in COMPONENTS[kind]]
    if kind == IndexKind.PCI:
        return Decimal(PCI_TOTALS[year_index])
    if kind == IndexKind.SIPAS:
        return (sum(values) / len(values)).quantize(Decimal("0.01"))
    return sum(values)


@transaction.atomic
def load_demo_indices(commune: Commune) -> int:
    """Enter the figures once; returns how many were entered (none when the commune already has some)."""
    with commune_scope(commune):
        if IndexScore.objects.exists():
            return 0
    count = 0
    for kind, rows in COMPONENTS.items():
        info = INDICES[kind]
        for year_index, year in enumerate(YEARS):
            figures = [("", _total(kind, year_index), None)]
            for position, (component, values) in enumerate(zip(info.components, rows, strict=True)):
                maximum = Decimal(PAR_MAXIMA[position]) if kind == IndexKind.PAR_INDEX else None
                figures.append((component.name, Decimal(values[year_index]), maximum))
            for name, score, maximum in figures:
                row = IndexScore(
                    commune=commune, index=kind, year=year, component=name, score=score, max_score=maximum,
                    source=SOURCE, is_illustrative=True,
                )  # fmt: skip
                CreateIndexScore(row).execute()
                count += 1
    return count
