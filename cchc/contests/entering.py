"""Entering a round: the one way a paper is handed out and the one way it is handed in.

``StartEntry`` checks the round is open and the applicant's details (name, phone or citizen ID
number, village when the contest is for residents, consent), finds the person again by a keyed hash
of their number, and either gives back the paper they already have open — a reload, a double tap or
a second tab changes nothing, and the clock keeps running — or, when the contest's rule leaves them
an attempt, draws a new paper (``bank.draw_paper``) whose deadline is fixed there and then: the
time limit from now, never past the round's close. Getting an open paper back needs the same name
as when it was started, so that knowing someone's phone number does not show their name.

``SubmitEntry`` takes the answers once. The time that counts is when the request arrived
(``received_at``, taken by the view before anything else), so an entry sent in time and held up by a
rush is accepted; one that arrives after its deadline is stored as late, counted nowhere, and the
entrant is told so. A second submission of the same paper (double tap, resend after a lost
connection) returns what was stored first. Each start and each submission leaves one audit record.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from cchc.communes.actions import CommuneAction
from cchc.communes.models import Commune, Unit, Village
from cchc.communes.scoping import commune_scope
from cchc.core import codes
from cchc.core.statements import update_row
from cchc.core.text import fold_vietnamese

from . import scoring
from .bank import draw_paper, question_ref
from .models import Contest, ContestRound, Eligibility, Entrant, Entry, EntryStatus, QuestionKind

LOG_START = "cchc.contest_start"
LOG_SUBMIT = "cchc.contest_entry"
# A paper sent in the last seconds of its time limit is still on its way; the round's close has no grace.
GRACE_SECONDS = 15
TOKEN_LENGTH = 26  # 31²⁶ ≈ 2¹²⁸: the paper's address is its key
MAX_NAME = Entrant._meta.get_field("full_name").max_length
MIN_NAME = 2


class AttemptsUsed(PermissionDenied):
    """The person has no attempt left in this round."""


class RoundClosed(PermissionDenied):
    """The round is not taking entries now."""


def identity_hash(contest: Contest, identity: str) -> str:
    """The keyed hash a person is found by in ``contest``: never the number itself, never linkable across contests.

    The key is ``CONTEST_IDENTITY_KEY`` (falls back to ``SECRET_KEY``): changing it means returning
    entrants are no longer recognised, so it is set once per deployment.
    """
    secret = getattr(settings, "CONTEST_IDENTITY_KEY", "") or settings.SECRET_KEY
    value = f"{contest.pk}:{contest.identity_kind}:{identity}"
    return salted_hmac("cchc.contests.identity", value, secret=secret, algorithm="sha256").hexdigest()


def same_name(a: str, b: str) -> bool:
    """Names typed twice by the same person: tones, case and spacing aside."""

    def folded(name: str) -> str:
        return " ".join(fold_vietnamese(name).lower().split())

    return folded(a) == folded(b)


@dataclass(frozen=True)
class Applicant:
    """What an entrant gives to start, cleaned: the number normalised, the village and unit the commune's own."""

    full_name: str
    identity: str
    village: Village | None
    unit: Unit | None


def clean_applicant(
    *, commune: Commune, contest: Contest, full_name: str, identity: str, village_id, unit_id, consent: bool
) -> Applicant:
    """Check the start form; ``ValidationError`` keyed by field, with the messages the form shows."""
    errors: dict[str, str] = {}
    name = " ".join((full_name or "").split())
    if len(name) < MIN_NAME:
        errors["full_name"] = _("Hãy ghi họ và tên của bạn.")
    elif len(name) > MAX_NAME:
        errors["full_name"] = _("Họ và tên dài quá: tối đa %(limit)d ký tự.") % {"limit": MAX_NAME}
    number = ""
    try:
        number = contest.clean_identity(identity)
    except ValidationError as error:
        errors["identity"] = error.messages[0]
    village = unit = None
    with commune_scope(commune):
        if village_id not in (None, ""):
            village = Village.objects.filter(commune=commune, pk=_as_id(village_id)).first()
            if village is None:
                errors["village"] = _("Hãy chọn thôn, xóm trong danh sách.")
        if village is None and "village" not in errors and contest.eligibility == Eligibility.RESIDENTS:
            errors["village"] = _("Cuộc thi dành cho người cư trú trên địa bàn xã: hãy chọn thôn, xóm của bạn.")
        if unit_id not in (None, ""):
            unit = Unit.objects.filter(commune=commune, pk=_as_id(unit_id)).first()
            if unit is None:
                errors["unit"] = _("Hãy chọn cơ quan, đoàn thể trong danh sách, hoặc để trống.")
    if not consent:
        errors["consent"] = _("Bạn cần đồng ý để xã ghi nhận bài dự thi theo thể lệ.")
    if errors:
        raise ValidationError(errors)
    return Applicant(full_name=name, identity=number, village=village, unit=unit)


