"""Running tallies of survey answers, kept beside the answers so the index never scans them.

Two tables (``models.AnswerTally``, ``models.CriterionTally``):

- ``AnswerTally``: how many answers of each value 1–5 each criterion or own question received, per
  (commune, campaign, procedure field, month of the response); the row with neither criterion nor
  question (value 0) counts the forms. ``campaign_index`` with any field or period filter reads
  these — a few hundred rows per campaign.
- ``CriterionTally``: per (commune, campaign, criterion, month), the valid answers, the satisfied
  ones and the sum of values over every field: the province-wide figure reads ~22 rows per commune
  and month.

``add_tallies`` is called by ``responses.record_response`` / ``record_responses`` inside the
transaction that stores the answers. It is a locked read-modify-write: the rows it will change are
read ``FOR UPDATE`` (a concurrent writer of the same campaign waits for our commit), the counts
added in Python, then written back; a row missing for both writers at once is created by one and
the other's insert fails on the unique key inside a savepoint, which is retried (it then sees the
row and adds to it). SQLite has no row locks but serializes writers, which gives the same result.

``rebuild_tallies`` recomputes them from the answers with one ``INSERT … SELECT … GROUP BY`` per
table (the SQL Django generates, so the month is truncated in local time on SQLite and PostgreSQL
alike); the data migration ``0004_tallies`` uses it, and whatever deletes responses must call it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, DateField, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cchc.communes.scoping import all_communes

from .models import SATISFIED_FROM

RETRIES = 5


def month_of(moment: dt.datetime) -> dt.date:
    """The first day of the moment's month, in local time (the bucket a response is counted in)."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return timezone.localtime(moment).date().replace(day=1)


def count_forms(recorded: Iterable[tuple]) -> tuple[Counter, dict[tuple, list[int]]]:
    """What ``(response, answers)`` pairs add: fine counts by key, and per (criterion, month) [valid,
    satisfied, total]."""
    fine: Counter = Counter()
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    for response, answers in recorded:
        month = month_of(response.created_at)
        field = response.procedure_field_id
        fine[(None, None, field, month, 0)] += 1
        for answer in answers:
            fine[(answer.criterion_id, answer.question_id, field, month, answer.value)] += 1
            if answer.criterion_id is not None:
                row = totals[(answer.criterion_id, month)]
                row[0] += 1
                row[1] += answer.value >= SATISFIED_FROM
                row[2] += answer.value
    return fine, totals


def add_tallies(*, commune, campaign, recorded: Iterable[tuple]) -> None:
    """Add freshly stored ``(response, answers)`` pairs to the tallies; call inside their transaction."""
    fine, totals = count_forms(recorded)
    if not fine:
        return
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():  # a savepoint: a lost creation race rolls back only this
                _add_fine(commune, campaign, fine)
                _add_totals(commune, campaign, totals)
            return
        except IntegrityError:
            if attempt == RETRIES - 1:
                raise


def _add_fine(commune, campaign, fine: Counter) -> None:
    from .models import AnswerTally

    buckets = Q()
    for field, month in {(key[2], key[3]) for key in fine}:
        buckets |= Q(procedure_field_id=field, month=month)
    rows = AnswerTally.objects.select_for_update().filter(buckets, commune=commune, campaign=campaign).order_by("pk")
    known = {(r.criterion_id, r.question_id, r.procedure_field_id, r.month, r.value): r for r in rows}
    changed, fresh = [], []
    for key, count in fine.items():
        row = known.get(key)
        if row is not None:
            row.count += count
            changed.append(row)
        else:
            criterion, question, field, month, value = key
            fresh.append(
                AnswerTally(
                    commune=commune,
                    campaign=campaign,
                    criterion_id=criterion,
                    question_id=question,
                    procedure_field_id=field,
                    month=month,
                    value=value,
                    count=count,
                )
            )
    AnswerTally.objects.bulk_update(changed, ["count"], batch_size=500)
    AnswerTally.objects.bulk_create(fresh, batch_size=1000)


