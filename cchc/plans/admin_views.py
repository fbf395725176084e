"""Officials' screens around a plan that are not plain create/edit forms."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .dashboard import build_dashboard
from .export import FORMATS, export_plan
from .importer import parse_file
from .importer.saving import planned_tasks, save_parsed_plan
from .models import CHANNEL_LABELS, Plan, PlanImport, TaskSource

MAX_UPLOAD = 10 * 1024 * 1024


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


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
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB; kế hoạch thường chỉ vài trăm KB."))
        if upload.size == 0:
            raise forms.ValidationError(_("Tệp rỗng."))
        return upload


@require_http_methods(["GET", "POST"])
def upload_plan(request):
    _require(request, "plans.add_plan")
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = PlanImport(commune=request.commune, original_name=upload.name[:255], uploaded_by=request.user)
        record.file.save(upload.name, upload, save=True)
        return redirect("cchc_plans_import_preview", import_id=record.pk)
    return TemplateResponse(request, "plans/admin/upload.html", {"form": form})


@require_http_methods(["GET", "POST"])
def preview_import(request, import_id: int):
    _require(request, "plans.add_plan")
    record = get_object_or_404(PlanImport, pk=import_id)
    try:
        parsed = parse_file(Path(record.file.path))
    except Exception:  # a corrupt .docx raises anything from zipfile to lxml
        messages.error(
            request, _("Không đọc được tệp «%(name)s». Tệp có thể bị hỏng.") % {"name": record.original_name}
        )
        return redirect("cchc_plans_upload")
    if request.method == "POST":
        if record.plan_id:
            messages.info(request, _("Tệp này đã được nhập thành kế hoạch."))
            return redirect("cchc_plans_dashboard", plan_id=record.plan_id)
        plan = save_parsed_plan(commune=request.commune, parsed=parsed, source_name=record.original_name)
        record.plan = plan
        record.save(update_fields=["plan"])
        messages.success(
            request,
            _("Đã nhập kế hoạch «%(title)s» với %(n)d nhiệm vụ.") % {"title": plan.title, "n": plan.tasks.count()},
        )
        return redirect("cchc_plans_dashboard", plan_id=plan.pk)
    sources = dict(TaskSource.choices)
    task_rows = [
        (task, CHANNEL_LABELS.get(channel, ""), lead, sources.get(task.source, ""))
        for task, channel, lead in planned_tasks(parsed.tasks)
    ]
    same = Plan.objects.filter(title=parsed.title, year=parsed.year).first() if parsed.title and parsed.year else None
    return TemplateResponse(
        request,
        "plans/admin/preview.html",
        {"record": record, "parsed": parsed, "task_rows": task_rows, "same_plan": same},
    )


def plan_dashboard(request, plan_id: int):
    _require(request, "plans.view_plan")
    plan = get_object_or_404(Plan, pk=plan_id)
    return TemplateResponse(request, "plans/admin/dashboard.html", {"plan": plan, "board": build_dashboard(plan)})


def download_plan(request, plan_id: int, fmt: str):
    _require(request, "plans.view_plan")
    if fmt not in FORMATS:
        raise PermissionDenied
    plan = get_object_or_404(Plan, pk=plan_id)
    content, filename = export_plan(plan, fmt=fmt)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def set_plan_status(request, plan_id: int):
    _require(request, "plans.change_plan")
    plan = get_object_or_404(Plan, pk=plan_id)
    status = request.POST.get("status")
    if status not in dict(Plan._meta.get_field("status").choices):
        messages.error(request, _("Trạng thái không hợp lệ."))
    else:
        plan.status = status
        plan.save(update_fields=["status", "updated_at"])
        messages.success(request, _("Đã chuyển kế hoạch sang «%(s)s».") % {"s": plan.get_status_display()})
    return redirect("cchc_plans_dashboard", plan_id=plan.pk)


def private_file(request, name: str):
    """A file of the official's commune (evidence, an uploaded plan); anyone else gets a 404."""
    from django.http import FileResponse, Http404

    from .models import Evidence

    owner = Evidence.objects.filter(file=name).first() if request.user.has_perm("plans.view_evidence") else None
    if owner is None and request.user.has_perm("plans.view_planimport"):
        owner = PlanImport.objects.filter(file=name).first()
    if owner is None or not owner.file:
        raise Http404
    inline = Path(name).suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf"}
    return FileResponse(owner.file.open("rb"), as_attachment=not inline, filename=Path(name).name)