def _as_id(raw) -> int:
    text = str(raw).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0


def check_round_open(round: ContestRound, at: dt.datetime) -> None:
    """``RoundClosed`` with the reason when ``round`` does not take entries at ``at``."""
    if not round.contest.is_published:
        raise RoundClosed(_("Cuộc thi chưa được công bố."))
    if at < round.opens_at:
        raise RoundClosed(
            _("Đợt thi chưa bắt đầu: mở từ %(when)s.")
            % {"when": timezone.localtime(round.opens_at).strftime("%H:%M ngày %d/%m/%Y")}
        )
    if at >= round.closes_at:
        raise RoundClosed(
            _("Đợt thi đã kết thúc lúc %(when)s.")
            % {"when": timezone.localtime(round.closes_at).strftime("%H:%M ngày %d/%m/%Y")}
        )


def paper_for(questions) -> list[dict]:
    """The paper as stored: each question as it reads now (text, choices, one or several answers),
    its choices in a random order, and its key. The entrant is shown and scored on this copy, so an
    official correcting the bank during a round changes no paper already handed out."""
    rng = random.SystemRandom()
    paper = []
    for question in questions:
        order = list(range(len(question.choices)))
        rng.shuffle(order)
        correct = [i for i, choice in enumerate(question.choices) if choice.get("correct")]
        paper.append(
            {
                "q": question_ref(question),
                "t": question.text,
                "c": [choice["text"] for choice in question.choices],
                "m": question.kind == QuestionKind.MULTIPLE,
                "o": order,
                "k": correct,
            }
        )
    return paper


class StartEntry(CommuneAction):
    """Hand a paper to an applicant, or give back the one they have open. ``resumed`` says which."""

    log_action = LOG_START

    def __init__(self, *, commune: Commune, round: ContestRound, applicant: Applicant, now=None, user=None):
        super().__init__(commune=commune, user=user)
        self.round = round
        self.applicant = applicant
        self.now = now or timezone.now()

    def check(self) -> None:
        """Anyone may enter (villagers are not logged in) a published round that is open now."""
        if self.round.commune_id != self.commune.pk:
            raise PermissionDenied(_("Đợt thi này thuộc xã khác."))
        check_round_open(self.round, self.now)

    def execute(self) -> Entry:
        contest = self.round.contest
        key = identity_hash(contest, self.applicant.identity)
        with commune_scope(self.commune):
            self.check()
            entrant = Entrant.objects.filter(commune=self.commune, contest=contest, identity_hash=key).first()
            if entrant is not None:
                held = self._held(entrant)
                if held is not None:
                    return held
            self.entrant = entrant
            self.key = key
            self.paper = paper_for(draw_paper(self.round, commune=self.commune))
            try:
                return super().execute()
            except IntegrityError:
                # A double tap: the same person's other request drew a paper at the same moment.
                entrant = Entrant.objects.filter(commune=self.commune, contest=contest, identity_hash=key).first()
                held = self._held(entrant) if entrant is not None else None
                if held is None:
                    raise
                return held

    def _held(self, entrant: Entrant) -> Entry | None:
        """The paper the person already has open (returned, ``resumed``), or ``AttemptsUsed``, or None."""
        if not same_name(entrant.full_name, self.applicant.full_name):
            raise PermissionDenied(
                _(
                    "Số %(tail)s đã dự thi với một họ tên khác. Hãy ghi đúng họ tên đã khai lần trước; "
                    "nếu số này là của bạn mà bạn chưa từng dự thi, hãy báo công chức Tư pháp xã."
                )
                % {"tail": entrant.masked_identity}
            )
        entries = list(Entry.objects.filter(commune=self.commune, round=self.round, entrant=entrant).order_by("number"))
        for entry in entries:
            if entry.status == EntryStatus.OPEN and entry.deadline_at > self.now:
                entry.resumed = True
                return entry
        allowed = self.round.contest.attempts_allowed
        if len(entries) >= allowed:
            raise AttemptsUsed(
                _("Số %(tail)s đã dự thi đợt này %(count)d lần, là số lần tối đa thể lệ cho phép.")
                % {"tail": entrant.masked_identity, "count": len(entries)}
            )
        return None

    def perform(self) -> Entry:
        applicant = self.applicant
        entrant = self.entrant
        if entrant is None:
            entrant = Entrant.objects.create(
                commune=self.commune,
                contest=self.round.contest,
                identity_hash=self.key,
                identity_tail=applicant.identity[-3:],
                full_name=applicant.full_name,
                village=applicant.village,
                unit=applicant.unit,
                consented_at=self.now,
            )
        number = Entry.objects.filter(commune=self.commune, round=self.round, entrant=entrant).count() + 1
        limit = dt.timedelta(minutes=self.round.time_limit_minutes, seconds=GRACE_SECONDS)
        entry = Entry.objects.create(
            commune=self.commune,
            round=self.round,
            entrant=entrant,
            number=number,
            token=codes.random_code(TOKEN_LENGTH),
            paper=self.paper,
            started_at=self.now,
            deadline_at=min(self.now + limit, self.round.closes_at),
        )
        entry.resumed = False
        return entry

    def audit_instance(self, result: Entry):
        return result

    def audit_data(self, result: Entry) -> dict:
        # No name or number in the audit trail: the entry leads to them.
        return {"round": self.round.pk, "number": result.number, "questions": len(result.paper)}


