"""The officials' side: the messages received, one message's screen where it is handled step by step,
typing in one taken at the desk, on the phone or at a dialogue conference, and the time limits.

Every write goes through an action (``receiving.ReceiveFeedback``, ``handling.*``,
``limits.SetTimeLimits``); the views read the form, call it, and show its Vietnamese reasons. The list
reads one page of 50 in a fixed number of queries. An official of a unit sees the messages given to
their unit; the office, the desk, the leaders and the overseer see them all.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.models import CommuneLogEntry
from cchc.communes.access import roles_in
from cchc.communes.actions import require_permission, units_of
from cchc.communes.models import Unit, Village
from cchc.communes.requests import working_commune
from cchc.communes.scoping import commune_scope
from cchc.core.storage import private_storage

from . import handling
from .limits import BASIS, DEFAULT_DAYS, MAX_DAYS, SetTimeLimits, clean_limits, lawful_due, limits_for
from .models import OPEN_STATUSES, Channel, Feedback, Kind, PhotoStatus, Status, Subject
from .public_answers import without_personal_data
from .public_views import FIELDS, new_form_key, read_form_key
from .receiving import MAX_BODY, MAX_TITLE, ReceiveFeedback, clean_message
from .sessions import dialogue_sessions

PER_PAGE = 50
DESK_CHANNELS = [(c.value, c.label) for c in (Channel.IN_PERSON, Channel.PHONE, Channel.SESSION)]
SOON = 3  # working days before the due date when the home page starts to remind
VIEWS = {
    "can-xu-ly": _("Cần xử lý"),
    "cua-don-vi": _("Giao cho đơn vị tôi"),
    "qua-han": _("Quá hạn"),
    "cho-duyet": _("Chờ duyệt"),
    "da-tra-loi": _("Đã trả lời"),
    "tat-ca": _("Tất cả"),
}


def number(raw) -> int | None:
    """A row id typed in a form or an address: ASCII digits only («²» is a digit to Python, not to ``int``)."""
    raw = str(raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None


def _reach(request, commune):
    """The messages this official may read, or 403 when they may read none (no role that reads them, no
    unit)."""
    user = request.user
    if not (user.is_superuser or user.has_perm("feedback.view_feedback") or units_of(user, commune)):
        require_permission(user, "feedback.view_feedback")
    return handling.in_reach(commune=commune, user=user)


def received(request):
    commune = working_commune(request)
    with commune_scope(commune):
        rows = _reach(request, commune)
        my_units = units_of(request.user, commune)
        views = {key: label for key, label in VIEWS.items() if key != "cua-don-vi" or my_units}
        shown = request.GET.get("xem", "can-xu-ly")
        if shown not in views:
            shown = "can-xu-ly"
        today = timezone.localdate()
        chosen = {
            "can-xu-ly": rows.filter(status__in=OPEN_STATUSES),
            "cua-don-vi": rows.filter(unit_id__in=my_units, status__in=OPEN_STATUSES),
            "qua-han": rows.filter(status__in=OPEN_STATUSES, due_date__lt=today),
            "cho-duyet": rows.filter(status=Status.AWAITING_APPROVAL),
            "da-tra-loi": rows.filter(status__in=(Status.ANSWERED, Status.DECLINED)),
            "tat-ca": rows,
        }[shown]
        chosen = chosen.select_related("village", "unit").only(
            "code",
            "kind",
            "subject",
            "title",
            "channel",
            "status",
            "received_at",
            "due_date",
            "published_at",
            "village__name",
            "unit__name",
        )
        if shown in ("can-xu-ly", "cua-don-vi"):
            # Waiting to be triaged first (the oldest first), then the nearest due date.
            chosen = chosen.order_by(F("due_date").asc(nulls_first=True), "received_at", "pk")
        page = Paginator(chosen, PER_PAGE).get_page(request.GET.get("p"))
        items = list(page.object_list)
    for item in items:
        item.late = item.is_open and item.due_date is not None and item.due_date < today
    return TemplateResponse(request, "feedback/admin/received.html", {
        "page": page, "items": items, "can_add": request.user.has_perm("feedback.add_feedback"),
        "views": views.items(), "shown": shown,
        "reads_all": request.user.is_superuser or request.user.has_perm("feedback.view_feedback"),
    })  # fmt: skip


def _history(feedback: Feedback) -> list[CommuneLogEntry]:
    return list(CommuneLogEntry.objects.for_instance(feedback).select_related("user").order_by("timestamp", "id"))


STEPS = {
    "giao": "assign",
    "khong-xu-ly": "decline",
    "soan": "draft",
    "tra-lai": "send_back",
    "duyet": "approve",
    "cong-khai": "publish",
    "thoi-cong-khai": "unpublish",
}


def detail(request, pk: int):
    """One message: what was sent, who sent it (for those who handle it), its photo, its history, and the
    step the official can take now."""
    commune = working_commune(request)
    with commune_scope(commune):
        feedback = get_object_or_404(_reach(request, commune).select_related("village", "unit", "session"), pk=pk)
        errors: dict[str, str] = {}
        values: dict[str, str] = {}
        if request.method == "POST":
            step = STEPS.get(request.POST.get("step", ""))
            if step is None:
                raise Http404
            values = {name: request.POST.get(name, "")[:9000] for name in request.POST}
            try:
                _take_step(step, request, commune, feedback, values)
            except ValidationError as error:
                errors = {f: " ".join(t) for f, t in error.message_dict.items()} if hasattr(error, "error_dict") else {
                    "form": " ".join(error.messages)}  # fmt: skip
            except PermissionDenied as denied:
                errors = {"form": str(denied)}
            else:
                return HttpResponseRedirect(reverse("cchc_feedback_detail", args=[feedback.pk]))
            feedback.refresh_from_db()
        context = _detail_context(request, commune, feedback)
    context.update(errors=errors, values=values)
    return TemplateResponse(request, "feedback/admin/detail.html", context, status=400 if errors else 200)


def _take_step(step: str, request, commune, feedback: Feedback, values: dict) -> None:
    user = request.user
    common = {"commune": commune, "feedback": feedback, "user": user}
    if step == "assign":
        unit_id = number(values.get("unit"))
        unit = Unit.objects.filter(commune=commune, pk=unit_id).first() if unit_id else None
        due = None
        if values.get("due_date"):
            try:
                due = dt.date.fromisoformat(values["due_date"])
            except ValueError:
                raise ValidationError({"due_date": _("Ngày chưa đúng, hãy chọn lại.")}) from None
        given = handling.AssignFeedback(unit=unit, due_date=due, **common).execute()
        done = _("Đã giao cho %(unit)s, hạn trả lời %(day)s.") % {
            "unit": unit.name,
            "day": f"{given.due_date:%d/%m/%Y}",
        }
    elif step == "decline":
        handling.DeclineFeedback(reason=values.get("reason", ""), **common).execute()
        done = _("Đã ghi không xử lý; người gửi đọc được lý do bằng mã theo dõi.")
    elif step == "draft":
        handling.DraftAnswer(text=values.get("answer", ""), **common).execute()
        done = _("Đã gửi bản trả lời để lãnh đạo duyệt.")
    elif step == "send_back":
        handling.ReturnDraft(note=values.get("note", ""), **common).execute()
        done = _("Đã trả lại bản trả lời cho đơn vị.")
    elif step == "approve":
        handling.ApproveAnswer(text=values.get("answer") or None, **common).execute()
        done = _("Đã duyệt. Người gửi đọc được câu trả lời bằng mã theo dõi.")
    elif step == "publish":
        handling.PublishAnswer(title=values.get("public_title", ""), question=values.get("question", ""),
                               answer=values.get("public_answer", ""), procedure_code=values.get("procedure_code", ""),
                               **common).execute()  # fmt: skip
        done = _("Đã công khai trong mục Hỏi đáp.")
    else:
        handling.UnpublishAnswer(**common).execute()
        done = _("Đã thôi công khai.")
    messages.success(request, done)


def _detail_context(request, commune, feedback: Feedback) -> dict:
    user = request.user
    roles = roles_in(user, commune)
    handler = handling.is_handler(user, commune)
    leader = user.is_superuser or "chairman" in roles
    drafter = user.is_superuser or handling.may_draft(user, commune, feedback)
    status = feedback.status
    triage_open = status in (Status.RECEIVED, Status.IN_PROGRESS)
    wrote_it = status == Status.AWAITING_APPROVAL and feedback.drafted_by_id == user.pk
    context = {
        "feedback": feedback,
        "photos": list(feedback.photos.all()),
        "history": _history(feedback),
        # The sender agreed to be contacted by those who answer: the office, the leaders, the unit it was given to.
        "show_contact": handler or drafter,
        "can_assign": handler and triage_open,
        "can_decline": handler and triage_open,
        "can_draft": drafter and (status == Status.IN_PROGRESS or wrote_it),
        "can_approve": leader and status == Status.AWAITING_APPROVAL and not wrote_it,
        "wrote_it": wrote_it,
        "leader": leader,
        "can_publish": handler and status == Status.ANSWERED,
        "late": feedback.is_open and feedback.due_date is not None and feedback.due_date < timezone.localdate(),
    }
    if context["can_assign"]:
        context["units"] = list(Unit.objects.filter(commune=commune).order_by("name").values_list("pk", "name"))
        context["lawful_due"] = lawful_due(feedback, commune=commune)
        context["today"] = timezone.localdate()
    if context["can_publish"]:
        from cchc.core.text import fold_vietnamese
        from cchc.procedures.publishing import published

        rows = published(commune=commune)
        context["procedures"] = [(row.code, row.procedure.name) for row in rows]
        about = fold_vietnamese(feedback.about).strip()
        named = [row.code for row in rows if about and fold_vietnamese(row.procedure.name) == about]
        context["chosen_procedure"] = feedback.procedure_code or (named[0] if named else "")
        hide = without_personal_data
        context["suggested_title"] = feedback.public_title or hide(feedback.title, feedback=feedback)
        context["suggested_question"] = feedback.public_question or hide(feedback.body, feedback=feedback)
        context["suggested_answer"] = feedback.public_answer or hide(feedback.answer, feedback=feedback)
    return context


def photo(request, pk: int, photo_pk: int):
    """A message's photo, cleaned of its metadata, for those who may read the message: never public."""
    commune = working_commune(request)
    with commune_scope(commune):
        feedback = get_object_or_404(_reach(request, commune), pk=pk)
        shown = get_object_or_404(feedback.photos.filter(status=PhotoStatus.READY), pk=photo_pk)
    try:
        stream = private_storage.open(shown.name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(stream, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def time_limits(request):
    """The commune's time limits per kind, in working days: read by all who handle messages, set by the office
    and the chairman."""
    commune = working_commune(request)
    require_permission(request.user, "feedback.view_feedback")
    errors: dict[str, str] = {}
    current = limits_for(commune=commune)
    values = {kind: str(days) for kind, days in current.items()}
    if request.method == "POST":
        values = {kind: request.POST.get(kind, "")[:5] for kind in Kind.values}
        try:
            SetTimeLimits(commune=commune, days=clean_limits(values), user=request.user).execute()
        except ValidationError as error:
            errors = {f: " ".join(t) for f, t in error.message_dict.items()}
        except PermissionDenied as denied:
            errors = {"form": str(denied)}
        else:
            messages.success(request, _("Đã lưu thời hạn trả lời. Phản ánh đã giao giữ hạn cũ."))
            return HttpResponseRedirect(reverse("cchc_feedback_limits"))
    rows = [{"kind": kind, "label": label, "value": values.get(kind, ""), "default": DEFAULT_DAYS[kind],
             "max": MAX_DAYS[kind], "basis": BASIS[kind], "error": errors.get(kind, "")}
            for kind, label in Kind.choices]  # fmt: skip
    can_set = request.user.is_superuser or bool(roles_in(request.user, commune) & {"office", "chairman"})
    return TemplateResponse(request, "feedback/admin/limits.html", {"rows": rows, "errors": errors, "can_set": can_set},
                            status=400 if errors else 200)  # fmt: skip


def enter(request):
    """A message received in person, by phone or at a dialogue conference, typed in on the citizen's behalf.
    ``?hoi-nghi=<id>`` opens the form for the questions of one conference."""
    commune = working_commune(request)
    require_permission(request.user, "feedback.add_feedback")
    values = {"kind": Kind.QUESTION, "subject": Subject.PROCEDURE, "channel": Channel.IN_PERSON}
    if number(request.GET.get("hoi-nghi")):
        values.update(channel=Channel.SESSION, session=request.GET["hoi-nghi"])
    errors: dict[str, str] = {}
    key = new_form_key(commune)
    if request.method == "POST":
        values = {name: request.POST.get(name, "")[: MAX_BODY + 10] for name in (*FIELDS, "channel", "session")}
        signed = request.POST.get("key", "")
        nonce = read_form_key(signed, commune)
        if nonce is None:
            errors["form"] = _("Mẫu nhập đã cũ. Nội dung vẫn còn dưới đây, hãy bấm Ghi nhận lại.")
        elif values["channel"] not in dict(DESK_CHANNELS):
            errors["channel"] = _("Hãy chọn người dân gửi trực tiếp, qua điện thoại hay tại hội nghị đối thoại.")
        elif values["channel"] == Channel.SESSION and not _session(commune, values.get("session")):
            errors["session"] = _("Hãy chọn hội nghị đối thoại nơi người dân nêu ý kiến.")
        else:
            key = signed
            try:
                message = clean_message(commune=commune, data=values)
                session = _session(commune, values.get("session")) if values["channel"] == Channel.SESSION else None
                action = ReceiveFeedback(commune=commune, message=message, key=f"quay-{nonce}",
                                         channel=values["channel"], session=session, user=request.user)  # fmt: skip
                stored = action.execute()
            except ValidationError as error:
                errors.update({field: " ".join(texts) for field, texts in error.message_dict.items()})
            except PermissionDenied as denied:
                errors["form"] = str(denied)
            else:
                done = _("Đã ghi nhận. Mã theo dõi: %(code)s — hãy đọc hoặc ghi mã này cho người dân.")
                messages.success(request, done % {"code": stored.code})
                if session is not None:  # the next question of the same conference
                    return HttpResponseRedirect(reverse("cchc_feedback_enter") + f"?hoi-nghi={session.pk}")
                return HttpResponseRedirect(reverse("cchc_feedback_received"))
    with commune_scope(commune):
        villages = list(Village.objects.filter(commune=commune).order_by("name").values_list("pk", "name"))
        sessions = [(a.pk, f"{a.held_on:%d/%m/%Y} — {a.title}") for a in dialogue_sessions(commune=commune)]
    return TemplateResponse(request, "feedback/admin/enter.html", {
        "values": values, "errors": errors, "key": key, "kinds": Kind.choices, "subjects": Subject.choices,
        "channels": DESK_CHANNELS, "villages": villages, "max_title": MAX_TITLE, "max_body": MAX_BODY,
        "sessions": sessions,
    }, status=400 if errors else 200)  # fmt: skip


def _session(commune, raw):
    pk = number(raw)
    if pk is None:
        return None
    with commune_scope(commune):
        return dialogue_sessions(commune=commune).filter(pk=pk).first()


def figures(request):
    """The year's figures, to read, print or download for the year-end report (``?nam=2026&tai=xlsx``)."""
    from django.http import HttpResponse

    from .figures import figures_xlsx, year_figures

    commune = working_commune(request)
    require_permission(request.user, "feedback.view_feedback")
    today = timezone.localdate()
    year = number(request.GET.get("nam")) or today.year
    if not 2000 <= year <= today.year + 1:
        year = today.year
    result = year_figures(commune=commune, year=year, today=today)
    if request.GET.get("tai") == "xlsx":
        response = HttpResponse(
            figures_xlsx(result, commune=commune),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="phan-anh-kien-nghi-{commune.code}-{year}.xlsx"'
        return response
    return TemplateResponse(request, "feedback/admin/figures.html", {
        "figures": result, "year": year, "years": range(today.year, today.year - 5, -1), "commune": commune,
    })  # fmt: skip
