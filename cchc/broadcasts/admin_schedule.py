"""Clusters, programmes, schedules: admin screens.

«Cụm loa» and «Chương trình» are commune viewsets (their writes go through ``actions.schedule``'s record
actions). «Lịch phát» and «Phát khẩn cấp» are plain views in one ``ViewSet``: a schedule is saved in two
steps, the form and then a preview of what it makes (how many airings, which quiet hours it breaks, which
airings it overlaps), saved only on «Xác nhận lưu». The four sit in one menu group for now
(``RadioScheduleGroup``); the radio's own group may take them in.

Every row is fetched through the scoped managers inside the request's commune scope: another commune's
cluster, programme or rule is a 404, and its clusters and scripts are not among the form's choices.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import ListingButton

from cchc.communes.actions import require_permission, require_role
from cchc.communes.viewsets import CommuneOwnedViewSet

from . import schedule
from .actions.devices import IssueDeviceToken, RevokeDeviceToken
from .actions.schedule import (
    NO_CLUSTER,
    RECORD_ACTIONS,
    REFUSAL,
    SCHEDULERS,
    CancelBroadcast,
    EditBroadcast,
    ScheduleBroadcast,
    SendEmergency,
    clusters_of_rule,
)
from .models import Airing, Broadcast, Priority, Programme, Script, SpeakerCluster

TEMPLATES = "broadcasts/admin/schedule/"
RULES_PER_PAGE = 50
CONFIRM = "xac_nhan"
WEEKDAYS = [
    (1, gettext_lazy("Thứ Hai")),
    (2, gettext_lazy("Thứ Ba")),
    (3, gettext_lazy("Thứ Tư")),
    (4, gettext_lazy("Thứ Năm")),
    (5, gettext_lazy("Thứ Sáu")),
    (6, gettext_lazy("Thứ Bảy")),
    (7, gettext_lazy("Chủ nhật")),
]


# --- clusters and programmes --------------------------------------------------------------------------------


def online_label(cluster: SpeakerCluster) -> str:
    if cluster.last_seen_at is None:
        return _("Chưa kết nối")
    return _("Đang liên lạc") if cluster.is_online() else _("Mất liên lạc")


class ClusterIndexView(generic.IndexView):
    """Each cluster with its village and whether its speaker is heard from; token buttons on each row."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("village")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        issue = ListingButton(
            _("Cấp mã thiết bị"), reverse("cum-loa:token", args=[instance.pk, "cap"]), icon_name="key"
        )
        buttons.insert(0, issue)
        if instance.token_digest:
            revoke = ListingButton(
                _("Thu hồi mã"), reverse("cum-loa:token", args=[instance.pk, "thu-hoi"]), icon_name="bin"
            )
            buttons.insert(1, revoke)
        return buttons


class ClusterViewSet(CommuneOwnedViewSet):
    model = SpeakerCluster
    icon = "media"
    menu_label = gettext_lazy("Cụm loa")
    add_to_admin_menu = False
    index_view_class = ClusterIndexView
    list_display = [
        "name",
        "village",
        Column("online", label=gettext_lazy("Tình trạng"), accessor=online_label),
        Column("token_hint", label=gettext_lazy("Đuôi mã thiết bị"), accessor=lambda c: c.token_hint or "—"),
        BooleanColumn("is_active", label=gettext_lazy("Đang hoạt động")),
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "location"]
    ordering = ["name"]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:cluster_id>/ma/<str:what>/", cluster_token, name="token")]

    panels = [
        FieldPanel("name"),
        FieldPanel("village"),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("day_starts"), FieldPanel("day_ends")]),
        FieldPanel("is_active"),
    ]


class ProgrammeViewSet(CommuneOwnedViewSet):
    model = Programme
    icon = "list-ul"
    menu_label = gettext_lazy("Chương trình")
    add_to_admin_menu = False
    list_display = ["name", "description"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("description")]


