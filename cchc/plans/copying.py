"""Next year's plan from this year's: the same outline, sections, tasks and budget, as a new draft.

Communes write each year's plan by editing the last one; doing it here keeps the tasks, their units
and channels, and moves their dates by the years between. The copy has no number, date, signature
date or reports: it is a draft for the chairman to sign.
"""

from __future__ import annotations

import datetime as dt
import re

from .models import BudgetLine, Plan, PlanSection, PlanStatus, Task, TaskStatus
from .recurrence import sync_occurrences


def shift_date(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def retitle(text: str, old_year: int, new_year: int) -> str:
    """ "năm 2022" becomes "năm 2026"; other numbers (a decree of 2021, a law of 2019) stay."""
    return re.sub(rf"(\bn[aă]m\s+){old_year}\b", rf"\g<1>{new_year}", text, flags=re.IGNORECASE)


def copy_plan_to_year(plan: Plan, *, year: int) -> Plan:
    """The copy, saved (callers wrap this in ``CopyPlanToYear``'s transaction)."""
    years = year - plan.year
    copy = Plan.objects.get(pk=plan.pk)
    copy.pk = copy.id = None
    copy.year = year
    copy.title = retitle(plan.title, plan.year, year)
    copy.intro = retitle(plan.intro, plan.year, year)
    copy.number, copy.issued_on, copy.status = "", None, PlanStatus.DRAFT
    copy.source_name, copy.unplaced = "", []
    copy.save()
    PlanSection.objects.bulk_create(
        PlanSection(
            commune=plan.commune, plan=copy, position=s.position, kind=s.kind, marker=s.marker, level=s.level,
            text=retitle(s.text, plan.year, year), role=s.role, rows=s.rows,
        )
        for s in plan.sections.order_by("position")
    )  # fmt: skip
    new_ids: dict[int, Task] = {}
    tasks = list(plan.tasks.prefetch_related("coordinating_units").order_by("parent_id", "position", "id"))
    for task in sorted(tasks, key=lambda t: t.parent_id is not None):  # parents before their subtasks
        coordinating = list(task.coordinating_units.all())
        old_id = task.pk
        task.pk = task.id = None
        task.plan = copy
        task.parent = new_ids.get(task.parent_id) if task.parent_id else None
        task.title = retitle(task.title, plan.year, year)
        task.due_date = shift_date(task.due_date, years)
        task.starts_on = shift_date(task.starts_on, years)
        task.status = TaskStatus.TODO
        task.save()
        task.coordinating_units.set(coordinating)
        sync_occurrences(task)  # a recurring task's weeks or months of the new year
        new_ids[old_id] = task
    BudgetLine.objects.bulk_create(
        BudgetLine(commune=plan.commune, plan=copy, name=line.name, amount=line.amount, note=line.note)
        for line in plan.budget_lines.all()
    )
    return copy
