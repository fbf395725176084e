"""Posting sheets (tờ niêm yết): one procedure per A4 portrait sheet, to post at the desk and in villages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.core.rendering.pdf import SERIF_FONT_FAMILY, html_to_pdf
from cchc.core.text import format_date_short

from ..local_terms import local_terms
from ..models import Procedure, PublishedProcedure
from .common import Items, qr, today

if TYPE_CHECKING:
    from cchc.communes.models import Commune

SHEETS_TEMPLATE = "procedures/print/posting_sheets.html"
PAGE_QR_CAPTION = gettext_lazy("Quét mã để xem và tải mẫu đơn")
SURVEY_QR_CAPTION = gettext_lazy("Đánh giá mức độ hài lòng")


def _merged(values: list[str]) -> list[dict[str, object] | None]:
    """Runs of equal cells as one cell spanning rows: "Miễn lệ phí" once, not three times."""
    cells: list[dict[str, object] | None] = []
    start = 0
    while start < len(values):
        end = start
        while end + 1 < len(values) and values[end + 1] == values[start]:
            end += 1
        cells.append({"text": values[start], "rows": end - start + 1})
        cells.extend([None] * (end - start))
        start = end + 1
    return cells


def _submission(rows: list[dict]) -> list[dict[str, object]]:
    times = _merged([row["time"] for row in rows])
    fees = _merged([row["fee"] for row in rows])
    return [{"label": row["label"], "time": time, "fee": fee} for row, time, fee in zip(rows, times, fees, strict=True)]


def _sheet(
    *, commune: Commune, procedure: Procedure, published: PublishedProcedure | None, page_url: str, survey_url: str
) -> dict[str, object]:
    terms = local_terms(commune=commune, procedure=procedure, published=published)
    audiences = ", ".join(str(a).strip() for a in procedure.audiences if str(a).strip())
    who = [
        f"{audiences}." if audiences else "",
        _("Người nộp hồ sơ: %(who)s") % {"who": procedure.who_may_submit.strip()}
        if procedure.who_may_submit.strip() else "",
        _("Yêu cầu, điều kiện: %(conditions)s") % {"conditions": procedure.conditions.strip()}
        if procedure.conditions.strip() else "",
    ]  # fmt: skip
    facts = [
        (_("Thời hạn giải quyết"), [procedure.processing_time.strip()]),
        (_("Phí, lệ phí"), [terms.fee]),
        (_("Đối tượng, người nộp hồ sơ"), [line for line in who if line]),
        (_("Kết quả"), [procedure.result.strip()]),
    ]
    facts = [(title, lines) for title, lines in facts if any(lines)]
    return {
        "procedure": procedure,
        "field": procedure.field.name,
        "code_line": _("Mã: %(code)s — phiên bản %(version)s") % {"code": procedure.code, "version": procedure.version},
        "version": str(procedure.version),
        "continued": _("%(name)s (tiếp theo)") % {"name": procedure.name},
        "steps": [str(step).strip() for step in procedure.steps if str(step).strip()],
        "submission": _submission(terms.submission),
        "dossier": [
            {
                "text": str(item.get("name") or "").strip(),
                "copies": str(item.get("copies") or "").strip(),
                "has_form": bool(item.get("form")),
            }
            for item in procedure.dossier
        ],
        "facts": [{"number": number, "title": title, "lines": lines} for number, (title, lines) in enumerate(facts, 4)],
        "reception_number": 4 + len(facts),
        "reception": terms.reception,
        "notes": terms.notes,
        "legal_basis": [str(text).strip().rstrip(".;") for text in procedure.legal_basis if str(text).strip()],
        "qr_page": qr(page_url),
        "qr_survey": qr(survey_url) if survey_url else "",
    }


def posting_sheets_html(
    *,
    commune: Commune,
    items: Items,
    page_url: Callable[[Procedure], str],
    survey_url: str | Callable[[Procedure], str] | None = None,
    printed_on: dt.date | None = None,
) -> str:
    """The sheets as HTML, for a preview on screen and for the tests to look inside.

    ``survey_url`` is the satisfaction survey's address, the same on every sheet or one per procedure
    (the survey then knows which procedure the respondent came about); none: no survey QR.
    """
    survey_of = survey_url if callable(survey_url) else (lambda _procedure: survey_url or "")
    return render_to_string(
        SHEETS_TEMPLATE,
        {
            "font_family": mark_safe(SERIF_FONT_FAMILY),  # noqa: S308 - a constant, needed unescaped in CSS
            "commune": commune,
            "issuing_body": commune.issuing_body,
            "printed_on": format_date_short(printed_on or today()),
            "sheets": [
                _sheet(
                    commune=commune,
                    procedure=procedure,
                    published=published,
                    page_url=page_url(procedure),
                    survey_url=survey_of(procedure),
                )
                for procedure, published in items
            ],
            "page_caption": PAGE_QR_CAPTION,
            "survey_caption": SURVEY_QR_CAPTION,
        },
    )


def posting_sheets_pdf(
    *,
    commune: Commune,
    items: Items,
    page_url: Callable[[Procedure], str],
    survey_url: str | Callable[[Procedure], str] | None = None,
) -> bytes:
    """A4 portrait sheets to post, one procedure per sheet (a long one runs on to a second page)."""
    return html_to_pdf(posting_sheets_html(commune=commune, items=items, page_url=page_url, survey_url=survey_url))