@never_cache
def cluster_token(request, cluster_id: int, what: str):
    """«Cấp mã thiết bị» shows the new token once; «Thu hồi mã» stops the old one. Both ask first."""
    require_role(request.user, request.commune, SCHEDULERS, str(REFUSAL))
    cluster = get_object_or_404(SpeakerCluster.objects.select_related("village"), pk=cluster_id)
    if what not in ("cap", "thu-hoi"):
        raise Http404
    context = {"cluster": cluster, "issuing": what == "cap", "token": None}
    if request.method == "POST":
        action = IssueDeviceToken if what == "cap" else RevokeDeviceToken
        try:
            token = action(cluster, user=request.user, commune=request.commune).execute()
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return redirect("cum-loa:index")
        if what == "thu-hoi":
            messages.success(request, _("Đã thu hồi mã thiết bị của %(name)s.") % {"name": cluster.name})
            return redirect("cum-loa:index")
        context["token"] = token
    return TemplateResponse(request, TEMPLATES + "token.html", context)


# --- schedules ---------------------------------------------------------------------------------------------


class ScheduleForm(forms.Form):
    """A rule as officials write it; the choices are the commune's own (built inside the request's scope)."""

    script = forms.ModelChoiceField(queryset=Script.objects.none(), label=gettext_lazy("Bài phát thanh"))
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(), label=gettext_lazy("Chương trình"), required=False
    )
    priority = forms.ChoiceField(label=gettext_lazy("Mức ưu tiên"), choices=Priority.choices, initial=Priority.NORMAL)
    starts_on = forms.DateField(
        label=gettext_lazy("Từ ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    times = forms.CharField(
        label=gettext_lazy("Giờ phát"),
        help_text=gettext_lazy("Cách nhau bằng dấu phẩy, ví dụ: 6:00, 17:00 hoặc 6h, 17h30."),
        max_length=200,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Các ngày trong tuần"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Không chọn ngày nào: phát tất cả các ngày."),
    )
    all_clusters = forms.BooleanField(
        label=gettext_lazy("Phát trên tất cả cụm loa đang hoạt động"),
        required=False,
        help_text=gettext_lazy("Tính theo các cụm loa đang hoạt động lúc lưu lịch."),
    )
    clusters = forms.ModelMultipleChoiceField(
        queryset=SpeakerCluster.objects.none(),
        label=gettext_lazy("Cụm loa"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    volume = forms.IntegerField(label=gettext_lazy("Âm lượng (%)"), min_value=0, max_value=100, initial=80)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["script"].queryset = Script.objects.only("pk", "title").order_by("-created_at", "-pk")
        self.fields["programme"].queryset = Programme.objects.order_by("name")
        self.fields["clusters"].queryset = SpeakerCluster.objects.filter(is_active=True).order_by("name")

    def clean_times(self):
        return schedule.parse_times(self.cleaned_data["times"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_clusters") and not cleaned.get("clusters") and "clusters" not in self.errors:
            self.add_error("clusters", str(NO_CLUSTER))
        return cleaned

    @classmethod
    def initial_of(cls, rule: Broadcast) -> dict:
        return {
            "script": rule.script_id,
            "programme": rule.programme_id,
            "priority": rule.priority,
            "starts_on": rule.starts_on,
            "ends_on": rule.ends_on,
            "times": schedule.format_times(rule.times),
            "weekdays": rule.weekdays,
            "all_clusters": rule.all_clusters,
            "clusters": list(rule.clusters.all()),
            "volume": rule.volume,
        }

    def fill(self, rule: Broadcast) -> tuple[Broadcast, list[SpeakerCluster]]:
        data = self.cleaned_data
        for name in ("script", "programme", "priority", "starts_on", "ends_on", "times", "all_clusters", "volume"):
            setattr(rule, name, data[name])
        rule.weekdays = sorted(data["weekdays"])
        return rule, list(data["clusters"])


def require_scheduler(request) -> None:
    if request.commune is None:
        raise Http404
    require_role(request.user, request.commune, SCHEDULERS, str(REFUSAL))


def schedule_index(request):
    """The commune's rules, newest first, each with its upcoming airings."""
    if request.commune is None:
        raise Http404
    require_permission(request.user, "broadcasts.view_broadcast")
    rules = (
        Broadcast.objects.select_related("script", "programme")
        .prefetch_related("clusters")
        .annotate(
            upcoming=Count("airings", filter=Q(airings__starts_at__gte=timezone.now(), airings__is_cancelled=False))
        )
        .order_by("is_cancelled", "-starts_on", "-pk")
    )
    page = Paginator(rules, RULES_PER_PAGE).get_page(request.GET.get("p"))
    for rule in page:
        rule.times_text = schedule.format_times(rule.times)
        rule.weekdays_text = ", ".join(str(label) for day, label in WEEKDAYS if day in (rule.weekdays or ()))
    return TemplateResponse(request, TEMPLATES + "index.html", {"page": page, "rules": page.object_list})


def _schedule_form(request, rule: Broadcast | None):
    require_scheduler(request)
    editing = rule is not None
    initial = ScheduleForm.initial_of(rule) if editing else {}
    wanted = str(request.GET.get("bai", ""))
    if not editing and wanted.isdigit() and len(wanted) < 10:  # «Lên lịch phát bài này» on a script's page
        initial["script"] = Script.objects.filter(pk=int(wanted)).values_list("pk", flat=True).first()
    context = {"rule": rule, "editing": editing}
    if request.method != "POST":
        return TemplateResponse(request, TEMPLATES + "form.html", {**context, "form": ScheduleForm(initial=initial)})
    form = ScheduleForm(request.POST, initial=initial)
    context["form"] = form
    if not form.is_valid() or "sua_lai" in request.POST:
        return TemplateResponse(request, TEMPLATES + "form.html", context)
    target, chosen = form.fill(rule if editing else Broadcast(commune=request.commune))
    confirmed = request.POST.get(CONFIRM) == "1"
    action_class = EditBroadcast if editing else ScheduleBroadcast
    action = action_class(
        target, commune=request.commune, user=request.user, clusters=chosen, confirm_conflicts=confirmed
    )
    try:
        if not confirmed:
            action.check()
            found = schedule.plan(target, clusters_of_rule(target, chosen), since=timezone.now())
            return TemplateResponse(request, TEMPLATES + "preview.html", {**context, "plan": found})
        saved = action.execute()
    except ValidationError as refusal:
        form.add_error(None, refusal)
        return TemplateResponse(request, TEMPLATES + "form.html", context)
    except PermissionDenied as refusal:
        form.add_error(None, str(refusal))
        return TemplateResponse(request, TEMPLATES + "form.html", context)
    messages.success(
        request,
        _("Đã lưu lịch phát «%(script)s»: %(n)s lượt phát sắp tới.")
        % {"script": saved.script.title, "n": len(action.plan.airings)},
    )
    return redirect("lich-phat:index")


def schedule_add(request):
    return _schedule_form(request, None)


def schedule_edit(request, rule_id: int):
    rule = get_object_or_404(Broadcast.objects.select_related("script"), pk=rule_id)
    if rule.is_cancelled:
        messages.error(request, _("Lịch phát này đã hủy: không sửa được. Hãy tạo lịch mới."))
        return redirect("lich-phat:index")
    return _schedule_form(request, rule)


def schedule_cancel(request, rule_id: int):
    require_scheduler(request)
    rule = get_object_or_404(Broadcast.objects.select_related("script"), pk=rule_id)
    if request.method == "POST":
        try:
            CancelBroadcast(rule, commune=request.commune, user=request.user).execute()
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Đã hủy lịch phát «%(script)s».") % {"script": rule.script.title})
        return redirect("lich-phat:index")
    upcoming = Airing.objects.filter(broadcast=rule, starts_at__gte=timezone.now(), is_cancelled=False).count()
    return TemplateResponse(request, TEMPLATES + "cancel.html", {"rule": rule, "upcoming": upcoming})


class EmergencyForm(forms.Form):
    script = forms.ModelChoiceField(queryset=Script.objects.none(), label=gettext_lazy("Bài phát thanh"))
    all_clusters = forms.BooleanField(label=gettext_lazy("Phát trên tất cả cụm loa đang hoạt động"), required=False)
    clusters = forms.ModelMultipleChoiceField(
        queryset=SpeakerCluster.objects.none(),
        label=gettext_lazy("Cụm loa"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    volume = forms.IntegerField(label=gettext_lazy("Âm lượng (%)"), min_value=0, max_value=100, initial=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["script"].queryset = Script.objects.only("pk", "title").order_by("-created_at", "-pk")
        self.fields["clusters"].queryset = SpeakerCluster.objects.filter(is_active=True).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_clusters") and not cleaned.get("clusters") and "clusters" not in self.errors:
            self.add_error("clusters", str(NO_CLUSTER))
        return cleaned


def emergency(request):
    """«Phát khẩn cấp»: choose the script and the clusters, see what is cut off, confirm, and it airs now."""
    require_scheduler(request)
    form = EmergencyForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, TEMPLATES + "emergency.html", {"form": form})
    data = form.cleaned_data
    action = SendEmergency(
        data["script"],
        commune=request.commune,
        user=request.user,
        clusters=data["clusters"],
        all_clusters=data["all_clusters"],
        volume=data["volume"],
    )
    if request.POST.get(CONFIRM) != "1":
        rule = action.rule
        clusters = clusters_of_rule(rule, data["clusters"])
        airings = [Airing(commune=request.commune, cluster=c, starts_at=action.now) for c in clusters]
        cut_off = schedule.conflicts(rule, clusters, airings)
        context = {"form": form, "clusters": clusters, "cut_off": cut_off, "script": data["script"]}
        context["has_audio"] = schedule.has_audio(data["script"])
        return TemplateResponse(request, TEMPLATES + "emergency_confirm.html", context)
    try:
        action.execute()
    except (PermissionDenied, ValidationError) as refusal:
        form.add_error(None, refusal if isinstance(refusal, ValidationError) else str(refusal))
        return TemplateResponse(request, TEMPLATES + "emergency.html", {"form": form})
    messages.success(
        request,
        _("Đã phát khẩn cấp «%(script)s» trên %(n)s cụm loa.")
        % {"script": data["script"].title, "n": len(action.plan.clusters)},
    )
    return redirect("lich-phat:index")


class SchedulerMenuItem(MenuItem):
    def is_shown(self, request):
        return getattr(request, "commune", None) is not None and request.user.has_perm("broadcasts.view_broadcast")


class EmergencyMenuItem(MenuItem):
    """Only those who may send an emergency see it (the overseer reads schedules, never sends)."""

    def is_shown(self, request):
        return getattr(request, "commune", None) is not None and request.user.has_perm("broadcasts.add_broadcast")


class ScheduleViewSet(ViewSet):
    """«Lịch phát»: the rules' list, the two-step form, cancelling."""

    name = "lich-phat"
    icon = "date"
    menu_label = gettext_lazy("Lịch phát")
    menu_item_class = SchedulerMenuItem

    def get_urlpatterns(self):
        return [
            path("", schedule_index, name="index"),
            path("them/", schedule_add, name="add"),
            path("<int:rule_id>/sua/", schedule_edit, name="edit"),
            path("<int:rule_id>/huy/", schedule_cancel, name="cancel"),
        ]


class EmergencyViewSet(ViewSet):
    name = "phat-khan-cap"
    icon = "warning"
    menu_label = gettext_lazy("Phát khẩn cấp")
    menu_item_class = EmergencyMenuItem

    def get_urlpatterns(self):
        return [path("", emergency, name="index")]


# They sit in the «Truyền thanh» menu group (``admin_scripts.RadioGroup``), which registers them.
SCHEDULE_VIEWSETS = (
    ScheduleViewSet(),
    EmergencyViewSet(),
    ClusterViewSet("cum-loa"),
    ProgrammeViewSet("chuong-trinh-phat-thanh"),
)


@hooks.register("register_actions")
def register_schedule_record_actions(registry):
    for model, actions in RECORD_ACTIONS.items():
        for action in actions:
            registry.register(model, action)


@hooks.register("register_log_actions")
def register_schedule_log_actions(actions):
    actions.register_action("cchc.broadcast_cancel", gettext_lazy("Hủy lịch phát"), gettext_lazy("Hủy lịch phát"))
    actions.register_action(
        "cchc.broadcast_emergency", gettext_lazy("Phát khẩn cấp"), gettext_lazy("Phát tin khẩn cấp")
    )