def _add_totals(commune, campaign, totals: dict[tuple, list[int]]) -> None:
    from .models import CriterionTally

    if not totals:
        return
    months = {month for _criterion, month in totals}
    rows = (
        CriterionTally.objects.select_for_update()
        .filter(commune=commune, campaign=campaign, month__in=months)
        .order_by("pk")
    )
    known = {(row.criterion_id, row.month): row for row in rows}
    changed, fresh = [], []
    for (criterion, month), (valid, satisfied, total) in totals.items():
        row = known.get((criterion, month))
        if row is None:
            row = CriterionTally(commune=commune, campaign=campaign, criterion_id=criterion, month=month)
            fresh.append(row)
        else:
            changed.append(row)
        row.valid += valid
        row.satisfied += satisfied
        row.total += total
    CriterionTally.objects.bulk_update(changed, ["valid", "satisfied", "total"], batch_size=500)
    CriterionTally.objects.bulk_create(fresh)


def _insert_select(model, columns: list[str], queryset, select: list[str]) -> None:
    """``INSERT INTO model (columns) SELECT select FROM (queryset) AS source`` in one statement."""
    sql, params = queryset.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    into = ", ".join(connection.ops.quote_name(c) for c in columns)
    picked = ", ".join(c if c.isupper() or "(" in c or c.isdigit() else connection.ops.quote_name(c) for c in select)
    with connection.cursor() as cursor:
        # Names are the models' own, quoted; values travel as parameters.
        cursor.execute(f"INSERT INTO {table} ({into}) SELECT {picked} FROM ({sql}) source", params)  # noqa: S608


def rebuild_tallies(*, commune=None, campaign=None, models=None) -> None:
    """Recompute the tallies of one campaign, one commune, or every commune (both None) from the answers.

    ``models`` maps names to model classes (the data migration passes its historical ones).
    """
    if models is None:
        from . import models as current

        models = {name: getattr(current, name) for name in ("Answer", "Response", "AnswerTally", "CriterionTally")}
    Answer, Response = models["Answer"], models["Response"]
    AnswerTally, CriterionTally = models["AnswerTally"], models["CriterionTally"]
    scope = {}
    if commune is not None:
        scope["commune"] = commune
    if campaign is not None:
        scope["campaign"] = campaign
    month = TruncMonth("response__created_at", output_field=DateField())
    with all_communes(), transaction.atomic():
        AnswerTally.objects.filter(**scope).delete()
        CriterionTally.objects.filter(**scope).delete()
        answers = (
            Answer.objects.filter(**scope)
            .annotate(field=F("response__procedure_field"), month=month)
            .values("commune_id", "campaign_id", "criterion_id", "question_id", "field", "month", "value")
            .annotate(n=Count("id"))
            .order_by()
        )
        columns = ["commune_id", "campaign_id", "criterion_id", "question_id", "procedure_field_id", "month"]
        _insert_select(
            AnswerTally,
            [*columns, "value", "count"],
            answers,
            ["commune_id", "campaign_id", "criterion_id", "question_id", "field", "month", "value", "n"],
        )
        forms = (
            Response.objects.filter(**scope)
            .annotate(field=F("procedure_field"), month=TruncMonth("created_at", output_field=DateField()))
            .values("commune_id", "campaign_id", "field", "month")
            .annotate(n=Count("id"))
            .order_by()
        )
        _insert_select(
            AnswerTally,
            [*columns, "value", "count"],
            forms,
            ["commune_id", "campaign_id", "NULL", "NULL", "field", "month", "0", "n"],
        )
        totals = (
            AnswerTally.objects.filter(criterion__isnull=False, **scope)
            .values("commune_id", "campaign_id", "criterion_id", "month")
            .annotate(
                n_valid=Sum("count"),
                n_satisfied=Sum("count", filter=Q(value__gte=SATISFIED_FROM)),
                n_total=Sum(F("count") * F("value")),
            )
            .order_by()
        )
        _insert_select(
            CriterionTally,
            ["commune_id", "campaign_id", "criterion_id", "month", "valid", "satisfied", "total"],
            totals,
            [
                "commune_id",
                "campaign_id",
                "criterion_id",
                "month",
                "n_valid",
                "COALESCE(source.n_satisfied, 0)",
                "n_total",
            ],
        )


def campaigns_counting_field(field_id: int) -> list[tuple[int, int]]:
    """(commune, campaign) pairs whose tallies count a procedure field (to rebuild once it is gone)."""
    from .models import AnswerTally

    with all_communes():
        return list(
            AnswerTally.objects.filter(procedure_field_id=field_id)
            .values_list("commune_id", "campaign_id")
            .distinct()
            .order_by()
        )
