"""The CCHC bulletin (bản tin cải cách hành chính): numbered issues that gather published articles.

``BulletinIndexPage`` (``/ban-tin-cchc/``) lists a commune's issues; each ``BulletinPage`` holds the
number, year and period of one issue, its editorial and the articles it gathers, in order. The
printable PDF of a whole issue (A4, and A5 booklet pages) is heavy: it is built by the task worker
when the issue is published (see ``bulletin_pdf``), stored in a ``BulletinPrint`` and only read by
the public URLs ``<issue>/pdf/a4/`` and ``<issue>/pdf/a5/``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.signals import page_published

from cchc.communes.models import CommuneOwned
from cchc.core.storage import private_storage

from .search import FOLDED_FIELD, FoldedSearchMixin, plain_text

# The page types an issue may gather: the commune's news articles.
BULLETIN_ARTICLE_TYPES = ["portal.ArticlePage"]

PREPARING_RETRY_SECONDS = 30
PRINT_MAX_AGE = 300  # a rebuild after a change replaces the file within minutes


class Quarter(models.TextChoices):
    Q1 = "1", _("Quý I")
    Q2 = "2", _("Quý II")
    Q3 = "3", _("Quý III")
    Q4 = "4", _("Quý IV")


class Paper(models.TextChoices):
    A4 = "a4", _("A4")
    A5 = "a5", _("A5 sổ tay")


def current_year() -> int:
    return timezone.localdate().year


def commune_home_path(path: str) -> str:
    """The tree path of the commune home page above ``path``: every commune's home is a child of the root."""
    return path[: Page.steplen * 2]


def _is_allowed_type(page: Page) -> bool:
    return page.specific_class is not None and page.specific_class._meta.label in BULLETIN_ARTICLE_TYPES


def article_problem(article: Page, home_path: str) -> str | None:
    """Why ``article`` cannot be gathered by an issue of the commune whose home is at ``home_path``."""
    if not home_path or not article.path.startswith(home_path) or article.depth <= 2:
        return _("Bài «%(title)s» không thuộc cổng thông tin của xã này.") % {"title": article.title}
    if not _is_allowed_type(article):
        return _("«%(title)s» không phải là bài viết, không đưa vào bản tin được.") % {"title": article.title}
    return None


class BulletinIndexPage(Page):
    """``/ban-tin-cchc/``: the commune's bulletin issues, newest first."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.BulletinPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("danh sách bản tin cải cách hành chính")

    def latest(self):
        return self.issues().first()

    def issues(self):
        return BulletinPage.objects.child_of(self).live().public().order_by("-year", "-number", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = list(self.issues())
        commune = getattr(request, "commune", None)
        prints: dict[tuple[int, str], BulletinPrint] = {}
        if commune is not None and issues:
            rows = BulletinPrint.objects.filter(commune=commune, bulletin__in=[i.pk for i in issues]).exclude(file="")
            prints = {(row.bulletin_id, row.paper): row for row in rows}
        context["issues"] = [
            {
                "page": issue,
                "downloads": [
                    {"paper": paper, "url": issue.pdf_url(paper, request), "row": prints.get((issue.pk, paper.value))}
                    for paper in Paper
                ],
            }
            for issue in issues
        ]
        return context


class BulletinPageForm(WagtailAdminPageForm):
    """The editor's form: the gathered articles must be the commune's own articles, each once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new page has no place in the tree yet: its clean() finds the commune through the parent.
        self.instance._validation_parent_path = self.parent_page.path if self.parent_page is not None else ""

    def is_valid(self):
        valid = super().is_valid()  # the inline formsets are cleaned here, after the form's own clean()
        return self._check_articles() and valid

    def _check_articles(self) -> bool:
        parent = self.parent_page
        home_path = commune_home_path(parent.path) if parent is not None else ""
        formset = self.formsets.get("gathered_articles")
        if formset is None:
            return True
        valid = True
        seen: set[int] = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            article = data.get("article")
            if article is None or data.get("DELETE"):
                continue
            problem = article_problem(article, home_path)
            if problem is None and article.pk in seen:
                problem = _("Bài «%(title)s» đã có trong số này.") % {"title": article.title}
            if problem is not None:
                form.add_error("article", problem)
                valid = False
            seen.add(article.pk)
        return valid


