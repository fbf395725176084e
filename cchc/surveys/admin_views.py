"""The officials' survey screens beyond the campaign list: paper entry, spreadsheet import, results, files.

Every view fetches the campaign through the scoped manager inside the request's commune scope
(another commune's campaign is a 404) and checks the role: the office and the leaders run campaigns
and enter forms (``actions.EDITORS``; ``record_response`` checks its own ``ENTERING_ROLES`` too), the
overseer reads results only.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from cchc.communes.actions import require_role
from cchc.procedures.models import ProcedureField

from . import results as figures
from .actions import EDITORS
from .exports import formula_text
from .models import Campaign, Channel, Response
from .paper_form import entry_sections, paper_form_pdf
from .responses import parse_value, record_response, value_error

COMMENTS_PER_PAGE = 20
CONTACTS_SHOWN = 50
READ_REFUSAL = _("Chỉ Văn phòng, lãnh đạo UBND xã và cấp trên được xem kết quả khảo sát.")
ENTRY_REFUSAL = _("Chỉ Văn phòng HĐND - UBND và lãnh đạo UBND xã được nhập phiếu khảo sát.")


def campaign_of(request, campaign_id: int) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("template", "commune"), pk=campaign_id)
    if request.commune is None or campaign.commune_id != request.commune.pk:
        raise Http404
    return campaign


def require_reader(request) -> None:
    require_role(request.user, request.commune, figures.RESULT_READERS, str(READ_REFUSAL))


def require_entry(request) -> None:
    """The screens that enter forms are the office's and the leaders' (``actions.EDITORS``); the rule
    of ``record_response`` (``ENTERING_ROLES``) still holds underneath."""
    require_role(request.user, request.commune, EDITORS, str(ENTRY_REFUSAL))


def field_choices(campaign: Campaign) -> list[ProcedureField]:
    chosen = list(campaign.procedure_fields.all())
    return chosen or list(ProcedureField.objects.all())


# --- results -----------------------------------------------------------------------------------------------


def parse_day(value: str) -> dt.date | None:
    """A filter's day, or None for anything else (a year outside 2000–2100 included: no overflow)."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
        return day if 2000 <= day.year <= 2100 else None
    return None


def filters_of(request, campaign: Campaign) -> dict:
    """The dashboard's filters from the query string: a procedure field and a period (days, inclusive)."""
    fields = field_choices(campaign)
    chosen = request.GET.get("linh_vuc", "")
    field = next((f for f in fields if str(f.pk) == chosen), None)
    start = parse_day(request.GET.get("tu", ""))
    end = parse_day(request.GET.get("den", ""))
    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone) if start else None
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone) if end else None
    return {"fields": fields, "field": field, "start": start, "end": end, "since": since, "until": until}


def campaign_results(request, campaign_id: int):
    campaign = campaign_of(request, campaign_id)
    require_reader(request)
    chosen = filters_of(request, campaign)
    result = figures.results_for(
        campaign, procedure_field=chosen["field"], since=chosen["since"], until=chosen["until"]
    )
    comments = Response.objects.filter(campaign=campaign).exclude(comment="").select_related("procedure_field")
    if chosen["field"] is not None:
        comments = comments.filter(procedure_field=chosen["field"])
    if chosen["since"] is not None:
        comments = comments.filter(created_at__gte=chosen["since"])
    if chosen["until"] is not None:
        comments = comments.filter(created_at__lt=chosen["until"])
    page = Paginator(comments.order_by("-created_at", "-pk"), COMMENTS_PER_PAGE).get_page(request.GET.get("trang"))
    show_contacts = figures.may_see_contacts(request.user, request.commune)
    for response in page.object_list:
        response.contact_shown = contact_text(response, show_contacts)
    consented = list(
        Response.objects.filter(campaign=campaign, contact_consent=True)
        .exclude(contact_name="", contact_phone="")
        .order_by("-created_at", "-pk")[:CONTACTS_SHOWN]
    )
    for response in consented:
        response.contact_shown = contact_text(response, show_contacts)
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "campaign": campaign,
        "result": result,
        "trend": figures.commune_trend(request.commune, current=campaign),
        "field_progress": figures.field_progress(campaign),
        "filters": chosen,
        "comments": page,
        "page_query": query.urlencode(),
        "show_contacts": show_contacts,
        "consented": consented,
        "formula": formula_text(campaign),
        "may_enter": may_enter(request),
    }
    return TemplateResponse(request, "surveys/admin/results.html", context)


def may_enter(request) -> bool:
    try:
        require_entry(request)
    except PermissionDenied:
        return False
    return True


def contact_text(response: Response, show: bool) -> str:
    if not response.contact_consent or not (response.contact_name or response.contact_phone):
        return ""
    if show:
        return " — ".join(part for part in (response.contact_name, response.contact_phone) if part)
    masked = (figures.mask_name(response.contact_name), figures.mask_phone(response.contact_phone))
    return " — ".join(part for part in masked if part)


# --- paper entry -------------------------------------------------------------------------------------------


def answer_name(code: str) -> str:
    return f"a-{code}"


