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

Where the counts come from: the running tallies (``cchc.surveys.tallies``), kept by
``record_response(s)`` in the answers' own transaction, never a scan of the answers at read time.
``campaign_index`` groups the campaign's ``AnswerTally`` rows (a few hundred: criterion × value ×
procedure field × month) by criterion; ``province_overall`` reads one ``CriterionTally`` row per
criterion, campaign and month (~22 per commune and month). A period [since, until) is read from
the tallies for its whole local months; a part of a month at either end (a period not starting or
ending at local midnight on the 1st) is counted from the answers of that part only.
``from_answers=True`` counts everything from the answers instead: the tests prove both agree.

Why: the answers are one row per answer (``Answer``; a blank answer is no row), ~22 million rows
for a million responses, every one of which a province-wide grouping would read; the tallies make
it a read of ~220,000 rows summed into ~70,000 (``make bench BENCH=survey_index``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db import connection
from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from cchc.communes.models import Commune
from cchc.communes.scoping import all_communes, commune_scope

from .models import (
    SATISFIED_FROM,
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    AnswerTally,
    Campaign,
    CriterionTally,
    Formula,
    Response,
    SurveyCriterion,
)

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

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.valid + other.valid, self.satisfied + other.satisfied, self.total + other.total)


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


Counts = tuple[dict[tuple[int, int], Tally], dict[int, int]]  # {(commune, criterion): Tally}, {commune: forms}


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return timezone.make_aware(moment) if moment is not None and timezone.is_naive(moment) else moment


def split_period(since: dt.datetime | None, until: dt.datetime | None):
    """``(months, edges)``: whole local months ``(from, to)`` (either end None = open) read from the
    tallies, or None when there is none inside; ``edges``, the [a, b) parts counted from the answers."""
    since, until = _aware(since), _aware(until)
    first = last = None
    if since is not None:
        first = timezone.localtime(since).date().replace(day=1)
        if _midnight(first) != since:
            first = _next_month(first)
    if until is not None:
        last = timezone.localtime(until).date().replace(day=1)
    if first is not None and last is not None and first >= last:
        return None, [(since, until)]
    edges = []
    if since is not None and _midnight(first) != since:
        edges.append((since, _midnight(first)))
    if until is not None and _midnight(last) != until:
        edges.append((_midnight(last), until))
    return (first, last), edges


def _merge(into: Counts, more: Counts) -> None:
    for key, tally in more[0].items():
        into[0][key] = into[0][key] + tally if key in into[0] else tally
    for key, forms in more[1].items():
        into[1][key] = into[1].get(key, 0) + forms


def _in_months(rows, months):
    first, last = months
    if first is not None:
        rows = rows.filter(month__gte=first)
    if last is not None:
        rows = rows.filter(month__lt=last)
    return rows


def _count_tallies(rows, months) -> Counts:
    """From ``AnswerTally`` rows: per (commune, criterion) tallies, and per commune forms."""
    rows = _in_months(rows, months)
    # One grouped query: the criteria's rows, and the forms' row (no criterion, no question) as criterion None.
    grouped = (
        rows.filter(Q(criterion__isnull=False) | Q(question__isnull=True))
        .values("commune_id", "criterion_id")
        .annotate(
            valid=Sum("count"),
            satisfied=Sum("count", filter=Q(value__gte=SATISFIED_FROM)),
            total=Sum(F("count") * F("value")),
        )
        .order_by()
    )
    tallies, forms = {}, {}
    for r in grouped:
        if r["criterion_id"] is None:
            forms[r["commune_id"]] = r["valid"]
        else:
            tallies[(r["commune_id"], r["criterion_id"])] = Tally(r["valid"], r["satisfied"] or 0, r["total"] or 0)
    return tallies, forms


def _totals_rows(rows):
    return (
        rows.values("commune_id", "criterion_id")
        .annotate(
            valid=Sum("valid"),
            satisfied=Sum("satisfied"),
            total=Cast(Sum("total"), BigIntegerField()),  # an integer, not PostgreSQL's numeric
        )
        .order_by()
        .values_list("commune_id", "criterion_id", "valid", "satisfied", "total")
    )


def _count_totals(rows, months) -> Counts:
    """From ``CriterionTally`` rows: per (commune, criterion) tallies (no forms: the province needs none)."""
    grouped = _totals_rows(_in_months(rows, months))
    return {(commune, criterion): Tally(v, s, t) for commune, criterion, v, s, t in grouped}, {}


def _count_answers(answers, responses, since, until) -> Counts:
    if since is not None:
        answers = answers.filter(response__created_at__gte=since)
        responses = responses.filter(created_at__gte=since) if responses is not None else None
    if until is not None:
        answers = answers.filter(response__created_at__lt=until)
        responses = responses.filter(created_at__lt=until) if responses is not None else None
    rows = answers.values("commune_id", "criterion_id").annotate(**tally_fields()).order_by()
    tallies = {(r["commune_id"], r["criterion_id"]): Tally(r["valid"], r["satisfied"], r["total"] or 0) for r in rows}
    forms = {}
    if responses is not None:
        forms = dict(responses.values("commune_id").annotate(n=Count("id")).order_by().values_list("commune_id", "n"))
    return tallies, forms


