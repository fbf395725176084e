"""What an official's home page says to do today: their unit's open tasks of the plan under way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from cchc.communes.access import roles_in
from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .actions import tasks_in_reach
from .models import PLAN_LEADERS, Plan, PlanStatus, Task, TaskStatus

SHOWN = 8  # tasks per list: a phone screen's worth


@dataclass
class MyWork:
    plan: Plan | None
    leads_the_plan: bool
    overdue: list[Task] = field(default_factory=list)
    coming: list[Task] = field(default_factory=list)
    overdue_count: int = 0
    open_count: int = 0
    done_count: int = 0
    total_count: int = 0


def current_plan(*, commune: Commune) -> Plan | None:
    """The plan being carried out (the latest year's), else the latest signed or drafted one."""
    with commune_scope(commune):
        plans = Plan.objects.order_by("-year", "-created_at")
        return (
            plans.filter(status=PlanStatus.IN_PROGRESS).first()
            or plans.filter(status=PlanStatus.APPROVED).first()
            or plans.first()
        )


def my_work(*, commune: Commune, user, today: dt.date | None = None) -> MyWork:
    """The open tasks within ``user``'s reach: every task for the plan's leaders, else their unit's and
    those the plan gives every unit; overdue first, then the next due."""
    today = today or timezone.localdate()
    plan = current_plan(commune=commune)
    leads = user.is_superuser or bool(roles_in(user, commune) & PLAN_LEADERS)
    work = MyWork(plan=plan, leads_the_plan=leads)
    if plan is None:
        return work
    with commune_scope(commune):
        tasks = tasks_in_reach(commune=commune, user=user).filter(plan=plan)
        work.total_count = tasks.count()
        work.done_count = tasks.filter(status=TaskStatus.DONE).count()
        open_tasks = tasks.exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED]).select_related("lead_unit")
        work.open_count = open_tasks.count()
        late = open_tasks.filter(due_date__lt=today)
        work.overdue_count = late.count()
        work.overdue = list(late.order_by("due_date", "position")[:SHOWN])
        work.coming = list(open_tasks.exclude(due_date__lt=today).order_by("due_date", "position")[:SHOWN])
    return work
