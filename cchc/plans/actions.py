"""Writes on a plan that carry a rule: its status, and the units' reports on their tasks.

Every admin screen of plan data reaches these through Wagtail's action registry (see
``wagtail_hooks.register_plan_actions``); views, commands and the demo loader call them directly.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.communes.access import roles_in
from cchc.communes.actions import (
    CommuneAction,
    CreateRecord,
    DeleteRecord,
    EditRecord,
    require_permission,
    require_role,
    unit_names,
    units_of,
)
from cchc.communes.models import Commune
from cchc.core.text import fold_vietnamese

from .copying import copy_plan_to_year, retitle
from .importer.saving import save_parsed_plan
from .models import (
    EVERY_UNIT,
    PLAN_LEADERS,
    PLAN_TRANSITIONS,
    OutreachActivity,
    Plan,
    PlanImport,
    PlanSection,
    PlanStatus,
    ProgressReport,
    Task,
)
from .progress import attach_occurrence, refresh_task_status
from .recurrence import sync_occurrences


def require_plan_leader(user, commune: Commune, reason: str) -> None:
    """The plan's leaders (chairman, office, culture-information) may; the system and platform admins too."""
    if user is None or user.is_superuser or roles_in(user, commune) & PLAN_LEADERS:
        return
    raise PermissionDenied(reason)


def leads_plans(user, commune: Commune) -> bool:
    """Whether ``require_plan_leader`` lets ``user`` through (for buttons)."""
    try:
        require_plan_leader(user, commune, "")
    except PermissionDenied:
        return False
    return True


def tasks_in_reach(*, commune: Commune, user):
    """The tasks ``user`` may report on, as a queryset (in the commune's scope): what
    ``require_task_in_reach`` allows, for lists and choices."""
    tasks = Task.objects.all()
    if user is None or user.is_superuser or roles_in(user, commune) & PLAN_LEADERS:
        return tasks
    mine = units_of(user, commune)
    # "các ban, ngành, đoàn thể": every unit's; a task no unit leads waits for the office to assign it
    shared = Q(lead_unit__isnull=True, coordinating_units__isnull=True, lead_unit_name__iregex=EVERY_UNIT)
    return tasks.filter(Q(lead_unit__in=mine) | Q(coordinating_units__in=mine) | shared).distinct()


def require_task_in_reach(user, commune: Commune, task: Task | None) -> None:
    """The plan's leaders act on every task; any other official only on tasks of their own unit, or on
    tasks the plan gives to every unit (no unit named)."""
    if task is None or user is None or user.is_superuser:
        return
    if roles_in(user, commune) & PLAN_LEADERS:
        return
    involved = {task.lead_unit_id, *task.coordinating_units.values_list("id", flat=True)} - {None}
    if not involved and task.needs_unit:
        raise PermissionDenied(_("Nhiệm vụ này chưa có đơn vị chủ trì: Văn phòng phân công đơn vị trước khi báo cáo."))
    if not involved:
        return  # a duty of every unit ("các ban, ngành, đoàn thể"): each reports its share
    mine = units_of(user, commune)
    if not mine & involved:
        raise PermissionDenied(
            _("Nhiệm vụ này do %(units)s thực hiện; bạn chỉ làm việc với nhiệm vụ của %(mine)s.")
            % {"units": unit_names(involved), "mine": unit_names(mine)}
        )


