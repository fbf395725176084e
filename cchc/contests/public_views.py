"""The citizens' way into a contest, under ``/cuoc-thi/`` of the commune's own site.

Plain server-rendered HTML: it works on a 360 px phone with JavaScript off, without an account.
The contest page shows the rules (the ranking rules are written by ``ranking.rules_text``, the
same code that ranks) and, while a round is open, the start form; starting redirects to the
paper's own address (``bai/<token>/``), which shows the paper while it is open and the receipt once
it is handed in (POST/redirect/GET), so a reload, a double tap or a second tab shows the same paper
with the same clock. Writes go through ``entering``; abuse limits on new papers through
``cchc.core.throttle``. None of these pages is cached: they carry a form or one person's paper.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cchc.communes.models import Unit, Village
from cchc.communes.requests import site_commune
from cchc.core.arrival import arrived_at
from cchc.core.statements import select_row
from cchc.core.throttle import client_network, take_slot

from . import live_rounds, ranking, scoring
from .entering import (
    AttemptsUsed,
    RoundClosed,
    Sent,
    StartEntry,
    SubmitEntry,
    check_round_open,
    clean_applicant,
    read_form,
)
from .models import (
    CHOICE_LETTERS,
    Contest,
    ContestRound,
    Eligibility,
    Entry,
    EntryStatus,
    IdentityKind,
)

MAX_FORM_FIELDS = 200  # a paper has at most a few dozen questions


def starts_per_hour() -> int:
    """Starts one client address may make per round and hour (new papers and refusals; a paper given back is free).

    High enough for a commune hall's Wi-Fi or a carrier's shared address on the last evening, low
    enough that a script cannot try names against someone's number; set ``PROXY_COUNT`` behind nginx,
    or every villager shares nginx's address."""
    return int(getattr(settings, "CONTEST_STARTS_PER_HOUR_PER_IP", 600))


def _contest(commune, slug: str) -> Contest:
    contest = Contest.objects.filter(commune=commune, slug=slug[:80], is_published=True).first()
    if contest is None:
        raise Http404(_("Không có cuộc thi này"))
    return contest


