"""What the officials' results screens, exports and the public indices page read about a campaign.

The figures are those of ``cchc.surveys.index`` (``campaign_index``); this module arranges them for
people: rows per element and criterion with their charts (drawn by ``cchc.indices.chart``), the
weakest criteria first, the commune's trend over its campaigns (one aggregate query for all of
them), the province's published SIPAS of the same year (``cchc.indices.IndexScore``), comments,
and contact details shown only to the office and the committee's leaders.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.access import roles_in
from cchc.communes.models import Commune
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.indices.chart import Bar, Group, bar_chart
from cchc.indices.numbers import format_score

from .index import IndexResult, Tally, aggregate, campaign_index, rounded
from .models import Campaign, CampaignStatus, CriterionTally, FieldTarget, Formula, Response, SurveyCriterion

# Who sees respondents' names and phone numbers (given with their consent): the office and the leaders.
CONTACT_VIEWERS = frozenset({Role.OFFICE, Role.CHAIRMAN})
# Who reads results: those who run the surveys, and the overseer (read only).
RESULT_READERS = frozenset({Role.OFFICE, Role.CHAIRMAN, Role.OVERSEER})
WEAKEST_SHOWN = 5


def may_see_contacts(user, commune: Commune) -> bool:
    return bool(roles_in(user, commune) & CONTACT_VIEWERS)


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" → "N*** V*** A***": enough to tell two forms apart, not to find the person."""
    return " ".join(f"{word[0]}***" for word in name.split()) if name else ""


def mask_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"{'*' * max(len(digits) - 2, 0)}{digits[-2:]}" if digits else ""


def percent_text(value: Decimal | None, *, share: bool = True) -> str:
    """ "82,5%" for a share of satisfied answers; "82,5/100" for a mean score on 0–100."""
    if value is None:
        return "—"
    return f"{format_score(value)}%" if share else f"{format_score(value)}/100"


def is_share(campaign: Campaign) -> bool:
    return campaign.formula != Formula.MEAN_SCORE


def campaign_year(campaign: Campaign) -> int:
    day = campaign.period_end or campaign.period_start or timezone.localtime(campaign.created_at).date()
    return day.year


@dataclass
class Line:
    """One row of the results: the overall index, an element ("2") or a criterion ("2.3")."""

    code: str
    name: str
    value: Decimal | None
    element: str = ""
    share: bool = True

    @property
    def text(self) -> str:
        return percent_text(self.value, share=self.share)


@dataclass
class Results:
    campaign: Campaign
    index: IndexResult
    overall: Decimal | None
    elements: list[Line]
    criteria: list[Line]
    weakest: list[Line]
    published: Decimal | None = None  # the province's published SIPAS of the campaign's year, if entered
    published_source: str = ""
    year: int = 0
    element_chart: str = ""
    criterion_chart: str = ""
    filtered: bool = False

    @property
    def responses(self) -> int:
        return self.index.responses

    @property
    def share(self) -> bool:
        return is_share(self.campaign)

    @property
    def measure(self) -> str:
        return _("Tỷ lệ hài lòng") if self.share else _("Điểm hài lòng (thang 0–100)")

    @property
    def overall_text(self) -> str:
        return percent_text(self.overall, share=self.share)

    @property
    def target_share(self) -> int | None:
        target = self.campaign.sample_target
        return round(100 * self.responses / target) if target else None

    @property
    def published_text(self) -> str:
        return percent_text(self.published)

    @property
    def difference(self) -> Decimal | None:
        if self.overall is None or self.published is None or not self.share:
            return None  # the province publishes a share of satisfied answers
        return self.overall - self.published

    @property
    def difference_text(self) -> str:
        diff = self.difference
        if diff is None:
            return ""
        sign = "+" if diff > 0 else ""
        return f"{sign}{format_score(diff)} " + _("điểm phần trăm")


