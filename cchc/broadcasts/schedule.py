"""Broadcast schedules: reading the times officials type, expanding a rule into airings, and what a rule breaks.

A rule (``Broadcast``) airs one script on every chosen weekday between ``starts_on`` and ``ends_on``, at each
of its ``times`` (local time, ``settings.TIME_ZONE``), on each of its clusters. ``expand`` turns it into unsaved
``Airing`` rows; ``quiet_hour_breaks`` and ``conflicts`` say, in Vietnamese, what those airings would break.
``plan`` puts the three together: what the preview screen shows and what ``actions.schedule`` refuses on.

An airing lasts as long as the script's audio on air (``Script.on_air_duration``); a script without audio yet
is estimated from its spoken text at ``WORDS_PER_MINUTE`` (Vietnamese words are syllables: a radio reader
reads about 130 a minute), never less than ``SHORTEST_AIRING``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import DEFAULT_DAY_ENDS, DEFAULT_DAY_STARTS, Airing, Broadcast, Priority, Script, SpeakerCluster

# Pace of a Vietnamese radio reader, in spoken words (syllables) a minute: for scripts not yet recorded.
WORDS_PER_MINUTE = 130
SHORTEST_AIRING = dt.timedelta(seconds=15)
# A rule expanding into more airings than this is refused: almost certainly a mistake in the dates.
MAX_AIRINGS = 2000
# How far back another rule's airing may start and still overlap one of ours (the longest script there is).
LONGEST_AIRING = dt.timedelta(hours=3)

_TIME = re.compile(r"^(?P<h>\d{1,2})\s*(?::\s*(?P<m>\d{2})|[hHgG]\s*(?P<hm>\d{2})?)$")
TIME_HINT = gettext_lazy("Hãy viết giờ như 6:00, 06:00, 17h hoặc 17h30.")


def parse_time(value: str) -> dt.time:
    """One time as officials write it: "6:00", "06:00", "17h", "17h30" (also "17g30")."""
    text = (value or "").strip()
    match = _TIME.match(text)
    if match:
        hour = int(match["h"])
        minute = int(match["m"] or match["hm"] or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise ValidationError(
        _("«%(value)s» không phải là giờ hợp lệ. %(hint)s") % {"value": text, "hint": TIME_HINT}, code="invalid_time"
    )


def parse_times(text: str | Iterable[str]) -> list[str]:
    """A list of times ("6:00, 17h30" or a list) as sorted, distinct "HH:MM" strings, the way a rule keeps them."""
    parts = re.split(r"[,;\s]+", text) if isinstance(text, str) else list(text)
    # "17 h" written with a space: glue the unit back onto its number.
    joined: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if joined and re.fullmatch(r"[hHgG]\d{0,2}|:\d{2}", part):
            joined[-1] += part
        else:
            joined.append(part)
    errors, times = [], set()
    for part in joined:
        try:
            times.add(parse_time(part))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors, code="invalid_time")
    if not times:
        raise ValidationError(_("Hãy nhập ít nhất một giờ phát. %(hint)s") % {"hint": TIME_HINT}, code="no_time")
    return [t.strftime("%H:%M") for t in sorted(times)]


def format_times(times: Sequence[str]) -> str:
    """A rule's times as the form shows them: "6:00, 17:00"."""
    return ", ".join(f"{int(t[:2])}:{t[3:5]}" for t in times)


def airing_duration(script: Script) -> dt.timedelta:
    """How long an airing of ``script`` lasts: its audio on air, else an estimate from its spoken text."""
    seconds = script.on_air_duration
    if not seconds:
        words = len((script.spoken_text or script.body or "").split())
        seconds = math.ceil(words * 60 / WORDS_PER_MINUTE)
    return max(dt.timedelta(seconds=seconds), SHORTEST_AIRING)


def has_audio(script: Script) -> bool:
    return bool(script.recording or script.audio)


def _days(rule: Broadcast) -> list[dt.date]:
    weekdays = {int(d) for d in rule.weekdays or ()}
    span = (rule.ends_on - rule.starts_on).days + 1
    days = (rule.starts_on + dt.timedelta(days=n) for n in range(max(span, 0)))
    return [day for day in days if not weekdays or day.isoweekday() in weekdays]


def validate_rule(rule: Broadcast) -> None:
    """The rule's own dates, days and times, before anything is expanded."""
    if rule.starts_on is None or rule.ends_on is None:
        raise ValidationError(_("Hãy nhập ngày bắt đầu và ngày kết thúc."), code="no_dates")
    if rule.ends_on < rule.starts_on:
        raise ValidationError(_("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."), code="dates_reversed")
    if any(int(d) not in range(1, 8) for d in rule.weekdays or ()):
        raise ValidationError(_("Ngày trong tuần không hợp lệ."), code="invalid_weekday")
    rule.times = parse_times(rule.times)


