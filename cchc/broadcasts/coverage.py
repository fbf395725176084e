"""What the loudspeakers actually aired, per village: the radio's own proof for the plan (issue #11).

A speaker's ``PlayLog`` with outcome «Đã phát» for an ``Airing`` is the proof that the airing went out;
it is counted once per airing however many times the speaker reported it. An airing is *missed* when its
time is more than ``GRACE`` past with no such log (a speaker's report may come late after a network cut).
An airing of a cancelled schedule is not expected any more, so it counts only if it was played.
Periods are reckoned in local time (``TIME_ZONE``, Asia/Ho_Chi_Minh): «Quý I» starts at 0:00 on 1 January
in Vietnam, not in UTC.

Every function takes ``commune=`` (or reads the tasks' own communes) and filters by it explicitly, on top
of the scoped managers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.communes.models import Commune, Village
from cchc.communes.roles import Role

from .models import Airing, PlayLog, PlayOutcome, SpeakerCluster

# How late a speaker's «played» report may come before the airing counts as missed.
GRACE = dt.timedelta(hours=2)
# The dashboard's attention list looks at this many days back.
ATTENTION_WINDOW = dt.timedelta(days=7)
# Who reads the coverage report: the office, the leaders, culture-information, the broadcaster, the overseer.
COVERAGE_READERS = frozenset({Role.OFFICE, Role.CHAIRMAN, Role.CULTURE_INFO, Role.BROADCASTER, Role.OVERSEER})
NO_VILLAGE = _("Chưa gắn thôn, xóm")


@dataclass
class VillageCoverage:
    """One village's radio in a period: its clusters, airings scheduled (up to now), played, missed."""

    village: Village | None  # None: clusters not placed in a village yet
    clusters: list[SpeakerCluster] = field(default_factory=list)
    scheduled: int = 0
    played: int = 0
    missed: int = 0
    last_heard: dt.datetime | None = None
    silent: bool = False  # no active cluster of the village has been heard within ``SILENT_AFTER``

    @property
    def name(self) -> str:
        return self.village.name if self.village else str(NO_VILLAGE)

    @property
    def is_ethnic_minority(self) -> bool:
        return bool(self.village and self.village.is_ethnic_minority)

    @property
    def percent(self) -> int | None:
        """Share of the scheduled airings that were played; None when nothing was scheduled."""
        return round(100 * self.played / self.scheduled) if self.scheduled else None


@dataclass
class RadioEvidence:
    """The airings played for a radio task: how many, and how many in each village (name, count)."""

    played: int = 0
    villages: list[tuple[str, int]] = field(default_factory=list)
    year: int | None = None  # the plan's year and the task's quarter, for a link to the coverage report
    quarter: int | None = None

    def __str__(self) -> str:
        return str(_("Đã phát %(n)d lượt tại %(m)d thôn, xóm") % {"n": self.played, "m": len(self.villages)})


