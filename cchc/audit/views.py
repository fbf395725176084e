"""The commune's audit trail, for its leaders and the superior level: who did what, when, from where.

It reads two of Wagtail's logs: ``CommuneLogEntry`` (every commune row, file and login) and
Wagtail's page log for the pages under the commune's home page (the portal's drafts, approvals and
publications). Both are filtered alike, merged by time and paginated together.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import registry as log_registry
from wagtail.models import PageLogEntry

from .models import CommuneLogEntry
from .readers import can_read_commune_log

PER_PAGE = 50


class LogFilterForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=gettext_lazy("Người thực hiện"),
        empty_label=gettext_lazy("Mọi người"),
    )
    action = forms.ChoiceField(required=False, label=gettext_lazy("Việc"))
    since = forms.DateField(
        required=False, label=gettext_lazy("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label=gettext_lazy("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(id__in=user_ids).order_by("last_name")
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["action"].choices = [("", _("Mọi việc")), *log_registry.get_choices()]

    def narrow(self, entries):
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["user"]:
            entries = entries.filter(user=data["user"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["since"]:
            entries = entries.filter(timestamp__date__gte=data["since"])
        if data["until"]:
            entries = entries.filter(timestamp__date__lte=data["until"])
        return entries


def _trail(commune):
    """The commune's two logs, unfiltered."""
    return (
        CommuneLogEntry.objects.all(),
        PageLogEntry.objects.filter(page__path__startswith=commune.root_page.path),
    )


def _page_of_entries(rows, commune_entries, page_entries) -> list:
    """The log entries behind one page of (timestamp, id, kind) rows, in that order, in two queries."""
    ids = {"c": [r[1] for r in rows if r[2] == "c"], "p": [r[1] for r in rows if r[2] == "p"]}
    found = {("c", e.pk): e for e in commune_entries.filter(pk__in=ids["c"]).select_related("user", "content_type")}
    found |= {("p", e.pk): e for e in page_entries.filter(pk__in=ids["p"]).select_related("user", "content_type")}
    return [found[(kind, pk)] for _ts, pk, kind in rows if (kind, pk) in found]


def commune_log(request):
    if request.commune is None or not can_read_commune_log(request.user, request.commune):
        raise PermissionDenied(_("Nhật ký của xã dành cho lãnh đạo UBND xã, Văn phòng và cấp trên."))
    commune_entries, page_entries = _trail(request.commune)
    people = commune_entries.order_by().values("user_id").union(page_entries.order_by().values("user_id"))
    form = LogFilterForm(request.GET or None, user_ids=[row["user_id"] for row in people])
    commune_entries, page_entries = form.narrow(commune_entries), form.narrow(page_entries)
    kind = CharField()
    rows = (
        commune_entries.order_by()
        .values_list("timestamp", "id", Value("c", output_field=kind))
        .union(page_entries.order_by().values_list("timestamp", "id", Value("p", output_field=kind)), all=True)
        .order_by("-timestamp", "-id")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    entries = _page_of_entries(list(page.object_list), commune_entries, page_entries)
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "audit/commune_log.html",
        {"page": page, "entries": entries, "form": form, "commune": request.commune, "query": query.urlencode()},
    )