def _count(read_tallies, answers, responses, since, until, from_answers: bool) -> Counts:
    """Per (commune, criterion) tallies and per commune forms: ``read_tallies(months)`` for the whole
    months of the period, the answers for the parts of months at its ends."""
    if from_answers:
        return _count_answers(answers, responses, since, until)
    months, edges = split_period(since, until)
    counts: Counts = ({}, {})
    if months is not None:
        _merge(counts, read_tallies(months))
    for start, end in edges:
        _merge(counts, _count_answers(answers, responses, start, end))
    return counts


def overall_in_integers(
    groups: list[list[int]], tallies: dict[int, tuple[int, int, int]], formula: str
) -> Fraction | None:
    """``aggregate(...)[0]`` computed with plain integers and one ``Fraction`` at the end.

    The same exact value (the tests compare them), ~15× faster: the province computes it for
    thousands of communes, where ``Fraction`` arithmetic alone took a second. ``groups`` lists the
    criterion ids of each element; ``tallies`` maps them to ``(valid, satisfied, total)``.
    """
    mean_score = formula == Formula.MEAN_SCORE
    num, den, elements = 0, 1, 0
    for pks in groups:
        e_num, e_den, present = 0, 1, 0
        for pk in pks:
            tally = tallies.get(pk)
            if tally is None or not tally[0]:
                continue
            valid, satisfied, total = tally
            if mean_score:
                a, b = 100 * (total - SCALE_MIN * valid), (SCALE_MAX - SCALE_MIN) * valid
            else:
                a, b = 100 * satisfied, valid
            e_num, e_den = e_num * b + a * e_den, e_den * b
            present += 1
        if present:
            e_den *= present
            num, den = num * e_den + e_num * den, den * e_den
            elements += 1
    return Fraction(num, den * elements) if elements else None


def campaign_index(
    campaign: Campaign,
    *,
    procedure_field=None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    formula: str | None = None,
    from_answers: bool = False,
) -> IndexResult:
    """The campaign's index, optionally for one procedure field and responses recorded in [since, until).

    Read from the running tallies; ``from_answers=True`` recounts the answers (same result, slower).
    """
    formula = formula or campaign.formula
    criteria = list(campaign.template.criteria().order_by("element__number", "number"))
    with commune_scope(campaign.commune):
        scope = {"commune": campaign.commune, "campaign": campaign}
        tally_rows = AnswerTally.objects.filter(**scope)
        answers = Answer.objects.filter(criterion__isnull=False, **scope)
        responses = Response.objects.filter(**scope)
        if procedure_field is not None:
            tally_rows = tally_rows.filter(procedure_field=procedure_field)
            answers = answers.filter(response__procedure_field=procedure_field)
            responses = responses.filter(procedure_field=procedure_field)
        counted, forms = _count(
            lambda months: _count_tallies(tally_rows, months), answers, responses, since, until, from_answers
        )
    tallies = {criterion: tally for (_commune, criterion), tally in counted.items()}
    overall, elements, by_criterion = aggregate(criteria, tallies, formula)
    names = {str(c.element.number): c.element.name for c in criteria}
    names.update({c.code: c.text for c in criteria})
    return IndexResult(
        overall=overall,
        elements=elements,
        criteria=by_criterion,
        responses=forms.get(campaign.commune_id, 0),
        names=names,
    )


def province_overall(
    province: str,
    *,
    template=None,
    formula: str = Formula.SHARE_SATISFIED,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    from_answers: bool = False,
) -> dict[int, Fraction | None]:
    """Every commune's overall index in one province: ``{commune_id: value}``.

    Answers of every campaign on ``template`` (the default template when not given) are pooled per
    commune; communes without any answer get ``None``. A platform-wide report: it runs across communes.
    It reads one ``CriterionTally`` row per criterion, campaign and month (and, for a period that
    does not start or end on a month's first minute, the answers of those partial months).
    """
    from .official import default_template

    template = template or default_template()
    criteria = list(template.criteria())
    # {commune: {criterion: (valid, satisfied, total)}}: plain tuples, thousands of communes.
    tallies: dict[int, dict[int, tuple[int, int, int]]] = defaultdict(dict)
    with all_communes():
        communes = list(Commune.objects.filter(province=province).values_list("pk", flat=True))
        campaigns = Campaign.objects.filter(commune__province=province, template=template).values("pk")
        totals = CriterionTally.objects.filter(campaign__in=campaigns)
        if since is None and until is None and not from_answers:
            # The common case, read straight from the cursor: Django's per-value converters and Tally
            # objects cost more than the query itself over ~70,000 rows.
            sql, params = _totals_rows(totals).query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                for commune, criterion, valid, satisfied, total in cursor.fetchall():
                    tallies[commune][criterion] = (valid, satisfied, total)
        else:
            counted, _forms = _count(
                lambda months: _count_totals(totals, months),
                Answer.objects.filter(campaign__in=campaigns, criterion__isnull=False),
                None,
                since,
                until,
                from_answers,
            )
            for (commune, criterion), tally in counted.items():
                tallies[commune][criterion] = (tally.valid, tally.satisfied, tally.total)
    groups: dict[int, list[int]] = defaultdict(list)
    for criterion in criteria:
        groups[criterion.element.number].append(criterion.pk)
    ordered = [groups[number] for number in sorted(groups)]
    return {pk: overall_in_integers(ordered, tallies.get(pk, {}), formula) for pk in communes}
