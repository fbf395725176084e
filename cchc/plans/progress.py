"""How far tasks have come: what a progress report changes, and the figures the dashboard reads."""

from __future__ import annotations

from .models import ProgressReport, Task, TaskStatus
from .structure import Channel


def task_percent(task: Task, latest: ProgressReport | None, *, posting_percent: int | None = None) -> int:
    """Percent done: the latest report's percent, else its count against the target; for a posting
    task with no report, the share of procedures posted in their current version (the register is
    its evidence); else by status."""
    if task.status == TaskStatus.DONE:
        return 100
    if latest is not None:
        if latest.percent is not None:
            return latest.percent
        if latest.achieved_value is not None and task.target_value:
            return min(100, round(100 * latest.achieved_value / task.target_value))
    if task.channel == Channel.POSTING and posting_percent is not None:
        return posting_percent
    return 0


def apply_report(report: ProgressReport) -> None:
    """A report moves its task forward: 100% (or the target reached) closes it, anything else starts it."""
    task = report.task
    if task.status == TaskStatus.CANCELLED:
        return
    percent = task_percent(task, report)
    new_status = TaskStatus.DONE if percent >= 100 else TaskStatus.IN_PROGRESS
    if task.status != new_status:
        task.status = new_status
        task.save(update_fields=["status"])
