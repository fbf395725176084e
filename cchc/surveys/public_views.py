"""The citizens' ways into a survey: the form on the commune's site (``/khao-sat/``) and the kiosk.

The form is plain server-rendered HTML: it works with JavaScript off on a 360 px phone. Each form
load carries a fresh idempotency key, random and signed (``django.core.signing``) with the campaign
and channel, so that it cannot be forged to collide with another respondent's; the POST stores the
form through ``record_response`` and redirects to the receipt (POST/redirect/GET). A double tap or
a resubmit after a lost connection sends the same key and gets the same receipt, and nothing more
is stored. Abuse limits: ``throttle``. Pages with the form set the CSRF cookie, so the page cache
never keeps them; the others are marked ``never_cache`` where they show one respondent's receipt.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cchc.communes.requests import site_commune
from cchc.procedures.models import Procedure, ProcedureField

from . import slips, throttle
from .models import Campaign, CampaignStatus, Channel, Response, Scale
from .responses import MAX_COMMENT, Codebook, clean_answers, existing, record_response

KEY_SALT = "cchc.surveys.form-key"
RECEIPT_SALT = "cchc.surveys.receipt"
MAX_ANSWER_FIELDS = 200  # far more than any template has; a POST with more is not a form of ours
KIOSK_RECEIPT_SECONDS = 5
# The kiosk's form reloads empty a minute after the last touch (a small script watches for input). A
# tablet with scripts off reloads it this long after it opened instead, whatever the respondent does:
# long enough to answer the whole form, short enough that the next person does not find it half-filled.
KIOSK_IDLE_SECONDS = 60
KIOSK_IDLE_SECONDS_WITHOUT_SCRIPT = 300


def kiosk_idle_seconds() -> int:
    return int(getattr(settings, "SURVEY_KIOSK_IDLE_SECONDS", KIOSK_IDLE_SECONDS))


def kiosk_idle_seconds_without_script() -> int:
    return int(getattr(settings, "SURVEY_KIOSK_IDLE_SECONDS_WITHOUT_SCRIPT", KIOSK_IDLE_SECONDS_WITHOUT_SCRIPT))


PROCEDURE_PARAM = "thu-tuc"
FIELD_PARAM = "linh-vuc"


# Which campaigns take forms --------------------------------------------------------------------


def open_campaigns(commune, day=None):
    """The commune's campaigns open today: status open and ``day`` within their period."""
    day = day or timezone.localdate()
    return Campaign.objects.filter(commune=commune, status=CampaignStatus.OPEN).filter(
        Q(period_start__isnull=True) | Q(period_start__lte=day),
        Q(period_end__isnull=True) | Q(period_end__gte=day),
    )


def takes_forms(campaign: Campaign) -> bool:
    return campaign.is_open and campaign.within_period(timezone.localdate())


def _campaign(commune, campaign_id: int) -> Campaign:
    campaign = Campaign.objects.filter(commune=commune, pk=campaign_id).select_related("template").first()
    if campaign is None:
        raise Http404(_("Không có đợt khảo sát này"))
    return campaign


def _kiosk_campaign(commune, token: str) -> Campaign:
    if len(token) < 16:
        raise Http404(_("Không có máy khảo sát này"))
    campaign = Campaign.objects.filter(commune=commune, kiosk_token=token).select_related("template").first()
    if campaign is None:
        raise Http404(_("Không có máy khảo sát này"))
    return campaign


# Keys and receipts ----------------------------------------------------------------------------


def new_form_key(campaign: Campaign, channel: str) -> str:
    """A fresh signed key for one form load: campaign, channel and 128 random bits."""
    return signing.dumps([campaign.pk, channel, secrets.token_urlsafe(16)], salt=KEY_SALT, compress=False)


