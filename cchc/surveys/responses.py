"""Storing survey responses: the one way in, for the public form, the kiosk, paper entry and the importer.

``record_response`` validates one form (values 1–5 or blank, codes of the campaign's template or its
own ``R.n`` questions, campaign open and the commune's own) and stores it once per idempotency key:
a second call with the same key — even a concurrent one that loses the race on the unique
constraint — returns the response stored first, with ``already_recorded = True`` set on it.
It leaves one audit record per stored response, and adds the answers to the running tallies
(``tallies.add_tallies``) in the same transaction. ``record_responses`` is its bulk variant (the
importer): all forms validated first, then stored in one transaction with one audit record.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cchc.communes.actions import require_role
from cchc.communes.models import Commune
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.core.codes import new_receipt_code
from cchc.core.text import fold_vietnamese

from .models import SCALE_MAX, SCALE_MIN, Answer, Campaign, Channel, Response, Scale
from .tallies import add_tallies

# Officials who may enter responses by hand (paper forms, imports); the public form and kiosk pass no user.
ENTERING_ROLES = frozenset(set(Role) - {Role.OVERSEER, Role.PLATFORM_ADMIN})
# Channels where the citizen answers directly: refused outside the campaign's period.
LIVE_CHANNELS = frozenset({Channel.WEB, Channel.KIOSK})


def _label_values() -> dict[str, int]:
    """The scale's own words, folded: a spreadsheet typed as «Hài lòng» means 4."""
    return {" ".join(fold_vietnamese(str(label)).lower().split()): value for value, label in Scale.choices}


def parse_value(raw: Any) -> int | None:
    """A cell or form value as 1–5, or None when blank. Accepts 4, 4.0, "4", " 4 ", "4,0", and the
    scale's words with or without tones ("Hài lòng", "rat hai long").

    Raises ``ValueError`` for anything else (the caller names where it was).
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, str):
        text = raw.strip().replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            labelled = _label_values().get(" ".join(fold_vietnamese(text).lower().split()))
            if labelled is None:
                raise ValueError(raw) from None
            return labelled
    elif isinstance(raw, (int, float)):
        number = raw
    else:
        raise ValueError(raw)
    if not math.isfinite(number) or number != int(number) or not SCALE_MIN <= number <= SCALE_MAX:
        raise ValueError(raw)
    return int(number)


def value_error(raw: Any) -> str:
    return _("giá trị “%(value)s” không hợp lệ: chỉ nhận số từ %(min)d đến %(max)d hoặc để trống") % {
        "value": raw,
        "min": SCALE_MIN,
        "max": SCALE_MAX,
    }


@dataclass
class Codebook:
    """What a campaign's forms may answer: criterion and extra-question ids by code."""

    criteria: dict[str, int]
    questions: dict[str, int]

    @classmethod
    def of(cls, campaign: Campaign) -> Codebook:
        criteria = dict(campaign.template.criteria().values_list("code", "pk"))
        with commune_scope(campaign.commune):
            questions = {f"R.{n}": pk for n, pk in campaign.questions.values_list("number", "pk")}
        return cls(criteria=criteria, questions=questions)

    def knows(self, code: str) -> bool:
        return code in self.criteria or code in self.questions


def clean_answers(answers: Mapping[str, Any], codebook: Codebook) -> dict[str, int]:
    """The non-blank answers as ``{code: value}``; ``ValidationError`` keyed by code for each bad one."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, int] = {}
    for code, raw in answers.items():
        code = str(code).strip()
        if not codebook.knows(code):
            errors[code] = [_("mã câu hỏi “%(code)s” không có trong phiếu của đợt khảo sát") % {"code": code}]
            continue
        try:
            value = parse_value(raw)
        except ValueError:
            errors[code] = [value_error(raw)]
            continue
        if value is not None:
            cleaned[code] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@dataclass
class Form:
    """One respondent's form, as ``record_responses`` takes them."""

    answers: Mapping[str, Any]
    idempotency_key: str
    procedure_field: Any = None
    field_label: str = ""
    comment: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    consent: bool = False
    created_at: Any = None
    extra: dict = field(default_factory=dict)


