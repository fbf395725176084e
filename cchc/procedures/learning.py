"""Learning from what villagers search: the log, what officials read in it, and what they teach the search.

Every search is logged without personal data (``loggable``): the words folded, numbers of five digits or
more (phones, identity numbers) and capitalised words the search does not know (names) hidden. Officials
read the commune's top searches, those with no or weak results and those whose first result nobody opened
(``report``), and from there teach the search: an equivalence («when villagers say this, they mean that»)
or a pinned procedure for a query, for their commune or, as platform administrators, for every commune.
Each teaching is an action with its audit record (in the log of the commune it was made from).

The log itself is not an action: it carries no rule and is not a change anyone made; an audit record per
search would bury the commune's real history.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.actions import CommuneAction, require_role
from cchc.communes.models import Commune, Role
from cchc.communes.scoping import all_communes, commune_scope
from cchc.core.text import ASKING_WORDS

from .models import (
    CommuneEquivalence,
    CommunePin,
    NationalEquivalence,
    NationalPin,
    Procedure,
    SearchChannel,
    SearchLog,
)
from .search import FILLER, Equivalence, words

LOG_EQUIVALENCE = "cchc.search_equivalence_added"
LOG_EQUIVALENCE_REMOVED = "cchc.search_equivalence_removed"
LOG_PIN = "cchc.search_pinned"
LOG_PIN_REMOVED = "cchc.search_unpinned"
# Who teaches the commune's search: the office, which answers villagers at the desk, and the leaders.
TEACHERS = (Role.OFFICE, Role.CHAIRMAN, Role.JUSTICE)
HIDDEN = "…"
LONG_NUMBER = re.compile(r"\d{5,}")
MAX_SAYS_WORDS = 6
MAX_MEANS_WORDS = 20
OPEN_SALT = "cchc.procedures.search-open"
KEPT_DAYS = 400  # a year of searches and the weeks around it, for the year-end report


# --- the log ---------------------------------------------------------------------------------------


# Numbers as people type them: phones and identity numbers in groups («0912 345 678», «001.203.004.567»).
GROUPED_NUMBER = re.compile(r"\+?\d[\d .\-]{5,}\d")
EMAIL = re.compile(r"\S+@\S+")
# The commonest family names, with their tones (without them «Trần» is «trần» and «Đặng» is «đăng»): a name
# starting with one is hidden with the two words after it, however it is written.
SURNAMES = frozenset(
    [
        "nguyễn",
        "trần",
        "lê",
        "phạm",
        "hoàng",
        "huỳnh",
        "phan",
        "vũ",
        "võ",
        "đặng",
        "bùi",
        "đỗ",
        "hồ",
        "ngô",
        "dương",
        "lý",
        "đinh",
        "lương",
        "trịnh",
        "đào",
        "lò",
        "lường",
        "quàng",
        "sầm",
        "nông",
        "triệu",
        "giàng",
        "thào",
        "sùng",
        "lầu",
        "ksor",
        "siu",
    ]
)
NAME_LENGTH = 3


def loggable(query: str, *, known: set[str] | frozenset[str] = frozenset()) -> str:
    """``query`` as the log keeps it: folded words, with «…» for numbers of five digits or more (grouped too),
    e-mail addresses, and names: a run of capitalised words, a capitalised word the catalogue does not use
    (``known``: its words with their tones, lower case), a common family name and the words after it. A name
    typed in lower case without tones cannot be told from other words and stays."""
    text = unicodedata.normalize("NFC", query or "")[:200]
    text = EMAIL.sub(" 0000000 ", GROUPED_NUMBER.sub(" 0000000 ", text))
    raws = re.findall(r"\w+", text)
    shouting = all(r.isupper() or not r.isalpha() for r in raws)  # a query in capitals: its capitals say nothing
    # Names are written Title-case; a word all in capitals in a query that is not («CCCD», «UBND») is an acronym.
    capital = [r[:1].isupper() and not shouting and not (r.isupper() and len(r) > 1) for r in raws]
    hidden = [bool(LONG_NUMBER.search(r)) for r in raws]
    i = 0
    while i < len(raws):
        if raws[i].lower() in SURNAMES:
            hidden[i : i + NAME_LENGTH] = [True] * len(hidden[i : i + NAME_LENGTH])
        if capital[i]:
            end = i
            while end + 1 < len(raws) and capital[end + 1]:
                end += 1
            run = [r.lower() for r in raws[i : end + 1]]
            if (end > i or i > 0) and not all(w in known for w in run):
                hidden[i : end + 1] = [True] * len(run)
            i = end
        i += 1
    kept = [HIDDEN if hide else " ".join(words(raw)) for raw, hide in zip(raws, hidden, strict=True)]
    collapsed = re.sub(rf"(?:{re.escape(HIDDEN)} ?)+", HIDDEN + " ", " ".join(k for k in kept if k)).strip()
    return collapsed[:200]


def record_search(
    *, commune: Commune, query: str, results: list, elsewhere, weak: bool, channel: str, known=frozenset()
) -> SearchLog:
    """Log a search; ``known`` are the words the search knows (a capitalised one is not taken for a name)."""
    entry = SearchLog(
        commune=commune,
        query=loggable(query, known=known),
        result_count=min(len(results), 32767),
        first_code=results[0].code if results else "",
        elsewhere=elsewhere.key if elsewhere else "",
        weak=weak,
        channel=channel,
    )
    with commune_scope(commune):
        entry.save()
    return entry


def logs_per_hour() -> int:
    return settings.SEARCH_LOGS_PER_HOUR_PER_IP


def logged_channel(request, commune: Commune, channel: str) -> str | None:
    """``channel`` when this search is to be logged; None past ``SEARCH_LOGS_PER_HOUR_PER_IP`` searches from one
    network in an hour (a script must not fill the officials' lists or the table; it is still answered)."""
    from cchc.core.throttle import client_network, take_slot

    slot = take_slot(f"search-log:{commune.pk}:{client_network(request)}", logs_per_hour())
    return channel if slot.allowed else None


def forget_old_searches(*, days: int = KEPT_DAYS) -> int:
    """Delete log entries older than ``days`` (all communes: a platform job, run by ``forget_old_searches``)."""
    with all_communes():
        deleted, _by_model = SearchLog.objects.filter(searched_at__lt=timezone.now() - dt.timedelta(days=days)).delete()
    return deleted


def open_token(entry: SearchLog | None) -> str:
    """What a result's link carries so that opening it is counted against its search (signed: no one marks
    another search's results as opened by guessing numbers)."""
    return signing.Signer(salt=OPEN_SALT).sign(str(entry.pk)) if entry is not None else ""


def record_open(*, commune: Commune, token: str, code: str, rank: int | None) -> bool:
    """The villager opened ``code`` from the search ``token`` names; only the first opening counts."""
    try:
        pk = int(signing.Signer(salt=OPEN_SALT).unsign(token[:80]))
    except (signing.BadSignature, ValueError):
        return False
    with commune_scope(commune):
        return bool(
            SearchLog.objects.filter(pk=pk, commune=commune, opened_code="").update(
                opened_code=code[:40], opened_rank=rank if rank and 0 < rank < 1000 else None
            )
        )


# --- what officials read ---------------------------------------------------------------------------


@dataclass
class QueryLine:
    query: str
    count: int
    results: int
    opened: int
    first_opened: int
    elsewhere: str
    weak: int

    @property
    def open_share(self) -> int:
        return round(100 * self.opened / self.count) if self.count else 0


@dataclass
class SearchReport:
    days: int
    total: int
    top: list[QueryLine]
    unfound: list[QueryLine]
    unopened: list[QueryLine]


def _lines(rows) -> list[QueryLine]:
    return [
        QueryLine(
            query=r["query"],
            count=r["n"],
            results=r["most_results"] or 0,
            opened=r["opened"],
            first_opened=r["first_opened"],
            elsewhere=r["sent_elsewhere"] or "",
            weak=r["weak_n"],
        )
        for r in rows
    ]


def report(
    *, commune: Commune, days: int = 30, limit: int = 20, now: dt.datetime | None = None, include_top: bool = True
) -> SearchReport:
    """The commune's searches of the last ``days`` days, grouped by query: most asked; with no result or only
    weak ones (and not a need sent elsewhere); asked at least twice with the first result never opened."""
    since = (now or timezone.now()) - dt.timedelta(days=days)
    with commune_scope(commune):
        logs = SearchLog.objects.filter(commune=commune, searched_at__gte=since).exclude(query="")
        # Aggregates under names of their own, filtered only as aggregates: a query is one row however its
        # searches went (some with results, some without).
        grouped = (
            logs.values("query")
            .annotate(
                n=Count("id"),
                most_results=Max("result_count"),
                opened=Count("id", filter=~Q(opened_code="")),
                first_opened=Count("id", filter=Q(opened_rank=1)),
                sent_elsewhere=Max("elsewhere"),
                weak_n=Count("id", filter=Q(weak=True)),
            )
            .order_by("-n", "query")
        )
        total = logs.count()
        top = _lines(grouped[:limit]) if include_top else []
        unfound = _lines(grouped.filter(Q(most_results=0) | Q(weak_n__gt=0), sent_elsewhere="")[:limit])
        unopened = (
            _lines(grouped.filter(most_results__gt=0, sent_elsewhere="", n__gte=2, first_opened=0)[:limit])
            if include_top
            else []
        )
    return SearchReport(days=days, total=total, top=top, unfound=unfound, unopened=unopened)


def weekly_digest(*, commune: Commune, limit: int = 8) -> list[QueryLine]:
    """What villagers looked for in the last seven days and did not find, most asked first."""
    return report(commune=commune, days=7, limit=limit, include_top=False).unfound


# --- what officials teach ----------------------------------------------------------------------------


# What was taught is read by every search: kept in the cache (shared by the workers when Redis is set) and
# forgotten when a teaching commits, so the process that made it sees it at once and the others within
# TAUGHT_SECONDS even on per-process memory.
TAUGHT_SECONDS = 60


def _taught_key(commune: Commune | None) -> str:
    return f"cchc-search-taught:{commune.pk if commune else 'national'}"


TEACHING_COMMUNES_KEY = "cchc-search-taught:communes"


def _teaching_communes() -> frozenset[int]:
    """Ids of the communes that taught their search anything: most never do, and their searches then read
    nothing more than this one cached set."""
    found = cache.get(TEACHING_COMMUNES_KEY)
    if found is None:
        with all_communes():
            found = frozenset(CommuneEquivalence.objects.values_list("commune_id", flat=True)) | frozenset(
                CommunePin.objects.values_list("commune_id", flat=True)
            )
        cache.set(TEACHING_COMMUNES_KEY, found, TAUGHT_SECONDS)
    return found


def _read_taught(commune: Commune | None) -> tuple[list[tuple[str, str]], dict[str, str]]:
    if commune is not None and commune.pk not in _teaching_communes():
        return [], {}
    key = _taught_key(commune)
    found = cache.get(key)
    if found is None:
        if commune is None:
            equivalences = list(NationalEquivalence.objects.values_list("says_folded", "means_folded"))
            pins = dict(NationalPin.objects.values_list("query_folded", "procedure_code"))
        else:
            with commune_scope(commune):
                equivalences = list(
                    CommuneEquivalence.objects.filter(commune=commune).values_list("says_folded", "means_folded")
                )
                pins = dict(CommunePin.objects.filter(commune=commune).values_list("query_folded", "procedure_code"))
        # Folded again as queries are folded today: what was taught before the search learnt a new spelling
        # («ko», «quê quán») still matches.
        equivalences = [(" ".join(words(s)), " ".join(words(m))) for s, m in equivalences]
        pins = {" ".join(words(q)): code for q, code in pins.items()}
        found = (equivalences, pins)
        cache.set(key, found, TAUGHT_SECONDS)
    return found


def _forget_taught(commune: Commune | None) -> None:
    """Forget now, and again once committed (a search in between may have read the old rows back)."""
    keys = [_taught_key(commune), TEACHING_COMMUNES_KEY]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def taught_equivalences(*, commune: Commune) -> list[Equivalence]:
    """The commune's and the national equivalences, as the search reads them."""
    rows = _read_taught(commune)[0] + _read_taught(None)[0]
    return [Equivalence(tuple(s.split()), tuple(m.split())) for s, m in rows]


def pinned_code(*, commune: Commune, query: str) -> str | None:
    """The procedure an official pinned for this query (the commune's pin before the national one)."""
    folded = " ".join(words(query))
    if not folded:
        return None
    return _read_taught(commune)[1].get(folded) or _read_taught(None)[1].get(folded)


def _clean_says(says: str) -> str:
    folded = " ".join(words(says))
    if not folded:
        raise ValidationError({"says": _("Hãy nhập từ người dân dùng.")})
    if len(folded.split()) > MAX_SAYS_WORDS:
        raise ValidationError({"says": _("Tối đa %(n)d từ: một cách gọi, không phải một câu.") % {"n": MAX_SAYS_WORDS}})
    if len(folded) > 100:
        raise ValidationError({"says": _("Cách gọi quá dài: tối đa 100 chữ cái.")})
    if all(w in ASKING_WORDS or w in FILLER for w in folded.split()):
        raise ValidationError({"says": _("Những từ này có trong mọi câu hỏi; hãy nhập từ chỉ việc cần làm.")})
    return folded


def _meaning(means: str, procedure_code: str) -> tuple[str, str]:
    """What an equivalence means, as typed and folded: the chosen procedure's name, or the words given."""
    if procedure_code:
        procedure = Procedure.objects.filter(code=procedure_code, is_current=True).first()
        if procedure is None:
            raise ValidationError({"means": _("Không có thủ tục mã %(code)s.") % {"code": procedure_code}})
        means = procedure.name
    folded = " ".join(words(means))
    if not folded:
        raise ValidationError({"means": _("Hãy chọn thủ tục hoặc nhập các từ có trong tên thủ tục.")})
    if not procedure_code and len(folded.split()) > MAX_MEANS_WORDS:
        raise ValidationError({"means": _("Tối đa %(n)d từ.") % {"n": MAX_MEANS_WORDS}})
    return means.strip()[:300], folded[:300].rsplit(" ", 1)[0] if len(folded) > 300 else folded


class _Teach(CommuneAction):
    """Teaching the search: the commune's office and leaders for their commune; platform administrators for
    every commune (``national``)."""

    def __init__(self, *, commune: Commune, user, national: bool = False):
        super().__init__(commune=commune, user=user)
        self.national = national

    def check(self) -> None:
        if self.user is None:
            raise PermissionDenied(_("Cần một cán bộ để dạy công cụ tìm kiếm."))
        if self.national:
            if not self.user.is_superuser:
                raise PermissionDenied(_("Chỉ quản trị nền tảng được thay đổi mục dùng cho mọi xã."))
            return
        require_role(
            self.user, self.commune, TEACHERS, _("Chỉ Văn phòng, Tư pháp và lãnh đạo xã được dạy công cụ tìm kiếm.")
        )


class AddEquivalence(_Teach):
    log_action = LOG_EQUIVALENCE

    def __init__(self, *, commune, user, says: str, means: str = "", procedure_code: str = "", national=False):
        super().__init__(commune=commune, user=user, national=national)
        self.says, self.means, self.procedure_code = says, means, procedure_code

    def perform(self):
        says_folded = _clean_says(self.says)
        means, means_folded = _meaning(self.means, self.procedure_code)
        model, scope = (NationalEquivalence, {}) if self.national else (CommuneEquivalence, {"commune": self.commune})
        if model.objects.filter(says_folded=says_folded, **scope).exists():
            raise ValidationError({"says": _("«%(says)s» đã có nghĩa; hãy xóa cách cũ trước.") % {"says": self.says}})
        _forget_taught(None if self.national else self.commune)
        try:
            with transaction.atomic():
                return model.objects.create(
                    says=self.says.strip()[:100], says_folded=says_folded, means=means, means_folded=means_folded,
                    created_by=self.user, **scope,
                )  # fmt: skip
        except IntegrityError as clash:  # the same words sent twice at once
            raise ValidationError({"says": _("«%(says)s» đã có nghĩa.") % {"says": self.says}}) from clash

    def audit_data(self, result):
        return {"says": result.says, "means": result.means, "national": self.national}


class RemoveEquivalence(_Teach):
    log_action = LOG_EQUIVALENCE_REMOVED

    def __init__(self, *, commune, user, pk: int, national=False):
        super().__init__(commune=commune, user=user, national=national)
        self.pk = pk

    def perform(self):
        rows = NationalEquivalence.objects if self.national else CommuneEquivalence.objects.filter(commune=self.commune)
        row = rows.filter(pk=self.pk).first()
        if row is None:
            raise ValidationError(_("Cách gọi này không còn."))
        _forget_taught(None if self.national else self.commune)
        row.delete()
        return row

    def audit_data(self, result):
        return {"says": result.says, "means": result.means, "national": self.national}


class PinProcedure(_Teach):
    log_action = LOG_PIN

    def __init__(self, *, commune, user, query: str, procedure_code: str, national=False):
        super().__init__(commune=commune, user=user, national=national)
        self.query, self.procedure_code = query, procedure_code

    def perform(self):
        folded = " ".join(words(self.query))[:200]
        if not folded:
            raise ValidationError({"query": _("Hãy nhập từ khóa người dân tìm.")})
        if self.national:
            known = Procedure.objects.filter(code=self.procedure_code, is_current=True).exists()
        else:
            from .models import PublishedProcedure

            known = PublishedProcedure.objects.filter(commune=self.commune, code=self.procedure_code).exists()
        if not known:
            raise ValidationError({"procedure_code": _("Hãy chọn một thủ tục xã đang công khai.")})
        model, scope = (NationalPin, {}) if self.national else (CommunePin, {"commune": self.commune})
        values = {"query": self.query.strip()[:200], "procedure_code": self.procedure_code, "created_by": self.user}
        _forget_taught(None if self.national else self.commune)
        before = model.objects.filter(query_folded=folded, **scope).values_list("procedure_code", flat=True).first()
        self.replaced = before if before != self.procedure_code else None
        row, _created = model.objects.update_or_create(query_folded=folded, **scope, defaults=values)
        return row

    def audit_data(self, result):
        data = {"query": result.query, "procedure_code": result.procedure_code, "national": self.national}
        if self.replaced:
            data["replaced"] = self.replaced
        return data


class RemovePin(_Teach):
    log_action = LOG_PIN_REMOVED

    def __init__(self, *, commune, user, pk: int, national=False):
        super().__init__(commune=commune, user=user, national=national)
        self.pk = pk

    def perform(self):
        rows = NationalPin.objects if self.national else CommunePin.objects.filter(commune=self.commune)
        row = rows.filter(pk=self.pk).first()
        if row is None:
            raise ValidationError(_("Thủ tục ghim này không còn."))
        _forget_taught(None if self.national else self.commune)
        row.delete()
        return row

    def audit_data(self, result):
        return {"query": result.query, "procedure_code": result.procedure_code, "national": self.national}


def taught(*, commune: Commune) -> dict:
    """What the commune's search has been taught, for the officials' screen."""
    with commune_scope(commune):
        own_eq = list(CommuneEquivalence.objects.filter(commune=commune).order_by("says_folded"))
        own_pins = list(CommunePin.objects.filter(commune=commune).order_by("query_folded"))
    national_eq = list(NationalEquivalence.objects.order_by("says_folded"))
    national_pins = list(NationalPin.objects.order_by("query_folded"))
    return {
        "equivalences": own_eq,
        "pins": own_pins,
        "national_equivalences": national_eq,
        "national_pins": national_pins,
    }


__all__ = [
    "AddEquivalence",
    "PinProcedure",
    "RemoveEquivalence",
    "RemovePin",
    "SearchChannel",
    "loggable",
    "record_open",
    "record_search",
    "report",
    "taught",
    "weekly_digest",
]