def read_form_key(signed: str, campaign: Campaign, channel: str) -> str | None:
    """The stored key (the random part) of a signed key issued for this campaign and channel; None if forged."""
    try:
        campaign_id, key_channel, nonce = signing.loads(signed[:300], salt=KEY_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if campaign_id != campaign.pk or key_channel != channel or not isinstance(nonce, str) or not nonce:
        return None
    return f"{channel}-{nonce}"


def receipt_ticket(response: Response) -> str:
    return signing.dumps(response.pk, salt=RECEIPT_SALT)


def _receipt_response(campaign: Campaign, ticket: str) -> Response:
    try:
        pk = signing.loads(ticket, salt=RECEIPT_SALT)
    except signing.BadSignature:
        raise Http404(_("Không có phiếu này")) from None
    response = Response.objects.filter(commune=campaign.commune, campaign=campaign, pk=pk).first()
    if response is None:
        raise Http404(_("Không có phiếu này"))
    return response


# The form ---------------------------------------------------------------------------------------


class ExtrasForm(forms.Form):
    """Everything on the form except the ratings: field, comment, contact and consent."""

    field = forms.ModelChoiceField(
        label=gettext_lazy("Lĩnh vực thủ tục bạn đã làm (nếu nhớ)"),
        queryset=ProcedureField.objects.none(),
        required=False,
        empty_label=gettext_lazy("— Không chọn —"),
        error_messages={"invalid_choice": gettext_lazy("Lĩnh vực đã chọn không có trong danh sách.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Ý kiến khác của bạn (nếu có)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy(
                "Ý kiến dài quá: tối đa %(limit_value)d ký tự (bạn đã viết %(show_value)d ký tự)."
            )
        },
    )
    contact_name = forms.CharField(
        label=gettext_lazy("Họ và tên"),
        required=False,
        max_length=120,
        error_messages={"max_length": gettext_lazy("Họ và tên dài quá: tối đa %(limit_value)d ký tự.")},
    )
    contact_phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"),
        required=False,
        max_length=30,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 .-]{5,28}$",
                message=gettext_lazy("Số điện thoại chỉ gồm chữ số (có thể có dấu cách), ví dụ 0912 345 678."),
            )
        ],
        error_messages={"max_length": gettext_lazy("Số điện thoại dài quá.")},
    )
    consent = forms.BooleanField(
        label=gettext_lazy("Tôi đồng ý để xã lưu họ tên, số điện thoại này để xã liên hệ lại giải đáp."),
        required=False,
    )

    def __init__(self, *args, fields_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = fields_queryset if fields_queryset is not None else ProcedureField.objects.all()
        self.fields["contact_phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["contact_name"].widget.attrs.update({"autocomplete": "name"})

    def clean(self):
        data = super().clean()
        given = (data.get("contact_name") or "").strip() or (data.get("contact_phone") or "").strip()
        if given and not data.get("consent"):
            raise ValidationError(
                _(
                    "Bạn đã ghi họ tên hoặc số điện thoại nhưng chưa đánh dấu đồng ý. Hãy đánh dấu ô đồng ý "
                    "để xã liên hệ lại, hoặc xóa họ tên, số điện thoại nếu không muốn để lại."
                ),
                code="no_consent",
            )
        return data


@dataclass
class Question:
    code: str
    text: str
    value: int | None = None
    error: str = ""

    @property
    def name(self) -> str:
        return f"q-{self.code}"

    @property
    def dom_id(self) -> str:
        return "q-" + self.code.replace(".", "-")


@dataclass
class Group:
    heading: str
    questions: list[Question] = field(default_factory=list)


def _groups(campaign: Campaign) -> list[Group]:
    groups: list[Group] = []
    current = None
    for criterion in campaign.template.criteria().order_by("element__number", "number"):
        if current is None or current.heading != criterion.element.name:
            current = Group(heading=criterion.element.name)
            groups.append(current)
        current.questions.append(Question(code=criterion.code, text=criterion.text))
    own = [Question(code=q.code, text=q.text) for q in campaign.questions.order_by("number")]
    if own:
        groups.append(Group(heading=_("Câu hỏi riêng của xã"), questions=own))
    return groups


def _fields_queryset(campaign: Campaign):
    chosen = list(campaign.procedure_fields.values_list("pk", flat=True))
    return ProcedureField.objects.filter(pk__in=chosen) if chosen else ProcedureField.objects.all()


def _preselected_field(request, queryset) -> ProcedureField | None:
    """The field named by the QR code's query: ``?thu-tuc=<procedure code>`` or ``?linh-vuc=<field slug>``."""
    code = (request.GET.get(PROCEDURE_PARAM) or "").strip()[:40]
    slug = (request.GET.get(FIELD_PARAM) or "").strip()[:80]
    field_id = None
    if code:
        field_id = (
            Procedure.objects.filter(code=code).order_by("-is_current", "-version").values_list("field_id", flat=True)
        ).first()
    if field_id is None and slug:
        field_id = ProcedureField.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if field_id is None:
        return None
    return queryset.filter(pk=field_id).first()


def _raw_answers(post) -> dict[str, str]:
    return {name[2:]: value for name, value in list(post.items())[: MAX_ANSWER_FIELDS + 20] if name.startswith("q-")}


@dataclass
class Page:
    """What both the web form and the kiosk need to render or handle one form."""

    request: object
    commune: object
    campaign: Campaign
    channel: str
    kiosk: bool = False

    @property
    def form_url(self) -> str:
        if self.kiosk:
            return reverse("surveys:kiosk", args=[self.campaign.kiosk_token])
        return reverse("surveys:form", args=[self.campaign.pk])

    def receipt_url(self, response: Response) -> str:
        if self.kiosk:
            return reverse("surveys:kiosk_receipt", args=[self.campaign.kiosk_token, receipt_ticket(response)])
        return reverse("surveys:receipt", args=[self.campaign.pk, receipt_ticket(response)])

    def render(self, template: str, context: dict, status: int = 200) -> TemplateResponse:
        context = {
            "commune": self.commune,
            "campaign": self.campaign,
            "kiosk": self.kiosk,
            "base_template": "surveys/public/kiosk_base.html" if self.kiosk else "base.html",
            "form_url": self.form_url,
            "idle_seconds": kiosk_idle_seconds(),
            "idle_seconds_without_script": kiosk_idle_seconds_without_script(),
            "receipt_seconds": KIOSK_RECEIPT_SECONDS,
            **context,
        }
        return TemplateResponse(self.request, template, context, status=status)

    def closed(self, status: int = 200) -> TemplateResponse:
        others = [] if self.kiosk else list(open_campaigns(self.commune).exclude(pk=self.campaign.pk))
        return self.render("surveys/public/closed.html", {"others": others}, status=status)

    def form(self, *, extras=None, groups=None, errors=(), status=200) -> TemplateResponse:
        fields_queryset = _fields_queryset(self.campaign)
        if extras is None:
            extras = ExtrasForm(
                fields_queryset=fields_queryset,
                initial={"field": _preselected_field(self.request, fields_queryset)},
            )
        context = {
            "groups": groups if groups is not None else _groups(self.campaign),
            "extras": extras,
            "scale": Scale.choices,
            "form_key": new_form_key(self.campaign, self.channel),
            "errors": list(errors),
        }
        return self.render("surveys/public/form.html", context, status=status)

    def submit(self) -> HttpResponse:
        post = self.request.POST
        key = read_form_key(post.get("key", ""), self.campaign, self.channel)
        if key is None:
            return self.form(errors=[_("Phiếu không hợp lệ hoặc đã cũ. Mời bạn điền lại phiếu dưới đây.")], status=400)
        first = existing(self.commune, self.campaign, key)
        if first is not None:  # a double tap or a retry after a lost connection
            return HttpResponseRedirect(self.receipt_url(first))
        if not takes_forms(self.campaign):
            return self.closed(status=409)

        groups = _groups(self.campaign)
        raw = _raw_answers(post)
        errors: list[str] = []
        answers: dict[str, int] = {}
        if len(raw) > MAX_ANSWER_FIELDS:
            errors.append(_("Phiếu gửi lên có quá nhiều câu trả lời."))
        else:
            try:
                answers = clean_answers(raw, Codebook.of(self.campaign))
            except ValidationError as error:
                known = {q.code: q for g in groups for q in g.questions}
                for code, messages in error.message_dict.items():
                    if code in known:
                        known[code].error = " ".join(messages)
                    else:
                        errors.append(_("Câu hỏi “%(code)s” không có trong phiếu.") % {"code": code[:20]})
                if not errors:
                    errors.append(_("Có câu trả lời không hợp lệ, xem các ô được đánh dấu bên dưới."))
        for group in groups:
            for question in group.questions:
                question.value = answers.get(question.code)
        extras = ExtrasForm(post, fields_queryset=_fields_queryset(self.campaign))
        extras_ok = extras.is_valid()
        if not errors and not answers:
            errors.append(_("Bạn hãy chọn mức hài lòng cho ít nhất một câu hỏi rồi bấm Gửi phiếu."))
        if errors or not extras_ok:
            return self.form(extras=extras, groups=groups, errors=errors, status=400)

        slot = (
            throttle.take_kiosk_slot(self.campaign)
            if self.kiosk
            else throttle.take_web_slot(self.request, self.campaign)
        )
        if not slot.allowed:
            slot.release()
            return self.render("surveys/public/limited.html", {}, status=429)
        data = extras.cleaned_data
        try:
            response = record_response(
                commune=self.commune,
                campaign=self.campaign,
                answers=answers,
                channel=self.channel,
                idempotency_key=key,
                procedure_field=data.get("field"),
                comment=data.get("comment", ""),
                contact_name=data.get("contact_name", ""),
                contact_phone=data.get("contact_phone", ""),
                consent=bool(data.get("consent")),
            )
        except (ValidationError, PermissionDenied):
            slot.release()
            if not takes_forms(self.campaign):
                return self.closed(status=409)
            return self.form(
                extras=extras, groups=groups, errors=[_("Chưa ghi được phiếu, mời bạn thử lại.")], status=400
            )
        if response.already_recorded:  # the same form, sent at the same moment from another tap
            slot.release()
        return HttpResponseRedirect(self.receipt_url(response))


def _form_view(page: Page, request) -> HttpResponse:
    if request.method == "POST":
        return page.submit()
    if not takes_forms(page.campaign):
        return page.closed()
    return page.form()


# Views ------------------------------------------------------------------------------------------


@require_safe
def index(request):
    """The commune's open campaigns; the one open campaign's form directly (the QR query carried along)."""
    commune = site_commune(request)
    campaigns = list(open_campaigns(commune).order_by("-created_at"))
    query = {k: request.GET[k][:80] for k in (PROCEDURE_PARAM, FIELD_PARAM) if request.GET.get(k)}
    if len(campaigns) == 1:
        url = reverse("surveys:form", args=[campaigns[0].pk])
        return HttpResponseRedirect(f"{url}?{urlencode(query)}" if query else url)
    context = {"commune": commune, "campaigns": campaigns, "query": urlencode(query)}
    return TemplateResponse(request, "surveys/public/index.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_form(request, campaign_id: int):
    commune = site_commune(request)
    page = Page(request=request, commune=commune, campaign=_campaign(commune, campaign_id), channel=Channel.WEB)
    return _form_view(page, request)


@never_cache
@require_safe
def receipt(request, campaign_id: int, ticket: str):
    commune = site_commune(request)
    campaign = _campaign(commune, campaign_id)
    page = Page(request=request, commune=commune, campaign=campaign, channel=Channel.WEB)
    return page.render("surveys/public/receipt.html", {"response": _receipt_response(campaign, ticket)})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def kiosk(request, kiosk_token: str):
    commune = site_commune(request)
    campaign = _kiosk_campaign(commune, kiosk_token)
    page = Page(request=request, commune=commune, campaign=campaign, channel=Channel.KIOSK, kiosk=True)
    return _form_view(page, request)


@never_cache
@require_safe
def kiosk_receipt(request, kiosk_token: str, ticket: str):
    commune = site_commune(request)
    campaign = _kiosk_campaign(commune, kiosk_token)
    page = Page(request=request, commune=commune, campaign=campaign, channel=Channel.KIOSK, kiosk=True)
    return page.render("surveys/public/receipt.html", {"response": _receipt_response(campaign, ticket)})


@require_safe
def qr_slips(request):
    """A4 sheet of eight slips to cut, each with the survey's QR code and short address."""
    commune = site_commune(request)
    url = request.build_absolute_uri(reverse("surveys:index"))
    pdf = slips.slips_pdf(commune=commune, url=url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="phieu-qr-khao-sat.pdf"'
    return response
