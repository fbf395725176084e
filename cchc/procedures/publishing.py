"""What a commune publishes of the national catalogue: the reads citizens' pages and the API share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .elsewhere import Elsewhere, find_elsewhere
from .models import (
    LifeEvent,
    OneStopDesk,
    PlaceKind,
    Posting,
    PostingPlace,
    Procedure,
    ProcedureField,
    PublishedProcedure,
    SearchLog,
)

# Results are weak when the search knew less than half of what the villager typed (the words of asking
# aside): its officials should read that query and teach the search its words.
WEAK_SHARE = 0.5


def _published_queryset() -> QuerySet[PublishedProcedure]:
    return PublishedProcedure.objects.filter(is_published=True, procedure__is_current=True).select_related(
        "procedure__field", "desk"
    )


def published(*, commune: Commune) -> list[PublishedProcedure]:
    """The commune's published procedures, with their procedure, field and desk."""
    with commune_scope(commune):
        return list(_published_queryset())


def published_with_code(code: str, *, commune: Commune) -> PublishedProcedure | None:
    with commune_scope(commune):
        return _published_queryset().filter(code=code).first()


def get_published(slug: str, *, commune: Commune) -> tuple[Procedure, PublishedProcedure]:
    with commune_scope(commune):
        item = _published_queryset().filter(procedure__slug=slug).first()
    if item is None:
        raise Http404(_("Xã không công khai thủ tục này"))
    return item.procedure, item


@dataclass
class Listing:
    items: list[PublishedProcedure]
    fields: list[tuple[ProcedureField, int]]
    life_events: list[LifeEvent]


def browse(*, commune: Commune) -> Listing:
    """The commune's published set with its fields (and how many in each) and the life events it covers."""
    items = published(commune=commune)
    counts: dict[int, int] = {}
    for item in items:
        counts[item.procedure.field_id] = counts.get(item.procedure.field_id, 0) + 1
    fields = [(f, counts[f.id]) for f in ProcedureField.objects.filter(id__in=counts)]
    codes = {item.code for item in items}
    events = [e for e in LifeEvent.objects.all() if codes & set(e.procedure_codes)]
    return Listing(items=items, fields=fields, life_events=events)


@dataclass
class SearchAnswer:
    """What the search says: where to go when the commune does not handle the need (said first), then the
    commune's procedures that match, best first; whether they are weak; the search's log entry."""

    elsewhere: Elsewhere | None
    results: list[PublishedProcedure]
    weak: bool = False
    log: SearchLog | None = None


def answer(query: str, *, commune: Commune, limit: int = 20, channel: str | None = None) -> SearchAnswer:
    """Search as villagers ask: with what officials taught (equivalences, a pinned procedure first), the need
    sent elsewhere named; logged (without personal data) when ``channel`` says where the search came from."""
    from . import learning
    from .search import catalogue_index

    index = catalogue_index()
    taught = learning.taught_equivalences(commune=commune)
    pin = learning.pinned_code(commune=commune, query=query)
    # The best of the whole catalogue, then the rows of those the commune publishes, in one query: most communes
    # publish most of the set, so a few times ``limit`` is enough; when it is not, the commune's own ids decide.
    wide = max(3 * limit, 30)
    reading = index.read(query, equivalences=taught)
    found = [pid for pid, _score in index.search(reading, limit=wide)]
    rows = _rows_of(found, pin, index.procedures, commune=commune)
    if len(found) == wide and len(rows) < min(limit, len(found)):
        with commune_scope(commune):
            allowed = set(_published_queryset().values_list("procedure_id", flat=True))
        found = [pid for pid, _score in index.search(reading, allowed=allowed, limit=limit)]
        rows = _rows_of(found, pin, index.procedures, commune=commune)
    results = [rows[pid] for pid in found if pid in rows][:limit]
    pinned = next((p for p in rows.values() if pin and p.code == pin), None)
    if pinned is not None:
        results = [pinned, *(p for p in results if p.code != pin)][:limit]
    elsewhere = find_elsewhere(query, corrected=reading.tokens)
    weak = bool(results) and pinned is None and reading.understood < WEAK_SHARE
    log = None
    if channel:
        log = learning.record_search(
            commune=commune, query=query, results=results, elsewhere=elsewhere, weak=weak, channel=channel,
            known=index.toned,
        )  # fmt: skip
    return SearchAnswer(elsewhere=elsewhere, results=results, weak=weak, log=log)


