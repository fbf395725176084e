"""The figures of one plan's dashboard, computed in a handful of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.models import Village
from cchc.communes.scoping import commune_scope
from cchc.procedures.publishing import posting_status

from .models import OutreachActivity, Plan, ProgressReport, Task, TaskStatus
from .progress import task_percent, with_contest_evidence, with_dialogue_evidence, with_radio_evidence
from .recurrence import OccurrenceSummary, occurrence_summary, with_occurrences
from .structure import Channel, Quarter
from .years import as_of


@dataclass
class Completion:
    label: str
    total: int = 0
    done: int = 0
    percent_sum: int = 0

    @property
    def percent(self) -> int:
        return round(self.percent_sum / self.total) if self.total else 0


@dataclass
class BudgetRow:
    name: str
    planned: int
    spent: int

    @property
    def remaining(self) -> int:
        return self.planned - self.spent

    @property
    def over(self) -> bool:
        return self.spent > self.planned


@dataclass
class PlanDashboard:
    plan: Plan
    by_quarter: list[Completion] = field(default_factory=list)
    by_unit: list[Completion] = field(default_factory=list)
    overdue: list[Task] = field(default_factory=list)
    unreached: list[Village] = field(default_factory=list)
    reached_count: int = 0
    village_count: int = 0
    channels_used: list[tuple[str, int, int]] = field(default_factory=list)  # label, activities, people
    budget: list[BudgetRow] = field(default_factory=list)
    unbudgeted_spent: int = 0
    total: Completion = field(default_factory=lambda: Completion(_("Cả kế hoạch")))
    postings: list = field(default_factory=list)  # procedures.publishing.PlaceStatus
    posting_percent: int | None = None
    as_of: dt.date | None = None  # the day deadlines were reckoned at (a past year's plan: its last day)
    recurring: list[tuple[Task, OccurrenceSummary]] = field(default_factory=list)  # weekly, monthly, quarterly
    unassigned: list[Task] = field(default_factory=list)  # the plan names no unit: the office assigns one
    # Radio tasks' airings played count as their progress; their villages whose speakers missed airings
    # or went silent are listed (``broadcasts.coverage.attention``), read only when the plan has radio tasks.
    radio_attention: list = field(default_factory=list)
    has_radio: bool = False
    # Contest rounds held within a contest task's period (``progress.with_contest_evidence``), each once,
    # with the tasks they are evidence of; read only when the plan has contest tasks.
    contest_rounds: list[tuple] = field(default_factory=list)  # (ContestRoundEvidence, [Task])
    has_contest: bool = False
    # Dialogue conferences recorded as the plan's outreach activities, with the questions raised there
    # (``progress.with_dialogue_evidence``), and the year's citizens' messages (``feedback.figures``).
    dialogue_sessions: list = field(default_factory=list)
    has_dialogue: bool = False
    feedback: object = None

    @property
    def planned_total(self) -> int:
        return sum(row.planned for row in self.budget)

    @property
    def spent_total(self) -> int:
        return sum(row.spent for row in self.budget) + self.unbudgeted_spent


def build_dashboard(plan: Plan, *, today: dt.date | None = None) -> PlanDashboard:
    """The figures of ``plan``, read in its own commune's scope whatever scope the caller is in."""
    with commune_scope(plan.commune):
        return _build(plan, today=as_of(plan, today or timezone.localdate()))


def _build(plan: Plan, *, today: dt.date) -> PlanDashboard:
    tasks = list(with_occurrences(plan.tasks.select_related("lead_unit")).order_by("quarter", "position"))
    with_radio_evidence(tasks, years={plan.pk: plan.year})
    with_contest_evidence(tasks, years={plan.pk: plan.year})
    sessions = with_dialogue_evidence(tasks, plan=plan)
    latest: dict[int, ProgressReport] = {}
    for report in ProgressReport.objects.filter(task__plan=plan).order_by("task_id", "reported_on", "created_at"):
        latest[report.task_id] = report

    board = PlanDashboard(plan=plan, as_of=today)
    board.postings = posting_status(commune=plan.commune)
    expected = sum(s.expected for s in board.postings)
    if expected:
        board.posting_percent = round(100 * sum(s.posted_current for s in board.postings) / expected)
    quarters: dict[int | None, Completion] = {}
    units: dict[str, Completion] = {}
    rounds: dict[int, tuple] = {}
    for task in tasks:
        radio = task.radio_evidence
        board.has_radio |= radio is not None
        played = radio.played if radio else None
        held = len(task.dialogue_sessions) if task.channel == Channel.DIALOGUE else None
        percent = task_percent(task, latest.get(task.id), posting_percent=board.posting_percent, radio_played=played,
                               sessions_held=held)  # fmt: skip
        done = task.status == TaskStatus.DONE
        for bucket in (
            quarters.setdefault(task.quarter, Completion(Quarter(task.quarter).label if task.quarter else _("Cả năm"))),
            units.setdefault(task.lead_display, Completion(task.lead_display)),
            board.total,
        ):
            bucket.total += 1
            bucket.done += done
            bucket.percent_sum += percent
        if task.is_overdue(today):
            board.overdue.append(task)
        periods = occurrence_summary(task, today=today)
        if periods is not None:
            board.recurring.append((task, periods))
        if task.needs_unit:
            board.unassigned.append(task)
        board.has_contest |= task.channel == Channel.CONTEST
        for held in task.contest_rounds:
            rounds.setdefault(held.round_id, (held, []))[1].append(task)
    board.by_quarter = [quarters[q] for q in sorted(quarters, key=lambda q: (q is None, q or 0))]
    board.by_unit = sorted(units.values(), key=lambda c: (c.percent, c.label))
    board.contest_rounds = sorted(rounds.values(), key=lambda row: (row[0].opens_at, row[0].contest_title))
    board.dialogue_sessions = sessions
    board.has_dialogue = bool(sessions) or any(t.channel == Channel.DIALOGUE for t in tasks)
    from cchc.feedback.figures import year_figures

    board.feedback = year_figures(commune=plan.commune, year=plan.year, today=today)

    activities = OutreachActivity.objects.filter(plan=plan)
    reached_ids = set(activities.values_list("villages", flat=True)) - {None}
    villages = list(Village.objects.filter(commune_id=plan.commune_id))
    board.village_count = len(villages)
    board.reached_count = sum(1 for v in villages if v.id in reached_ids)
    board.unreached = [v for v in villages if v.id not in reached_ids]

    per_channel = activities.values("channel").annotate(n=Count("id"), people=Sum("attendees")).order_by("-n")
    board.channels_used = [(Channel(row["channel"]).label, row["n"], row["people"] or 0)
                           for row in per_channel]  # fmt: skip

    spent_by_line: dict[int | None, int] = defaultdict(int)
    for row in activities.values("budget_line").annotate(spent=Sum("cost")):
        spent_by_line[row["budget_line"]] = row["spent"] or 0
    board.budget = [
        BudgetRow(name=line.name, planned=line.amount, spent=spent_by_line.get(line.id, 0))
        for line in plan.budget_lines.all()
    ]
    board.unbudgeted_spent = spent_by_line.get(None, 0)
    if board.has_radio:
        from cchc.broadcasts.coverage import attention

        board.radio_attention = attention(commune=plan.commune)
    return board
