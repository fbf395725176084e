"""The villagers' radio pages on the commune's site: the archive (Nghe lại), one broadcast with its
feedback form, the receipt, and the audio itself (the feed: ``feeds.py``).

Pages are plain server-rendered HTML that work with JavaScript off on a 360 px phone; players are
``<audio preload="none">`` so that a list of broadcasts costs nothing until one is played. The audio
lives in private storage, so it is served here, only for scripts the archive shows (``archive.py``),
with a single-range answer to ``Range`` (Django's ``FileResponse`` has none; iPhones and podcast
apps ask for ranges before they play). The feedback form follows the survey form: a signed
idempotency key per form load, POST/redirect/GET to a receipt, a per-client hourly limit.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cchc.communes.requests import site_commune
from cchc.core import throttle

from . import archive
from .actions.listeners import MAX_MESSAGE, MAX_NAME, RecordListenerFeedback, clean_feedback, existing
from .models import ListenerFeedback

PAGE_SIZE = 10
PAGE_PARAM = "trang"
KEY_SALT = "cchc.broadcasts.feedback-key"
RECEIPT_SALT = "cchc.broadcasts.feedback-receipt"
AUDIO_MAX_AGE = 24 * 3600  # an aired file does not change; a new recording gets a new name
CHUNK = 64 * 1024


def feedback_per_hour() -> int:
    """New feedback per client address an hour: a family sharing a phone is fine, a script is not."""
    return int(getattr(settings, "RADIO_FEEDBACK_PER_HOUR_PER_IP", 20))


def _script(commune, script_id: int):
    script = archive.archived_script(commune, script_id)
    if script is None:
        raise Http404(_("Không có bài phát thanh này"))
    return script


def audio_url(script) -> str:
    return reverse("broadcasts:audio", args=[script.pk, archive.audio_extension(script)])


def _decorate(script):
    """What a listing or a page shows of one script besides its fields."""
    script.audio_url = audio_url(script)
    script.audio_type = archive.audio_type(script)
    script.duration_label = archive.duration_label(script.on_air_duration)
    return script


def _render(request, template: str, context: dict, status: int = 200) -> TemplateResponse:
    context = {"feed_url": reverse("broadcasts:podcast"), **context}
    response = TemplateResponse(request, template, context, status=status)
    # Feed readers find the podcast from the page's header too (RFC 8288), whatever the base template's head holds.
    response["Link"] = f'<{context["feed_url"]}>; rel="alternate"; type="application/rss+xml"'
    return response


# The archive ---------------------------------------------------------------------------------------


@require_safe
def index(request):
    """Nghe lại: the commune's broadcasts, newest first, ten a page (``?trang=``)."""
    commune = site_commune(request)
    page = Paginator(archive.archived_scripts(commune), PAGE_SIZE).get_page(request.GET.get(PAGE_PARAM))
    for script in page.object_list:
        _decorate(script)
    return _render(request, "broadcasts/public/index.html", {"commune": commune, "page_obj": page})


# One broadcast and its feedback form ---------------------------------------------------------------


