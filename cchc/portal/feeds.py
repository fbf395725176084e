"""The commune's news as RSS 2.0 and Atom: the latest published articles of the site's commune."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        if getattr(request, "site_commune", None) is None:
            raise Http404(_("Không có xã nào ở địa chỉ này"))
        self.request = request
        return request.site_commune

    def title(self, commune):
        return _("Tin tức — UBND %(name)s") % {"name": commune.name_in_text}

    def link(self, commune):
        return "/tin-tuc/"

    def description(self, commune):
        return _("Tin cải cách hành chính, thông báo và bản tin của UBND %(name)s.") % {"name": commune.name_in_text}

    def items(self, commune):
        from .models import ArticlePage

        articles = ArticlePage.objects.live().public().descendant_of(commune.root_page)
        return articles.order_by("-first_published_at")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_url(request=self.request)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at

    def item_categories(self, article):
        return [article.get_category_display()]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, commune):
        return self.description(commune)