def open_round(contest: Contest, now) -> ContestRound | None:
    return (
        ContestRound.objects.filter(commune=contest.commune, contest=contest, opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at", "number")
        .first()
    )


def _start_form_context(commune, contest: Contest, values: dict, errors: dict) -> dict:
    villages = list(Village.objects.filter(commune=commune).order_by("sort_order", "name"))
    units = list(Unit.objects.filter(commune=commune).order_by("sort_order", "name"))
    return {
        "villages": villages,
        "units": units,
        "values": values,
        "errors": errors,
        "identity_label": IdentityKind(contest.identity_kind).label,
        "is_phone": contest.identity_kind == IdentityKind.PHONE,
        "residents_only": contest.eligibility == Eligibility.RESIDENTS,
    }


@require_safe
def index(request):
    """The commune's published contests, with their rounds."""
    commune = site_commune(request)
    contests = list(Contest.objects.filter(commune=commune, is_published=True).prefetch_related("rounds"))
    return TemplateResponse(
        request, "contests/public/index.html", {"commune": commune, "contests": contests, "now": timezone.now()}
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contest_page(request, slug: str):
    """Rules, prizes, rounds and, while a round is open, the form to start."""
    now = timezone.now()
    commune = site_commune(request)
    contest = _contest(commune, slug)
    current = open_round(contest, now)
    values: dict = {}
    errors: dict = {}
    status = 200
    if request.method == "POST":
        if current is None:
            errors["__all__"] = _("Hiện không có đợt thi nào đang mở.")
            status = 409
        else:
            post = request.POST
            values = {k: post.get(k, "")[:200] for k in ("full_name", "identity", "village", "unit")}
            values["consent"] = bool(post.get("consent"))
            response = _start(request, commune, contest, current, values, errors, now)
            if response is not None:
                return response
            status = 429 if errors.get("limited") else 400
    rounds = list(contest.rounds.all())
    context = {
        "commune": commune,
        "contest": contest,
        "rounds": rounds,
        "current": current,
        "now": now,
        "rules_lines": ranking.rules_text(current.ranking_rules if current else _rules_of(contest)),
        **_start_form_context(commune, contest, values, errors),
    }
    return TemplateResponse(request, "contests/public/contest.html", context, status=status)


def _rules_of(contest: Contest) -> ranking.Rules:
    return ranking.Rules(uses_prediction=contest.uses_prediction, attempts=contest.attempt_rule)


def _start(request, commune, contest, current, values, errors, now):
    """Start (or resume) a paper; the redirect to it, or None with ``errors`` filled."""
    try:
        applicant = clean_applicant(
            commune=commune,
            contest=contest,
            full_name=values["full_name"],
            identity=values["identity"],
            village_id=values["village"],
            unit_id=values["unit"],
            consent=values["consent"],
        )
    except ValidationError as error:
        errors.update({field: " ".join(messages) for field, messages in error.message_dict.items()})
        return None
    slot = take_slot(f"contest:{current.pk}:{client_network(request)}", starts_per_hour())
    try:
        if not slot.allowed:
            errors["limited"] = _(
                "Có quá nhiều lượt bắt đầu làm bài từ cùng một mạng trong giờ qua. Mời bạn thử lại sau."
            )
            slot.release()
            return None
        entry = StartEntry(commune=commune, round=current, applicant=applicant, now=now).execute()
    except (AttemptsUsed, RoundClosed, PermissionDenied, ValidationError) as error:
        # A refusal keeps its slot: trying names against someone's number is what the limit is for.
        errors["__all__"] = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        return None
    if entry.resumed:
        slot.release()
    return HttpResponseRedirect(reverse("contests:paper", args=[contest.slug, entry.token]))


def _entry(commune, slug: str, token: str, *, entrant: bool = True) -> Entry:
    """The paper at its address, with its round and contest, and its entrant (whose name the pages show)
    unless ``entrant`` is false. Handing in (``entrant=False``) is the path a rush takes: the paper is
    read alone, by a statement built once (``cchc.core.statements``), and its round comes from
    ``live_rounds``. No ordering: the token is unique, and the models' default orderings would join up
    to the commune to sort one row."""
    if entrant:
        papers = Entry.objects.filter(token=token[:32]).select_related("round__contest", "entrant").order_by()
        found = next(iter(papers[:1]), None)  # the commune comes from its scope
    else:
        found = select_row(Entry, where={"commune": commune.pk, "token": token[:32]})
        if found is not None:
            found.round = live_rounds.round_of(commune, found.round_id)
    if found is None or found.round.contest.slug != slug or not found.round.contest.is_published:
        _contest(commune, slug)  # the contest's own 404 when it is the contest that is missing
        raise Http404(_("Không có bài dự thi này"))
    return found


def _questions(entry: Entry) -> list[dict]:
    """The paper as shown: each question as it read when drawn, its choices in the entrant's order."""
    chosen = {i: set(a) for i, a in enumerate(entry.answers or [])}
    return [
        {
            "number": position + 1,
            "field": scoring.field_name(position),
            "text": item["t"],
            "multiple": item["m"],
            "choices": [
                {
                    "value": index,
                    "letter": CHOICE_LETTERS[index],
                    "text": item["c"][original],
                    "checked": original in chosen.get(position, ()),
                }
                for index, original in enumerate(item["o"])
            ],
        }
        for position, item in enumerate(entry.paper)
    ]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def paper(request, slug: str, token: str):
    """The entrant's paper while it is open; the receipt once handed in; the reason when too late."""
    received_at = arrived_at(request)  # what counts is when the paper arrived, not when it is stored
    commune = site_commune(request)
    # Handing in ends in a redirect: the entrant's name is read only if the paper is shown again.
    entry = _entry(commune, slug, token, entrant=request.method != "POST")
    contest = entry.round.contest
    errors: dict = {}
    if request.method == "POST" and entry.status == EntryStatus.OPEN:
        if len(request.POST) > MAX_FORM_FIELDS:
            errors["__all__"] = _("Bài gửi lên có quá nhiều ô.")
        else:
            form = dict(request.POST.lists())
            try:
                sent = read_form(entry, form)
            except ValidationError as error:
                if received_at > entry.deadline_at:  # too late to correct: kept as sent, refused as late
                    sent = Sent(answers=scoring.read_answers(entry.paper, form), prediction=None)
                    SubmitEntry(commune=commune, entry=entry, sent=sent, received_at=received_at).execute()
                    return HttpResponseRedirect(request.path)
                errors.update({field: " ".join(messages) for field, messages in error.message_dict.items()})
                entry.answers = scoring.read_answers(entry.paper, form)
                entry.prediction_raw = (form.get("du_doan") or [""])[0][:20]
            else:
                SubmitEntry(commune=commune, entry=entry, sent=sent, received_at=received_at).execute()
                return HttpResponseRedirect(request.path)
    elif request.method == "POST":  # handed in already (double tap, resend): the receipt
        return HttpResponseRedirect(request.path)
    context = {
        "commune": commune,
        "contest": contest,
        "round": entry.round,
        "entry": entry,
        "now": received_at,
        "errors": errors,
    }
    if entry.status == EntryStatus.OPEN and received_at <= entry.deadline_at:
        remaining = entry.deadline_at - received_at
        context["questions"] = _questions(entry)
        context["minutes_left"] = max(1, int(remaining.total_seconds() // 60))
        return TemplateResponse(request, "contests/public/paper.html", context, status=400 if errors else 200)
    if entry.status == EntryStatus.SUBMITTED:
        context["blank"] = scoring.blank_count(entry.answers or [])
    else:
        context["attempts_left"] = _attempts_left(entry, received_at)
    return TemplateResponse(request, "contests/public/receipt.html", context)


def _attempts_left(entry: Entry, now) -> bool:
    """Whether the person may start again now (their paper ran out, the rule allows another attempt)."""
    try:
        check_round_open(entry.round, now)
    except RoundClosed:
        return False
    used = Entry.objects.filter(commune=entry.commune, round=entry.round, entrant=entry.entrant).count()
    return used < entry.round.contest.attempts_allowed
