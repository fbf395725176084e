"""Site search over the commune's portal pages, blind to tones and to đ/d.

Villagers type without tones (``cai cach hanh chinh``) or with some of them. Every searchable page
indexes a folded copy of its text (``folded_search_text``) and the query is folded the same way, so
Wagtail's database backend matches them alike on PostgreSQL (full-text, ``simple`` configuration,
ranked by ``ts_rank``) and on SQLite (FTS5, ranked by BM25). Folding once in Python, with the
project's one folding helper, keeps the two databases in agreement (PostgreSQL's ``unaccent``
would fold ``đ`` too, but SQLite has nothing like it).
"""

from __future__ import annotations

import html
import re

from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from cchc.core.text import fold_vietnamese

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50

# The search field every portal page type adds to its ``search_fields`` (with ``FoldedSearchMixin``).
FOLDED_FIELD = index.SearchField("folded_search_text")


def plain_text(*parts) -> str:
    """The readable text of rich-text and plain parts, tags and entities gone, spaces collapsed."""
    return " ".join(" ".join(html.unescape(strip_tags(str(part))).split()) for part in parts if part)


class FoldedSearchMixin:
    """A page found without tones: the index holds its ``search_text()`` folded."""

    def search_text(self) -> str:
        return plain_text(self.title, getattr(self, "summary", ""), getattr(self, "body", ""))

    def folded_search_text(self) -> str:
        return fold_vietnamese(self.search_text())


def clean_query(raw: str) -> str:
    """The user's words, capped and folded, letters and digits only (quotes, stars and brackets are
    search syntax to the database, not words); empty when there is nothing to look for."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold_vietnamese(raw or "")[:MAX_QUERY_LENGTH]).split())


def searchable_page_types() -> list[type[Page]]:
    """Pages people read (articles, bulletin issues, standard pages), not the lists that lead to them."""
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if issubclass(model, FoldedSearchMixin)]


def search_pages(*, commune, query: str) -> list[Page]:
    """Live, public pages of ``commune``'s site matching ``query``, most relevant first."""
    folded = clean_query(query)
    if not folded:
        return []
    pages = Page.objects.live().public().descendant_of(commune.root_page).type(*searchable_page_types())
    found = [page.pk for page in pages.search(folded, operator="or")[:MAX_RESULTS]]
    specific = Page.objects.filter(pk__in=found).specific().in_bulk()
    return [specific[pk] for pk in found if pk in specific]
