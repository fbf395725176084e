"""What a citizen may see of a commune's site: live pages outside every private section.

Wagtail's ``public()`` reads every view restriction of the platform each time it is called, so a
page that lists three things reads them three times. ``PublicPages`` reads the restrictions of one
site once and filters any number of querysets with them.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


class PublicPages:
    """Filter page querysets of the site under ``home`` down to what an anonymous visitor may read."""

    def __init__(self, home: Page):
        steps = Page.steplen
        ancestors = [home.path[:i] for i in range(steps, len(home.path), steps)]
        paths = PageViewRestriction.objects.filter(
            Q(page__path__startswith=home.path) | Q(page__path__in=ancestors)
        ).values_list("page__path", flat=True)
        self.private = Q()
        for path in paths:
            self.private |= Q(path__startswith=path)

    def __call__(self, queryset):
        queryset = queryset.live()
        return queryset.exclude(self.private) if self.private else queryset
