"""The QR slip: an A4 sheet of eight slips to cut and hand out or stick at the desk, each with the
commune's name, "Đánh giá mức độ hài lòng", the QR code of the survey's address and that address
written out short (for a phone without a QR reader).

Rendering takes WeasyPrint a fraction of a second; the PDF is kept in the cache under everything
it shows (layout version, commune name, address), so a public URL asked again costs a cache read.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from cchc.core.rendering.pdf import SERIF_FONT_FAMILY, html_to_pdf
from cchc.procedures.printing.common import qr

TEMPLATE = "surveys/public/slips.html"
LAYOUT_VERSION = 1
SLIPS_PER_PAGE = 8
CACHE_SECONDS = 7 * 24 * 3600


def short_url(url: str) -> str:
    """The address as a person types it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def slips_html(*, commune, url: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            TEMPLATE,
            {
                "font_family": mark_safe(SERIF_FONT_FAMILY),  # noqa: S308 - a constant, needed unescaped in CSS
                "commune": commune,
                "qr": qr(url),
                "short_url": short_url(url),
                "slips": range(SLIPS_PER_PAGE),
            },
        )


def slips_pdf(*, commune, url: str) -> bytes:
    """The sheet of slips for ``url``, rendered at most once per change of what it shows."""
    stamp = hashlib.sha256(
        f"{LAYOUT_VERSION}\n{commune.pk}\n{commune.name}\n{commune.kind}\n{url}".encode()
    ).hexdigest()
    key = f"cchc:survey-slips:{stamp}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(slips_html(commune=commune, url=url))
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
