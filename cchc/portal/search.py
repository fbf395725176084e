"""Site search over the commune's portal pages, blind to tones and to đ/d.

Villagers type without tones (``cai cach hanh chinh``) or with some of them. Every searchable page
indexes a folded copy of its text (``folded_search_text``) and the query is folded the same way, so
Wagtail's database backend matches them alike on PostgreSQL (full-text, ``simple`` configuration,
ranked by ``ts_rank``) and on SQLite (FTS5, ranked by BM25). Folding once in Python, with the
project's one folding helper, keeps the two databases in agreement (PostgreSQL's ``unaccent``
would fold ``đ`` too, but SQLite has nothing like it).
"""

from __future__ import annotations

from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from cchc.core.text import fold_vietnamese

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50

# The search field every portal page type adds to its ``search_fields``.
FOLDED_FIELD = index.SearchField("folded_search_text")


def folded_text(*parts) -> str:
    """The folded, tag-free text of a page for the index: ``folded_text(self.title, self.body)``."""
    return fold_vietnamese(" ".join(strip_tags(str(part)) for part in parts if part))


def clean_query(raw: str) -> str:
    """The user's words, capped and folded; empty when there is nothing to look for."""
    return " ".join(fold_vietnamese(raw or "")[:MAX_QUERY_LENGTH].split())


def search_pages(*, commune, query: str) -> list[Page]:
    """Live, public pages of ``commune``'s site matching ``query``, most relevant first."""
    folded = clean_query(query)
    if not folded:
        return []
    pages = Page.objects.live().public().descendant_of(commune.root_page).not_page(commune.root_page)
    found = [page.pk for page in pages.search(folded, operator="or")[:MAX_RESULTS]]
    specific = Page.objects.filter(pk__in=found).specific().in_bulk()
    return [specific[pk] for pk in found if pk in specific]
