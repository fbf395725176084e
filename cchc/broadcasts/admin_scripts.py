"""Scripts and the reading dictionary: admin screens, the «Truyền thanh» menu, the script's audio page.

The «Truyền thanh» menu group is defined here (``RadioGroup``): it names the radio's viewsets in menu
order; a plain view joins it by registering a ``MenuItem`` with the ``RADIO_MENU_HOOK`` hook.

Every view fetches the script through the scoped manager inside the request's commune scope (another
commune's script is a 404); writes go through ``actions.scripts``. Audio files live in private
storage and are only sent through ``script_file`` to officials of the script's commune.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets import Button, HeaderButton, ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from cchc.communes.access import roles_in
from cchc.communes.actions import require_role
from cchc.communes.viewsets import CommuneCreateView, CommuneEditView, CommuneOwnedViewSet, CommuneViewSetGroup

from . import scripts as text
from .actions import scripts as actions
from .models import AudioStatus, Script, SpeechTerm
from .rendering import LOG_AUDIO

RADIO_MENU_HOOK = "register_radio_menu_item"
# Seconds between two looks at a script whose audio is being made.
PENDING_REFRESH_SECONDS = 5
AUDIO_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".wav": "audio/wav",
    ".webm": "audio/webm",
}
RECORDING_ACCEPT = ",".join(AUDIO_TYPES)


def script_page_url(script: Script) -> str:
    return reverse("cchc_broadcasts_script", args=[script.pk])


# --- the viewsets -------------------------------------------------------------------------------------------


class ScriptIndexView(generic.IndexView):
    """Each row leads to its audio page; the columns are read with the rows (pinned in tests)."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("source_page")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.add_url:  # those who may write a script may make one from an article
            buttons.append(
                HeaderButton(_("Tạo từ tin bài"), url=reverse("cchc_broadcasts_sources"), icon_name="doc-full")
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.insert(
            0, ListingButton(_("Âm thanh, bản ghi âm"), script_page_url(instance), icon_name="media", priority=1)
        )
        return buttons


class ScriptFormViewMixin:
    """The form shows the spoken text beside the body, with a button that reads the body again."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["respeak_url"] = reverse("cchc_broadcasts_respeak")
        return context


class ScriptCreateView(ScriptFormViewMixin, CommuneCreateView):
    template_name = "broadcasts/admin/scripts/form.html"

    def get_success_url(self):
        return script_page_url(self.object)  # next step: make the audio or upload a recording


class ScriptEditView(ScriptFormViewMixin, CommuneEditView):
    template_name = "broadcasts/admin/scripts/form.html"

    def get_success_url(self):
        return script_page_url(self.object)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(Button(_("Âm thanh, bản ghi âm"), url=script_page_url(self.object), icon_name="media"))
        return buttons


class ScriptViewSet(CommuneOwnedViewSet):
    """Bài phát thanh: the text, what the machine reads, and (on its own page) the audio."""

    model = Script
    icon = "media"
    menu_label = _("Bài phát thanh")
    add_to_admin_menu = False
    index_view_class = ScriptIndexView
    add_view_class = ScriptCreateView
    edit_view_class = ScriptEditView
    list_display = ["title", "audio_status", "source_page", DateColumn("created_at", label=_("Ngày tạo"))]
    list_filter = ["audio_status", "is_public"]
    search_fields = ["title", "body"]
    ordering = ["-created_at"]
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("body"), FieldPanel("spoken_text")]),
        FieldRowPanel([FieldPanel("engine"), FieldPanel("is_public")]),
    ]


class SpeechTermViewSet(CommuneOwnedViewSet):
    """Từ điển đọc: how the commune's abbreviations and names are read aloud."""

    model = SpeechTerm
    icon = "openquote"
    menu_label = _("Từ điển đọc")
    add_to_admin_menu = False
    list_display = ["written", "spoken"]
    search_fields = ["written", "spoken"]
    ordering = ["written"]
    panels = [FieldPanel("written"), FieldPanel("spoken")]


script_viewset = ScriptViewSet("bai-phat-thanh")
speech_term_viewset = SpeechTermViewSet("tu-dien-doc")


class RadioGroup(CommuneViewSetGroup):
    """The one «Truyền thanh» menu: write, schedule, the speakers, what listeners said, how to read words;
    the coverage report joins through ``RADIO_MENU_HOOK`` (it is a plain view, not a viewset)."""

    menu_label = _("Truyền thanh")
    menu_icon = "media"
    menu_order = 140
    submenu_hook = RADIO_MENU_HOOK

    def __init__(self):
        from .admin_listeners import listener_feedback_viewset
        from .admin_schedule import SCHEDULE_VIEWSETS

        self.items = (script_viewset, *SCHEDULE_VIEWSETS, listener_feedback_viewset, speech_term_viewset)
        super().__init__()


@hooks.register("register_admin_viewset")
def register_radio_group():
    return RadioGroup()


@hooks.register("register_actions")
def register_script_actions(registry):
    for model, model_actions in actions.SCRIPT_ACTIONS.items():
        for action in model_actions:
            registry.register(model, action)


@hooks.register("register_log_actions")
def register_script_log_actions(log_actions):
    from_page = _("Tạo bài phát thanh từ tin bài")
    log_actions.register_action(actions.LOG_FROM_PAGE, from_page, from_page)
    log_actions.register_action(actions.LOG_RENDER, _("Yêu cầu tạo âm thanh"), _("Yêu cầu tạo âm thanh bài phát thanh"))
    log_actions.register_action(actions.LOG_RECORDING_ATTACH, _("Tải bản ghi âm"), _("Tải lên bản ghi âm"))
    log_actions.register_action(actions.LOG_RECORDING_REMOVE, _("Xóa bản ghi âm"), _("Xóa bản ghi âm"))

    @log_actions.register_action(LOG_AUDIO)
    class AudioMade(LogFormatter):
        label = _("Tạo âm thanh (máy đọc)")

        def format_message(self, log_entry):
            if (log_entry.data or {}).get("audio_status") == AudioStatus.FAILED:
                return _("Không tạo được âm thanh: %(error)s") % {"error": log_entry.data.get("error", "")}
            return _("Đã tạo âm thanh bằng giọng máy")


# --- the script's page: audio, recording --------------------------------------------------------------------


def script_of(request, script_id: int) -> Script:
    """The script of the official's commune (another commune's is a 404), for an official who may read it."""
    if request.commune is None or not request.user.has_perm("broadcasts.view_script"):
        raise Http404
    return get_object_or_404(Script.objects.select_related("source_page"), pk=script_id, commune=request.commune)


def audio_current(script: Script) -> bool:
    if not script.audio:
        return False
    from .rendering import audio_is_current

    return audio_is_current(script)


def script_page(request, script_id: int):
    """A script's audio: its status (refreshing itself while the worker makes it), players, recording."""
    script = script_of(request, script_id)
    may_edit = bool(roles_in(request.user, request.commune) & (actions.SCRIPT_EDITORS | {"platform_admin"}))
    context = {
        "script": script,
        "pending": script.audio_status == AudioStatus.PENDING,
        "refresh_seconds": PENDING_REFRESH_SECONDS,
        "audio_current": audio_current(script),
        "may_edit": may_edit,
        "recording_accept": RECORDING_ACCEPT,
        "edit_url": reverse("bai-phat-thanh:edit", args=[script.pk]),
        "index_url": reverse("bai-phat-thanh:index"),
        # The next step once the audio is right: schedule it, the form opening on this script.
        "schedule_url": f"{reverse('lich-phat:add')}?bai={script.pk}"
        if request.user.has_perm("broadcasts.add_broadcast")
        else "",
    }
    return TemplateResponse(request, "broadcasts/admin/scripts/script.html", context)


def _run(request, action, success: str) -> None:
    try:
        action.execute()
    except PermissionDenied as refusal:
        messages.error(request, str(refusal) or gettext("Bạn không có quyền làm việc này."))
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    else:
        messages.success(request, success)


@require_POST
def request_render(request, script_id: int):
    script = script_of(request, script_id)
    action = actions.RequestRender(script, commune=request.commune, user=request.user)
    _run(request, action, gettext("Đã gửi yêu cầu tạo âm thanh. Trang sẽ tự cập nhật khi xong."))
    return redirect(script_page_url(script))


@require_POST
def attach_recording(request, script_id: int):
    script = script_of(request, script_id)
    uploaded = request.FILES.get("ban_ghi_am")
    if uploaded is None:
        messages.error(request, gettext("Hãy chọn tệp ghi âm để tải lên."))
        return redirect(script_page_url(script))
    action = actions.AttachRecording(script, uploaded, commune=request.commune, user=request.user)
    _run(request, action, gettext("Đã lưu bản ghi âm: bản ghi âm sẽ được phát thay giọng máy."))
    return redirect(script_page_url(script))


def remove_recording(request, script_id: int):
    """GET asks to confirm; POST removes the recording."""
    script = script_of(request, script_id)
    if not script.recording:
        raise Http404
    if request.method == "POST":
        action = actions.RemoveRecording(script, commune=request.commune, user=request.user)
        _run(request, action, gettext("Đã xóa bản ghi âm: giọng máy sẽ được phát."))
        return redirect(script_page_url(script))
    return TemplateResponse(
        request,
        "broadcasts/admin/scripts/remove_recording.html",
        {"script": script, "back_url": script_page_url(script)},
    )


def script_file(request, script_id: int, kind: str):
    """The rendered audio or the recording, from private storage, to officials of the commune only."""
    script = script_of(request, script_id)
    stored = {"am-thanh": script.audio, "ghi-am": script.recording}.get(kind)
    if not stored:
        raise Http404
    suffix = Path(stored.name).suffix.lower()
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type=AUDIO_TYPES.get(suffix, "application/octet-stream"))
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
def respeak(request):
    """The machine's reading of the body sent (not saved): the form shows it in the spoken text."""
    if request.commune is None:
        raise Http404
    try:
        actions.require_editor(request.user, request.commune)
    except PermissionDenied as refusal:
        return JsonResponse({"error": str(refusal)}, status=403)
    body = request.POST.get("body", "")[: Script._meta.get_field("body").max_length]
    return JsonResponse({"spoken": text.spoken_of(body, commune=request.commune)})


