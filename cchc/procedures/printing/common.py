"""What the sheets, the leaflet and the form share: QR codes, download names, the date printed."""

from __future__ import annotations

import datetime as dt

import segno
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from cchc.core.text import slugify_vi

from ..models import Procedure, PublishedProcedure

Items = list[tuple[Procedure, PublishedProcedure | None]]

QR_ERROR = "m"  # 15 % of the code can be dirty or torn, enough for a sheet on a wall for months


def qr_svg(url: str) -> str:
    """An inline SVG QR code that scales with CSS (a view box, no fixed size) and prints as vectors."""
    return segno.make(url, error=QR_ERROR).svg_inline(omitsize=True, svgclass="qr", lineclass=None)


def qr(url: str) -> SafeString:
    """The QR code of ``url``, ready to put unescaped in a template."""
    return mark_safe(qr_svg(url))  # noqa: S308 - segno's own markup; the URL is encoded as modules, not text


def filename(kind: str, slug: str, ext: str) -> str:
    """An ASCII download name a browser and any OS keep intact: ``niem-yet-dang-ky-khai-sinh.pdf``."""
    stem = "-".join(part for part in (slugify_vi(kind), slugify_vi(slug, max_length=120)) if part) or "tai-lieu"
    return f"{stem}.{ext.lstrip('.').lower()}"


def dossier_line(item: dict) -> str:
    """One document to bring, with how many copies: "Tờ khai (01 bản chính)"."""
    copies = str(item.get("copies") or "").strip()
    name = str(item.get("name") or "").strip()
    return f"{name} ({copies})" if copies else name


def today() -> dt.date:
    return timezone.localdate()
