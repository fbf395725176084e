from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .access import SESSION_KEY, communes_for_user


@require_http_methods(["GET", "POST"])
def choose_commune(request):
    """Overseers and platform admins work on one commune at a time; this picks which."""
    communes = communes_for_user(request.user)
    if request.method == "POST":
        chosen = request.POST.get("commune", "")
        commune = communes.filter(id=int(chosen)).first() if chosen.isdigit() else None
        if commune is None:
            messages.error(request, _("Bạn không có quyền làm việc với xã này."))
            return redirect("cchc_choose_commune")
        request.session[SESSION_KEY] = commune.id
        messages.success(request, _("Đang làm việc với %(name)s.") % {"name": commune.name})
        return redirect("wagtailadmin_home")
    return TemplateResponse(request, "communes/choose_commune.html", {"communes": communes, "current": request.commune})