# --- one click from a published article or bulletin ---------------------------------------------------------


def from_page(request, page_id: int):
    """POST makes the script (``ScriptFromPage``) and opens it; GET (without JavaScript) asks to confirm."""
    if request.commune is None:
        raise Http404
    page = get_object_or_404(Page, pk=page_id)
    if not text.page_belongs_to(page, request.commune):
        raise Http404
    if request.method != "POST":
        return TemplateResponse(
            request,
            "broadcasts/admin/scripts/from_page.html",
            {"source": page.specific, "back_url": reverse("cchc_broadcasts_sources")},
        )
    try:
        script = actions.ScriptFromPage(page, commune=request.commune, user=request.user).execute()
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect("cchc_broadcasts_sources")
    messages.success(
        request,
        gettext("Đã tạo bài phát thanh từ %(source)s. Kiểm tra lời đọc rồi bấm «Tạo âm thanh».")
        % {"source": text.source_label(page)},
    )
    return redirect("bai-phat-thanh:edit", script.pk)


def choose_source(request):
    """«Tạo từ tin bài»: the commune's published articles and bulletins, each a click from a script; those
    already made into one lead to it. Every script editor can reach it, whoever wrote the article."""
    if request.commune is None:
        raise Http404
    require_role(request.user, request.commune, actions.SCRIPT_EDITORS, str(actions.REFUSAL))
    pages = list(text.source_pages(request.commune))
    made = dict(
        Script.objects.filter(source_page__in=[p.pk for p in pages])
        .order_by("source_page_id", "created_at")  # the newest script of an article is the one kept
        .values_list("source_page_id", "pk")
    )
    rows = [
        {"page": page, "script_id": made.get(page.pk), "kind": page.specific_class._meta.verbose_name} for page in pages
    ]
    return TemplateResponse(request, "broadcasts/admin/scripts/sources.html", {"rows": rows})


