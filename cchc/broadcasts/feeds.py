"""The archive as a podcast (``/truyen-thanh/podcast.xml``): RSS 2.0 with enclosures and the iTunes
tags podcast apps read, every address absolute on the commune's own host (as ``cchc.portal.feeds``)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import archive
from .public_views import audio_url

FEED_LENGTH = 50
FEED_MAX_AGE = 15 * 60
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


class PodcastRss(Rss201rev2Feed):
    """RSS 2.0 with the ``itunes:`` namespace: author, category, explicit, duration, summary."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["itunes_author"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", feed["itunes_author"])
        handler.endElement("itunes:owner")
        handler.addQuickElement("itunes:category", "", {"text": "Government"})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("itunes_duration"):
            handler.addQuickElement("itunes:duration", item["itunes_duration"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:episodeType", "full")


class PodcastFeed(Feed):
    feed_type = PodcastRss

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def get_object(self, request, *args, **kwargs):
        if getattr(request, "site_commune", None) is None:
            raise Http404(_("Không có xã nào ở địa chỉ này"))
        self.request = request
        return request.site_commune

    def title(self, commune):
        return _("Truyền thanh %(name)s — Nghe lại") % {"name": commune.name_in_text}

    def link(self, commune):
        return reverse("broadcasts:index")

    def feed_url(self, commune):
        return reverse("broadcasts:podcast")

    def description(self, commune):
        return _("Các bài phát thanh trên loa truyền thanh của UBND %(name)s, để người dân nghe lại.") % {
            "name": commune.name_in_text
        }

    def feed_extra_kwargs(self, commune):
        return {"itunes_author": _("UBND %(name)s") % {"name": commune.name_in_text}}

    def items(self, commune):
        return archive.archived_scripts(commune)[:FEED_LENGTH]

    def item_title(self, script):
        return script.title

    def item_description(self, script):
        return Truncator(script.body).words(80)

    def item_link(self, script):
        return reverse("broadcasts:detail", args=[script.pk])

    def item_pubdate(self, script):
        return script.archive_date

    def item_enclosures(self, script):
        try:
            size = script.on_air.storage.size(script.on_air.name)
        except OSError:
            return []  # a file gone missing: the item stays, without an enclosure podcast apps would fail on
        url = self.request.build_absolute_uri(audio_url(script))
        return [Enclosure(url=url, length=str(size), mime_type=archive.audio_type(script))]

    def item_extra_kwargs(self, script):
        return {"itunes_duration": archive.clock_duration(script.on_air_duration)}
