"""Village coverage of the radio (airings per village and quarter, silent speakers): admin screens.

«Phủ sóng truyền thanh» is a printable report of ``coverage.village_coverage`` for the request's commune;
the home page's panel lists ``coverage.attention``. Both read the request's commune only: another
commune's officials see their own villages, never these.
"""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cchc.communes.access import roles_in
from cchc.communes.actions import require_role
from cchc.plans.structure import Quarter

from .admin_scripts import RADIO_MENU_HOOK
from .coverage import COVERAGE_READERS, attention, village_coverage

READ_REFUSAL = _(
    "Chỉ Văn phòng, lãnh đạo UBND xã, Văn hóa - Thông tin, Phát thanh và cấp trên được xem phủ sóng truyền thanh."
)


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quý"),
        choices=[("", _("Cả năm")), *Quarter.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )


def coverage_report(request):
    commune = getattr(request, "commune", None)
    if commune is None:
        raise Http404
    require_role(request.user, commune, COVERAGE_READERS, str(READ_REFUSAL))
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"year": today.year})
    year, quarter = today.year, None
    if form.is_bound and form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    rows = village_coverage(commune=commune, year=year, quarter=quarter)
    context = {
        "commune": commune,
        "form": form,
        "year": year,
        "quarter": Quarter(quarter).label if quarter else None,
        "rows": rows,
        "scheduled": sum(r.scheduled for r in rows),
        "played": sum(r.played for r in rows),
        "missed": sum(r.missed for r in rows),
        "silent": sum(r.silent for r in rows),
        "printed_at": timezone.localtime(),
    }
    return TemplateResponse(request, "broadcasts/admin/coverage/index.html", context)


@hooks.register("register_admin_urls")
def register_coverage_urls():
    return [path("truyen-thanh/phu-song/", coverage_report, name="cchc_broadcasts_coverage")]


class CoverageMenuItem(MenuItem):
    """Shown to those the report answers (``COVERAGE_READERS``), as the view itself decides."""

    def is_shown(self, request):
        commune = getattr(request, "commune", None)
        if commune is None:
            return False
        return request.user.is_superuser or bool(roles_in(request.user, commune) & COVERAGE_READERS)


@hooks.register(RADIO_MENU_HOOK)
def register_coverage_menu_item():
    return CoverageMenuItem(_("Phủ sóng loa các xóm"), reverse("cchc_broadcasts_coverage"), icon_name="site", order=100)


class RadioAttentionPanel(Component):
    """On the home page, for those who read the coverage: villages whose speakers missed airings in the
    last seven days or went silent, ethnic-minority villages first. Nothing when every speaker is well."""

    name = "radio_attention"
    order = 40

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        commune = getattr(request, "commune", None)
        if commune is None:
            return ""
        if not request.user.is_superuser and not roles_in(request.user, commune) & COVERAGE_READERS:
            return ""
        rows = attention(commune=commune)
        if not rows:
            return ""
        return render_to_string("broadcasts/admin/coverage/home_panel.html", {"rows": rows}, request=request)


@hooks.register("construct_homepage_panels")
def show_radio_attention(request, panels):
    panels.append(RadioAttentionPanel())
