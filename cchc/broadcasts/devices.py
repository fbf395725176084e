"""What a loudspeaker cluster does through its device token: find itself, read its schedule, report plays and health.

The token is shown once when issued (``actions.devices.IssueDeviceToken``); only its SHA-256 digest and last
four characters are kept. Plays and health come from the device itself, often several times a minute: they
are stored as rows (``PlayLog``, ``SpeakerCluster.health``), not as audit records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cchc.communes.scoping import all_communes, commune_scope

from .models import Airing, PlayLog, PlayOutcome, Priority, SpeakerCluster

# A speaker's schedule: from a few minutes ago (an airing just due) to two days ahead (a weekend offline).
LOOK_BEHIND = dt.timedelta(minutes=10)
LOOK_AHEAD = dt.timedelta(hours=48)
# An emergency airing not yet reported stays listed this long, so that a speaker back online airs it.
EMERGENCY_LOOK_BEHIND = dt.timedelta(hours=24)
# last_seen_at is written at most this often, so that a speaker polling every minute costs a read, not a write.
SEEN_EVERY = dt.timedelta(seconds=60)
MAX_PLAYS_PER_REPORT = 500
MAX_HEALTH_CHARS = 4000
TOKEN_BYTES = 32


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def cluster_for_token(raw: str | None) -> SpeakerCluster | None:
    """The active cluster (of an active commune) this raw token belongs to, or None."""
    if not raw or len(raw) > 200:
        return None
    digest = token_digest(raw)
    with all_communes():  # the token says which commune; no scope can be known before it is read
        cluster = (
            SpeakerCluster.objects.select_related("commune")
            .filter(token_digest=digest, is_active=True, commune__is_active=True)
            .first()
        )
    if cluster is None or not hmac.compare_digest(cluster.token_digest, digest):
        return None
    return cluster


def mark_seen(cluster: SpeakerCluster, now: dt.datetime | None = None) -> None:
    """Note that the speaker called in; one UPDATE at most per ``SEEN_EVERY``."""
    now = now or timezone.now()
    if cluster.last_seen_at is not None and now - cluster.last_seen_at < SEEN_EVERY:
        return
    with commune_scope(cluster.commune):
        SpeakerCluster.objects.filter(pk=cluster.pk).update(last_seen_at=now)
    cluster.last_seen_at = now


# -- schedule -------------------------------------------------------------------------------------------


def upcoming_airings(cluster: SpeakerCluster, now: dt.datetime | None = None):
    """The cluster's own airings a speaker should hold: the next two days, and emergencies it has not reported.

    To be read inside the cluster's commune scope.
    """
    now = now or timezone.now()
    reported = PlayLog.objects.filter(cluster=cluster, airing=OuterRef("pk"))
    window = Q(starts_at__gte=now - LOOK_BEHIND)
    unreported_emergency = Q(priority=Priority.EMERGENCY, starts_at__gte=now - EMERGENCY_LOOK_BEHIND) & ~Exists(
        reported
    )
    return (
        Airing.objects.filter(
            cluster=cluster, is_cancelled=False, broadcast__is_cancelled=False, starts_at__lte=now + LOOK_AHEAD
        )
        .filter(window | unreported_emergency)
        .select_related("broadcast__script")
        .order_by("starts_at", "pk")
    )


def own_airing(cluster: SpeakerCluster, airing_id: int) -> Airing | None:
    """The airing if it is this cluster's own (inside the cluster's commune scope), else None."""
    return Airing.objects.select_related("broadcast__script").filter(pk=airing_id, cluster=cluster).first()


# -- reports from the speaker ---------------------------------------------------------------------------


@dataclass
class PlayReport:
    report_key: str
    airing_id: int
    started_at: dt.datetime
    duration: float | None = None
    outcome: str = PlayOutcome.PLAYED
    detail: str = ""


@dataclass
class PlayReceipt:
    """What became of a batch of reports; every key in it is settled, so the speaker may forget it."""

    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def settled(self) -> list[str]:
        return self.stored + self.duplicates + self.refused


def record_plays(cluster: SpeakerCluster, reports: Iterable[PlayReport]) -> PlayReceipt:
    """Store what the speaker played, once per report key: a report sent again after a network cut is a duplicate.

    A report of an airing that is not this cluster's own is refused, not stored. Cancelled airings are kept
    for this: a speaker that played one before it heard of the change still has its play recorded.
    To be called inside the cluster's commune scope.
    """
    reports = list(reports)[:MAX_PLAYS_PER_REPORT]
    receipt = PlayReceipt()
    keys = {r.report_key for r in reports}
    known = set(PlayLog.objects.filter(cluster=cluster, report_key__in=keys).values_list("report_key", flat=True))
    airings = {
        a.pk: a
        for a in Airing.objects.filter(cluster=cluster, pk__in={r.airing_id for r in reports}).select_related(
            "broadcast"
        )
    }
    rows = []
    for report in reports:
        if report.report_key in known:
            receipt.duplicates.append(report.report_key)
            continue
        airing = airings.get(report.airing_id)
        if airing is None:
            receipt.refused.append(report.report_key)
            continue
        known.add(report.report_key)
        receipt.stored.append(report.report_key)
        rows.append(
            PlayLog(
                commune_id=cluster.commune_id,
                cluster=cluster,
                airing=airing,
                script_id=airing.broadcast.script_id,
                report_key=report.report_key,
                started_at=report.started_at,
                duration=report.duration,
                outcome=report.outcome,
                detail=report.detail[:500],
            )
        )
    # A batch sent twice at once by a confused device: the unique constraint keeps one of each.
    PlayLog.objects.bulk_create(rows, ignore_conflicts=True)
    return receipt


def _capped(health: dict) -> dict:
    if len(json.dumps(health, ensure_ascii=False, default=str)) <= MAX_HEALTH_CHARS:
        return health
    small = {
        str(k)[:40]: (v[:200] if isinstance(v, str) else v)
        for k, v in list(health.items())[:20]
        if isinstance(v, (str, int, float, bool)) or v is None
    }
    if len(json.dumps(small, ensure_ascii=False)) <= MAX_HEALTH_CHARS:
        return small
    return {"truncated": True}


def record_health(cluster: SpeakerCluster, health: dict, now: dt.datetime | None = None) -> dt.datetime:
    """Keep the speaker's own account of itself (size capped) and when it last called in."""
    now = now or timezone.now()
    health = {**_capped(dict(health)), "received_at": now.isoformat()}
    with commune_scope(cluster.commune):
        SpeakerCluster.objects.filter(pk=cluster.pk).update(health=health, last_seen_at=now)
    cluster.health, cluster.last_seen_at = health, now
    return now
