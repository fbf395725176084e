"""News of a commune's portal: the list at ``/tin-tuc/`` and its articles (tin bài).

An article may be linked to a task of the commune's plan; once published it is that task's
evidence (``cchc.plans.progress.with_article_evidence``). The link is its own commune-owned row
(``ArticleTask``), not a foreign key on the page: pages are Wagtail's and belong to a commune by
their place in the tree, tasks are commune data, and the tenancy check and the save-time guard
(``cchc.communes.guards``) then hold for the link like for any other commune row: its page must
lie under the commune's home page and its task be the commune's.
"""

from __future__ import annotations

import re
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cchc.communes.models import Commune, CommuneOwned
from cchc.communes.scoping import commune_scope
from cchc.core.text import slugify_vi

from .search import FOLDED_FIELD, FoldedSearchMixin, plain_text
from .visibility import PublicPages

PER_PAGE = 10
TAG_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
AUDIO_EXTENSIONS = ("mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "webm")


class ArticleCategory(models.TextChoices):
    CCHC = "cai-cach-hanh-chinh", _("Cải cách hành chính")
    MODEL = "mo-hinh-dien-hinh", _("Mô hình điển hình")
    INDICES = "chi-so", _("Chỉ số PAR INDEX - PCI - PAPI")
    NOTICE = "thong-bao", _("Thông báo")
    ACTIVITY = "tin-hoat-dong", _("Tin hoạt động")


def commune_of_page(page: Page) -> Commune | None:
    """The commune whose home page is ``page`` or one of its ancestors (a page's tenant is its place)."""
    if not page.path:
        return None
    homes = [page.path[: Page.steplen * depth] for depth in range(1, len(page.path) // Page.steplen + 1)]
    return Commune.objects.filter(root_page__path__in=homes).select_related("root_page").first()


class NewsIndexPage(Page):
    """``/tin-tuc/``: the commune's articles, newest first, by category or tag, ten to a page."""

    intro = models.CharField(_("lời giới thiệu"), max_length=255, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang tin tức")

    def full_clean(self, *args, **kwargs):
        # The nav of every public page links /tin-tuc/: the list lives there, whatever its title.
        self.slug = "tin-tuc"
        super().full_clean(*args, **kwargs)

    def articles(self):
        return ArticlePage.objects.child_of(self).live().public().order_by("-first_published_at", "-id")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        category = request.GET.get("chuyen-muc", "")
        if category in ArticleCategory.values:
            articles = articles.filter(category=category)
            context["category"] = ArticleCategory(category)
        tag = request.GET.get("the", "")[:100]
        if tag:
            # A tag slug is letters, digits and dashes; anything else (a NUL byte…) finds nothing.
            articles = articles.filter(tags__slug=tag).distinct() if TAG_SLUG.fullmatch(tag) else articles.none()
            # Tags are shared by every commune: name one only where this commune's articles carry it.
            named = articles.exists() and ArticlePageTag.tag_model().objects.filter(slug=tag).first()
            context["tag"] = named or tag
        context["categories"] = ArticleCategory.choices
        context["articles"] = Paginator(articles, PER_PAGE).get_page(request.GET.get("trang"))
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("portal.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


def _task_form(base, tasks):
    def __init__(self, *args, **kwargs):
        base.__init__(self, *args, **kwargs)
        self.fields["task"].queryset = tasks

    return type(base.__name__, (base,), {"__init__": __init__})


class ArticlePageForm(WagtailAdminPageForm):
    """The task chooser offers the tasks of the commune the article lives in, and no other."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cchc.plans.models import Task

        place = self.instance if self.instance.pk else self.parent_page
        self.commune = commune_of_page(place) if place is not None else None
        tasks = Task._base_manager.filter(commune=self.commune) if self.commune else Task._base_manager.none()
        tasks = tasks.select_related("plan").order_by("-plan__year", "quarter", "position")
        formset = self.formsets.get("task_links")
        if formset is not None:
            # Before the formset builds its forms (and its empty form, built anew at each use).
            formset.form = _task_form(formset.form, tasks)

    def save(self, commit=True):
        formset = self.formsets.get("task_links")
        if formset is not None and self.commune is not None:
            for form in formset.forms:
                form.instance.commune = self.commune
        return super().save(commit=commit)


class ArticlePage(FoldedSearchMixin, Page):
    """A news article (tin bài): its lead, its text, a photo, its radio version, a plan task."""

    summary = models.CharField(_("tóm tắt"), max_length=300, help_text=_("Một, hai câu dẫn, hiện ở danh sách tin"))
    body = RichTextField(_("nội dung"))
    category = models.CharField(_("chuyên mục"), max_length=30, choices=ArticleCategory, default=ArticleCategory.CCHC)
    tags = ClusterTaggableManager(
        through=ArticlePageTag, blank=True, verbose_name=_("thẻ"),
        help_text=_("Các thẻ cách nhau bằng dấu phẩy, ví dụ: một cửa, dịch vụ công trực tuyến"),
    )  # fmt: skip
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ảnh"),
    )  # fmt: skip
    audio = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("bản phát thanh (tệp âm thanh)"),
        help_text=_("Tệp MP3, M4A, OGG hoặc WAV của bài đọc trên loa"),
    )  # fmt: skip

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("category"),
        FieldPanel("tags"),
        FieldPanel("image"),
        FieldPanel("audio"),
        InlinePanel("task_links", max_num=1, label=_("Nhiệm vụ của kế hoạch mà bài này là minh chứng")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
        FOLDED_FIELD,
    ]
    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types = []
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

    # Reading a revision and saving read and commit the task links, commune rows behind the scoped
    # manager: both open the scope of the commune the page lives in, so that a command (scheduled
    # publishing) or a platform admin does what an official's request does.
    def _own_commune_scope(self):
        commune = commune_of_page(self)
        return commune_scope(commune) if commune is not None else nullcontext()

    def save(self, *args, **kwargs):
        with self._own_commune_scope():
            return super().save(*args, **kwargs)

    def with_content_json(self, content):
        with self._own_commune_scope():
            return super().with_content_json(content)

    def serializable_data(self):
        with self._own_commune_scope():
            return super().serializable_data()

    def _set_core_field_defaults(self):
        # «Điện tử» → dien-tu, where Wagtail's slug (Django's slugify) drops the «đ»: ien-tu.
        if not self.slug and self.title and (self.path or getattr(self, "_cached_parent_obj", None)):
            self.slug = self._get_autogenerated_slug(slugify_vi(self.title))
        super()._set_core_field_defaults()

    def clean(self):
        super().clean()
        self._check_own_files()
        if self.audio_id and self.audio.file_extension.lower() not in AUDIO_EXTENSIONS:
            raise ValidationError(
                {"audio": _("Bản phát thanh phải là tệp âm thanh (MP3, M4A, AAC, OGG, OPUS, WAV hoặc WEBM).")}
            )

    def _check_own_files(self) -> None:
        """The photo and the recording must be the commune's own: the chooser offers only those, and a
        forged id of another commune's file is refused here."""
        parent = getattr(self, "_cached_parent_obj", None)
        commune = commune_of_page(self) if self.path else commune_of_page(parent) if parent is not None else None
        if commune is None:
            return
        own = commune.collection.get_descendants(inclusive=True)
        errors = {}
        if self.image_id and not own.filter(pk=self.image.collection_id).exists():
            errors["image"] = _("Ảnh này không thuộc thư viện ảnh của xã.")
        if self.audio_id and not own.filter(pk=self.audio.collection_id).exists():
            errors["audio"] = _("Tệp này không thuộc thư viện tài liệu của xã.")
        if errors:
            raise ValidationError(errors)

    @property
    def linked_task(self):
        link = next(iter(self.task_links.all()), None)
        return link.task if link is not None else None

    def search_text(self) -> str:
        """Plain text of what a reader may search for, to be indexed folded (without tones)."""
        tags = (tag.name for tag in self.tags.all())
        return plain_text(self.title, self.summary, self.body, self.get_category_display(), *tags)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = self.get_parent()
        if self.image_id:
            # Zalo and Facebook show a 1.91:1 picture beside a shared link; they need its absolute URL.
            preview = self.image.get_rendition("fill-1200x630|format-jpeg")
            context["og_image_url"] = request.build_absolute_uri(preview.url)
        return context


class ArticleTask(CommuneOwned):
    """An article that shows a plan task was done: published, it is that task's evidence."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="task_links", verbose_name=_("tin bài"))
    task = models.ForeignKey(
        "plans.Task", on_delete=models.CASCADE, related_name="article_links", verbose_name=_("nhiệm vụ")
    )

    panels = [FieldPanel("task")]

    class Meta:
        verbose_name = _("nhiệm vụ được minh chứng")
        verbose_name_plural = _("nhiệm vụ được minh chứng")
        constraints = [models.UniqueConstraint(fields=["page", "task"], name="portal_articletask_once")]

    def __str__(self) -> str:
        return str(self.task)


def news_index_of(home: Page) -> NewsIndexPage | None:
    return NewsIndexPage.objects.child_of(home).live().first()


def latest_articles(home: Page, *, public: PublicPages, limit: int = 5) -> list[ArticlePage]:
    """The newest published articles of a commune's site that anyone may read, for its home page."""
    return list(public(ArticlePage.objects.descendant_of(home)).order_by("-first_published_at", "-id")[:limit])


def ensure_news_index(home: Page) -> NewsIndexPage | None:
    """The commune's news list, created (published) the first time it is asked for."""
    existing = NewsIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    if Page.objects.child_of(home).filter(slug="tin-tuc").exists():
        return None  # the commune made its own page at /tin-tuc/: leave it, the office can move it
    news = NewsIndexPage(title=str(_("Tin tức")), slug="tin-tuc")
    home.add_child(instance=news)
    news.save_revision().publish()
    return news
