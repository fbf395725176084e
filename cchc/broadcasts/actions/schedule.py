"""Writes on the radio's clusters, programmes and schedules: the broadcasting officer, the culture-information
board, the office and the committee's leaders (``SCHEDULERS``).

A schedule rule and its airings are written together: ``ScheduleBroadcast`` saves the rule and every airing
it expands into in one transaction, after ``schedule.plan`` has said what it breaks. Quiet-hour breaks refuse
a rule (an emergency breaks none); overlaps with other rules are saved only with ``confirm_conflicts=True``,
which the form sets once the official has seen them on the preview (an emergency's overlaps are cut off and
never block). A rule "on all clusters" covers the commune's clusters active at the moment it is saved or
edited; a cluster added later is not on it until the rule is edited again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.communes.actions import CommuneAction, CreateRecord, DeleteRecord, EditRecord, require_role
from cchc.communes.roles import Role

from .. import schedule
from ..models import Airing, Broadcast, PlayLog, Priority, Programme, Script, SpeakerCluster

SCHEDULERS = frozenset({Role.BROADCASTER, Role.CULTURE_INFO, Role.OFFICE, Role.CHAIRMAN})
REFUSAL = _(
    "Chỉ cán bộ Phát thanh - Truyền thông, Văn hóa - Thông tin, Văn phòng và lãnh đạo UBND xã "
    "được quản lý cụm loa và lịch phát."
)
OTHER_COMMUNE = _("Dữ liệu này thuộc xã khác.")
NO_CLUSTER = _("Hãy chọn ít nhất một cụm loa (hoặc «phát trên tất cả cụm loa»).")


class SchedulerRules:
    denied_message = REFUSAL

    def check_rules(self) -> None:
        require_role(self.user, self.commune, SCHEDULERS, str(REFUSAL))


class CreateCluster(SchedulerRules, CreateRecord):
    """Add a loudspeaker cluster; its device token is issued apart (``actions.devices``)."""


class EditCluster(SchedulerRules, EditRecord):
    pass


class DeleteCluster(SchedulerRules, DeleteRecord):
    """Remove a cluster added by mistake. One that was due to play (or played) keeps its record: it is
    switched off instead. Airings still to come go with it."""

    def check_rules(self) -> None:
        super().check_rules()
        pk = self.instance.pk
        if (
            PlayLog.objects.filter(cluster_id=pk).exists()
            or Airing.objects.filter(cluster_id=pk, starts_at__lt=timezone.now()).exists()
        ):
            raise PermissionDenied(
                _(
                    "Cụm loa này đã có lượt phát hoặc nhật ký phát: không xóa được. "
                    "Hãy bỏ chọn «đang hoạt động» để ngừng dùng."
                )
            )

    def _delete(self):
        with transaction.atomic():
            Airing.objects.filter(cluster_id=self.instance.pk).delete()
            return super()._delete()


class CreateProgramme(SchedulerRules, CreateRecord):
    pass


class EditProgramme(SchedulerRules, EditRecord):
    pass


class DeleteProgramme(SchedulerRules, DeleteRecord):
    """Remove a programme; its schedules stay, without a programme."""


RECORD_ACTIONS = {
    SpeakerCluster: [CreateCluster, EditCluster, DeleteCluster],
    Programme: [CreateProgramme, EditProgramme, DeleteProgramme],
}


def clusters_of_rule(rule: Broadcast, chosen: Iterable[SpeakerCluster] = ()) -> list[SpeakerCluster]:
    """The clusters a rule airs on: the chosen ones, or, on all clusters, the commune's active ones now."""
    if rule.all_clusters:
        return list(SpeakerCluster.objects.filter(commune_id=rule.commune_id, is_active=True).order_by("name"))
    return list(chosen)


class _RuleAction(CommuneAction):
    """What scheduling and editing share: the role, the rule's rows all of this commune, the plan."""

    def __init__(
        self,
        rule: Broadcast,
        *,
        commune,
        user=None,
        clusters: Iterable[SpeakerCluster] = (),
        confirm_conflicts: bool = False,
        now: dt.datetime | None = None,
    ):
        super().__init__(commune=commune, user=user)
        self.rule = rule
        self.chosen = list(clusters)
        self.confirm_conflicts = confirm_conflicts
        self.now = now
        self.plan: schedule.Plan | None = None

    def check(self) -> None:
        require_role(self.user, self.commune, SCHEDULERS, str(REFUSAL))
        rule = self.rule
        if rule.commune_id is None:
            rule.commune = self.commune
        if rule.script_id is None:
            raise ValidationError(_("Hãy chọn bài phát thanh."), code="no_script")
        # check() runs in the commune's scope: a script or programme of another commune is not found.
        owners = {rule.commune_id, *(c.commune_id for c in self.chosen)}
        ours = Script.objects.filter(pk=rule.script_id).exists() and (
            not rule.programme_id or Programme.objects.filter(pk=rule.programme_id).exists()
        )
        if owners != {self.commune.pk} or not ours:
            raise PermissionDenied(OTHER_COMMUNE)

    def make_plan(self) -> schedule.Plan:
        """The plan from now on, refused when it breaks quiet hours or has unconfirmed overlaps."""
        rule = self.rule
        schedule.validate_rule(rule)
        rule.full_clean(exclude=["commune", "created_by"])
        clusters = clusters_of_rule(rule, self.chosen)
        if not clusters:
            raise ValidationError(NO_CLUSTER, code="no_cluster")
        found = schedule.plan(rule, clusters, since=self.now or timezone.now())
        if not found.airings:
            raise ValidationError(
                _("Lịch này không có lượt phát nào sắp tới: hãy xem lại ngày, giờ và các ngày trong tuần."),
                code="no_airing",
            )
        if found.breaks:
            raise schedule.breaks_error(found.breaks)
        if found.needs_confirmation and not self.confirm_conflicts:
            raise schedule.conflicts_error(found.conflicts)
        self.plan = found
        return found

    def write(self, found: schedule.Plan, replaced=()) -> None:
        """Save the rule and its airings. ``replaced`` are its earlier future airings: those the new plan
        keeps (same cluster, same moment) are kept, the others are flagged cancelled, never deleted, so a
        speaker that already played one can still report it."""
        rule = self.rule
        rule.save()
        rule.clusters.set(found.clusters)
        earlier = {(a.cluster_id, a.starts_at): a for a in replaced}
        kept, new = [], []
        for airing in found.airings:
            airing.broadcast = rule
            same = earlier.pop((airing.cluster_id, airing.starts_at), None)
            if same is None:
                new.append(airing)
            else:
                same.priority, same.volume, same.is_cancelled = airing.priority, airing.volume, False
                kept.append(same)
        Airing.objects.bulk_update(kept, ["priority", "volume", "is_cancelled"])
        Airing.objects.filter(pk__in=[a.pk for a in earlier.values()]).update(is_cancelled=True)
        Airing.objects.bulk_create(new)

    def audit_instance(self, result):
        return self.rule

    def audit_data(self, result) -> dict:
        found = self.plan
        return {
            "airings": len(found.airings) if found else 0,
            "clusters": [c.pk for c in found.clusters] if found else [],
            "conflicts": len(found.conflicts) if found else 0,
        }


