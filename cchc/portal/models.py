from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """A commune's home page: the root of its site."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.StandardPage"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("trang chủ của xã")

    def get_context(self, request, *args, **kwargs):
        from cchc.communes.models import Commune, Village

        context = super().get_context(request, *args, **kwargs)
        commune = Commune.objects.filter(root_page=self).first()
        context["page_commune"] = commune
        context["sections"] = self.get_children().live().public().specific().order_by("path")
        context["villages"] = Village.objects.all() if commune is not None and commune == request.commune else []
        return context


class StandardPage(Page):
    """A plain page of text: introduction, contacts, guidance."""

    summary = models.CharField(_("tóm tắt"), max_length=255, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")


from .bulletins import BulletinIndexPage, BulletinPage  # noqa: E402, F401
