"""The officials' screen of what villagers search, and where they teach the search (issue #14 point 3)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.communes.access import roles_in
from cchc.communes.actions import require_role
from cchc.communes.requests import working_commune

from . import learning, publishing
from .models import Procedure

NUMBER = re.compile(r"[0-9]{1,9}")
STEPS = {
    "them-cach-goi": gettext_lazy("Đã thêm cách gọi. Công cụ tìm kiếm dùng cách gọi này trong vòng một phút."),
    "xoa-cach-goi": gettext_lazy("Đã xóa cách gọi."),
    "ghim": gettext_lazy("Đã ghim thủ tục cho từ khóa này."),
    "bo-ghim": gettext_lazy("Đã bỏ ghim."),
}


def may_read(user, commune) -> bool:
    return user.is_superuser or bool(roles_in(user, commune) & set(learning.TEACHERS))


def _take(step: str, request, commune) -> None:
    post, user = request.POST, request.user
    national = post.get("chung") == "1"
    if step == "them-cach-goi":
        action = learning.AddEquivalence(
            commune=commune, user=user, says=post.get("says", "")[:200], means=post.get("means", "")[:400],
            procedure_code=post.get("procedure_code", "")[:40], national=national,
        )  # fmt: skip
    elif step == "ghim":
        action = learning.PinProcedure(
            commune=commune, user=user, query=post.get("query", "")[:200],
            procedure_code=post.get("procedure_code", "")[:40], national=national,
        )  # fmt: skip
    elif step in ("xoa-cach-goi", "bo-ghim"):
        pk = post.get("pk", "")
        if not NUMBER.fullmatch(pk):
            raise ValidationError(_("Không rõ mục cần xóa."))
        kind = learning.RemoveEquivalence if step == "xoa-cach-goi" else learning.RemovePin
        action = kind(commune=commune, user=user, pk=int(pk), national=national)
    else:
        raise ValidationError(_("Không rõ việc cần làm."))
    action.execute()


def searches(request):
    """Top searches, searches with no or weak results, first results nobody opened; what the search was taught."""
    commune = working_commune(request)
    require_role(request.user, commune, learning.TEACHERS, _("Chỉ Văn phòng, Tư pháp và lãnh đạo xã xem được mục này."))
    errors: dict[str, str] = {}
    values = {k: request.POST.get(k, "")[:200] for k in ("says", "means", "query", "procedure_code")}
    step = request.POST.get("buoc", "")
    if request.method == "POST":
        try:
            _take(step, request, commune)
        except ValidationError as error:
            errors = {"form": " ".join(error.messages)} if not hasattr(error, "error_dict") else {
                field: " ".join(texts) for field, texts in error.message_dict.items()}  # fmt: skip
        except PermissionDenied as denied:
            errors = {"form": str(denied)}
        else:
            messages.success(request, STEPS[step])
            return HttpResponseRedirect(reverse("cchc_procedures_searches"))
    days = 7 if request.GET.get("ky") == "7" else 30
    procedures = [p.procedure for p in publishing.published(commune=commune)]
    taught = learning.taught(commune=commune)
    names = dict(Procedure.objects.filter(is_current=True).values_list("code", "name"))
    for pin in taught["pins"] + taught["national_pins"]:
        pin.procedure_name = names.get(pin.procedure_code, pin.procedure_code)
    context = {
        "report": learning.report(commune=commune, days=days),
        "taught": taught,
        "procedures": procedures,
        "errors": errors,
        "step": step,
        "values": values,
        "prefill": request.GET.get("noi", "")[:200],
        "is_platform_admin": request.user.is_superuser,
        "confirm": _confirming(request, taught),
    }
    return TemplateResponse(request, "procedures/admin/searches.html", context, status=400 if errors else 200)


def _confirming(request, taught: dict) -> dict | None:
    """The row a «Xóa» link asks to remove, shown with a confirmation before anything is removed."""
    raw = request.GET.get("xoa", "")[:40]
    kind, _sep, pk = raw.rpartition("-")
    if not NUMBER.fullmatch(pk) or kind not in ("cach-goi", "ghim", "cach-goi-chung", "ghim-chung"):
        return None
    if kind.endswith("chung") and not request.user.is_superuser:
        return None
    rows = {
        "cach-goi": taught["equivalences"], "ghim": taught["pins"],
        "cach-goi-chung": taught["national_equivalences"], "ghim-chung": taught["national_pins"],
    }[kind]  # fmt: skip
    row = next((r for r in rows if r.pk == int(pk)), None)
    if row is None:
        return None
    step = "xoa-cach-goi" if kind.startswith("cach-goi") else "bo-ghim"
    return {"row": row, "step": step, "national": kind.endswith("chung")}
