"""What the officials' home page reminds them of: messages to triage, answers to approve, and messages
due within three working days or already late, for those who must answer them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from cchc.communes.access import roles_in
from cchc.communes.actions import units_of
from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.workdays.counting import add_working_days

from .handling import LEADERS, TRIAGERS
from .models import Feedback, Status

SOON = 3  # working days before the due date
SHOWN = 8


@dataclass
class Reminders:
    to_triage: int = 0
    to_approve: int = 0
    due: list[Feedback] = field(default_factory=list)  # late first, then the nearest due
    due_count: int = 0
    late_count: int = 0

    def __bool__(self) -> bool:
        return bool(self.to_triage or self.to_approve or self.due_count)


def reminders_for(*, commune: Commune, user, today: dt.date | None = None) -> Reminders:
    today = today or timezone.localdate()
    roles = roles_in(user, commune)
    triages = user.is_superuser or bool(roles & set(TRIAGERS))
    leads = user.is_superuser or bool(roles & set(LEADERS))
    found = Reminders()
    with commune_scope(commune):
        rows = Feedback.objects.filter(commune=commune)
        if triages:
            found.to_triage = rows.filter(status=Status.RECEIVED).count()
        if leads:
            found.to_approve = rows.filter(status=Status.AWAITING_APPROVAL).exclude(drafted_by=user).count()
        # What to answer: the unit's own messages; the office and the leaders follow every one.
        mine = rows if triages else rows.filter(unit_id__in=units_of(user, commune))
        if not triages and not units_of(user, commune):
            return found
        horizon = add_working_days(today, SOON)
        due = mine.filter(status__in=(Status.IN_PROGRESS,), due_date__lte=horizon)
        found.due_count = due.count()
        found.late_count = due.filter(due_date__lt=today).count()
        found.due = list(due.select_related("unit").order_by("due_date", "pk")[:SHOWN])
    for item in found.due:
        item.late = item.due_date < today
        item.days_late = (today - item.due_date).days if item.late else 0
    return found