class ChangePlanStatus(CommuneAction):
    """Move a plan along its life: drafted, signed and issued (chairman only), carried out, closed."""

    log_action = "cchc.status"

    def __init__(self, *, commune: Commune, user=None, plan: Plan, status: str):
        super().__init__(commune=commune, user=user)
        self.plan = plan
        self.old = plan.status
        self.new = status

    def check(self) -> None:
        if self.plan.commune_id != self.commune.pk:
            raise PermissionDenied(_("Kế hoạch này thuộc xã khác."))
        if self.new not in PlanStatus.values:
            raise PermissionDenied(_("Trạng thái không hợp lệ."))
        transition = PLAN_TRANSITIONS.get((self.old, self.new))
        if transition is None:
            raise PermissionDenied(
                _("Không thể chuyển kế hoạch từ «%(old)s» sang «%(new)s».")
                % {"old": PlanStatus(self.old).label, "new": PlanStatus(self.new).label}
            )
        require_role(self.user, self.commune, transition.roles, transition.refusal)

    def perform(self) -> Plan:
        self.plan.status = self.new
        self.plan.save(update_fields=["status", "updated_at"])
        return self.plan

    def audit_instance(self, result: Plan) -> Plan:
        return result

    def audit_data(self, result: Plan) -> dict:
        return {
            "old": self.old,
            "new": self.new,
            "old_label": str(PlanStatus(self.old).label),
            "new_label": str(PlanStatus(self.new).label),
        }


def allowed_transitions(*, commune: Commune, user, plan: Plan) -> list[tuple[str, str]]:
    """The statuses ``user`` may move ``plan`` to now, with the button label of each (by the same role
    rule as ``ChangePlanStatus``)."""
    moves = []
    for (old, new), transition in PLAN_TRANSITIONS.items():
        if old != plan.status:
            continue
        try:
            require_role(user, commune, transition.roles, transition.refusal)
        except PermissionDenied:
            continue
        moves.append((new, str(transition.label)))
    return moves


def require_draft(plan: Plan) -> None:
    """A signed plan is the document as issued: its text changes only after the chairman takes it back."""
    if plan.status != PlanStatus.DRAFT:
        raise PermissionDenied(
            _("Kế hoạch đã ký ban hành nên không sửa được nội dung. Muốn sửa, Chủ tịch thu hồi kế hoạch về dự thảo.")
        )


class EditPlan(EditRecord):
    """A plan's text is edited on its form while it is a draft; its status only through ``ChangePlanStatus``."""

    def check_rules(self) -> None:
        stored = self.stored()
        if stored is None:
            return
        if stored.status != self.instance.status:
            raise PermissionDenied(_("Trạng thái kế hoạch chỉ được chuyển bằng nút chuyển trạng thái."))
        require_draft(stored)

    def _save_instance(self):
        super()._save_instance()
        # The year or the date of issue bound the recurring tasks' weeks and months.
        for task in Task.objects.filter(plan=self.instance).exclude(recurrence=""):
            sync_occurrences(task)


class SectionRules:
    """The plan's body is part of the signed document, like its header."""

    def check_rules(self) -> None:
        plans = {self.instance.plan_id}
        stored = self.stored() if self.instance.pk else None
        if stored is not None:
            plans.add(stored.plan_id)
        for plan in Plan.objects.filter(pk__in=plans - {None}):
            require_draft(plan)


class CreateSection(SectionRules, CreateRecord):
    pass


class EditSection(SectionRules, EditRecord):
    pass


class DeleteSection(SectionRules, DeleteRecord):
    pass


class TaskRules:
    """Reports and activities belong to a task; unit officials act only within their unit's tasks."""

    def tasks_touched(self) -> list[Task | None]:
        tasks = [getattr(self.instance, "task", None)]
        stored = self.stored() if self.instance.pk else None
        if stored is not None:
            tasks.append(stored.task)
        return tasks

    def check_rules(self) -> None:
        for task in self.tasks_touched():
            if task is not None and task.plan.status == PlanStatus.DRAFT:
                raise PermissionDenied(
                    _("Kế hoạch «%(t)s» còn là dự thảo, chưa ký ban hành: chưa báo cáo tiến độ, ghi hoạt động được.")
                    % {"t": task.plan.title}
                )
            if task is not None and task.plan.status == PlanStatus.CLOSED:
                raise PermissionDenied(
                    _("Kế hoạch «%(t)s» đã kết thúc nên không thêm, sửa, xóa báo cáo và hoạt động được nữa. "
                      "Muốn ghi thêm, Chủ tịch mở lại kế hoạch.") % {"t": task.plan.title}
                )  # fmt: skip
            require_task_in_reach(self.user, self.commune, task)