def check_access(*, commune: Commune, campaign: Campaign, user=None) -> None:
    """The campaign is the commune's, and the official (if any) may enter its forms."""
    if campaign.commune_id != commune.pk:
        raise PermissionDenied(_("Đợt khảo sát này thuộc xã khác."))
    if user is not None:
        require_role(user, commune, ENTERING_ROLES, _("Bạn không có quyền nhập phiếu khảo sát của xã này."))


def check_campaign(*, commune: Commune, campaign: Campaign, channel: str, user=None) -> None:
    """``check_access``, and the campaign takes new forms by this channel today."""
    check_access(commune=commune, campaign=campaign, user=user)
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Hình thức trả lời không hợp lệ.")})
    if not campaign.is_open:
        raise ValidationError(_("Đợt khảo sát “%(title)s” không còn nhận phiếu.") % {"title": campaign.title})
    if channel in LIVE_CHANNELS and not campaign.within_period(timezone.localdate()):
        raise ValidationError(_("Đợt khảo sát “%(title)s” chưa mở hoặc đã hết hạn.") % {"title": campaign.title})


def build(*, commune: Commune, campaign: Campaign, channel: str, form: Form, codebook: Codebook):
    """The unsaved response and answers of one valid form (``clean_answers`` raises if it is not)."""
    values = clean_answers(form.answers, codebook)
    key = (form.idempotency_key or "").strip()
    if not key:
        raise ValidationError({"idempotency_key": _("Thiếu khóa chống ghi trùng của phiếu.")})
    consent = bool(form.consent)
    check_lengths(form, consent=consent)
    response = Response(
        commune=commune,
        campaign=campaign,
        channel=channel,
        procedure_field=form.procedure_field,
        field_label=(form.field_label or "").strip()[:200],
        comment=(form.comment or "").strip(),
        contact_name=(form.contact_name or "").strip() if consent else "",
        contact_phone=(form.contact_phone or "").strip() if consent else "",
        contact_consent=consent,
        contact_consent_at=timezone.now() if consent else None,
        idempotency_key=key[:100],
        receipt_code=new_receipt_code(),
        created_at=form.created_at or timezone.now(),
    )
    answers = [
        Answer(
            commune=commune,
            campaign=campaign,
            criterion_id=codebook.criteria.get(code),
            question_id=codebook.questions.get(code),
            value=value,
        )
        for code, value in values.items()
    ]
    return response, answers


# What a form may carry as text, whichever way it came in (the public form says the same to the villager).
MAX_COMMENT = 2000
MAX_NAME = Response._meta.get_field("contact_name").max_length
MAX_PHONE = Response._meta.get_field("contact_phone").max_length


def check_lengths(form: Form, *, consent: bool) -> None:
    errors = {}
    if len((form.comment or "").strip()) > MAX_COMMENT:
        errors["comment"] = _("Ý kiến dài quá %(n)s ký tự, xin viết gọn lại.") % {"n": MAX_COMMENT}
    if consent and len((form.contact_name or "").strip()) > MAX_NAME:
        errors["contact_name"] = _("Họ và tên dài quá %(n)s ký tự.") % {"n": MAX_NAME}
    if consent and len((form.contact_phone or "").strip()) > MAX_PHONE:
        errors["contact_phone"] = _("Số điện thoại dài quá %(n)s ký tự.") % {"n": MAX_PHONE}
    if errors:
        raise ValidationError(errors)


def existing(commune: Commune, campaign: Campaign, key: str) -> Response | None:
    return Response.objects.filter(commune=commune, campaign=campaign, idempotency_key=key).first()


