"""Recurring tasks ("hằng tuần", "02 lần/tháng", "định kỳ hằng quý"): their periods in the plan year, which
of them are done, and the tasks still waiting for the office to name a unit.

A recurring task has one ``TaskOccurrence`` per week, month or quarter of its span: from its start (or
the plan's date, or 1 January) to its due date (or 31 December) of the plan's year. A report counts
toward the occurrence whose period holds its date unless it names one; an occurrence is done when its
reports reach the task's times per period.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .models import EVERY_UNIT, Plan, ProgressReport, Task, TaskOccurrence
from .structure import Quarter, Recurrence


@dataclass(frozen=True)
class Period:
    starts_on: dt.date
    due_date: dt.date
    label: str


def span(task: Task) -> tuple[dt.date, dt.date]:
    """The days a task runs within its plan's year: from its start (its quarter's, the plan's date or
    1 January) to its due date (or 31 December)."""
    year = task.plan.year
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    quarter_start = dt.date(year, task.quarter * 3 - 2, 1) if task.quarter else None
    start = task.starts_on or quarter_start or task.plan.issued_on or first
    end = task.due_date or last
    return max(first, min(start, last)), min(last, max(end, first))


def _weeks(start: dt.date, end: dt.date) -> Iterator[Period]:
    """ISO weeks whose Thursday falls in the span: a whole year gives its 52 or 53 weeks."""
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= end:
        thursday = monday + dt.timedelta(days=3)
        if start <= thursday <= end or (monday <= start and end <= monday + dt.timedelta(days=6)):
            iso_year, week, _day = thursday.isocalendar()
            label = _("Tuần %(week)d/%(year)d") % {"week": week, "year": iso_year}
            yield Period(monday, monday + dt.timedelta(days=6), label)
        monday += dt.timedelta(days=7)


def _months(start: dt.date, end: dt.date, step: int) -> Iterator[Period]:
    month = (start.month - 1) // step * step + 1
    year = start.year
    while dt.date(year, month, 1) <= end:
        last_month = month + step - 1
        due = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        if step == 3:
            label = f"{Quarter(last_month // 3).label}/{year}"
        else:
            label = _("Tháng %(month)d/%(year)d") % {"month": month, "year": year}
        yield Period(dt.date(year, month, 1), due, label)
        month += step
        if month > 12:
            month, year = month - 12, year + 1


def occurrences_for(task: Task) -> list[Period]:
    """The periods a recurring task must be done in; none for a task done once."""
    if task.recurrence == Recurrence.WEEKLY:
        return list(_weeks(*span(task)))
    if task.recurrence == Recurrence.MONTHLY:
        return list(_months(*span(task), step=1))
    if task.recurrence == Recurrence.QUARTERLY:
        return list(_months(*span(task), step=3))
    return []


def sync_occurrences(task: Task) -> None:
    """Make the task's stored occurrences match its recurrence and span; reports left without their
    period (the span changed) move to the period that holds their date."""
    wanted = {period.starts_on: period for period in occurrences_for(task)}
    stored = {occurrence.starts_on: occurrence for occurrence in TaskOccurrence.objects.filter(task=task)}
    stale = [occurrence.pk for start, occurrence in stored.items() if start not in wanted]
    if stale:
        TaskOccurrence.objects.filter(pk__in=stale).delete()
    for start, period in wanted.items():
        occurrence = stored.get(start)
        if occurrence is None:
            continue
        if (occurrence.due_date, occurrence.label) != (period.due_date, period.label):
            occurrence.due_date, occurrence.label = period.due_date, period.label
            occurrence.save(update_fields=["due_date", "label"])
    TaskOccurrence.objects.bulk_create(
        TaskOccurrence(commune_id=task.commune_id, task=task, starts_on=p.starts_on, due_date=p.due_date, label=p.label)
        for start, p in wanted.items()
        if start not in stored
    )
    if wanted:
        for report in ProgressReport.objects.filter(task=task, occurrence__isnull=True):
            occurrence = occurrence_on(task, report.reported_on)
            if occurrence is not None:
                ProgressReport.objects.filter(pk=report.pk).update(occurrence=occurrence)


def occurrence_on(task: Task, day: dt.date) -> TaskOccurrence | None:
    """The task's occurrence whose period holds ``day``; the nearest one when the day is outside them all."""
    occurrences = TaskOccurrence.objects.filter(task=task)
    within = occurrences.filter(starts_on__lte=day, due_date__gte=day).first()
    if within is not None:
        return within
    before = occurrences.filter(due_date__lt=day).order_by("-due_date").first()
    return before or occurrences.order_by("starts_on").first()


@dataclass(frozen=True)
class OccurrenceSummary:
    done: int
    due_so_far: int  # periods already over
    total: int
    recurrence: str

    @property
    def missed(self) -> int:
        return max(0, self.due_so_far - self.done)

    @property
    def unit(self) -> str:
        return {
            Recurrence.WEEKLY: _("tuần"),
            Recurrence.MONTHLY: _("tháng"),
            Recurrence.QUARTERLY: _("quý"),
        }.get(self.recurrence, "")

    def __str__(self) -> str:
        return _("Đã thực hiện %(done)d/%(total)d %(unit)s") % {
            "done": self.done,
            "total": self.total,
            "unit": self.unit,
        }


def with_occurrences(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """``tasks`` with their occurrences and each one's report count, for ``occurrence_summary`` without a
    query per task."""
    occurrences = TaskOccurrence.objects.annotate(report_count=Count("reports")).order_by("starts_on")
    return tasks.prefetch_related(Prefetch("occurrences", queryset=occurrences, to_attr="counted_occurrences"))


def _counted(task: Task) -> Iterable[TaskOccurrence]:
    counted = getattr(task, "counted_occurrences", None)
    if counted is not None:
        return counted
    return TaskOccurrence.objects.filter(task=task).annotate(report_count=Count("reports"))


def occurrence_summary(task: Task, *, today: dt.date | None = None) -> OccurrenceSummary | None:
    """(done, due so far, total) of a recurring task's periods; None for a task done once.

    Prefetch with ``with_occurrences`` when listing tasks."""
    if not task.recurrence:
        return None
    today = today or timezone.localdate()
    needed = max(1, task.times_per_period)
    occurrences = list(_counted(task))
    return OccurrenceSummary(
        done=sum(1 for occurrence in occurrences if occurrence.report_count >= needed),
        due_so_far=sum(1 for occurrence in occurrences if occurrence.due_date < today),
        total=len(occurrences),
        recurrence=task.recurrence,
    )


def is_occurrence_done(occurrence: TaskOccurrence) -> bool:
    return occurrence.reports.count() >= max(1, occurrence.task.times_per_period)


def unassigned_tasks(*, commune: Commune, plan: Plan | None = None) -> QuerySet[Task]:
    """Tasks no unit of the commune leads (``Task.needs_unit``): the office assigns them."""
    with commune_scope(commune):
        tasks = Task.objects.filter(commune=commune, lead_unit__isnull=True).exclude(lead_unit_name__iregex=EVERY_UNIT)
        if plan is not None:
            tasks = tasks.filter(plan=plan)
        return tasks.select_related("plan").order_by("plan", "position")