def results_for(
    campaign: Campaign, *, procedure_field=None, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> Results:
    index = campaign_index(campaign, procedure_field=procedure_field, since=since, until=until)
    share = is_share(campaign)
    elements = [
        Line(code=number, name=index.names.get(number, ""), value=rounded(value), share=share)
        for number, value in index.elements.items()
    ]
    criteria = [
        Line(code=code, name=index.names.get(code, ""), value=rounded(value), element=code.split(".")[0], share=share)
        for code, value in index.criteria.items()
    ]
    rated = [line for line in criteria if line.value is not None]
    weakest = sorted(rated, key=lambda line: (line.value, [int(part) for part in line.code.split(".")]))[:WEAKEST_SHOWN]
    results = Results(
        campaign=campaign,
        index=index,
        overall=rounded(index.overall),
        elements=elements,
        criteria=criteria,
        weakest=weakest,
        year=campaign_year(campaign),
        filtered=bool(procedure_field or since or until),
    )
    published_sipas(results)
    results.element_chart = element_chart(results)
    results.criterion_chart = criterion_chart(results)
    return results


def published_sipas(results: Results) -> None:
    """The SIPAS figure entered on the indices screen for the campaign's year (the province's word)."""
    from cchc.indices.catalogue import IndexKind
    from cchc.indices.models import IndexScore

    campaign = results.campaign
    with commune_scope(campaign.commune):
        score = (
            IndexScore.objects.filter(index=IndexKind.SIPAS, year=results.year, component="")
            .only("score", "source")
            .first()
        )
    if score is not None:
        results.published, results.published_source = score.score, score.source


def element_chart(results: Results) -> str:
    lines = [line for line in results.elements if line.value is not None]
    if not lines:
        return ""
    listed = "; ".join(f"{line.code}. {line.name}: {line.text}" for line in lines)
    return bar_chart(
        title=_("%(measure)s theo từng yếu tố") % {"measure": results.measure},
        desc=_("Chỉ số chung %(overall)s. Từng yếu tố: %(listed)s.")
        % {"overall": results.overall_text, "listed": listed},
        groups=[Group("", [Bar(_("YT %(n)s") % {"n": line.code}, line.value, Decimal(100)) for line in lines])],
        unit="%" if results.share else "điểm",
        chart_id=f"yeu-to-{results.campaign.pk}",
    )


def criterion_chart(results: Results) -> str:
    names = {line.code: line.name for line in results.elements}
    groups: dict[str, list[Bar]] = defaultdict(list)
    for line in results.criteria:
        if line.value is not None:
            groups[line.element].append(Bar(line.code, line.value, Decimal(100)))
    if not groups:
        return ""
    weakest = "; ".join(f"{line.code} ({line.text})" for line in results.weakest[:3])
    return bar_chart(
        title=_("%(measure)s theo từng tiêu chí") % {"measure": results.measure},
        desc=_("%(count)s tiêu chí, xếp theo yếu tố; số liệu đầy đủ ở bảng bên dưới. Thấp nhất: %(weakest)s.")
        % {"count": sum(len(bars) for bars in groups.values()), "weakest": weakest},
        groups=[Group(f"{number}. {names.get(number, '')}", bars) for number, bars in groups.items()],
        unit="%" if results.share else "điểm",
        chart_id=f"tieu-chi-{results.campaign.pk}",
    )


@dataclass
class TrendPoint:
    campaign: Campaign
    overall: Decimal | None
    responses: int

    @property
    def text(self) -> str:
        return percent_text(self.overall, share=is_share(self.campaign))


@dataclass
class Trend:
    points: list[TrendPoint] = field(default_factory=list)
    chart: str = ""


def overall_by_campaign(campaigns: list[Campaign]) -> dict[int, tuple[Fraction | None, int]]:
    """Each campaign's overall index and number of responses, in two aggregate queries for all of them."""
    if not campaigns:
        return {}
    commune = campaigns[0].commune
    ids = [c.pk for c in campaigns]
    templates = {c.template_id for c in campaigns}
    criteria: dict[int, list[SurveyCriterion]] = defaultdict(list)
    for criterion in SurveyCriterion.objects.filter(element__template_id__in=templates).select_related("element"):
        criteria[criterion.element.template_id].append(criterion)
    with commune_scope(commune):
        # The running counts (a row per criterion and month), not the answers: this page and the public
        # /chi-so/ stay as fast with a hundred thousand forms as with ten.
        rows = (
            CriterionTally.objects.filter(campaign_id__in=ids)
            .values("campaign_id", "criterion_id")
            .annotate(valid=Sum("valid"), satisfied=Sum("satisfied"), total=Sum("total"))
            .order_by()
        )
        tallies: dict[int, dict[int, Tally]] = defaultdict(dict)
        for row in rows:
            tallies[row["campaign_id"]][row["criterion_id"]] = Tally(row["valid"], row["satisfied"], row["total"] or 0)
        counts = dict(
            Response.objects.filter(campaign_id__in=ids)
            .values("campaign_id")
            .annotate(n=Count("id"))
            .values_list("campaign_id", "n")
        )
    return {
        c.pk: (aggregate(criteria[c.template_id], tallies.get(c.pk, {}), c.formula)[0], counts.get(c.pk, 0))
        for c in campaigns
    }


def timeline(campaigns) -> list[Campaign]:
    """Campaigns in the order they ran."""
    return sorted(
        campaigns,
        key=lambda c: (c.period_start or c.period_end or timezone.localtime(c.created_at).date(), c.created_at),
    )


def commune_trend(commune: Commune, *, current: Campaign | None = None) -> Trend:
    """The commune's campaigns over time, each with its overall index."""
    with commune_scope(commune):
        campaigns = timeline(Campaign.objects.filter(commune=commune).select_related("commune"))
    figures = overall_by_campaign(campaigns)
    trend = Trend(
        points=[TrendPoint(c, rounded(figures[c.pk][0]), figures[c.pk][1]) for c in campaigns if figures[c.pk][1]]
    )
    shown = [point for point in trend.points if point.overall is not None]
    if len(shown) >= 2:
        listed = "; ".join(f"{p.campaign.title}: {p.text}" for p in shown)
        trend.chart = bar_chart(
            title=_("Chỉ số hài lòng chung qua các đợt khảo sát"),
            desc=_("Các đợt theo thứ tự thời gian: %(listed)s.") % {"listed": listed},
            groups=[
                Group(p.campaign.title, [Bar(str(campaign_year(p.campaign)), p.overall, Decimal(100), series=i)])
                for i, p in enumerate(shown)
            ],
            unit="%",
            chart_id=f"xu-huong-{current.pk if current else commune.pk}",
        )
    return trend


@dataclass
class ComputedSipas:
    """The SIPAS of a commune for one year, computed from its latest closed campaign of that year."""

    year: int
    campaign: Campaign
    value: Decimal
    responses: int


def computed_sipas(commune: Commune) -> dict[int, ComputedSipas]:
    """Per year, the overall index of the commune's latest closed campaign ending in that year.

    Only campaigns computed as a share of satisfied answers count: SIPAS is that share, and a
    mean-score campaign's figure is not comparable with the province's.
    """
    with commune_scope(commune):
        closed = timeline(
            Campaign.objects.filter(commune=commune, status=CampaignStatus.CLOSED, formula=Formula.SHARE_SATISFIED)
        )
    latest: dict[int, Campaign] = {}
    for campaign in closed:
        latest[campaign_year(campaign)] = campaign  # later in the timeline wins
    figures = overall_by_campaign(list(latest.values()))
    result = {}
    for year, campaign in latest.items():
        value, responses = figures[campaign.pk]
        if value is not None:
            result[year] = ComputedSipas(year=year, campaign=campaign, value=rounded(value), responses=responses)
    return result


def field_progress(campaign: Campaign) -> list[FieldTarget]:
    """The round's targets per procedure field, each with ``received`` (its forms) and ``share`` (%).

    One query: the forms are counted per field in a grouped subquery beside each target.
    """
    received = (
        Response.objects.filter(campaign=campaign, procedure_field=OuterRef("procedure_field"))
        .order_by()
        .values("procedure_field")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = list(
        FieldTarget.objects.filter(campaign=campaign)
        .select_related("procedure_field")
        .annotate(received=Coalesce(Subquery(received, output_field=IntegerField()), Value(0)))
    )
    for row in rows:
        row.share = round(100 * row.received / row.target) if row.target else 0
    return rows
