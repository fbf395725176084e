"""Officials' screens around a plan that are not plain create/edit forms."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from cchc.communes.actions import require_permission

from .actions import ChangePlanStatus, allowed_transitions
from .dashboard import build_dashboard
from .export import FORMATS, export_plan
from .models import Plan, PlanImport


def plan_dashboard(request, plan_id: int):
    require_permission(request.user, "plans.view_plan")
    plan = get_object_or_404(Plan.objects.select_related("commune"), pk=plan_id)
    moves = allowed_transitions(commune=request.commune, user=request.user, plan=plan)
    context = {"plan": plan, "board": build_dashboard(plan), "moves": moves}
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


@require_POST
def set_plan_status(request, plan_id: int):
    require_permission(request.user, "plans.change_plan")
    plan = get_object_or_404(Plan, pk=plan_id)
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
