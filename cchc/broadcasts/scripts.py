"""What a radio script says: the text read from a portal page, and the spoken text kept in step with it.

Spoken text rule (one place): the spoken text is the machine's reading of the body
(``normalize.to_spoken`` with the commune's reading dictionary) until an official corrects it by hand.
- Saved empty: it is filled from the body.
- The body changed and the spoken text is still exactly the machine's reading of the *old* body
  (read with today's dictionary): it is refreshed from the new body.
- Otherwise (the official typed their own reading, or changed it in the same save): it is kept as is.
A dictionary changed since the last reading makes an untouched text look corrected; it is then kept,
never overwritten: the official can clear it or use «Tạo lại lời đọc từ nội dung».
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page

from cchc.portal.search import plain_text

from . import normalize

# The page types a script may be made from (their specific classes' labels).
SOURCE_PAGE_TYPES = ("portal.ArticlePage", "portal.BulletinPage")


def is_script_source(page: Page) -> bool:
    specific_class = page.specific_class
    return specific_class is not None and specific_class._meta.label in SOURCE_PAGE_TYPES


def page_belongs_to(page: Page, commune) -> bool:
    """A page of ``commune``'s own site (its home page or below it)."""
    home = commune.root_page
    return bool(page.path) and page.path.startswith(home.path)


def source_pages(commune, *, limit: int = 40):
    """The commune's published articles and bulletin issues, newest first: what a script can be made from.

    Listed apart from the page editor, which a broadcaster may not open for a colleague's article."""
    from django.apps import apps

    types = [apps.get_model(label) for label in SOURCE_PAGE_TYPES]
    pages = Page.objects.live().descendant_of(commune.root_page).type(*types)
    return pages.order_by("-last_published_at", "-pk")[:limit]


def page_text(page: Page) -> str:
    """The plain text of an article (summary, then body) or of a bulletin issue (its opening words,
    then the title and summary of each article it gathers), paragraphs on lines of their own."""
    page = page.specific
    if page._meta.label == "portal.BulletinPage":
        parts = [page.number_label + ". " + page.period_display + ".", plain_text(page.introduction)]
        for article in page.gathered():
            parts.append(plain_text(article.title) + ".")
            parts.append(plain_text(getattr(article, "summary", "")))
        return "\n\n".join(part for part in parts if part)
    return "\n\n".join(part for part in (plain_text(page.summary), _paragraphs(page.body)) if part)


def _paragraphs(html: str) -> str:
    """Rich text as plain paragraphs: each block element ends a line (``plain_text`` would join them)."""
    import re

    blocks = re.split(r"(?i)</(?:p|h[1-6]|li|blockquote|div)>|<br\s*/?>", html or "")
    return "\n".join(text for block in blocks if (text := plain_text(block)))


def spoken_of(body: str, *, commune) -> str:
    """The machine's reading of ``body`` with the commune's dictionary."""
    return normalize.to_spoken(body, terms=normalize.commune_terms(commune))


def spoken_to_keep(*, body: str, spoken: str, commune, before=None) -> str:
    """The spoken text to store for a script saved with ``body`` and ``spoken`` (the module's rule).

    ``before`` is the stored script (None on creation)."""
    if not spoken.strip():
        return spoken_of(body, commune=commune)
    if before is None or before.body == body or spoken != before.spoken_text:
        return spoken
    if before.spoken_text == spoken_of(before.body, commune=commune):
        return spoken_of(body, commune=commune)
    return spoken


def source_label(page: Page) -> str:
    return _("«%(title)s»") % {"title": page.title}
