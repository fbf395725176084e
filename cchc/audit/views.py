"""The commune's audit trail, for its leaders and the superior level: who did what, when, from where."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import registry as log_registry

from .models import CommuneLogEntry
from .readers import can_read_commune_log

PER_PAGE = 50


class LogFilterForm(forms.Form):
    user = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False, label=_("Người thực hiện"))
    action = forms.ChoiceField(required=False, label=_("Việc"))
    since = forms.DateField(required=False, label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(id__in=user_ids).order_by("last_name")
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["action"].choices = [("", _("Mọi việc")), *log_registry.get_choices()]


def commune_log(request):
    if request.commune is None or not can_read_commune_log(request.user, request.commune):
        raise PermissionDenied
    entries = CommuneLogEntry.objects.select_related("user", "content_type")
    form = LogFilterForm(request.GET or None, user_ids=entries.order_by().values("user_id").distinct())
    if form.is_valid():
        data = form.cleaned_data
        if data["user"]:
            entries = entries.filter(user=data["user"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["since"]:
            entries = entries.filter(timestamp__date__gte=data["since"])
        if data["until"]:
            entries = entries.filter(timestamp__date__lte=data["until"])
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "audit/commune_log.html",
        {"page": page, "form": form, "commune": request.commune, "query": query.urlencode()},
    )
