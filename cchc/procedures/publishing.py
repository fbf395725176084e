"""What a commune publishes of the national catalogue: the reads citizens' pages and the API share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from cchc.communes.models import Commune

from .models import LifeEvent, OneStopDesk, PlaceKind, PostingPlace, Procedure, ProcedureField, PublishedProcedure
from .search import search_procedures


def published() -> QuerySet[PublishedProcedure]:
    """The active commune's published procedures (call inside its scope)."""
    return PublishedProcedure.objects.filter(is_published=True, procedure__is_current=True).select_related(
        "procedure__field", "desk"
    )


def published_by_procedure() -> dict[int, PublishedProcedure]:
    return {p.procedure_id: p for p in published()}


def get_published(slug: str) -> tuple[Procedure, PublishedProcedure]:
    item = published().filter(procedure__slug=slug).first()
    if item is None:
        raise Http404("Xã không công khai thủ tục này")
    return item.procedure, item


@dataclass
class Listing:
    items: list[PublishedProcedure]
    fields: list[tuple[ProcedureField, int]]
    life_events: list[LifeEvent]


def browse() -> Listing:
    items = list(published())
    counts: dict[int, int] = {}
    for item in items:
        counts[item.procedure.field_id] = counts.get(item.procedure.field_id, 0) + 1
    fields = [(f, counts[f.id]) for f in ProcedureField.objects.filter(id__in=counts)]
    codes = {item.code for item in items}
    events = [e for e in LifeEvent.objects.all() if codes & set(e.procedure_codes)]
    return Listing(items=items, fields=fields, life_events=events)


def search(query: str, *, limit: int = 20) -> list[PublishedProcedure]:
    by_procedure = published_by_procedure()
    ids = search_procedures(query, allowed=set(by_procedure), limit=limit)
    return [by_procedure[i] for i in ids]


def in_field(field: ProcedureField) -> list[PublishedProcedure]:
    return list(published().filter(procedure__field=field))


def in_life_event(event: LifeEvent) -> list[PublishedProcedure]:
    return list(published().filter(code__in=event.procedure_codes))


def publish_all(commune: Commune, *, desk: OneStopDesk | None = None) -> int:
    """Publish every current procedure of the catalogue that the commune does not publish yet."""
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


def posting_status() -> list[PlaceStatus]:
    """For each posting place: which published procedures are missing there, which sheets are outdated."""
    items = list(published())
    statuses = []
    # Imported here so that this function's fix stays within its body.
    from django.db.models import Prefetch

    from .models import Posting

    # Two prefetches instead of one query per place: a commune has a posting place per village.
    on_wall = Prefetch(
        "postings", queryset=Posting.objects.filter(removed_on=None).select_related("procedure"), to_attr="on_wall"
    )
    for place in PostingPlace.objects.prefetch_related("fields", on_wall):
        wanted_fields = {f.id for f in place.fields.all()}
        expected = [i for i in items if place.expects_full_set or place.kind == PlaceKind.DESK
                    or i.procedure.field_id in wanted_fields]  # fmt: skip
        postings = place.on_wall
        current = {p.procedure.code for p in postings if p.procedure.is_current}
        outdated = sorted({p.procedure.name for p in postings if not p.procedure.is_current})
        missing = [i.procedure.name for i in expected if i.code not in current]
        statuses.append(PlaceStatus(place, len(expected), len(expected) - len(missing), outdated, missing))
    return statuses
