"""The citizen's side of ``/phan-anh-kien-nghi/``: send a message, read its receipt, follow it by code.

No account and no JavaScript. Each form load carries a fresh signed key, so a double tap or a resend
after a lost connection gets the first receipt back and stores nothing more. Limits per client
address (``cchc.core.throttle``) are loose enough for a shared village phone: sending, 20 messages an
hour; looking up codes that do not exist, 30 an hour. The tracking code is the only key to a message:
8 characters of an alphabet without look-alikes (31⁸ codes), read out as two groups of four.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cchc.communes.models import Village
from cchc.communes.requests import site_commune
from cchc.communes.scoping import commune_scope
from cchc.core.throttle import client_network, take_slot

from .models import Kind, Status, Subject
from .receiving import MAX_BODY, MAX_PHOTO_BYTES, MAX_TITLE, ReceiveFeedback, attach_photo, clean_message, find

KEY_SALT = "cchc.feedback.form-key"
KEY_DAYS = 7  # a page left open longer asks to be sent again (what was written is kept)
# A request larger than a photo and the text can be is refused before Django reads it to disk.
MAX_REQUEST_BYTES = MAX_PHOTO_BYTES + 64 * 1024
FIELDS = ("kind", "subject", "about", "title", "body", "village", "sender_name", "contact_phone", "consent")


def sends_per_hour() -> int:
    return int(getattr(settings, "FEEDBACK_PER_HOUR_PER_IP", 20))


def lookups_per_hour() -> int:
    return int(getattr(settings, "FEEDBACK_LOOKUPS_PER_HOUR_PER_IP", 30))


def new_form_key(commune) -> str:
    return signing.dumps([commune.pk, secrets.token_urlsafe(16)], salt=KEY_SALT, compress=False)


def read_form_key(signed: str, commune) -> str | None:
    try:
        commune_id, nonce = signing.loads((signed or "")[:200], salt=KEY_SALT, max_age=KEY_DAYS * 86400)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if commune_id != commune.pk or not isinstance(nonce, str) or not nonce:
        return None
    return nonce[:40]


def _form(request, commune, *, values=None, errors=None, status=200, key=None):
    with commune_scope(commune):
        villages = list(Village.objects.filter(commune=commune).order_by("name").values_list("pk", "name"))
    return TemplateResponse(request, "feedback/public/form.html", {
        "commune": commune, "values": values or {"kind": Kind.QUESTION, "subject": Subject.PROCEDURE},
        "errors": errors or {}, "key": key or new_form_key(commune), "kinds": Kind.choices,
        "subjects": Subject.choices, "villages": villages, "max_title": MAX_TITLE, "max_body": MAX_BODY,
        "max_photo_mb": MAX_PHOTO_BYTES // 1024 // 1024,
    }, status=status)  # fmt: skip


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def send(request):
    commune = site_commune(request)
    if request.method != "POST":
        return _form(request, commune)
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
        return TemplateResponse(request, "feedback/public/too_large.html", {
            "commune": commune, "max_photo_mb": MAX_PHOTO_BYTES // 1024 // 1024}, status=413)  # fmt: skip
    nonce = read_form_key(request.POST.get("key", ""), commune)
    key = f"web-{nonce}" if nonce else None
    values = {name: request.POST.get(name, "")[: MAX_BODY + 10] for name in FIELDS}
    if key is None:
        stale = _("Trang gửi đã quá hạn. Nội dung bạn viết vẫn còn dưới đây, mời bấm Gửi lại.")
        return _form(request, commune, values=values, status=400, errors={"form": stale})
    action = None
    try:
        message = clean_message(commune=commune, data=values)
    except ValidationError as error:
        return _form(request, commune, values=values, key=request.POST["key"], status=400,
                     errors={field: " ".join(texts) for field, texts in error.message_dict.items()})  # fmt: skip
    action = ReceiveFeedback(commune=commune, message=message, key=key)
    first = action.existing()
    if first is None:
        slot = take_slot(f"feedback:{commune.pk}:{client_network(request)}", sends_per_hour())
        if not slot.allowed:
            slot.release()
            limited = _("Máy này đã gửi rất nhiều trong một giờ qua. Nội dung bạn viết vẫn còn dưới đây: mời bạn "
                        "gửi lại sau khoảng một giờ, hoặc gọi điện, đến bộ phận một cửa của xã.")  # fmt: skip
            return _form(request, commune, values=values, key=request.POST["key"], status=429,
                         errors={"form": limited})  # fmt: skip
    try:
        stored = action.execute()
    except PermissionDenied:
        return _form(request, commune, values=values, status=400,
                     errors={"form": _("Chưa ghi được, mời bạn bấm Gửi lại.")})  # fmt: skip
    if first is None and stored.already_recorded:
        slot.release()
    upload = request.FILES.get("photo")
    # The photo goes with the request that stored the message: a second tap carries the same photo, and the
    # request that stored the message had all of it (it came in the same body).
    if upload is not None and upload.size and not stored.already_recorded:
        attach_photo(commune=commune, feedback=stored, upload=upload)
    return HttpResponseRedirect(reverse("feedback:track", args=[stored.code]))


@never_cache
@require_safe
def look_up(request):
    """The code typed in a box (GET ``?ma=``): its page, or the form again with the reason."""
    commune = site_commune(request)
    raw = request.GET.get("ma", "")[:40]
    found = None
    if raw.strip():
        slot = take_slot(f"feedback-lookup:{commune.pk}:{client_network(request)}", lookups_per_hour())
        if not slot.allowed:
            return TemplateResponse(request, "feedback/public/limited.html", {"commune": commune}, status=429)
        found = find(commune, raw)
        if found is not None:
            slot.release()  # only codes that do not exist count against the limit
            return HttpResponseRedirect(reverse("feedback:track", args=[found.code]))
    return TemplateResponse(request, "feedback/public/look_up.html", {
        "commune": commune, "code": raw, "missing": bool(raw.strip()),
    }, status=404 if raw.strip() else 200)  # fmt: skip


@never_cache
@require_safe
def track(request, code: str):
    commune = site_commune(request)
    feedback = find(commune, code)
    if feedback is None:  # a wrong code typed in the address counts as a guess too
        slot = take_slot(f"feedback-lookup:{commune.pk}:{client_network(request)}", lookups_per_hour())
        if not slot.allowed:
            return TemplateResponse(request, "feedback/public/limited.html", {"commune": commune}, status=429)
        raise Http404(_("Không có phản ánh nào mang mã này"))
    with commune_scope(commune):
        photos = list(feedback.photos.all())
    last = Status.DECLINED if feedback.status == Status.DECLINED else Status.ANSWERED
    shown = (Status.RECEIVED, Status.IN_PROGRESS, last)
    steps = [(value, Status(value).label, value == feedback.public_status) for value in shown]
    return TemplateResponse(request, "feedback/public/track.html", {
        "commune": commune, "feedback": feedback, "photos": photos, "steps": steps,
    })  # fmt: skip


QA_PER_PAGE = 20


@require_safe
def answers(request):
    """The public Q&A: answers the commune published, the newest first, or those matching ``?q=`` (with or
    without tones)."""
    from django.core.paginator import Paginator

    from .public_answers import MAX_QUERY, published_answers, search_answers

    commune = site_commune(request)
    query = " ".join(request.GET.get("q", "")[:MAX_QUERY].split())
    if query:
        rows = search_answers(query, commune=commune, limit=QA_PER_PAGE)
        page = None
    else:
        page = Paginator(published_answers(commune=commune).order_by("-published_at", "-pk"), QA_PER_PAGE).get_page(
            request.GET.get("p")
        )
        rows = list(page.object_list)
    return TemplateResponse(request, "feedback/public/answers.html", {
        "commune": commune, "rows": rows, "query": query, "page": page,
    })  # fmt: skip


@require_safe
def answer(request, pk: int):
    from .public_answers import published_answers

    commune = site_commune(request)
    item = published_answers(commune=commune).filter(pk=pk).first()
    if item is None:
        raise Http404(_("Không có câu hỏi, trả lời công khai nào ở địa chỉ này"))
    procedure = None
    if item.procedure_code:
        from cchc.procedures.publishing import published_with_code

        published = published_with_code(item.procedure_code, commune=commune)
        procedure = published.procedure if published else None
    return TemplateResponse(request, "feedback/public/answer.html", {
        "commune": commune, "item": item, "procedure": procedure,
    })  # fmt: skip