def from_page_button(page, user):
    """«Tạo bài phát thanh» for a published article or bulletin, shown to the commune's script editors."""
    if not page.live or not text.is_script_source(page):
        return None
    from cchc.portal.news import commune_of_page

    commune = commune_of_page(page)
    if commune is None or not (user.is_superuser or roles_in(user, commune) & actions.SCRIPT_EDITORS):
        return None
    url = reverse("cchc_broadcasts_from_page", args=[page.pk])
    return Button(
        _("Tạo bài phát thanh"),
        url=url,
        icon_name="media",
        priority=40,
        # Wagtail's action controller POSTs to the URL with the CSRF token; without JavaScript the
        # link opens a page that asks to confirm.
        attrs={"data-controller": "w-action", "data-action": "w-action#post", "data-w-action-url-value": url},
    )


@hooks.register("register_page_header_buttons")
def script_from_page_header_button(page, user, view_name=None, next_url=None):
    button = from_page_button(page, user)
    if button is not None:
        yield button


@hooks.register("register_admin_urls")
def register_script_urls():
    return [
        path("bai-phat-thanh/<int:script_id>/am-thanh/", script_page, name="cchc_broadcasts_script"),
        path("bai-phat-thanh/<int:script_id>/tao-am-thanh/", request_render, name="cchc_broadcasts_render"),
        path("bai-phat-thanh/<int:script_id>/ghi-am/", attach_recording, name="cchc_broadcasts_recording"),
        path("bai-phat-thanh/<int:script_id>/ghi-am/xoa/", remove_recording, name="cchc_broadcasts_recording_remove"),
        path("bai-phat-thanh/<int:script_id>/tep/<str:kind>/", script_file, name="cchc_broadcasts_file"),
        path("bai-phat-thanh/loi-doc/", respeak, name="cchc_broadcasts_respeak"),
        path("bai-phat-thanh/tu-trang/<int:page_id>/", from_page, name="cchc_broadcasts_from_page"),
        path("bai-phat-thanh/tu-tin-bai/", choose_source, name="cchc_broadcasts_sources"),
    ]
