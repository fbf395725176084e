"""Uploading a plan file and previewing what the task worker read from it; confirming saves it.

The request never parses: the upload stores the file and queues the reading, the preview shows
progress (refreshing itself, no JavaScript needed) until the stored result or reason is there.
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cchc.communes.actions import require_permission

from .actions import ImportPlan, other_issuer
from .importer.limits import FILE_BYTES
from .importer.parsed import from_json
from .importer.saving import UnitResolver, planned_tasks
from .importer.uploads import is_stalled, receive_upload
from .models import ImportStatus, Plan, PlanImport, TaskSource
from .structure import Channel

REFRESH_SECONDS = 2
WORKER_LATE_SECONDS = 60  # still waiting after this long: the task worker may not be running


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp kế hoạch (.docx hoặc .txt)"),
        help_text=gettext_lazy("Tệp Word hoặc văn bản của kế hoạch đã ký. Hệ thống đọc và cho xem trước, chưa lưu gì."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in {".docx", ".txt"}:
            raise forms.ValidationError(
                _("Chỉ nhận tệp .docx (Word) hoặc .txt. Tệp .doc cũ hãy mở bằng Word và lưu lại thành .docx.")
            )
        if upload.size > FILE_BYTES.value:
            raise forms.ValidationError(FILE_BYTES.refuse(found=upload.size).args[0])
        if upload.size == 0:
            raise forms.ValidationError(_("Tệp rỗng."))
        return upload


@require_http_methods(["GET", "POST"])
def upload_plan(request):
    require_permission(request.user, "plans.add_plan")
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        record = receive_upload(commune=request.commune, user=request.user, upload=form.cleaned_data["file"])
        return redirect("cchc_plans_import_preview", import_id=record.pk)
    return TemplateResponse(request, "plans/admin/upload.html", {"form": form})


@require_http_methods(["GET", "POST"])
def preview_import(request, import_id: int):
    require_permission(request.user, "plans.add_plan")
    record = get_object_or_404(PlanImport, pk=import_id)
    if request.method == "POST":
        return _confirm(request, record)
    if record.status != ImportStatus.READ or record.result is None:
        return _progress(request, record)
    parsed = from_json(record.result)
    sources = dict(TaskSource.choices)
    task_rows = [
        (task, Channel(channel).label, lead, sources.get(task.source, ""))
        for task, channel, lead in planned_tasks(parsed.tasks)
    ]
    same = Plan.objects.filter(title=parsed.title, year=parsed.year).first() if parsed.title and parsed.year else None
    named = [t.lead_unit for t in parsed.tasks] + [u for t in parsed.tasks for u in t.coordinating_units]
    new_units, text_only_units = UnitResolver(request.commune).foresee(named)
    context = {
        "record": record,
        "parsed": parsed,
        "task_rows": task_rows,
        "unassigned_count": sum(1 for _task, _channel, lead, _source in task_rows if not lead),
        "same_plan": same,
        "new_units": new_units,
        "text_only_units": text_only_units,
        "other_issuer": other_issuer(parsed, commune=request.commune),
    }
    return TemplateResponse(request, "plans/admin/preview.html", context)


def _progress(request, record: PlanImport):
    """Waiting, reading, or the reason the file could not be read."""
    now = timezone.now()
    stalled = is_stalled(record, now=now)
    failed = record.status == ImportStatus.FAILED or stalled
    context = {
        "record": record,
        "failed": failed,
        "error": record.error if record.status == ImportStatus.FAILED else _("Việc đọc tệp bị gián đoạn."),
        "refresh_seconds": None if failed else REFRESH_SECONDS,
        "worker_late": record.status == ImportStatus.WAITING
        and (now - record.created_at).total_seconds() > WORKER_LATE_SECONDS,
        "waited_seconds": int((now - (record.started_at or record.created_at)).total_seconds()),
    }
    return TemplateResponse(request, "plans/admin/preview.html", context)


def _confirm(request, record: PlanImport):
    if record.plan_id:
        messages.info(request, _("Tệp này đã được nhập thành kế hoạch."))
        return redirect("cchc_plans_dashboard", plan_id=record.plan_id)
    if record.status != ImportStatus.READ or record.result is None:
        messages.error(request, _("Tệp chưa đọc xong hoặc không đọc được, nên chưa thể lưu thành kế hoạch."))
        return redirect("cchc_plans_import_preview", import_id=record.pk)
    action = ImportPlan(
        commune=request.commune, user=request.user, parsed=from_json(record.result),
        source_name=record.original_name, record=record,
        other_issuer_confirmed=request.POST.get("other_issuer_confirmed") == "1",
    )  # fmt: skip
    try:
        plan = action.execute()
    except PermissionDenied as refusal:
        messages.info(request, str(refusal))
        record.refresh_from_db()
        if record.plan_id:
            return redirect("cchc_plans_dashboard", plan_id=record.plan_id)
        return redirect("cchc_plans_import_preview", import_id=record.pk)
    messages.success(
        request,
        _("Đã nhập kế hoạch «%(title)s» với %(n)d nhiệm vụ.") % {"title": plan.title, "n": plan.tasks.count()},
    )
    return redirect("cchc_plans_dashboard", plan_id=plan.pk)