def _rows_of(
    ids: list[int], pin: str | None, procedures: dict[int, Procedure], *, commune: Commune
) -> dict[int, PublishedProcedure]:
    """The commune's published rows of ``ids`` and of the pinned code, by procedure id, each with its procedure
    from ``procedures`` (the index's current ones, already in memory) rather than read again."""
    if not ids and not pin:
        return {}
    rows = {}
    with commune_scope(commune):
        wanted = PublishedProcedure.objects.filter(Q(procedure_id__in=ids) | Q(code=pin or ""), is_published=True)
        for row in wanted.select_related("desk"):
            if (procedure := procedures.get(row.procedure_id)) is not None:
                row.procedure = procedure
                rows[row.procedure_id] = row
    return rows


def search(query: str, *, commune: Commune, limit: int = 20) -> list[PublishedProcedure]:
    """The commune's published procedures best matching ``query``, best first."""
    return answer(query, commune=commune, limit=limit).results


def in_field(field: ProcedureField, *, commune: Commune) -> list[PublishedProcedure]:
    """The commune's published procedures of ``field``."""
    with commune_scope(commune):
        return list(_published_queryset().filter(procedure__field=field))


def in_life_event(event: LifeEvent, *, commune: Commune) -> list[PublishedProcedure]:
    with commune_scope(commune):
        return list(_published_queryset().filter(code__in=event.procedure_codes))


@transaction.atomic
def publish_all(*, commune: Commune, desk: OneStopDesk | None = None) -> int:
    """Publish every current procedure of the catalogue that ``commune`` does not publish yet.

    It reads what the commune already publishes in the commune's own scope, whatever scope the
    caller is in, so that it never takes another commune's set for this one's.
    """
    with commune_scope(commune):
        if desk is not None and desk.commune_id != commune.id:
            raise ValueError("The desk belongs to another commune.")
        have = set(PublishedProcedure.objects.values_list("code", flat=True))
        new = [
            PublishedProcedure(commune=commune, procedure=p, code=p.code, desk=desk)
            for p in Procedure.objects.filter(is_current=True).exclude(code__in=have)
        ]
        PublishedProcedure.objects.bulk_create(new)
    return len(new)


@dataclass
class PlaceStatus:
    place: PostingPlace
    expected: int
    posted_current: int
    outdated: list[str]
    missing: list[str]

    @property
    def percent(self) -> int:
        return round(100 * self.posted_current / self.expected) if self.expected else 100


def posting_status(*, commune: Commune) -> list[PlaceStatus]:
    """For each posting place: which published procedures are missing there, which sheets are outdated."""
    items = published(commune=commune)
    statuses = []
    # Two prefetches instead of one query per place: a commune has a posting place per village.
    on_wall = Prefetch(
        "postings", queryset=Posting.objects.filter(removed_on=None).select_related("procedure"), to_attr="on_wall"
    )
    with commune_scope(commune):
        places = list(PostingPlace.objects.prefetch_related("fields", on_wall))
    for place in places:
        wanted_fields = {f.id for f in place.fields.all()}
        expected = [i for i in items if place.expects_full_set or place.kind == PlaceKind.DESK
                    or i.procedure.field_id in wanted_fields]  # fmt: skip
        postings = place.on_wall
        current = {p.procedure.code for p in postings if p.procedure.is_current}
        outdated = sorted({p.procedure.name for p in postings if not p.procedure.is_current})
        missing = [i.procedure.name for i in expected if i.code not in current]
        statuses.append(PlaceStatus(place, len(expected), len(expected) - len(missing), outdated, missing))
    return statuses
