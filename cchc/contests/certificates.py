"""Certificates (giấy chứng nhận) for a contest round's winners and entrants, as one PDF.

One A4 landscape page per person, issued by the commune's People's Committee: the national motto
and the committee's name as an official document's header writes them (``cchc.core.rendering.layout``),
the person, their village and unit, the contest and round, their result and prize, the place and date
line and the chairman's signature block. Laid out by the official renderer's WeasyPrint path
(``cchc.core.rendering.pdf.html_to_pdf``), so it prints with the same fonts as every other document.

Who gets a certificate, and with which prize, is the caller's choice (the round's ranking); this
module only prints what it is given. Everything it prints goes through the template's escaping: a
name typed by an entrant is text, never markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cchc.core.official_document import OfficialDocument
from cchc.core.rendering import layout, metrics
from cchc.core.rendering.pdf import SERIF_FONT_FAMILY, html_to_pdf
from cchc.core.text import format_date_short

TEMPLATE = "contests/certificates.html"
# WeasyPrint takes about 40 ms a page; 200 pages is a few seconds, enough for a round's winners and
# consolation prizes. A commune printing a certificate for every entrant prints in batches.
MAX_CERTIFICATES = 200
CERTIFICATE_TITLE = "GIẤY CHỨNG NHẬN"
SIGNING_CAPACITY = "TM. ỦY BAN NHÂN DÂN"
SIGNER_TITLE = "CHỦ TỊCH"

# The certificate's body (the person, their result) sits between a fixed header and signature block.
# Its lines are measured (``metrics.wrap``, the fonts' own advance widths) so a long name or contest title
# is set smaller rather than pushing the signature onto a second page.
BODY_WIDTH_PT = 225 * layout.MM_TO_PT  # 297 mm less the page margins, the frame's padding and the body's
BODY_BUDGET_PT = 215.0  # the body's room on the page, measured from a rendered certificate, less a margin
LINE_HEIGHT = 1.3
PARAGRAPH_GAP_PT = 1.5 * layout.MM_TO_PT


@dataclass(frozen=True)
class Sizes:
    """Font sizes of a certificate's body in points."""

    name: float
    text: float
    prize: float


REGULAR = Sizes(name=21, text=15, prize=19)
COMPACT = Sizes(name=16, text=12.5, prize=15)


@dataclass(frozen=True)
class Recipient:
    """One person to print a certificate for, as the round's results name them."""

    rank: int
    full_name: str
    village: str
    unit: str
    score: int  # correct answers
    total: int  # questions in the paper
    prize: str = ""  # "Giải Nhất"; empty for a certificate of taking part


_nfc = layout.clean_text  # names typed on phones often arrive decomposed, which breaks shaping in the PDF


def _last_day(moment: dt.datetime) -> dt.date:
    """The last local day a round is open: one closing at 0:00 on 1 December closes at the end of 30 November."""
    return timezone.localtime(moment - dt.timedelta(microseconds=1)).date()


def _body_height(paragraphs: list[tuple[str, float, bool]]) -> float:
    """Points taken by paragraphs of (text, size, bold), as the template sets them."""
    return sum(
        len(metrics.wrap(text, size=size, width=BODY_WIDTH_PT, bold=bold)) * size * LINE_HEIGHT + PARAGRAPH_GAP_PT
        for text, size, bold in paragraphs
        if text
    )


def sizes_for(lines: dict) -> Sizes:
    """The regular sizes when the body fits the page with them, else the compact ones."""
    paragraphs = [
        (f"{_('Ông/Bà:')} {lines['full_name']}", REGULAR.name, True),
        (lines["residence"], REGULAR.text, False),
        (lines["unit"], REGULAR.text, False),
        (lines["prize"], REGULAR.prize, True),
        (lines["result"], REGULAR.text, False),
    ]
    return REGULAR if _body_height(paragraphs) <= BODY_BUDGET_PT else COMPACT


