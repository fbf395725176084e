from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cchc.communes.actions import require_permission

from . import printed_sets, publishing
from .actions import PublishCatalogue, RecordPosting
from .models import OneStopDesk, PostingPlace, ProcedureField


class RecordPostingForm(forms.Form):
    place = forms.ModelChoiceField(queryset=PostingPlace.objects.none(), label=gettext_lazy("Nơi niêm yết"))
    field = forms.ModelChoiceField(
        queryset=ProcedureField.objects.all(), required=False, label=gettext_lazy("Lĩnh vực"),
        empty_label=gettext_lazy("Toàn bộ thủ tục xã công khai"),
    )  # fmt: skip
    posted_on = forms.DateField(label=gettext_lazy("Ngày niêm yết"), initial=timezone.localdate)
    checked_by = forms.CharField(label=gettext_lazy("Người niêm yết, kiểm tra"), max_length=160, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = PostingPlace.objects.all()


def posting_overview(request):
    require_permission(request.user, "procedures.view_posting")
    form = RecordPostingForm(request.POST or None, initial={"checked_by": request.user.get_full_name()})
    if request.method == "POST":
        require_permission(request.user, "procedures.add_posting", _("Vai trò của bạn không được ghi sổ niêm yết."))
        if form.is_valid():
            field = form.cleaned_data["field"]
            items = (
                publishing.in_field(field, commune=request.commune)
                if field
                else publishing.published(commune=request.commune)
            )
            created = RecordPosting(
                commune=request.commune, user=request.user, place=form.cleaned_data["place"],
                procedures=[i.procedure for i in items], posted_on=form.cleaned_data["posted_on"],
                checked_by=form.cleaned_data["checked_by"],
            ).execute()  # fmt: skip
            messages.success(
                request,
                _("Đã ghi sổ %(n)d tờ niêm yết tại %(place)s.")
                % {"n": len(created), "place": form.cleaned_data["place"]},
            )
            return redirect("cchc_procedures_postings")
    context = {
        "statuses": publishing.posting_status(commune=request.commune),
        "form": form,
        "fields": ProcedureField.objects.all(),
        "printed": printed_sets.printed_status(commune=request.commune),
    }
    return TemplateResponse(request, "procedures/admin/postings.html", context)


@require_POST
def publish_catalogue(request):
    desk = OneStopDesk.objects.first()
    try:
        count = PublishCatalogue(commune=request.commune, user=request.user, desk=desk).execute()
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect("wagtailadmin_home")
    messages.success(request, _("Đã công khai thêm %(n)d thủ tục.") % {"n": count})
    return redirect("thu-tuc-xa:index")
