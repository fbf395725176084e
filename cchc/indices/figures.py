"""What the public pages show: a commune's figures per index, by year and by component, with their charts.

One query per page: every figure of the commune (or of one index) in one list, arranged here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .catalogue import INDICES, IndexInfo
from .chart import Bar, Group, bar_chart, bar_text
from .models import IndexScore
from .numbers import format_score


@dataclass
class Cell:
    value: Decimal
    max_value: Decimal | None
    text: str  # with its maximum, as the chart writes it: "7,5/10", "82,66%"
    figure: str  # alone, as the table writes it under a heading that gives the maximum


@dataclass
class Row:
    name: str  # "" for the total
    max_value: Decimal | None
    cells: list[Cell | None]  # one per year

    @property
    def max_text(self) -> str:
        return format_score(self.max_value) if self.max_value is not None else ""


@dataclass
class IndexFigures:
    info: IndexInfo
    years: list[int] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)  # the total, a row of the years
    components: list[Row] = field(default_factory=list)
    sources: dict[str, list[int]] = field(default_factory=dict)  # each source with the years it gave figures of
    is_illustrative: bool = False
    total_chart: str = ""
    component_chart: str = ""

    @property
    def has_figures(self) -> bool:
        return bool(self.years)

    @property
    def rows(self) -> list[Row]:
        """The table's rows: the components, then the total."""
        return [*self.components, *self.totals]

    @property
    def total_pairs(self) -> list[tuple[int, Cell]]:
        if not self.totals:
            return []
        return [(year, cell) for year, cell in zip(self.years, self.totals[0].cells, strict=True) if cell is not None]

    @property
    def total_max_text(self) -> str:
        row = self.totals[0] if self.totals else None
        return row.max_text if row is not None and row.max_value is not None else format_score(self.info.total_max)


def _cell(score: IndexScore, unit: str) -> Cell:
    ceiling = score.effective_max
    figure = format_score(score.score) + ("%" if unit == "%" else "")
    return Cell(score.score, ceiling, bar_text(Bar("", score.score, ceiling), unit), figure)


def _row(name: str, scores: dict[int, IndexScore], years: list[int], unit: str) -> Row:
    cells = [(_cell(scores[y], unit) if y in scores else None) for y in years]
    maxima = [c.max_value for c in cells if c is not None and c.max_value is not None]
    return Row(name=name, max_value=maxima[-1] if maxima else None, cells=cells)


def arrange(info: IndexInfo, scores: list[IndexScore], *, component_chart: bool = True) -> IndexFigures:
    figures = IndexFigures(info=info)
    figures.years = sorted({s.year for s in scores})
    unit = str(info.unit)
    by_component: dict[str, dict[int, IndexScore]] = {}
    for score in scores:
        by_component.setdefault(score.component, {})[score.year] = score
        if score.source:
            years = figures.sources.setdefault(score.source, [])
            if score.year not in years:
                years.append(score.year)
        figures.is_illustrative |= score.is_illustrative
    if "" in by_component:
        figures.totals = [_row("", by_component.pop(""), figures.years, unit)]
    names = sorted(by_component, key=lambda name: (info.position(name), name))
    figures.components = [_row(name, by_component[name], figures.years, unit) for name in names]
    figures.total_chart = _total_chart(figures)
    if component_chart:
        figures.component_chart = _component_chart(figures)
    return figures


def _bars(row: Row, years: list[int]) -> list[Bar]:
    return [
        Bar(str(year), cell.value, cell.max_value, series=index)
        for index, (year, cell) in enumerate(zip(years, row.cells, strict=True))
        if cell is not None
    ]


def _total_chart(figures: IndexFigures) -> str:
    if not figures.totals:
        return ""
    row = figures.totals[0]
    code = figures.info.code
    listed = "; ".join(f"{year}: {cell.text}" for year, cell in zip(figures.years, row.cells, strict=True) if cell)
    return bar_chart(
        title=_("%(code)s: điểm tổng hợp theo năm") % {"code": code},
        desc=_("%(code)s, điểm tổng hợp của các năm %(listed)s.") % {"code": code, "listed": listed},
        groups=[Group("", _bars(row, figures.years))],
        unit=str(figures.info.unit),
        chart_id=f"tong-{figures.info.kind}",
    )


def _component_chart(figures: IndexFigures) -> str:
    if not figures.components:
        return ""
    code = figures.info.code
    groups = [Group(row.name, _bars(row, figures.years)) for row in figures.components]
    latest_index = len(figures.years) - 1
    latest = [(row, row.cells[latest_index]) for row in figures.components if row.cells[latest_index] is not None]
    summary = ""
    if latest:
        share = [(cell.value / cell.max_value if cell.max_value else cell.value, row, cell) for row, cell in latest]
        _s, best_row, best = max(share, key=lambda item: item[0])
        _s, worst_row, worst = min(share, key=lambda item: item[0])
        sentence = _("Năm %(year)s cao nhất: %(best)s (%(best_value)s); thấp nhất: %(worst)s (%(worst_value)s).")
        summary = " " + sentence % {
            "year": figures.years[latest_index],
            "best": best_row.name,
            "best_value": best.text,
            "worst": worst_row.name,
            "worst_value": worst.text,
        }
    years = ", ".join(str(y) for y in figures.years)
    return bar_chart(
        title=_("%(code)s: điểm từng thành phần theo năm") % {"code": code},
        desc=_("Điểm %(count)s thành phần của %(code)s các năm %(years)s; số liệu đầy đủ ở bảng bên dưới.")
        % {"count": len(figures.components), "code": code, "years": years}
        + summary,
        groups=groups,
        unit=str(figures.info.unit),
        chart_id=f"thanh-phan-{figures.info.kind}",
    )


def with_computed_sipas(commune: Commune, scores: list[IndexScore]) -> list[IndexScore]:
    """The figures entered, plus for each year with none entered by hand the SIPAS the commune computed
    from its latest closed survey round of that year (``cchc.surveys.results.computed_sipas``), its
    source saying so and from how many responses. One query more when the commune has closed no round."""
    from cchc.surveys.results import computed_sipas

    from .catalogue import IndexKind

    entered = {s.year for s in scores if s.index == IndexKind.SIPAS and not s.component}
    computed = [
        IndexScore(
            commune=commune,
            index=IndexKind.SIPAS,
            year=year,
            component="",
            score=item.value,
            source=_("Xã tự tính từ %(count)s phiếu của đợt khảo sát “%(title)s”")
            % {"count": format_score(item.responses), "title": item.campaign.title},
        )
        for year, item in computed_sipas(commune).items()
        if year not in entered
    ]
    return sorted([*scores, *computed], key=lambda s: s.year) if computed else scores


def overview(*, commune: Commune) -> list[IndexFigures]:
    """Every index, in the usual order, with the commune's figures (an index with none is listed empty)."""
    with commune_scope(commune):
        scores = with_computed_sipas(commune, list(IndexScore.objects.order_by("year")))
    return [
        arrange(info, [s for s in scores if s.index == kind], component_chart=False) for kind, info in INDICES.items()
    ]


def of_index(*, commune: Commune, kind: str) -> IndexFigures:
    with commune_scope(commune):
        scores = list(IndexScore.objects.filter(index=kind).order_by("year"))
        if kind == "sipas":
            scores = with_computed_sipas(commune, scores)
    return arrange(INDICES[kind], scores)


__all__ = ["IndexFigures", "arrange", "format_score", "of_index", "overview"]