class TaskStatusFollowsReports:
    """After a report is filed, edited or deleted, its task's status follows its latest report."""

    def tasks_to_refresh(self) -> set[int]:
        ids = {self.instance.task_id}
        if self.instance.pk:
            stored = self.stored()
            if stored is not None:
                ids.add(stored.task_id)
        return ids - {None}

    def refresh(self, task_ids: set[int]) -> None:
        for task in Task.objects.filter(id__in=task_ids):
            refresh_task_status(task)


class FileProgressReport(TaskRules, TaskStatusFollowsReports, CreateRecord):
    def _save_instance(self):
        attach_occurrence(self.instance)
        super()._save_instance()
        self.refresh({self.instance.task_id})


class EditProgressReport(TaskRules, TaskStatusFollowsReports, EditRecord):
    def _save_instance(self):
        attach_occurrence(self.instance, stored=self.stored())
        super()._save_instance()

    @transaction.atomic
    def _edit(self, skip_permission_checks=False):
        before = self.tasks_to_refresh()
        result = super()._edit(skip_permission_checks=skip_permission_checks)
        self.refresh(before | {self.instance.task_id})
        return result


class DeleteProgressReport(TaskRules, TaskStatusFollowsReports, DeleteRecord):
    @transaction.atomic
    def _delete(self):
        task_ids = self.tasks_to_refresh()
        result = super()._delete()
        self.refresh(task_ids)
        return result


class ActivityRules(TaskRules):
    """An activity serves a task of the official's unit; one that serves no task is the plan leaders' to log."""

    def check_rules(self) -> None:
        super().check_rules()
        if any(task is None for task in self.tasks_touched()):
            require_plan_leader(self.user, self.commune, _("Hãy chọn nhiệm vụ của đơn vị mà hoạt động này phục vụ."))


class CreateActivity(ActivityRules, CreateRecord):
    pass


class EditActivity(ActivityRules, EditRecord):
    pass


class DeleteActivity(ActivityRules, DeleteRecord):
    pass


class TaskOccurrencesFollowTask:
    """A recurring task has one occurrence per week, month or quarter of its span, kept in step on each save."""

    def _save_instance(self):
        super()._save_instance()
        sync_occurrences(self.instance)


class CreateTask(TaskOccurrencesFollowTask, CreateRecord):
    pass


class EditTask(TaskOccurrencesFollowTask, EditRecord):
    pass


PLAN_ACTIONS = {
    Plan: [EditPlan],
    Task: [CreateTask, EditTask],
    PlanSection: [CreateSection, EditSection, DeleteSection],
    ProgressReport: [FileProgressReport, EditProgressReport, DeleteProgressReport],
    OutreachActivity: [CreateActivity, EditActivity, DeleteActivity],
}


_COMMUNE_LEVEL = re.compile(r"\b(xa|phuong|thi tran|dac khu)\s+(?!hoi\b)(\S.*)$")  # not "xã hội"


def other_issuer(parsed, *, commune: Commune) -> str:
    """The commune-level body the plan's header names when it is not ``commune`` ("" when it is, or when
    the header names no commune): a plan of Phú Đình must not slip into Định Biên unnoticed."""
    header = " ".join(part for part in (parsed.issuing_body, parsed.issuing_parent) if part)
    match = _COMMUNE_LEVEL.search(fold_vietnamese(header))
    if match is None or fold_vietnamese(commune.place_name) in match.group(2):
        return ""
    return parsed.issuing_body or parsed.issuing_parent


