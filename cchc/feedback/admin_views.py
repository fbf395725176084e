"""The officials' side: the messages received, and typing in one taken at the desk or on the phone.

Typing in goes through ``receiving.ReceiveFeedback`` with the official as its user and the channel
the message came by, so it gets a tracking code the official reads back to the citizen, exactly as
the public form's. The list reads one page of 50 in a fixed number of queries.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.communes.actions import require_permission
from cchc.communes.models import Village
from cchc.communes.scoping import commune_scope

from .models import Channel, Feedback, Kind, Subject
from .public_views import FIELDS, new_form_key, read_form_key
from .receiving import MAX_BODY, MAX_TITLE, ReceiveFeedback, clean_message

PER_PAGE = 50
DESK_CHANNELS = [(Channel.IN_PERSON.value, Channel.IN_PERSON.label), (Channel.PHONE.value, Channel.PHONE.label)]


def _commune(request):
    if request.commune is None:
        raise Http404
    return request.commune


def received(request):
    commune = _commune(request)
    require_permission(request.user, "feedback.view_feedback")
    with commune_scope(commune):
        rows = (
            Feedback.objects.filter(commune=commune)
            .select_related("village")
            .only("code", "kind", "subject", "title", "channel", "status", "received_at", "village__name")
        )
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
        items = list(page.object_list)
    return TemplateResponse(request, "feedback/admin/received.html", {
        "page": page, "items": items, "can_add": request.user.has_perm("feedback.add_feedback"),
    })  # fmt: skip


def enter(request):
    """A message received in person or by phone, typed in on the citizen's behalf."""
    commune = _commune(request)
    require_permission(request.user, "feedback.add_feedback")
    values = {"kind": Kind.QUESTION, "subject": Subject.PROCEDURE, "channel": Channel.IN_PERSON}
    errors: dict[str, str] = {}
    key = new_form_key(commune)
    if request.method == "POST":
        values = {name: request.POST.get(name, "")[: MAX_BODY + 10] for name in (*FIELDS, "channel")}
        signed = request.POST.get("key", "")
        nonce = read_form_key(signed, commune)
        if nonce is None:
            errors["form"] = _("Mẫu nhập đã cũ. Nội dung vẫn còn dưới đây, hãy bấm Ghi nhận lại.")
        elif values["channel"] not in dict(DESK_CHANNELS):
            errors["channel"] = _("Hãy chọn người dân gửi trực tiếp hay qua điện thoại.")
        else:
            key = signed
            try:
                message = clean_message(commune=commune, data=values)
                action = ReceiveFeedback(commune=commune, message=message, key=f"quay-{nonce}",
                                         channel=values["channel"], user=request.user)  # fmt: skip
                stored = action.execute()
            except ValidationError as error:
                errors.update({field: " ".join(texts) for field, texts in error.message_dict.items()})
            except PermissionDenied as denied:
                errors["form"] = str(denied)
            else:
                done = _("Đã ghi nhận. Mã theo dõi: %(code)s — hãy đọc hoặc ghi mã này cho người dân.")
                messages.success(request, done % {"code": stored.code})
                return HttpResponseRedirect(reverse("cchc_feedback_received"))
    with commune_scope(commune):
        villages = list(Village.objects.filter(commune=commune).order_by("name").values_list("pk", "name"))
    return TemplateResponse(request, "feedback/admin/enter.html", {
        "values": values, "errors": errors, "key": key, "kinds": Kind.choices, "subjects": Subject.choices,
        "channels": DESK_CHANNELS, "villages": villages, "max_title": MAX_TITLE, "max_body": MAX_BODY,
    }, status=400 if errors else 200)  # fmt: skip