@require_http_methods(["GET", "POST"])
def paper_entry(request, campaign_id: int):
    """One paper form after another: a row per criterion, "save and type the next" keeps the hands on the keys."""
    campaign = campaign_of(request, campaign_id)
    require_entry(request)
    sections = entry_sections(campaign)
    codes = [code for _heading, rows in sections for code, _text in rows]
    fields = field_choices(campaign)
    errors: dict[str, list[str]] = {}
    general: list[str] = []
    values: dict[str, str] = {}
    form = {"key": f"paper:{uuid.uuid4().hex}", "field": "", "comment": "", "name": "", "phone": "", "consent": False}
    if request.method == "POST":
        values = {code: request.POST.get(answer_name(code), "").strip() for code in codes}
        form = {
            "key": request.POST.get("khoa", "").strip()[:100] or f"paper:{uuid.uuid4().hex}",
            "field": request.POST.get("linh_vuc", ""),
            "comment": request.POST.get("y_kien", "").strip(),
            "name": request.POST.get("ho_ten", "").strip(),
            "phone": request.POST.get("dien_thoai", "").strip(),
            "consent": request.POST.get("dong_y") == "1",
        }
        for code, raw in values.items():
            try:
                parse_value(raw)
            except ValueError:
                errors[code] = [value_error(raw)]
        field = next((f for f in fields if str(f.pk) == form["field"]), None)
        if form["field"] and field is None:
            errors["linh_vuc"] = [_("Lĩnh vực đã chọn không có trong danh sách của đợt khảo sát.")]
        if not any(values.values()) and not form["comment"]:
            general.append(_("Phiếu chưa có câu trả lời nào: hãy nhập ít nhất một tiêu chí hoặc ý kiến."))
        if (form["name"] or form["phone"]) and not form["consent"]:
            errors["dong_y"] = [_("Chỉ ghi họ tên, số điện thoại khi người trả lời đồng ý để xã liên hệ.")]
        if not errors and not general:
            try:
                response = record_response(
                    commune=request.commune,
                    campaign=campaign,
                    answers=values,
                    channel=Channel.PAPER,
                    idempotency_key=form["key"],
                    procedure_field=field,
                    comment=form["comment"],
                    contact_name=form["name"],
                    contact_phone=form["phone"],
                    consent=form["consent"],
                    user=request.user,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for code, messages in error.message_dict.items():
                        (errors.setdefault(code, []) if code in codes else general).extend(messages)
                else:
                    general.extend(error.messages)
            except PermissionDenied as refusal:
                general.append(str(refusal))
            else:
                url = reverse("cchc_surveys_paper_entry", args=[campaign.pk])
                return redirect(f"{url}?ma={response.receipt_code}&trung={int(response.already_recorded)}")
    last = None
    receipt = request.GET.get("ma", "")
    if receipt and request.method == "GET":
        last = Response.objects.filter(campaign=campaign, receipt_code=receipt).first()
    rows = [
        (
            heading,
            [
                {"code": code, "text": text, "name": answer_name(code), "value": values.get(code, ""),
                 "errors": errors.get(code, [])}
                for code, text in items
            ],
        )
        for heading, items in sections
    ]  # fmt: skip
    context = {
        "campaign": campaign,
        "sections": rows,
        "fields": fields,
        "form": form,
        "errors": errors,
        "general": general,
        "last": last,
        "last_was_repeat": request.GET.get("trung") == "1",
        "entered": Response.objects.filter(campaign=campaign, channel=Channel.PAPER).count(),
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "surveys/admin/paper_entry.html", context, status=status)


# --- spreadsheet import ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def upload_responses(request, campaign_id: int):
    from .uploads import MAX_BYTES, MAX_ROWS, UploadRefused, receive_upload

    campaign = campaign_of(request, campaign_id)
    require_entry(request)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            error = _("Hãy chọn tệp Excel (.xlsx) hoặc CSV (.csv) để nhập.")
        else:
            try:
                queued = receive_upload(commune=request.commune, campaign=campaign, user=request.user, upload=upload)
            except UploadRefused as refused:
                error = str(refused)
            else:
                return redirect("cchc_surveys_import_status", campaign_id=campaign.pk, result_id=queued.id)
    context = {
        "campaign": campaign,
        "error": error,
        "max_mb": MAX_BYTES // 1024 // 1024,
        "max_rows": MAX_ROWS,
        "codes": [code for _heading, rows in entry_sections(campaign) for code, _text in rows],
    }
    return TemplateResponse(request, "surveys/admin/upload.html", context, status=400 if error else 200)


def import_status(request, campaign_id: int, result_id: str):
    from django_tasks.base import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    from .tasks import import_survey_file

    campaign = campaign_of(request, campaign_id)
    require_entry(request)
    try:
        result = import_survey_file.get_result(result_id)
    except (TaskResultDoesNotExist, ValueError, ValidationError) as missing:
        raise Http404 from missing
    # The job names its commune and campaign: another commune's job is not found here.
    if result.kwargs.get("commune_id") != request.commune.pk or result.kwargs.get("campaign_id") != campaign.pk:
        raise Http404
    outcome = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None
    context = {
        "campaign": campaign,
        "result": result,
        "outcome": outcome,
        "waiting": not result.is_finished,
        "failed": result.status == TaskResultStatus.FAILED,
        "original_name": result.kwargs.get("original_name", ""),
    }
    return TemplateResponse(request, "surveys/admin/import_status.html", context)


# --- files -------------------------------------------------------------------------------------------------


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def paper_form(request, campaign_id: int):
    campaign = campaign_of(request, campaign_id)
    require_reader(request)
    response = HttpResponse(paper_form_pdf(campaign), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="phieu-khao-sat-{campaign.pk}.pdf"'
    return response


def export_results(request, campaign_id: int, fmt: str):
    from .exports import XLSX_TYPE, export_name, report_pdf, results_xlsx

    campaign = campaign_of(request, campaign_id)
    require_reader(request)
    if fmt == "xlsx":
        content = results_xlsx(campaign, with_contacts=figures.may_see_contacts(request.user, request.commune))
        content_type = XLSX_TYPE
    elif fmt == "pdf":
        content, content_type = report_pdf(campaign), "application/pdf"
    else:
        raise Http404
    log(instance=campaign, action="cchc.export", user=request.user, data={"format": fmt})
    return file_response(content, content_type, export_name(campaign, fmt))