def body_lines(person: Recipient, *, commune, contest_title: str, round_number: int, opens_on: str, closes_on: str):
    """What the certificate says of ``person``, worded once for the page and for measuring it."""
    village, unit, prize = _nfc(person.village), _nfc(person.unit), _nfc(person.prize)
    held = {"contest": contest_title, "number": round_number, "start": opens_on, "end": closes_on}
    result = {"score": person.score, "total": person.total, "rank": person.rank}
    if prize:
        outcome = _("Cuộc thi «%(contest)s», đợt %(number)d (từ ngày %(start)s đến ngày %(end)s),") % held
    else:
        outcome = _("Đã tham gia Cuộc thi «%(contest)s», đợt %(number)d (từ ngày %(start)s đến ngày %(end)s),") % held
    lines = {
        "full_name": _nfc(person.full_name),
        "residence": _("Nơi cư trú: %(village)s, %(commune)s") % {"village": village, "commune": commune.name_in_text}
        if village
        else "",
        "unit": _("Cơ quan, đơn vị: %(unit)s") % {"unit": unit} if unit else "",
        "prize": _("Đã đạt %(prize)s") % {"prize": prize} if prize else "",
        "result": f"{outcome} " + _("với kết quả trả lời đúng %(score)d/%(total)d câu, xếp thứ %(rank)d.") % result,
    }
    sizes = sizes_for(lines)
    # Formatted here: a template would localise 12.5 to "12,5" under vi, which CSS ignores.
    return lines | {"sizes": {key: f"{value:g}pt" for key, value in vars(sizes).items()}}


def place_date_line(*, commune, issued_on: dt.date) -> str:
    """ "Định Biên, ngày 05 tháng 12 năm 2026", worded exactly as an official document's place and date line."""
    stub = OfficialDocument(doc_type=CERTIFICATE_TITLE, title="", place=commune.place_name, date=issued_on)
    return layout.place_date_line(stub)


def certificates_html(
    *,
    commune,
    contest,
    round,
    recipients: list[Recipient],
    issued_on: dt.date | None = None,
    signer_name: str = "",
) -> str:
    """The certificates as one HTML document, a page each; raises ``ValueError`` (in Vietnamese) when
    there is nobody to print for or more than ``MAX_CERTIFICATES``."""
    if not recipients:
        raise ValueError(_("Chưa có người nào để in giấy chứng nhận."))
    if len(recipients) > MAX_CERTIFICATES:
        raise ValueError(
            _("Mỗi lần chỉ in được tối đa %(max)d giấy chứng nhận, đang chọn %(count)d người: hãy in thành nhiều lần.")
            % {"max": MAX_CERTIFICATES, "count": len(recipients)}
        )
    issuer = layout.issuer_heading(commune.issuing_body)
    with translation.override(settings.LANGUAGE_CODE):
        held = {
            "commune": commune,
            "contest_title": _nfc(contest.title),
            "round_number": round.number,
            "opens_on": format_date_short(timezone.localtime(round.opens_at).date()),
            "closes_on": format_date_short(_last_day(round.closes_at)),
        }
        people = [body_lines(person, **held) for person in recipients]
        return render_to_string(
            TEMPLATE,
            {
                "font_family": mark_safe(SERIF_FONT_FAMILY),  # noqa: S308 - a constant, needed unescaped in CSS
                "motto": layout.MOTTO,
                "slogan": layout.SLOGAN,
                "issuer": issuer.text,
                "issuer_box": f"{issuer.box_pt:.2f}pt",
                "issuer_rule": f"{issuer.rule_pt:.2f}pt",
                "slogan_rule": f"{layout.slogan_rule_pt():.2f}pt",
                "title": CERTIFICATE_TITLE,
                "commune": commune,
                "contest_title": held["contest_title"],
                "people": people,
                "place_date": place_date_line(commune=commune, issued_on=issued_on or timezone.localdate()),
                "signing_capacity": SIGNING_CAPACITY,
                "signer_title": SIGNER_TITLE,
                "signer_name": _nfc(signer_name),
            },
        )


def certificates_pdf(
    *,
    commune,
    contest,
    round,
    recipients: list[Recipient],
    issued_on: dt.date | None = None,
    signer_name: str = "",
) -> bytes:
    """The certificates as a print-ready PDF, one A4 landscape page per recipient, in the order given."""
    return html_to_pdf(
        certificates_html(
            commune=commune,
            contest=contest,
            round=round,
            recipients=recipients,
            issued_on=issued_on,
            signer_name=signer_name,
        )
    )
