"""The printable issue of the CCHC bulletin, built by the task worker and served as a stored file.

A whole issue (masthead, editorial, table of contents, every article in full) takes WeasyPrint
seconds, so a public URL never renders it: publishing the issue queues ``build_bulletin_prints``
once the transaction commits, which lays the issue out with the official renderer's WeasyPrint path
(``cchc.core.rendering.pdf.html_to_pdf``) as A4 and as A5 booklet pages and stores both in
``BulletinPrint`` with a ``stamp`` of what they show. A visit that finds the stored file stale (an
article republished since) still gets it, and asks for a rebuild; a missing file gives a short
"being prepared" page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.core.rendering.pdf import SERIF_FONT_FAMILY
from cchc.core.stored_files import Stored, is_stored
from cchc.core.text import format_date_long, format_date_short

from .bulletins import BulletinPage, BulletinPrint, Paper, commune_home_path

TEMPLATE = "portal/bulletin_print.html"
# Raise when the template or the layout change, so that every stored issue is built again.
LAYOUT_VERSION = 1
# A request queued longer ago than this without a build has lost its worker: the next visit queues another.
LOST_AFTER = dt.timedelta(minutes=15)

# Page geometry per paper: A4 for the notice board and the file, A5 pages for a pocket booklet
# (mirrored margins, the wider one on the fold side).
PAPERS = {
    Paper.A4: {"size": "A4", "inner": "25mm", "outer": "20mm", "top": "18mm", "bottom": "20mm", "body": "13pt",
               "masthead": "22pt", "title": "16pt", "small": "11pt"},
    Paper.A5: {"size": "A5", "inner": "18mm", "outer": "12mm", "top": "14mm", "bottom": "16mm", "body": "10.5pt",
               "masthead": "15pt", "title": "12.5pt", "small": "9pt"},
}  # fmt: skip

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r'\bsrc="([^"]*)"', re.IGNORECASE)


def commune_of(bulletin: Page) -> Commune | None:
    """The commune whose site holds the issue (every commune's home page is a child of the root)."""
    return (
        Commune.objects.select_related("site", "root_page")
        .filter(root_page__path=commune_home_path(bulletin.path))
        .first()
    )


def _local_images(html: str) -> str:
    """Point images at their files on disk, so that WeasyPrint never fetches anything over the network."""
    media_url = settings.MEDIA_URL

    def replace(match: re.Match) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        if src is None or not src.group(1).startswith(media_url):
            return ""
        path = Path(settings.MEDIA_ROOT) / src.group(1)[len(media_url) :]
        if not path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()) or not path.exists():
            return ""
        return tag.replace(src.group(0), f'src="{path.resolve().as_uri()}"')

    return _IMG.sub(replace, html)


def rich_text_html(value: str) -> str:
    """A rich text field as plain HTML for WeasyPrint: links and images expanded, images read from disk."""
    return _local_images(expand_db_html(value or ""))


def _published_on(page: Page) -> str:
    when = page.first_published_at
    return format_date_short(timezone.localtime(when).date()) if when else ""


def bulletin_html(bulletin: BulletinPage, *, paper: str, commune: Commune) -> str:
    """The print page of the whole issue on ``paper`` (``a4`` or ``a5``)."""
    articles = [
        {
            "anchor": f"bai-{position}",
            "title": article.title,
            "date": _published_on(article),
            "summary": getattr(article, "summary", ""),
            "body": rich_text_html(getattr(article, "body", "")),
        }
        for position, article in enumerate(bulletin.gathered(), start=1)
    ]
    published = bulletin.first_published_at or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            TEMPLATE,
            {
                "commune": commune,
                "bulletin": bulletin,
                "introduction": rich_text_html(bulletin.introduction),
                "articles": articles,
                "paper": PAPERS[paper],
                "font_family": SERIF_FONT_FAMILY,
                "published_on": format_date_long(timezone.localtime(published).date()),
            },
        )


def render_bulletin(bulletin: BulletinPage, *, paper: str, commune: Commune) -> bytes:
    """The slow part, run only by the worker (or a test)."""
    from cchc.core.rendering.pdf import html_to_pdf

    return html_to_pdf(bulletin_html(bulletin, paper=paper, commune=commune), base_url=commune.site.root_url + "/")