def period_bounds(year: int, quarter: int | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of the period and the first moment after it, in local time."""
    if quarter:
        first = dt.datetime(year, 3 * (quarter - 1) + 1, 1)
        after = dt.datetime(year + 1, 1, 1) if quarter == 4 else dt.datetime(year, 3 * quarter + 1, 1)
    else:
        first, after = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    return timezone.make_aware(first), timezone.make_aware(after)


def _played() -> Exists:
    """The airing has a «Đã phát» report: however many the speaker sent, the airing counts once."""
    return Exists(PlayLog.objects.filter(airing=OuterRef("pk"), outcome=PlayOutcome.PLAYED))


def _expected(commune: Commune):
    """The commune's airings that count: those still on (of schedules still on), and any that were played."""
    airings = Airing.objects.filter(commune_id=commune.pk).annotate(was_played=_played())
    return airings.filter(Q(is_cancelled=False, broadcast__is_cancelled=False) | Q(was_played=True))


def _rows(commune: Commune, *, active_only: bool, now: dt.datetime) -> dict[int | None, VillageCoverage]:
    """One row per village with clusters (and one for clusters without a village), silent or not."""
    clusters = SpeakerCluster.objects.filter(commune_id=commune.pk).select_related("village")
    if active_only:
        clusters = clusters.filter(is_active=True)
    rows: dict[int | None, VillageCoverage] = {}
    for cluster in clusters.order_by("name"):
        row = rows.setdefault(cluster.village_id, VillageCoverage(village=cluster.village))
        row.clusters.append(cluster)
        if cluster.last_seen_at and (row.last_heard is None or cluster.last_seen_at > row.last_heard):
            row.last_heard = cluster.last_seen_at
    for row in rows.values():
        active = [c for c in row.clusters if c.is_active]
        row.silent = bool(active) and not any(c.is_online(now) for c in active)
    return rows


def _count_airings(rows: dict[int | None, VillageCoverage], airings, *, now: dt.datetime) -> None:
    """Add the airings' counts per cluster to the village rows (one grouped query)."""
    village_of = {cluster.pk: key for key, row in rows.items() for cluster in row.clusters}
    counts = airings.values("cluster_id").annotate(
        scheduled=Count("pk"),
        played=Count("pk", filter=Q(was_played=True)),
        missed=Count("pk", filter=Q(was_played=False, starts_at__lt=now - GRACE)),
    )
    for line in counts.order_by():
        row = rows.get(village_of.get(line["cluster_id"], -1))
        if row is None:
            continue  # an inactive cluster's airings, when only active clusters are asked for
        row.scheduled += line["scheduled"]
        row.played += line["played"]
        row.missed += line["missed"]


def village_coverage(
    *, commune: Commune, year: int, quarter: int | None = None, now: dt.datetime | None = None
) -> list[VillageCoverage]:
    """Per village with speakers, the airings of ``year`` (or of its ``quarter``) scheduled up to now,
    played and missed; ethnic-minority villages first, then the worst covered (silent, then by share
    played, a village with nothing scheduled counting as none played, then by most missed). Two queries."""
    now = now or timezone.now()
    start, after = period_bounds(year, quarter)
    rows = _rows(commune, active_only=False, now=now)
    airings = _expected(commune).filter(starts_at__gte=start, starts_at__lt=min(after, now))
    _count_airings(rows, airings, now=now)
    return sorted(rows.values(), key=_worst_first)


def _worst_first(row: VillageCoverage):
    share = row.played / row.scheduled if row.scheduled else 0.0
    return (not row.is_ethnic_minority, not row.silent, share, -row.missed, row.name)


def attention(*, commune: Commune, now: dt.datetime | None = None) -> list[VillageCoverage]:
    """Villages whose active speakers missed airings in the last seven days or went silent,
    ethnic-minority villages first, then the silent, then by most missed. Two queries."""
    now = now or timezone.now()
    rows = _rows(commune, active_only=True, now=now)
    airings = _expected(commune).filter(starts_at__gte=now - ATTENTION_WINDOW, starts_at__lt=now)
    _count_airings(rows, airings, now=now)
    needing = [row for row in rows.values() if row.missed or row.silent]
    return sorted(needing, key=lambda r: (not r.is_ethnic_minority, not r.silent, -r.missed, r.name))


def radio_evidence(tasks: Iterable, *, years: dict[int, int] | None = None) -> dict[int, RadioEvidence]:
    """For each radio task (channel «Truyền thanh, loa»), the airings played in its commune within its
    period (``plans.progress.task_window``), by task id. One query for the whole list (plus one for the
    plans' years when ``years`` is not given), none when no task is a radio task.

    The played airings are read grouped by village and local day, so the rows stay few however many
    airings a year holds; each task then sums the days of its own window.
    """
    from cchc.plans.models import Plan
    from cchc.plans.progress import task_window
    from cchc.plans.structure import Channel

    radio = [task for task in tasks if task.channel == Channel.RADIO]
    if not radio:
        return {}
    if years is None:
        years = dict(Plan.objects.filter(pk__in={t.plan_id for t in radio}).values_list("pk", "year"))
    windows = {task.pk: task_window(task, years[task.plan_id]) for task in radio}
    first = min(start for start, _end in windows.values())
    last = max(end for _start, end in windows.values())
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
    played = (
        Airing.objects.filter(commune_id__in={t.commune_id for t in radio}, starts_at__gte=start, starts_at__lt=after)
        .filter(_played())
        .annotate(day=TruncDate("starts_at", tzinfo=timezone.get_current_timezone()))
        .values("commune_id", "day", "cluster__village__name", "cluster__village__is_ethnic_minority")
        .annotate(n=Count("pk"))
        .order_by()
    )
    days: dict[int, list[dict]] = defaultdict(list)
    for line in played:
        days[line["commune_id"]].append(line)

    evidence: dict[int, RadioEvidence] = {}
    for task in radio:
        begin, end = windows[task.pk]
        per_village: dict[tuple, int] = defaultdict(int)
        for line in days[task.commune_id]:
            if begin <= line["day"] <= end:
                name = line["cluster__village__name"] or str(NO_VILLAGE)
                per_village[(not line["cluster__village__is_ethnic_minority"], name)] += line["n"]
        villages = [(name, n) for (_minor, name), n in sorted(per_village.items())]
        evidence[task.pk] = RadioEvidence(
            played=sum(n for _name, n in villages), villages=villages, year=years[task.plan_id], quarter=task.quarter
        )
    return evidence