def record_response(
    *,
    commune: Commune,
    campaign: Campaign,
    answers: Mapping[str, Any],
    channel: str,
    idempotency_key: str,
    procedure_field=None,
    comment: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    consent: bool = False,
    user=None,
) -> Response:
    """Validate and store one form once; return it (``already_recorded`` says whether it was there before).

    ``answers`` maps codes ("1.1", "R.2") to 1–5 or blank. Contact details are kept only with
    ``consent``. ``user`` is the official typing a paper form in; None for the public form and kiosk.
    Raises ``ValidationError`` (Vietnamese messages keyed by code) or ``PermissionDenied``.
    """
    form = Form(
        answers=answers,
        idempotency_key=idempotency_key,
        procedure_field=procedure_field,
        comment=comment,
        contact_name=contact_name,
        contact_phone=contact_phone,
        consent=consent,
    )
    with commune_scope(commune):
        check_access(commune=commune, campaign=campaign, user=user)
        # A form sent again (a retry after a lost connection) gets its first response back, even
        # if the campaign has closed in between.
        first = existing(commune, campaign, (idempotency_key or "").strip()[:100])
        if first is not None:
            first.already_recorded = True
            return first
        check_campaign(commune=commune, campaign=campaign, channel=channel, user=user)
        response, rows = build(
            commune=commune, campaign=campaign, channel=channel, form=form, codebook=Codebook.of(campaign)
        )
        for _attempt in range(3):
            try:
                with transaction.atomic():
                    response.save()
                    for row in rows:
                        row.response = response
                    Answer.objects.bulk_create(rows)
                    add_tallies(commune=commune, campaign=campaign, recorded=[(response, rows)])
                    log(instance=response, action="cchc.survey_response", user=user, data=audit_data(response))
            except IntegrityError:
                first = existing(commune, campaign, response.idempotency_key)
                if first is not None:  # a concurrent call stored the same form first
                    first.already_recorded = True
                    return first
                response.pk = None
                response.receipt_code = new_receipt_code()  # the rare receipt-code collision
                continue
            response.already_recorded = False
            return response
    raise IntegrityError("could not store the response")  # pragma: no cover


def audit_data(response: Response) -> dict:
    return {"campaign": response.campaign_id, "channel": response.channel, "receipt": response.receipt_code}


@dataclass
class BulkResult:
    stored: int
    already: int


def record_responses(
    *, commune: Commune, campaign: Campaign, forms: Iterable[Form], channel: str = Channel.IMPORT, user=None
) -> BulkResult:
    """Validate every form, then store those not stored before, in one transaction with one audit record.

    A ``ValidationError`` on any form stores nothing; its message dict is keyed ``"<index>:<code>"``
    (the form's position in ``forms``, from 0). Forms whose key is already stored are counted, not stored.
    """
    forms = list(forms)
    with commune_scope(commune):
        check_campaign(commune=commune, campaign=campaign, channel=channel, user=user)
        codebook = Codebook.of(campaign)
        built, errors = [], {}
        for index, form in enumerate(forms):
            try:
                built.append(build(commune=commune, campaign=campaign, channel=channel, form=form, codebook=codebook))
            except ValidationError as error:
                for code, messages in error.message_dict.items():
                    errors[f"{index}:{code}"] = messages
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            keys = [response.idempotency_key for response, _rows in built]
            known = set(
                Response.objects.filter(commune=commune, campaign=campaign, idempotency_key__in=keys).values_list(
                    "idempotency_key", flat=True
                )
            )
            fresh, seen = [], set()
            for response, rows in built:
                if response.idempotency_key in known or response.idempotency_key in seen:
                    continue
                seen.add(response.idempotency_key)
                fresh.append((response, rows))
            responses = Response.objects.bulk_create([response for response, _rows in fresh])
            answers = []
            for response, (_same, rows) in zip(responses, fresh, strict=True):
                for row in rows:
                    row.response = response
                    answers.append(row)
            Answer.objects.bulk_create(answers, batch_size=2000)
            add_tallies(
                commune=commune,
                campaign=campaign,
                recorded=[(response, rows) for response, (_same, rows) in zip(responses, fresh, strict=True)],
            )
            result = BulkResult(stored=len(fresh), already=len(built) - len(fresh))
            if fresh:
                log(
                    instance=campaign,
                    action="cchc.import",
                    user=user,
                    data={"channel": channel, "stored": result.stored, "already": result.already},
                )
    return result