def bulletin_stamp(bulletin: BulletinPage, commune: Commune) -> str:
    """A hash of what the printed issue shows: the issue's published revision, its articles' and the commune's name."""
    ids = list(bulletin.gathered_articles.order_by("sort_order").values_list("article_id", flat=True))
    articles = dict(
        Page.objects.filter(pk__in=ids, path__startswith=commune.root_page.path, live=True).values_list(
            "pk", "live_revision_id"
        )
    )
    payload = {
        "layout": LAYOUT_VERSION,
        "commune": [commune.name, commune.province],
        "bulletin": [bulletin.pk, bulletin.live_revision_id, bulletin.last_published_at],
        "articles": [[pk, articles.get(pk)] for pk in ids],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, default=str).encode()).hexdigest()


def _store(*, commune: Commune, bulletin: BulletinPage, paper: str, stamp: str, pdf: bytes) -> None:
    with commune_scope(commune), transaction.atomic():
        locked = BulletinPrint.objects.select_for_update(of=("self",))
        row, _created = locked.get_or_create(commune=commune, bulletin=bulletin, paper=paper)
        old = row.file.name if row.file else ""
        row.file.save(f"{bulletin.pdf_filename(paper)[:-4]}-{stamp[:12]}.pdf", ContentFile(pdf), save=False)
        row.stamp, row.built_at, row.size, row.rebuild_requested_at = stamp, timezone.now(), len(pdf), None
        row.save()
        if old and old != row.file.name:
            storage = row.file.storage
            transaction.on_commit(lambda: storage.delete(old))


def build_bulletin_prints(bulletin_id: int) -> list[str]:
    """Build the A4 and A5 PDF of a live issue whose content changed; the papers built."""
    bulletin = BulletinPage.objects.filter(pk=bulletin_id).first()
    if bulletin is None or not bulletin.live:
        return []
    commune = commune_of(bulletin)
    if commune is None:
        return []
    stamp = bulletin_stamp(bulletin, commune)
    built = []
    for paper in Paper.values:
        with commune_scope(commune):
            row = BulletinPrint.objects.filter(commune=commune, bulletin=bulletin, paper=paper).first()
        if row is not None and row.stamp == stamp and is_stored(row):
            if row.rebuild_requested_at:
                with commune_scope(commune):
                    BulletinPrint.objects.filter(pk=row.pk).update(rebuild_requested_at=None)
            continue
        pdf = render_bulletin(bulletin, paper=paper, commune=commune)
        _store(commune=commune, bulletin=bulletin, paper=paper, stamp=stamp, pdf=pdf)
        built.append(paper)
    return built


def _queue(bulletin_id: int) -> bool:
    from .tasks import build_bulletin_prints as build_task

    bulletin = BulletinPage.objects.filter(pk=bulletin_id).first()
    commune = commune_of(bulletin) if bulletin is not None and bulletin.live else None
    if commune is None:
        return False  # unpublished (or gone) before the transaction committed: nothing to print
    now = timezone.now()
    with commune_scope(commune), transaction.atomic():
        existing = {
            row.paper: row
            for row in BulletinPrint.objects.select_for_update(of=("self",)).filter(commune=commune, bulletin=bulletin)
        }
        if any(r.rebuild_requested_at and r.rebuild_requested_at > now - LOST_AFTER for r in existing.values()):
            return False  # a build already waits for the worker; it will see this change too
        BulletinPrint.objects.bulk_create(
            [BulletinPrint(commune=commune, bulletin=bulletin, paper=p) for p in Paper.values if p not in existing]
        )
        BulletinPrint.objects.filter(commune=commune, bulletin=bulletin).update(rebuild_requested_at=now)
        build_task.enqueue(bulletin_id=bulletin.pk)
    return True


def request_build(bulletin: BulletinPage) -> None:
    """Ask the worker to (re)build the issue's PDFs once the caller's transaction commits; queues at most one build."""
    bulletin_id = bulletin.pk
    transaction.on_commit(lambda: _queue(bulletin_id))


def stored_print(*, commune: Commune, bulletin: BulletinPage, paper: str) -> Stored:
    """The stored PDF of ``bulletin`` on ``paper`` (never another commune's) and whether it is up to date."""
    with commune_scope(commune):
        row = BulletinPrint.objects.filter(commune=commune, bulletin=bulletin, paper=paper).first()
    return Stored(stamp=bulletin_stamp(bulletin, commune), row=row)
