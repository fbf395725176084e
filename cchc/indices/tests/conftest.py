from decimal import Decimal

import pytest

from cchc.indices.actions import CreateIndexScore
from cchc.indices.models import IndexScore


@pytest.fixture
def enter():
    """Enter one figure through the action, as the admin form and the demo loader do."""

    def make(commune, index="pci", year=2022, component="", score="65.5", user=None, **extra):
        row = IndexScore(commune=commune, index=index, year=year, component=component, score=Decimal(score), **extra)
        return CreateIndexScore(row, user=user).execute()

    return make


@pytest.fixture
def pci_a(commune_a, enter):
    """Định Biên's PCI: totals for 2021–2023, two components for 2022 and 2023."""
    for year, total in ((2021, "63.41"), (2022, "64.75"), (2023, "66.2")):
        enter(commune_a, year=year, score=total, source=f"Quyết định công bố PCI {year}")
    for year in (2022, 2023):
        enter(commune_a, year=year, component="Tính minh bạch", score="6.34" if year == 2022 else "6.9")
        enter(commune_a, year=year, component="Gia nhập thị trường", score="7.12" if year == 2022 else "7.4")
    return commune_a


@pytest.fixture
def pci_b(commune_b, enter):
    """Phú Đình's figures, with numbers that appear nowhere in A's."""
    enter(commune_b, year=2022, score="51.37", source="Văn bản riêng của Phú Đình")
    enter(commune_b, year=2022, component="Tính minh bạch", score="3.19")
    enter(commune_b, index="sipas", year=2020, score="71.93")
    return commune_b