def expand(rule: Broadcast, clusters: Iterable[SpeakerCluster], *, since: dt.datetime | None = None) -> list[Airing]:
    """The rule's airings (unsaved), one per cluster and moment; with ``since``, only those from then on.

    Refuses (``ValidationError``) a rule that would make more than ``MAX_AIRINGS`` airings.
    """
    validate_rule(rule)
    clusters = list(clusters)
    zone = timezone.get_default_timezone()
    times = [parse_time(t) for t in rule.times]
    moments = [timezone.make_aware(dt.datetime.combine(day, t), zone) for day in _days(rule) for t in times]
    if since is not None:
        moments = [moment for moment in moments if moment >= since]
    count = len(moments) * len(clusters)
    if count > MAX_AIRINGS:
        raise ValidationError(
            _(
                "Lịch này sẽ tạo %(count)s lượt phát, quá giới hạn %(limit)s lượt. "
                "Hãy rút ngắn khoảng ngày, bớt giờ phát hoặc bớt cụm loa."
            )
            % {"count": f"{count:,}".replace(",", "."), "limit": f"{MAX_AIRINGS:,}".replace(",", ".")},
            code="too_many_airings",
        )
    return [
        Airing(
            commune_id=rule.commune_id,
            broadcast=rule,
            cluster=cluster,
            starts_at=moment,
            priority=rule.priority,
            volume=rule.volume,
        )
        for moment in moments
        for cluster in clusters
    ]


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def _hm(value: dt.time | dt.datetime) -> str:
    return f"{value.hour}:{value.minute:02d}"


def _day(moment: dt.datetime) -> str:
    return f"{moment:%d/%m/%Y}"


@dataclass
class QuietHourBreak:
    """Airings of one cluster at one time of day that fall outside the cluster's broadcasting hours."""

    cluster: SpeakerCluster
    starts: dt.time
    ends: dt.time
    airings: list[Airing] = field(default_factory=list)
    too_early: bool = True

    @property
    def message(self) -> str:
        day_starts = self.cluster.day_starts or DEFAULT_DAY_STARTS
        day_ends = self.cluster.day_ends or DEFAULT_DAY_ENDS
        first, last = _local(self.airings[0].starts_at), _local(self.airings[-1].starts_at)
        days = _day(first) if first.date() == last.date() else f"{_day(first)}–{_day(last)}"
        count = ngettext("%(n)s lượt", "%(n)s lượt", len(self.airings)) % {"n": len(self.airings)}
        if self.too_early:
            reason = _("bắt đầu lúc %(start)s, trước giờ được phát %(limit)s") % {
                "start": _hm(self.starts),
                "limit": _hm(day_starts),
            }
        else:
            reason = _("phát từ %(start)s đến %(end)s, quá giờ được phát %(limit)s") % {
                "start": _hm(self.starts),
                "end": _hm(self.ends),
                "limit": _hm(day_ends),
            }
        return _("%(cluster)s: %(reason)s (%(count)s, ngày %(days)s).") % {
            "cluster": self.cluster.name,
            "reason": reason,
            "count": count,
            "days": days,
        }


def quiet_hour_breaks(rule: Broadcast, clusters: Iterable[SpeakerCluster], airings=None) -> list[QuietHourBreak]:
    """Airings that start before a cluster's ``day_starts`` or end after its ``day_ends`` (6:00–21:00 by default),
    grouped by cluster and time of day. An emergency rule breaks none: it may air at any hour."""
    if rule.priority == Priority.EMERGENCY:
        return []
    airings = expand(rule, clusters) if airings is None else airings
    length = airing_duration(rule.script)
    found: dict[tuple[int, dt.time], QuietHourBreak] = {}
    for airing in airings:
        cluster = airing.cluster
        start = _local(airing.starts_at)
        end = start + length
        day_starts = cluster.day_starts or DEFAULT_DAY_STARTS
        day_ends = cluster.day_ends or DEFAULT_DAY_ENDS
        too_early = start.time() < day_starts
        too_late = end.date() > start.date() or end.time() > day_ends
        if not (too_early or too_late):
            continue
        key = (cluster.pk or id(cluster), start.time())
        if key not in found:
            found[key] = QuietHourBreak(cluster, start.time(), end.time(), too_early=too_early)
        found[key].airings.append(airing)
    return list(found.values())


def _to_the_minute(moment: dt.datetime) -> dt.datetime:
    """Round up: a 20-second bulletin at 17:30 runs until 17:31, never "17:30–17:30"."""
    if moment.second or moment.microsecond:
        moment = moment.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    return moment