class FeedbackForm(forms.Form):
    """What the villager types; the rule and its messages are ``clean_feedback``'s."""

    message = forms.CharField(
        label=gettext_lazy("Ý kiến của bạn về bài phát thanh này"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_MESSAGE}),
        required=False,  # the rule says it is required, in its own words
    )
    name = forms.CharField(
        label=gettext_lazy("Họ và tên (không bắt buộc)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": MAX_NAME}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Số điện thoại (không bắt buộc)"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel", "maxlength": 20}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("Tôi đồng ý để xã lưu họ tên, số điện thoại này để liên hệ trả lời ý kiến."),
        required=False,
    )

    def clean(self):
        data = super().clean()
        try:
            self.feedback = clean_feedback(
                message=data.get("message", ""),
                name=data.get("name", ""),
                phone=data.get("phone", ""),
                consent=bool(data.get("consent")),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return data


def new_form_key(script) -> str:
    """A fresh signed key for one form load: the script and 128 random bits."""
    return signing.dumps([script.pk, secrets.token_urlsafe(16)], salt=KEY_SALT, compress=False)


def read_form_key(signed: str, script) -> str | None:
    """The stored key of a signed key issued for this script; None when forged or for another script."""
    try:
        script_id, nonce = signing.loads((signed or "")[:300], salt=KEY_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if script_id != script.pk or not isinstance(nonce, str) or not nonce:
        return None
    return f"web-{nonce}"


def receipt_url(script, feedback: ListenerFeedback) -> str:
    return reverse("broadcasts:receipt", args=[script.pk, signing.dumps(feedback.pk, salt=RECEIPT_SALT)])


def _detail(request, commune, script, *, form=None, errors=(), status=200):
    context = {
        "commune": commune,
        "script": _decorate(script),
        "form": form or FeedbackForm(),
        "form_key": new_form_key(script),
        "errors": list(errors),
    }
    return _render(request, "broadcasts/public/detail.html", context, status=status)


def _take_slot(request, commune):
    # The survey form's counter, under the radio's own name and limit.
    return throttle.take_slot(f"radio:{commune.pk}:{throttle.client_network(request)}", feedback_per_hour())


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, script_id: int):
    """One broadcast: its text, its player, and the feedback form (which posts here)."""
    commune = site_commune(request)
    script = _script(commune, script_id)
    if request.method != "POST":
        return _detail(request, commune, script)

    key = read_form_key(request.POST.get("key", ""), script)
    form = FeedbackForm(request.POST)
    if key is None:
        errors = [_("Mẫu gửi ý kiến không hợp lệ hoặc đã cũ. Mời bạn bấm Gửi ý kiến lần nữa.")]
        form.is_valid()
        return _detail(request, commune, script, form=form, errors=errors, status=400)
    first = existing(commune, key)
    if first is not None:  # a double tap or a retry after a lost connection
        return HttpResponseRedirect(receipt_url(script, first))
    if not form.is_valid():
        return _detail(request, commune, script, form=form, status=400)
    slot = _take_slot(request, commune)
    if not slot.allowed:
        slot.release()
        return _render(request, "broadcasts/public/limited.html", {"commune": commune, "script": script}, status=429)
    data = form.cleaned_data
    try:
        feedback = RecordListenerFeedback(
            commune=commune,
            script=script,
            idempotency_key=key,
            message=data["message"],
            name=data["name"],
            phone=data["phone"],
            consent=data["consent"],
        ).execute()
    except (ValidationError, PermissionDenied):
        slot.release()
        errors = [_("Chưa ghi được ý kiến, mời bạn thử lại.")]
        return _detail(request, commune, script, form=form, errors=errors, status=400)
    if feedback.already_recorded:
        slot.release()
    return HttpResponseRedirect(receipt_url(script, feedback))


@never_cache
@require_safe
def receipt(request, script_id: int, ticket: str):
    """Mã tiếp nhận: the code only, never what the villager wrote or who they are."""
    commune = site_commune(request)
    script = _script(commune, script_id)
    try:
        pk = signing.loads(ticket, salt=RECEIPT_SALT)
    except signing.BadSignature:
        raise Http404(_("Không có ý kiến này")) from None
    feedback = ListenerFeedback.objects.filter(commune=commune, script=script, pk=pk).only("code", "consent").first()
    if feedback is None:
        raise Http404(_("Không có ý kiến này"))
    context = {"commune": commune, "script": script, "feedback": feedback}
    return _render(request, "broadcasts/public/receipt.html", context)


# The audio -----------------------------------------------------------------------------------------

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def byte_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """The one range ``header`` asks for, as inclusive ``(first, last)``; None to send the whole file
    (no header, several ranges, or a syntax we do not read, which RFC 9110 lets a server ignore);
    False when the range lies outside the file (416)."""
    match = RANGE.match((header or "").strip().replace(" ", ""))
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # invalid: ignored, the whole file is sent
    if start >= size:
        return False
    return start, end


def _chunks(handle, length: int):
    try:
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()


@require_safe
def audio(request, script_id: int, extension: str):
    """The on-air file of an archived script (the recording when there is one), with ``Range``."""
    commune = site_commune(request)
    script = _script(commune, script_id)
    if extension != archive.audio_extension(script):
        return HttpResponseRedirect(audio_url(script))
    field = script.on_air
    storage, name = field.storage, field.name
    try:
        size = storage.size(name)
        modified = storage.get_modified_time(name)
    except OSError:
        raise Http404(_("Không có tệp âm thanh của bài này")) from None
    etag = '"' + hashlib.sha256(f"{name}:{size}:{modified.timestamp()}".encode()).hexdigest()[:32] + '"'
    last_modified = modified.timestamp()
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified

    wanted = byte_range(request.headers.get("Range", ""), size)
    if_range = request.headers.get("If-Range")
    if if_range and if_range != etag and if_range != http_date(last_modified):
        wanted = None  # the client's copy is of another file: it gets this one whole
    content_type = archive.audio_type(script)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        first, last = wanted
        handle = storage.open(name, "rb")
        handle.seek(first)
        response = StreamingHttpResponse(_chunks(handle, last - first + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    filename = f"truyen-thanh-{script.pk}.{extension}"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=AUDIO_MAX_AGE)
    return response
