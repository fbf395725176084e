"""How long the commune has to answer each kind of message, in working days.

The complaint's limit is the law's (Luật Khiếu nại 2011, Điều 28: 30 days from acceptance, 45 in remote
areas); for questions, feedback and proposals no national limit was found, so each commune sets its own
(``TimeLimit``), starting from the defaults below. Days are counted on the holiday calendar
(``cchc.workdays``): the day of receipt is not counted.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.communes.actions import CommuneAction, require_role
from cchc.communes.models import Commune
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.workdays.counting import add_working_days

from .models import Feedback, Kind, TimeLimit

LOG_LIMITS = "cchc.feedback_limits_set"

ACCEPT_DAYS = 10  # a complaint is accepted or refused within 10 days of receipt (Luật Khiếu nại 2011, Điều 27)
DEFAULT_DAYS = {Kind.QUESTION: 10, Kind.FEEDBACK: 10, Kind.PROPOSAL: 20, Kind.COMPLAINT: 30}
MAX_DAYS = {Kind.QUESTION: 60, Kind.FEEDBACK: 60, Kind.PROPOSAL: 60, Kind.COMPLAINT: 45}
BASIS = {
    Kind.QUESTION: gettext_lazy("Xã tự quy định."),
    Kind.FEEDBACK: gettext_lazy("Xã tự quy định."),
    Kind.PROPOSAL: gettext_lazy("Xã tự quy định (Bộ Nội vụ trả lời kiến nghị trên cổng của Bộ trong 20 ngày)."),
    Kind.COMPLAINT: gettext_lazy(
        "Luật Khiếu nại 2011, Điều 28: không quá 30 ngày kể từ ngày thụ lý; vùng sâu, vùng xa không quá 45 ngày."
    ),
}
# Who sets the limits: the office proposes, the chairman decides; both may enter them.
LIMIT_SETTERS = (Role.OFFICE, Role.CHAIRMAN)


def limits_for(*, commune: Commune) -> dict[str, int]:
    """Working days per kind: the commune's own where it set one, else the default."""
    with commune_scope(commune):
        own = dict(TimeLimit.objects.filter(commune=commune).values_list("kind", "working_days"))
    return {kind: own.get(kind, DEFAULT_DAYS[kind]) for kind in Kind.values}


def due_on_receipt(*, commune: Commune, kind: str, received_on: dt.date) -> dt.date:
    """The due date a message gets when it arrives: its kind's limit after receipt; for a complaint, the
    day by which it must be accepted (thụ lý), which its acceptance replaces with the day of the decision."""
    days = ACCEPT_DAYS if kind == Kind.COMPLAINT else limits_for(commune=commune)[kind]
    return add_working_days(received_on, days)


def lawful_due(feedback: Feedback, *, commune: Commune, today: dt.date | None = None) -> dt.date:
    """The latest due date the message may have: a complaint given to a unit for the first time is accepted
    today and is due its limit after today; any other message keeps the date it has (set on receipt, or on
    the complaint's acceptance), which giving it again to another unit never extends."""
    today = today or timezone.localdate()
    if feedback.kind == Kind.COMPLAINT and feedback.unit_id is None:
        return add_working_days(today, limits_for(commune=commune)[Kind.COMPLAINT])
    received_on = timezone.localtime(feedback.received_at).date()
    return feedback.due_date or due_on_receipt(commune=commune, kind=feedback.kind, received_on=received_on)


def clean_limits(data: dict) -> dict[str, int]:
    """The limits from the form's raw values, or ``ValidationError`` in Vietnamese per kind."""
    errors: dict[str, str] = {}
    days: dict[str, int] = {}
    for kind in Kind.values:
        raw = str(data.get(kind, "")).strip()
        top = MAX_DAYS[kind]
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= top:
            errors[kind] = _("Hãy ghi số ngày làm việc từ 1 đến %(top)d.") % {"top": top}
        else:
            days[kind] = int(raw)
    if errors:
        raise ValidationError(errors)
    return days


class SetTimeLimits(CommuneAction):
    """The commune's limits per kind; messages already given a due date keep theirs."""

    log_action = LOG_LIMITS

    def __init__(self, *, commune: Commune, days: dict[str, int], user=None):
        super().__init__(commune=commune, user=user)
        self.days = days

    def check(self) -> None:
        if self.user is None:
            raise PermissionDenied(_("Cần một cán bộ để đặt thời hạn."))
        require_role(self.user, self.commune, LIMIT_SETTERS,
                     _("Chỉ Văn phòng và lãnh đạo xã được đặt thời hạn trả lời."))  # fmt: skip
        for kind, value in self.days.items():
            if kind not in MAX_DAYS or not 1 <= value <= MAX_DAYS[kind]:
                raise PermissionDenied(_("Thời hạn không hợp lệ."))

    def perform(self) -> dict[str, int]:
        for kind, value in self.days.items():
            TimeLimit.objects.update_or_create(commune=self.commune, kind=kind, defaults={"working_days": value})
        return self.days

    def audit_data(self, result: dict[str, int]) -> dict:
        return {"days": dict(result)}