class ScheduleBroadcast(_RuleAction):
    """Save a new rule and the airings it expands into (from now on), in one transaction."""

    log_action = "wagtail.create"

    def perform(self) -> Broadcast:
        if self.rule.pk is not None:
            raise ValueError("ScheduleBroadcast saves a new rule; use EditBroadcast")
        if self.user is not None and self.rule.created_by_id is None:
            self.rule.created_by = self.user
        self.write(self.make_plan())
        return self.rule


class EditBroadcast(_RuleAction):
    """Change a rule: its future airings are made again; past ones stay (play logs point at them)."""

    log_action = "wagtail.edit"

    def check(self) -> None:
        super().check()
        stored = Broadcast.objects.filter(pk=self.rule.pk).first()  # in the commune's scope
        if stored is None or stored.commune_id != self.commune.pk:
            raise PermissionDenied(OTHER_COMMUNE)
        if stored.is_cancelled:
            raise PermissionDenied(_("Lịch phát này đã hủy: không sửa được. Hãy tạo lịch mới."))

    def perform(self) -> Broadcast:
        self.now = self.now or timezone.now()
        found = self.make_plan()
        self.write(found, replaced=Airing.objects.filter(broadcast=self.rule, starts_at__gte=self.now))
        return self.rule


class CancelBroadcast(CommuneAction):
    """Cancel a rule: its future airings are flagged cancelled (kept for late reports), past ones stay."""

    log_action = "cchc.broadcast_cancel"

    def __init__(self, rule: Broadcast, *, commune, user=None, now: dt.datetime | None = None):
        super().__init__(commune=commune, user=user)
        self.rule = rule
        self.now = now
        self.cancelled = 0

    def check(self) -> None:
        require_role(self.user, self.commune, SCHEDULERS, str(REFUSAL))
        if self.rule.commune_id != self.commune.pk:
            raise PermissionDenied(OTHER_COMMUNE)
        if self.rule.is_cancelled:
            raise PermissionDenied(_("Lịch phát này đã được hủy trước đó."))

    def perform(self) -> Broadcast:
        self.cancelled = Airing.objects.filter(
            broadcast=self.rule, starts_at__gte=self.now or timezone.now(), is_cancelled=False
        ).update(is_cancelled=True)
        self.rule.is_cancelled = True
        self.rule.save(update_fields=["is_cancelled"])
        return self.rule

    def audit_instance(self, result):
        return self.rule

    def audit_data(self, result) -> dict:
        return {"cancelled_airings": self.cancelled}


class SendEmergency(_RuleAction):
    """Air a script now, as an emergency, on the chosen clusters (or all active ones): one airing each, at now.

    Quiet hours do not hold for it and whatever is airing then is cut off.
    """

    log_action = "cchc.broadcast_emergency"

    def __init__(
        self,
        script: Script,
        *,
        commune,
        user=None,
        clusters: Iterable[SpeakerCluster] = (),
        all_clusters: bool = False,
        volume: int = 100,
        now: dt.datetime | None = None,
    ):
        now = (now or timezone.now()).replace(microsecond=0)
        today = timezone.localtime(now).date()
        local = timezone.localtime(now)
        rule = Broadcast(
            commune=commune,
            script=script,
            priority=Priority.EMERGENCY,
            starts_on=today,
            ends_on=today,
            times=[local.strftime("%H:%M")],
            all_clusters=all_clusters,
            volume=volume,
        )
        super().__init__(rule, commune=commune, user=user, clusters=clusters, confirm_conflicts=True, now=now)

    def perform(self) -> Broadcast:
        rule = self.rule
        rule.created_by = self.user
        clusters = clusters_of_rule(rule, self.chosen)
        if not clusters:
            raise ValidationError(NO_CLUSTER, code="no_cluster")
        rule.full_clean(exclude=["commune", "created_by"])
        # One airing at this very second (the rule's "HH:MM" is the minute it was sent in).
        airings = [
            Airing(commune=self.commune, cluster=c, starts_at=self.now, priority=rule.priority, volume=rule.volume)
            for c in clusters
        ]
        self.plan = schedule.Plan(
            rule=rule,
            clusters=clusters,
            airings=airings,
            breaks=[],
            conflicts=schedule.conflicts(rule, clusters, airings),
        )
        self.write(self.plan)
        return rule
