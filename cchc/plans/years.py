"""A plan belongs to its year: when the year is over, its work is reviewed and judged by that year.

The seed plan's fourth quarter is "tổng kết, đánh giá": once 31 December has passed, a plan still
being carried out moves to evaluation (``advance_plan_years``, run daily by the worker's schedule or
``manage.py advance_plan_years``), and what counts as overdue is reckoned at the end of the year's last day,
not today (``as_of``), so that a 2022 plan read in 2026 shows what was late in 2022.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .models import Plan, PlanStatus


def year_end(plan: Plan) -> dt.date:
    return dt.date(plan.year, 12, 31)


def year_is_over(plan: Plan, today: dt.date | None = None) -> bool:
    return (today or timezone.localdate()) > year_end(plan)


def as_of(plan: Plan, today: dt.date | None = None) -> dt.date:
    """The day a plan's deadlines are reckoned at: today during its year; once the year is over, the
    day after its last, so that work due by 31 December and not done counts as late, and nothing more."""
    today = today or timezone.localdate()
    return min(today, year_end(plan) + dt.timedelta(days=1))


def advance_plan_years(*, commune: Commune, today: dt.date | None = None) -> list[Plan]:
    """Move the commune's plans whose year is over from «Đang thực hiện» to «Đánh giá, tổng kết».

    The system is the actor (one audit record per plan); run again, it changes nothing."""
    from .actions import ChangePlanStatus

    today = today or timezone.localdate()
    moved = []
    with commune_scope(commune):
        for plan in Plan.objects.filter(status=PlanStatus.IN_PROGRESS, year__lt=today.year).order_by("year"):
            moved.append(ChangePlanStatus(commune=commune, plan=plan, status=PlanStatus.EVALUATING).execute())
    return moved