class ImportPlan(CommuneAction):
    """Save a parsed plan file as a new draft plan of the commune: one plan per confirmed upload. A plan
    whose header names another commune is saved only when the official confirms it."""

    log_action = "cchc.import"

    def __init__(
        self,
        *,
        commune: Commune,
        user=None,
        parsed,
        source_name: str,
        record: PlanImport | None = None,
        other_issuer_confirmed: bool = False,
    ):
        super().__init__(commune=commune, user=user)
        self.parsed, self.source_name, self.record = parsed, source_name, record
        self.other_issuer_confirmed = other_issuer_confirmed

    def check(self) -> None:
        require_permission(self.user, "plans.add_plan", _("Vai trò của bạn không được nhập kế hoạch."))
        if self.record is not None and self.record.commune_id != self.commune.pk:
            raise PermissionDenied(_("Tệp này được tải lên ở xã khác."))
        if not self.parsed.looks_like_a_plan:
            raise PermissionDenied(
                _("Tệp không có trích yếu hoặc nội dung của một kế hoạch nên không lưu thành kế hoạch.")
            )
        issuer = other_issuer(self.parsed, commune=self.commune)
        if issuer and not self.other_issuer_confirmed:
            raise PermissionDenied(
                _("Tệp là kế hoạch của «%(issuer)s», không phải của %(commune)s: hãy đánh dấu xác nhận nếu vẫn nhập.")
                % {"issuer": issuer, "commune": self.commune.name_in_text}
            )

    def perform(self) -> Plan:
        if self.record is not None:
            # A second click on "save" (or a second tab) must not make a second plan.
            record = PlanImport.objects.select_for_update().get(pk=self.record.pk)
            if record.plan_id is not None:
                raise PermissionDenied(_("Tệp này đã được nhập thành kế hoạch."))
        plan = save_parsed_plan(commune=self.commune, parsed=self.parsed, source_name=self.source_name)
        if self.record is not None:
            PlanImport.objects.filter(pk=self.record.pk).update(plan=plan)
            self.record.plan = plan
        return plan

    def audit_instance(self, result: Plan) -> Plan:
        return result

    def audit_data(self, result: Plan) -> dict:
        data = {"source": self.source_name, "tasks": result.tasks.count(), "unplaced": len(self.parsed.unplaced)}
        if self.other_issuer_confirmed:
            data["other_issuer"] = other_issuer(self.parsed, commune=self.commune)
        return data


class CopyPlanToYear(CommuneAction):
    """Start next year's plan from this one: a new draft with the same sections, tasks and budget."""

    refusal = gettext_lazy("Chỉ lãnh đạo UBND xã, Văn phòng và Văn hóa - Thông tin được lập kế hoạch mới.")

    log_action = "wagtail.create"

    def __init__(self, *, commune: Commune, user=None, plan: Plan, year: int):
        super().__init__(commune=commune, user=user)
        self.plan, self.year = plan, year

    def check(self) -> None:
        require_plan_leader(self.user, self.commune, str(self.refusal))
        if self.plan.commune_id != self.commune.pk:
            raise PermissionDenied(_("Kế hoạch này thuộc xã khác."))
        if not self.plan.year < self.year <= self.plan.year + 5:
            raise PermissionDenied(
                _("Năm của kế hoạch mới phải sau năm %(y)d và không quá 5 năm.") % {"y": self.plan.year}
            )
        if Plan.objects.filter(year=self.year, title=copy_title(self.plan, self.year)).exists():
            raise PermissionDenied(
                _("Xã đã có kế hoạch «%(t)s» năm %(y)d; mở kế hoạch đó thay vì lập thêm một bản.")
                % {"t": copy_title(self.plan, self.year), "y": self.year}
            )

    def perform(self) -> Plan:
        return copy_plan_to_year(self.plan, year=self.year)

    def audit_instance(self, result: Plan) -> Plan:
        return result

    def audit_data(self, result: Plan) -> dict:
        return {"copied_from": self.plan.pk, "year": self.year}


def copy_title(plan: Plan, year: int) -> str:
    return retitle(plan.title, plan.year, year)


def next_copy_year(plan: Plan, *, today) -> int:
    """The year a copy of ``plan`` is offered for: this year or the next after the plan's, skipping years
    that already have it."""
    year = max(plan.year + 1, today.year)
    while year < plan.year + 5 and Plan.objects.filter(year=year, title=copy_title(plan, year)).exists():
        year += 1
    return year