class BulletinPage(FoldedSearchMixin, RoutablePageMixin, Page):
    """One issue of the bulletin: «Số 3/2026», «Quý III năm 2026»."""

    number = models.PositiveSmallIntegerField(
        _("số"), validators=[MinValueValidator(1)], help_text=_("Số thứ tự của bản tin trong năm, từ 1")
    )
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], default=current_year
    )
    quarter = models.CharField(_("quý"), max_length=1, choices=Quarter, blank=True)
    period_label = models.CharField(
        _("kỳ phát hành"),
        max_length=80,
        blank=True,
        help_text=_("Ghi khi bản tin không theo quý, ví dụ: Tháng 9 năm 2026, Số đặc biệt"),
    )
    introduction = RichTextField(_("lời mở đầu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    base_form_class = BulletinPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("year")]),
                FieldPanel("quarter"),
                FieldPanel("period_label"),
            ],
            heading=_("Số và kỳ"),
        ),
        FieldPanel("introduction"),
        InlinePanel("gathered_articles", heading=_("Các bài trong số này"), label=_("bài")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), FOLDED_FIELD]
    parent_page_types = ["portal.BulletinIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("số bản tin cải cách hành chính")

    @property
    def number_label(self) -> str:
        return _("Số %(number)s/%(year)s") % {"number": self.number, "year": self.year}

    @property
    def period_display(self) -> str:
        if self.period_label:
            return self.period_label
        if self.quarter:
            return _("%(quarter)s năm %(year)s") % {"quarter": self.get_quarter_display(), "year": self.year}
        return _("Năm %(year)s") % {"year": self.year}

    def pdf_filename(self, paper: str) -> str:
        return f"ban-tin-cchc-so-{self.number}-{self.year}-{paper}.pdf"

    def pdf_url(self, paper: str, request=None) -> str:
        return f"{self.get_url(request)}pdf/{paper}/"

    def _home_path(self) -> str:
        if self.path:
            return commune_home_path(self.path)
        return commune_home_path(getattr(self, "_validation_parent_path", ""))

    def clean(self):
        super().clean()
        if not self.quarter and not self.period_label:
            raise ValidationError({"quarter": _("Chọn quý hoặc ghi kỳ phát hành của bản tin.")})
        home_path = self._home_path()
        if home_path and self.number and self.year:
            same = BulletinPage.objects.filter(path__startswith=home_path, number=self.number, year=self.year)
            if self.pk:
                same = same.exclude(pk=self.pk)
            if same.exists():
                raise ValidationError(
                    {
                        "number": _("Xã đã có bản tin số %(number)s năm %(year)s.")
                        % {"number": self.number, "year": self.year}
                    }
                )
        if home_path:
            problems = [
                problem
                for item in self.gathered_articles.all()
                if item.article_id and (problem := article_problem(item.article, home_path))
            ]
            if problems:
                raise ValidationError(problems)

    def search_text(self) -> str:
        titles = (item.article.title for item in self.gathered_articles.all() if item.article_id)
        return plain_text(self.title, self.number_label, self.period_display, self.introduction, *titles)

    def gathered(self) -> list[Page]:
        """The issue's articles in order: live, public and still the commune's own, as their specific pages."""
        ids = [item.article_id for item in self.gathered_articles.all()]
        if not ids:
            return []
        home_path = commune_home_path(self.path)
        pages = {
            page.pk: page
            for page in Page.objects.filter(pk__in=ids, path__startswith=home_path).live().public().specific()
            if _is_allowed_type(page)
        }
        return [pages[pk] for pk in ids if pk in pages]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.gathered()
        context["papers"] = [{"paper": paper, "url": self.pdf_url(paper, request)} for paper in Paper]
        return context

    @path("pdf/<str:paper>/")
    def pdf(self, request, paper: str):
        """The stored PDF of the issue; never rendered here (see ``bulletin_pdf``)."""
        from . import bulletin_pdf

        if paper not in Paper.values or getattr(request, "commune", None) is None:
            raise Http404
        if commune_home_path(self.path) != request.commune.root_page.path:
            raise Http404
        found = bulletin_pdf.stored_print(commune=request.commune, bulletin=self, paper=paper)
        if not found.fresh:
            bulletin_pdf.request_build(self)
        if not found.ready:
            response = TemplateResponse(
                request,
                "portal/bulletin_preparing.html",
                {"page": self, "retry": PREPARING_RETRY_SECONDS, "name": self.pdf_filename(paper)},
                status=503,
            )
            response["Retry-After"] = str(PREPARING_RETRY_SECONDS)
            add_never_cache_headers(response)
            return response
        row = found.row
        response = FileResponse(row.file.open("rb"), filename=self.pdf_filename(paper), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.pdf_filename(paper)}"'
        patch_cache_control(response, public=True, max_age=PRINT_MAX_AGE)
        response["Last-Modified"] = http_date(row.built_at.timestamp())
        response["ETag"] = f'"{row.stamp[:32]}"'
        return response


class BulletinArticle(Orderable):
    """One article gathered by an issue, in the issue's order."""

    bulletin = ParentalKey(BulletinPage, on_delete=models.CASCADE, related_name="gathered_articles")
    article = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("article", page_type=BULLETIN_ARTICLE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("bài trong bản tin")
        verbose_name_plural = _("bài trong bản tin")


def print_upload_to(instance: BulletinPrint, filename: str) -> str:
    return f"ban-tin/{instance.commune.code}/{filename}"


class BulletinPrint(CommuneOwned):
    """The PDF of one issue in one paper size, built by the task worker from the state named by ``stamp``."""

    bulletin = models.ForeignKey(BulletinPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("bản tin"))
    paper = models.CharField(_("khổ giấy"), max_length=2, choices=Paper)
    file = models.FileField(_("tệp PDF"), upload_to=print_upload_to, storage=private_storage, blank=True)
    stamp = models.CharField(_("dấu nội dung"), max_length=64, blank=True, editable=False)
    built_at = models.DateTimeField(_("dựng lúc"), null=True, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    rebuild_requested_at = models.DateTimeField(_("yêu cầu dựng lại lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản in của bản tin")
        verbose_name_plural = _("bản in của bản tin")
        constraints = [
            models.UniqueConstraint(fields=["commune", "bulletin", "paper"], name="bulletinprint_unique_paper"),
        ]

    def __str__(self) -> str:
        return f"{self.bulletin_id} {self.paper}"

    @property
    def size_kb(self) -> int:
        return max(1, round((self.size or 0) / 1024))


@receiver(page_published, sender=BulletinPage)
def build_prints_when_published(sender, instance, **kwargs):
    from . import bulletin_pdf

    bulletin_pdf.request_build(instance)


def ensure_bulletin_index(home: Page) -> BulletinIndexPage | None:
    """The commune's list of bulletin issues at /ban-tin-cchc/, created (published) the first time."""
    existing = BulletinIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    if Page.objects.child_of(home).filter(slug="ban-tin-cchc").exists():
        return None  # the commune made its own page at /ban-tin-cchc/: leave it
    bulletins = BulletinIndexPage(title=str(_("Bản tin cải cách hành chính")), slug="ban-tin-cchc")
    home.add_child(instance=bulletins)
    bulletins.save_revision().publish()
    return bulletins


@receiver(models.signals.post_delete, sender=BulletinPrint, dispatch_uid="cchc_bulletin_print_file_deleted")
def delete_print_file(sender, instance, **kwargs):
    """A deleted issue takes its printed files with it (once the deletion is committed)."""
    from django.db import transaction

    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
