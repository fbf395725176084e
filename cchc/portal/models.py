from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .bulletins import BulletinArticle, BulletinIndexPage, BulletinPage, BulletinPrint, ensure_bulletin_index
from .news import (
    ArticleCategory,
    ArticlePage,
    ArticlePageTag,
    ArticleTask,
    NewsIndexPage,
    ensure_news_index,
    latest_articles,
    news_index_of,
)
from .search import FOLDED_FIELD, FoldedSearchMixin
from .visibility import PublicPages

__all__ = [
    "ArticleCategory",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleTask",
    "BulletinArticle",
    "BulletinIndexPage",
    "BulletinPage",
    "BulletinPrint",
    "HomePage",
    "NewsIndexPage",
    "StandardPage",
    "latest_articles",
    "news_index_of",
]


class HomePage(Page):
    """A commune's home page: the root of its site."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.NewsIndexPage", "portal.BulletinIndexPage", "portal.StandardPage"]
    max_count_per_parent = None

    LATEST_NEWS = 5

    class Meta:
        verbose_name = _("trang chủ của xã")

    def add_standing_sections(self) -> None:
        """Sections every commune's site has from its first day, so that the nav's links all work."""
        ensure_news_index(self)
        ensure_bulletin_index(self)

    def get_context(self, request, *args, **kwargs):
        """Everything the home shows, in few queries: it is the page most visited uncached (pinned in tests)."""
        from cchc.communes.models import Commune, Village

        context = super().get_context(request, *args, **kwargs)
        commune = getattr(request, "site_commune", None)  # the host's commune, known without a query
        if commune is None or commune.root_page_id != self.pk:  # a preview of another home, a test
            commune = Commune.objects.filter(root_page=self).first()
        public = PublicPages(self)
        # Plain pages with the one field the cards show: no ``specific()`` fan-out, a query per type.
        sections = list(public(self.get_children()).annotate(summary=F("standardpage__summary")).order_by("path"))
        kinds = ContentType.objects.get_for_models(NewsIndexPage, BulletinIndexPage)
        news_index = next((s for s in sections if s.content_type_id == kinds[NewsIndexPage].pk), None)
        bulletin_index = next((s for s in sections if s.content_type_id == kinds[BulletinIndexPage].pk), None)
        latest_bulletin = None
        if bulletin_index is not None:
            issues = public(BulletinPage.objects.child_of(bulletin_index)).order_by("-year", "-number", "-pk")
            latest_bulletin = issues.first()
        context.update(
            open_survey=commune is not None and _has_open_survey(commune),
            page_commune=commune,
            sections=sections,
            villages=Village.objects.all() if commune is not None and commune == request.commune else [],
            news_index=news_index,
            latest_news=latest_articles(self, public=public, limit=self.LATEST_NEWS),
            bulletin_index=bulletin_index,
            latest_bulletin=latest_bulletin,
        )
        return context


def _has_open_survey(commune) -> bool:
    """Whether the commune takes satisfaction survey forms today (one query; ``cchc.surveys``)."""
    from cchc.communes.scoping import commune_scope
    from cchc.surveys.public_views import open_campaigns

    with commune_scope(commune):
        return open_campaigns(commune).exists()


class StandardPage(FoldedSearchMixin, Page):
    """A plain page of text: introduction, contacts, guidance."""

    summary = models.CharField(_("tóm tắt"), max_length=255, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body"), FOLDED_FIELD]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")