@dataclass(frozen=True)
class Sent:
    """What the paper form sent, read: per question the original positions ticked, and the guess."""

    answers: list[list[int]]
    prediction: int | None


def read_form(entry: Entry, form: Mapping[str, Sequence[str]]) -> Sent:
    """Read the paper form (``QueryDict`` as ``{name: [values]}``); ``ValidationError`` for a bad guess."""
    answers = scoring.read_answers(entry.paper, form)
    prediction = None
    if entry.round.contest.uses_prediction:
        raw = (form.get("du_doan") or [""])[0]
        try:
            prediction = scoring.read_prediction(raw)
        except ValueError:
            raise ValidationError(
                {"du_doan": _("Số dự đoán phải là một số nguyên, ví dụ 1250.")}, code="prediction"
            ) from None
        if prediction is None:
            raise ValidationError(
                {"du_doan": _("Hãy dự đoán số người dự thi đợt này (một số nguyên).")}, code="prediction"
            )
    return Sent(answers=answers, prediction=prediction)


class _HandedInMeanwhile(Exception):
    """Another request handed the paper in between reading it and storing this one."""


class SubmitEntry(CommuneAction):
    """Hand in a paper once. ``already_recorded`` on the result says it had been handed in before."""

    log_action = LOG_SUBMIT

    def __init__(self, *, commune: Commune, entry: Entry, sent: Sent, received_at: dt.datetime, user=None):
        super().__init__(commune=commune, user=user)
        self.entry = entry
        self.sent = sent
        self.received_at = received_at

    def check(self) -> None:
        """The entrant holding the paper's address may hand it in (no account): only the paper of this commune."""
        if self.entry.commune_id != self.commune.pk:
            raise PermissionDenied(_("Bài dự thi này thuộc xã khác."))

    def execute(self) -> Entry:
        entry = self.entry
        if entry.status != EntryStatus.OPEN:
            entry.already_recorded = True
            return entry
        try:
            return super().execute()
        except _HandedInMeanwhile:
            # The same paper handed in by a concurrent request: what that one stored stands, and only
            # that one left an audit record (this transaction was rolled back, having written nothing).
            with commune_scope(self.commune):
                stored = Entry.objects.select_related("round__contest", "entrant").get(
                    commune=self.commune, pk=entry.pk
                )
            stored.already_recorded = True
            return stored

    def perform(self) -> Entry:
        entry = self.entry
        late = self.received_at > entry.deadline_at
        fields = {
            "answers": self.sent.answers,
            "prediction": self.sent.prediction,
            "submitted_at": self.received_at,
            "status": EntryStatus.LATE if late else EntryStatus.SUBMITTED,
        }
        if not late:
            taken = math.ceil((self.received_at - entry.started_at).total_seconds())
            fields["seconds"] = max(0, min(taken, entry.round.time_limit_minutes * 60))
            fields["score"] = scoring.score(entry.paper, self.sent.answers)
        # Written once, not compiled per paper: this is the write of a deadline's rush.
        changed = update_row(Entry, where={"id": entry.pk, "commune": self.commune.pk, "status": EntryStatus.OPEN},
                             values=fields)  # fmt: skip
        if not changed:
            raise _HandedInMeanwhile
        for name, value in fields.items():
            setattr(entry, name, value)
        entry.already_recorded = False
        return entry

    def audit_instance(self, result: Entry):
        return result

    def audit_data(self, result: Entry) -> dict:
        return {"status": result.status, "score": result.score, "seconds": result.seconds}
