"""Officials' screens around a plan that are not plain create/edit forms."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cchc.communes.actions import require_permission

from .actions import (
    ChangePlanStatus,
    CopyPlanToYear,
    allowed_transitions,
    leads_plans,
    next_copy_year,
    require_plan_leader,
)
from .dashboard import build_dashboard
from .export import FORMATS, export_plan
from .models import PLAN_TRANSITIONS, Plan, PlanImport, PlanStatus


def plan_dashboard(request, plan_id: int):
    require_permission(request.user, "plans.view_plan")
    plan = get_object_or_404(Plan.objects.select_related("commune"), pk=plan_id)
    moves = allowed_transitions(commune=request.commune, user=request.user, plan=plan)
    context = {
        "plan": plan,
        "board": build_dashboard(plan),
        "moves": moves,
        "today": timezone.localdate(),
        "can_copy": request.user.has_perm("plans.add_plan") and leads_plans(request.user, request.commune),
    }
    return TemplateResponse(request, "plans/admin/dashboard.html", context)


def download_plan(request, plan_id: int, fmt: str):
    require_permission(request.user, "plans.view_plan")
    if fmt not in FORMATS:
        raise Http404
    plan = get_object_or_404(Plan, pk=plan_id)
    content, filename = export_plan(plan, fmt=fmt)
    log(instance=plan, action="cchc.export", user=request.user, data={"format": fmt})
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def set_plan_status(request, plan_id: int):
    """GET asks for confirmation (what the move changes); POST makes the move through ``ChangePlanStatus``."""
    require_permission(request.user, "plans.change_plan")
    plan = get_object_or_404(Plan, pk=plan_id)
    if request.method != "POST":
        status = request.GET.get("status", "")
        transition = PLAN_TRANSITIONS.get((plan.status, status))
        if transition is None or status not in dict(
            allowed_transitions(commune=request.commune, user=request.user, plan=plan)
        ):
            messages.error(request, _("Không thể chuyển kế hoạch sang trạng thái này."))
            return redirect("cchc_plans_dashboard", plan_id=plan.pk)
        context = {"plan": plan, "status": status, "transition": transition, "new_label": PlanStatus(status).label}
        return TemplateResponse(request, "plans/admin/confirm_status.html", context)
    status = request.POST.get("status", "")
    try:
        ChangePlanStatus(commune=request.commune, user=request.user, plan=plan, status=status).execute()
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Đã chuyển kế hoạch sang «%(s)s».") % {"s": plan.get_status_display()})
    return redirect("cchc_plans_dashboard", plan_id=plan.pk)


def private_file(request, name: str):
    """A file of the official's commune (evidence, an uploaded plan); anyone else gets a 404."""
    from django.http import FileResponse

    from .models import Evidence

    owner = Evidence.objects.filter(file=name).first() if request.user.has_perm("plans.view_evidence") else None
    if owner is None and request.user.has_perm("plans.view_planimport"):
        owner = PlanImport.objects.filter(file=name).first()
    if owner is None or not owner.file:
        raise Http404
    log(instance=owner, action="cchc.download", user=request.user, data={"file": name})
    inline = Path(name).suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf"}
    return FileResponse(owner.file.open("rb"), as_attachment=not inline, filename=Path(name).name)


def copy_plan(request, plan_id: int):
    """GET asks which year (next year by default); POST makes the draft through ``CopyPlanToYear``."""
    require_permission(request.user, "plans.add_plan")
    plan = get_object_or_404(Plan, pk=plan_id)
    year = next_copy_year(plan, today=timezone.localdate())
    error = ""
    if request.method == "POST":
        raw = request.POST.get("year", "").strip()
        if not raw.isdigit():
            error = _("Hãy nhập năm bằng số, ví dụ %(y)d.") % {"y": year}
        else:
            year = int(raw)
            try:
                copy = CopyPlanToYear(commune=request.commune, user=request.user, plan=plan, year=year).execute()
            except PermissionDenied as refusal:
                error = str(refusal)
            else:
                messages.success(
                    request, _("Đã lập dự thảo «%(t)s». Hãy sửa nội dung rồi trình ký.") % {"t": copy.title}
                )
                return redirect("cchc_plans_dashboard", plan_id=copy.pk)
    else:
        require_plan_leader(request.user, request.commune, str(CopyPlanToYear.refusal))
    context = {"plan": plan, "year": year, "error": error}
    return TemplateResponse(request, "plans/admin/copy_plan.html", context, status=400 if error else 200)
