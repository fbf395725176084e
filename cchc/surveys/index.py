"""The satisfaction index of a campaign (per criterion, per element, overall), computed in the database.

Formulas (chosen per campaign, ``Campaign.formula``):

- "share satisfied" (default, ``Formula.SHARE_SATISFIED``): a criterion's value is the percentage of
  its valid answers (non-blank) that are 4 (Hài lòng) or 5 (Rất hài lòng);
- "mean score" (``Formula.MEAN_SCORE``): a criterion's value is the mean of its answers mapped to
  0–100 by (v − 1) / 4 × 100, which is 100 × (Σv − n) / (4n) for n answers summing to Σv.

Either way an element is the mean of its criteria that have at least one valid answer, and the
overall index the mean of the elements that have a value; a criterion or element without any valid
answer is ``None``. Values are exact fractions (``Fraction``) until output, where they are rounded
to two decimals, half up, on the exact value (``rounded``).

Storage, and why: one row per answer (``Answer``: commune, campaign, response, criterion, value),
a blank answer being no row at all. The index is then one ``GROUP BY criterion`` over the index
``(commune, campaign, criterion, value)`` — an index-only scan returning 22 rows of
``COUNT(*)``, ``COUNT(*) FILTER (value >= 4)`` and ``SUM(value)`` — and the province-wide figure
one ``GROUP BY commune, criterion``. A compact answers column (JSON or a 22-character string per
response) would be smaller, but every aggregate would have to unpack it per row in SQL that
differs between SQLite and PostgreSQL, and it could not be indexed per criterion. At one million
responses × 22 criteria the answer table is ~22 million narrow rows, which PostgreSQL aggregates
from the index without touching responses; filters by procedure field or period join the
response, whose own index ``(commune, campaign, created_at)`` narrows it first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q, Sum

from cchc.communes.models import Commune
from cchc.communes.scoping import all_communes, commune_scope

from .models import SATISFIED_FROM, SCALE_MAX, SCALE_MIN, Answer, Campaign, Formula, Response, SurveyCriterion

HUNDRED = Fraction(100)


@dataclass(frozen=True)
class Tally:
    """What the database counts for one criterion: valid answers, satisfied answers, sum of values."""

    valid: int
    satisfied: int
    total: int

    def value(self, formula: str) -> Fraction | None:
        if not self.valid:
            return None
        if formula == Formula.MEAN_SCORE:
            return HUNDRED * (self.total - SCALE_MIN * self.valid) / ((SCALE_MAX - SCALE_MIN) * self.valid)
        return HUNDRED * self.satisfied / self.valid


@dataclass
class IndexResult:
    """Exact values (``Fraction`` or ``None``) keyed by element number ("1") and criterion code ("1.1")."""

    overall: Fraction | None
    elements: dict[str, Fraction | None]
    criteria: dict[str, Fraction | None]
    responses: int
    names: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The figures rounded to two decimals, as ``survey_index --json`` prints them."""
        return {
            "overall": as_number(self.overall),
            "elements": {k: as_number(v) for k, v in self.elements.items()},
            "criteria": {k: as_number(v) for k, v in self.criteria.items()},
            "responses": self.responses,
        }


def rounded(value: Fraction | None) -> Decimal | None:
    """Two decimals, half up, from the exact value (never from a float)."""
    if value is None:
        return None
    scaled = value * 100
    sign = -1 if scaled < 0 else 1
    cents = int(abs(scaled) + Fraction(1, 2))  # floor(|x| + 1/2): half away from zero
    return Decimal(sign * cents).scaleb(-2)


def as_number(value: Fraction | None) -> float | None:
    """The rounded value as a JSON number (``float`` of a two-decimal ``Decimal`` prints exactly)."""
    result = rounded(value)
    return None if result is None else float(result)


def mean(values) -> Fraction | None:
    present = [v for v in values if v is not None]
    return sum(present, Fraction(0)) / len(present) if present else None


def tally_fields() -> dict:
    return {
        "valid": Count("id"),
        "satisfied": Count("id", filter=Q(value__gte=SATISFIED_FROM)),
        "total": Sum("value"),
    }


def aggregate(criteria: list[SurveyCriterion], tallies: dict[int, Tally], formula: str):
    """Criterion, element and overall values from the per-criterion tallies."""
    by_criterion: dict[str, Fraction | None] = {}
    by_element: dict[str, list[Fraction | None]] = defaultdict(list)
    for criterion in criteria:
        tally = tallies.get(criterion.pk)
        value = tally.value(formula) if tally else None
        by_criterion[criterion.code] = value
        by_element[str(criterion.element.number)].append(value)
    elements = {number: mean(values) for number, values in by_element.items()}
    return mean(elements.values()), elements, by_criterion


def campaign_index(
    campaign: Campaign,
    *,
    procedure_field=None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    formula: str | None = None,
) -> IndexResult:
    """The campaign's index, optionally for one procedure field and responses recorded in [since, until)."""
    formula = formula or campaign.formula
    criteria = list(campaign.template.criteria().order_by("element__number", "number"))
    with commune_scope(campaign.commune):
        answers = Answer.objects.filter(commune=campaign.commune, campaign=campaign, criterion__isnull=False)
        responses = Response.objects.filter(commune=campaign.commune, campaign=campaign)
        if procedure_field is not None:
            answers = answers.filter(response__procedure_field=procedure_field)
            responses = responses.filter(procedure_field=procedure_field)
        if since is not None:
            answers = answers.filter(response__created_at__gte=since)
            responses = responses.filter(created_at__gte=since)
        if until is not None:
            answers = answers.filter(response__created_at__lt=until)
            responses = responses.filter(created_at__lt=until)
        rows = answers.values("criterion_id").annotate(**tally_fields()).order_by()
        tallies = {row["criterion_id"]: Tally(row["valid"], row["satisfied"], row["total"] or 0) for row in rows}
        count = responses.count()
    overall, elements, by_criterion = aggregate(criteria, tallies, formula)
    names = {str(c.element.number): c.element.name for c in criteria}
    names.update({c.code: c.text for c in criteria})
    return IndexResult(overall=overall, elements=elements, criteria=by_criterion, responses=count, names=names)


def province_overall(
    province: str,
    *,
    template=None,
    formula: str = Formula.SHARE_SATISFIED,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> dict[int, Fraction | None]:
    """Every commune's overall index in one province, in one aggregate query: ``{commune_id: value}``.

    Answers of every campaign on ``template`` (the default template when not given) are pooled per
    commune; communes without any answer get ``None``. A platform-wide report: it runs across communes.
    """
    from .models import SurveyTemplate

    template = template or SurveyTemplate.objects.get(is_default=True)
    criteria = list(template.criteria())
    with all_communes():
        communes = list(Commune.objects.filter(province=province).values_list("pk", flat=True))
        campaigns = Campaign.objects.filter(commune__province=province, template=template).values("pk")
        answers = Answer.objects.filter(campaign__in=campaigns, criterion__isnull=False)
        if since is not None:
            answers = answers.filter(response__created_at__gte=since)
        if until is not None:
            answers = answers.filter(response__created_at__lt=until)
        rows = answers.values("commune_id", "criterion_id").annotate(**tally_fields()).order_by()
        tallies: dict[int, dict[int, Tally]] = defaultdict(dict)
        for row in rows:
            tallies[row["commune_id"]][row["criterion_id"]] = Tally(row["valid"], row["satisfied"], row["total"] or 0)
    return {pk: aggregate(criteria, tallies.get(pk, {}), formula)[0] for pk in communes}
