"""What an official's home page says to do today.

Everyone: their unit's open tasks of the plan under way (overdue first, one tap to report) and what
waits for them (a plan to sign, to start, to evaluate; units' new reports to read; tasks no unit was
given). The chairman also sees the commune at a glance; an overseer sees each commune they oversee.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.access import communes_for_user, roles_in
from cchc.communes.actions import units_of
from cchc.communes.models import Commune
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope

from .actions import tasks_in_reach
from .models import PLAN_LEADERS, Plan, PlanStatus, ProgressReport, Task, TaskStatus
from .recurrence import occurrence_summary, unassigned_tasks, with_occurrences
from .years import as_of, year_is_over

SHOWN = 8  # tasks per list: a phone screen's worth
FRESH_REPORTS = dt.timedelta(days=7)  # units' reports a leader has not yet had a week to read
OPEN = (TaskStatus.DONE, TaskStatus.CANCELLED)


@dataclass
class Waiting:
    """One thing waiting for this official, with where to do it."""

    text: str
    url: str


@dataclass
class MyWork:
    plan: Plan | None  # the first of the plans under way
    leads_the_plan: bool
    other_plans: list[Plan] = field(default_factory=list)  # a commune may carry out several plans at once
    unit_id: int | None = None  # a unit official's unit, to list its tasks only
    as_of: dt.date | None = None  # the day deadlines are reckoned at (the year's end for a past plan)
    overdue: list[Task] = field(default_factory=list)
    coming: list[Task] = field(default_factory=list)
    overdue_count: int = 0
    open_count: int = 0
    done_count: int = 0
    total_count: int = 0
    waiting: list[Waiting] = field(default_factory=list)

    @property
    def year_is_over(self) -> bool:
        return bool(self.plan and self.as_of and self.as_of < timezone.localdate())


def current_plan(*, commune: Commune) -> Plan | None:
    """The plan being carried out (the latest year's), else one being evaluated, signed or drafted."""
    plans = current_plans(commune=commune)
    return plans[0] if plans else None


def current_plans(*, commune: Commune) -> list[Plan]:
    """Every plan being carried out, latest year first; when none is, the one plan most worth showing:
    being evaluated, else signed, else the latest draft."""
    with commune_scope(commune):
        plans = Plan.objects.order_by("-year", "-created_at")
        under_way = list(plans.filter(status=PlanStatus.IN_PROGRESS))
        if under_way:
            return under_way
        for status in (PlanStatus.EVALUATING, PlanStatus.APPROVED):
            plan = plans.filter(status=status).first()
            if plan is not None:
                return [plan]
        plan = plans.first()
        return [plan] if plan else []


def my_work(*, commune: Commune, user, today: dt.date | None = None) -> MyWork:
    """The open tasks within ``user``'s reach: every task for the plan's leaders, else their unit's and
    those the plan gives every unit; overdue first, then the next due. A past year's plan is reckoned at
    its year's end."""
    today = today or timezone.localdate()
    plans = current_plans(commune=commune)
    leads = user.is_superuser or bool(roles_in(user, commune) & PLAN_LEADERS)
    work = MyWork(plan=plans[0] if plans else None, leads_the_plan=leads, other_plans=plans[1:])
    if not leads:
        work.unit_id = min(units_of(user, commune), default=None)
    work.waiting = waiting_for(commune=commune, user=user, today=today)
    if not plans:
        return work
    work.as_of = as_of(work.plan, today)
    # Each plan is reckoned by its own year (a past year's plan at its year's end).
    late_q = Q(pk__in=[])
    for plan in plans:
        late_q |= Q(plan=plan, due_date__lt=as_of(plan, today))
    with commune_scope(commune):
        tasks = tasks_in_reach(commune=commune, user=user).filter(plan__in=plans)
        work.total_count = tasks.count()
        work.done_count = tasks.filter(status=TaskStatus.DONE).count()
        open_tasks = with_occurrences(tasks.exclude(status__in=OPEN).select_related("lead_unit"))
        work.open_count = open_tasks.count()
        late = open_tasks.filter(late_q)
        work.overdue_count = late.count()
        work.overdue = list(late.order_by("due_date", "position")[:SHOWN])
        work.coming = list(open_tasks.exclude(late_q).order_by("due_date", "position")[:SHOWN])
    for task in work.overdue + work.coming:
        task.periods = occurrence_summary(task, today=work.as_of)  # "Đã thực hiện 30/52 tuần" for recurring ones
    return work


def waiting_for(*, commune: Commune, user, today: dt.date) -> list[Waiting]:
    """What waits for ``user`` in ``commune``, by what their role decides."""
    roles = {Role.CHAIRMAN, *PLAN_LEADERS} if user.is_superuser else roles_in(user, commune)
    items: list[Waiting] = []
    with commune_scope(commune):
        plans = list(Plan.objects.exclude(status=PlanStatus.CLOSED).order_by("-year"))
        for plan in plans:
            board = reverse("cchc_plans_dashboard", args=[plan.pk])
            if plan.status == PlanStatus.DRAFT and Role.CHAIRMAN in roles:
                items.append(Waiting(_("Kế hoạch «%(t)s» chờ ký ban hành.") % {"t": plan.title}, board))
            elif plan.status == PlanStatus.APPROVED and roles & PLAN_LEADERS:
                items.append(Waiting(_("Kế hoạch «%(t)s» đã ký, chưa bắt đầu thực hiện.") % {"t": plan.title}, board))
            elif plan.status == PlanStatus.IN_PROGRESS and year_is_over(plan, today) and roles & PLAN_LEADERS:
                items.append(Waiting(
                    _("Năm %(y)d đã hết: chuyển kế hoạch «%(t)s» sang đánh giá, tổng kết.")
                    % {"y": plan.year, "t": plan.title}, board))  # fmt: skip
            elif plan.status == PlanStatus.EVALUATING and roles & {Role.CHAIRMAN, Role.OFFICE}:
                items.append(Waiting(
                    _("Kế hoạch năm %(y)d đang đánh giá, tổng kết: xem kết quả và kết thúc kế hoạch.")
                    % {"y": plan.year}, board))  # fmt: skip
        active = [p.pk for p in plans if p.status in (PlanStatus.IN_PROGRESS, PlanStatus.EVALUATING)]
        if active and roles & PLAN_LEADERS:
            unassigned = unassigned_tasks(commune=commune).filter(plan__in=active).exclude(status__in=OPEN)
            count = unassigned.count()
            if count and roles & {Role.CHAIRMAN, Role.OFFICE}:
                items.append(Waiting(
                    _("%(n)d nhiệm vụ chưa có đơn vị chủ trì: Văn phòng phân công.") % {"n": count},
                    reverse("nhiem-vu:index") + "?plan=" + str(active[0])))  # fmt: skip
            fresh = ProgressReport.objects.filter(task__plan__in=active, created_at__gte=timezone.now() - FRESH_REPORTS)
            if not user.is_superuser:
                fresh = fresh.exclude(reported_by=user)
            count = fresh.count()
            if count:
                items.append(Waiting(
                    _("%(n)d báo cáo tiến độ mới của các đơn vị trong 7 ngày qua.") % {"n": count},
                    reverse("bao-cao-tien-do:index")))  # fmt: skip
    return items


@dataclass
class CommuneGlance:
    """One commune's plan in a line: how far, how late, when last reported."""

    commune: Commune
    plan: Plan | None
    percent: int = 0
    done: int = 0
    total: int = 0
    overdue: int = 0
    last_report: dt.date | None = None
    lagging_units: list[str] = field(default_factory=list)


def glance(*, commune: Commune, today: dt.date | None = None) -> list[CommuneGlance]:
    """The commune at a glance for its chairman or an overseer: one line per plan under way."""
    plans = current_plans(commune=commune)
    return [_glance(commune, plan, today) for plan in plans] or [CommuneGlance(commune=commune, plan=None)]


def _glance(commune: Commune, plan: Plan, today: dt.date | None) -> CommuneGlance:
    """One plan's figures, from its own dashboard."""
    from .dashboard import build_dashboard

    row = CommuneGlance(commune=commune, plan=plan)
    board = build_dashboard(plan, today=today)
    row.percent, row.done, row.total = board.total.percent, board.total.done, board.total.total
    row.overdue = len(board.overdue)
    row.lagging_units = [c.label for c in board.by_unit if c.percent < 50][:3]
    with commune_scope(commune):
        latest = ProgressReport.objects.filter(task__plan=plan).order_by("-reported_on").first()
    row.last_report = latest.reported_on if latest else None
    return row


def overseen(*, user, today: dt.date | None = None) -> list[CommuneGlance]:
    """Each commune ``user`` oversees (an overseer's role there), at a glance."""
    if user.is_superuser:
        return []
    return [
        row
        for commune in communes_for_user(user).order_by("name")
        if Role.OVERSEER in roles_in(user, commune)
        for row in glance(commune=commune, today=today)
    ]
