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
from .models import OPEN_STATUSES, Feedback, Status

SOON = 3  # working days before the due date
SHOWN = 8


@dataclass
class Reminders:
    to_triage: int = 0
    to_approve: int = 0
    to_answer: list[Feedback] = field(default_factory=list)  # given to the official's unit: late first, then due
    answer_count: int = 0
    late_count: int = 0  # the whole commune's for the office and the leaders; the unit's for its officials

    def __bool__(self) -> bool:
        return bool(self.to_triage or self.to_approve or self.answer_count or self.late_count)


def reminders_for(*, commune: Commune, user, today: dt.date | None = None) -> Reminders:
    """What waits for ``user``: the office and leaders follow the whole commune's messages (to triage, to
    approve, late); a unit's officials, the messages given to their unit that still need an answer."""
    today = today or timezone.localdate()
    roles = roles_in(user, commune)
    triages = user.is_superuser or bool(roles & set(TRIAGERS))
    leads = user.is_superuser or bool(roles & set(LEADERS))
    units = units_of(user, commune)
    found = Reminders()
    with commune_scope(commune):
        rows = Feedback.objects.filter(commune=commune)
        if triages:
            found.to_triage = rows.filter(status=Status.RECEIVED).count()
            found.late_count = rows.filter(status__in=OPEN_STATUSES, due_date__lt=today).count()
        if leads:
            found.to_approve = rows.filter(status=Status.AWAITING_APPROVAL).exclude(drafted_by=user).count()
        if units:
            mine = rows.filter(unit_id__in=units, status=Status.IN_PROGRESS)
            found.answer_count = mine.count()
            if not triages:
                found.late_count = mine.filter(due_date__lt=today).count()
            found.to_answer = list(mine.select_related("unit").order_by("due_date", "pk")[:SHOWN])
    if found.to_answer:
        horizon = add_working_days(today, SOON)
        for item in found.to_answer:
            item.late = item.due_date is not None and item.due_date < today
            item.soon = not item.late and item.due_date is not None and item.due_date <= horizon
            item.days_late = (today - item.due_date).days if item.late else 0
    return found