@dataclass
class Conflict:
    """One of our airings overlapping another rule's airing on the same cluster."""

    airing: Airing
    other: Airing
    other_ends: dt.datetime
    interrupts: bool  # ours is an emergency: the other one is cut off, nothing is refused

    @property
    def message(self) -> str:
        other_start = _local(self.other.starts_at)
        values = {
            "cluster": self.airing.cluster.name,
            "when": f"{_hm(_local(self.airing.starts_at))} {_day(_local(self.airing.starts_at))}",
            "script": self.other.broadcast.script.title,
            "priority": Priority(self.other.priority).label,
            "start": _hm(other_start),
            "end": _hm(_to_the_minute(_local(self.other_ends))),
        }
        if self.interrupts:
            return _("%(cluster)s, %(when)s: bài «%(script)s» (%(priority)s, %(start)s–%(end)s) sẽ bị ngắt.") % values
        return (
            _("%(cluster)s, %(when)s: trùng giờ với bài «%(script)s» (%(priority)s, phát %(start)s–%(end)s).") % values
        )


def _others(rule: Broadcast, clusters: list[SpeakerCluster], airings: list[Airing]) -> list[Airing]:
    if not airings:
        return []
    first = min(a.starts_at for a in airings)
    last = max(a.starts_at for a in airings) + airing_duration(rule.script)
    others = Airing.objects.filter(
        cluster__in=[c.pk for c in clusters],
        starts_at__gte=first - LONGEST_AIRING,
        starts_at__lt=last,
        is_cancelled=False,
        broadcast__is_cancelled=False,
    ).select_related("broadcast__script", "cluster")
    if rule.pk:
        others = others.exclude(broadcast_id=rule.pk)
    return list(others.order_by("starts_at"))


def conflicts(rule: Broadcast, clusters: Iterable[SpeakerCluster], airings=None) -> list[Conflict]:
    """Our airings that overlap other non-cancelled rules' airings on the same cluster, each described.

    For an emergency rule the overlapped airings are listed as cut off («sẽ bị ngắt»), not as blocking."""
    clusters = list(clusters)
    airings = expand(rule, clusters) if airings is None else airings
    length = airing_duration(rule.script)
    per_cluster: dict[int, list[tuple[dt.datetime, Airing, dt.datetime]]] = defaultdict(list)
    for other in _others(rule, clusters, airings):
        per_cluster[other.cluster_id].append(
            (other.starts_at, other, other.starts_at + airing_duration(other.broadcast.script))
        )
    emergency = rule.priority == Priority.EMERGENCY
    found = []
    for airing in airings:
        rows = per_cluster.get(airing.cluster.pk)
        if not rows:
            continue
        start, end = airing.starts_at, airing.starts_at + length
        starts = [row[0] for row in rows]
        low = bisect.bisect_left(starts, start - LONGEST_AIRING)
        high = bisect.bisect_left(starts, end)
        for other_start, other, other_end in rows[low:high]:
            if other_start < end and other_end > start:
                found.append(Conflict(airing, other, other_end, interrupts=emergency))
    return found


@dataclass
class Plan:
    """What saving a rule would do: the airings it makes, the quiet hours it breaks, the airings it overlaps."""

    rule: Broadcast
    clusters: list[SpeakerCluster]
    airings: list[Airing]
    breaks: list[QuietHourBreak]
    conflicts: list[Conflict]

    @property
    def blocked(self) -> bool:
        """Quiet-hour breaks refuse the rule outright (an emergency breaks none)."""
        return bool(self.breaks)

    @property
    def needs_confirmation(self) -> bool:
        """Overlaps of a non-emergency rule are saved only once the official has seen and confirmed them."""
        return any(not c.interrupts for c in self.conflicts)

    @property
    def script_has_audio(self) -> bool:
        return has_audio(self.rule.script)


def plan(rule: Broadcast, clusters: Iterable[SpeakerCluster], *, since: dt.datetime | None = None) -> Plan:
    clusters = list(clusters)
    airings = expand(rule, clusters, since=since)
    return Plan(
        rule=rule,
        clusters=clusters,
        airings=airings,
        breaks=quiet_hour_breaks(rule, clusters, airings),
        conflicts=conflicts(rule, clusters, airings),
    )


def breaks_error(found: Sequence[QuietHourBreak]) -> ValidationError:
    return ValidationError(
        [_("Lịch phát ngoài giờ được phát của cụm loa (chỉ tin khẩn cấp mới được phát ngoài giờ):")]
        + [b.message for b in found],
        code="quiet_hours",
    )


def conflicts_error(found: Sequence[Conflict], shown: int = 20) -> ValidationError:
    messages = [_("Lịch phát trùng giờ với lịch khác trên cùng cụm loa; hãy xem lại và xác nhận:")]
    messages += [c.message for c in found[:shown]]
    if len(found) > shown:
        messages.append(_("… và %(n)s lượt trùng khác.") % {"n": len(found) - shown})
    return ValidationError(messages, code="unconfirmed_conflicts")
