"""The CCHC bulletin: numbered issues gathering the commune's articles, and the PDF of each issue.

The PDF is built by the worker when an issue is published and read back with poppler; the public
URLs only send what is stored (rendering is patched to fail where they are fetched).
"""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cchc.communes.scoping import commune_scope
from cchc.core.testing import require_poppler, run_tool
from cchc.portal import bulletin_pdf
from cchc.portal.bulletins import BulletinArticle, BulletinIndexPage, BulletinPage, BulletinPrint
from cchc.portal.models import NewsIndexPage, StandardPage

from .news_helpers import publish_article

BUILD_TASK = "cchc.portal.tasks.build_bulletin_prints"


def host(commune):
    return {"HTTP_HOST": commune.site.hostname}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def no_rendering():
    boom = AssertionError("a PDF was rendered")
    with (
        mock.patch("weasyprint.HTML", side_effect=boom),
        mock.patch("cchc.core.rendering.pdf.html_to_pdf", side_effect=boom),
        mock.patch.object(bulletin_pdf, "render_bulletin", side_effect=boom),
    ):
        yield


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_article(commune, title, body, summary="Tóm tắt của bài."):
    return publish_article(commune, title, body=body, summary=summary)


def add_index(commune):
    """Every commune's site has its bulletin list from its first day."""
    return BulletinIndexPage.objects.child_of(commune.root_page).get()


def add_issue(index, number, year=2026, quarter="3", articles=(), *, live=True, **fields):
    issue = BulletinPage(
        title=fields.pop("title", f"Bản tin số {number} năm {year}"),
        slug=fields.pop("slug", f"so-{number}-{year}"),
        number=number,
        year=year,
        quarter=quarter,
        introduction=fields.pop("introduction", "<p>Lời mở đầu.</p>"),
        gathered_articles=[BulletinArticle(article=a) for a in articles],
        **fields,
    )
    index.add_child(instance=issue)
    if live:
        publish(issue)
    else:
        issue.save_revision()
        BulletinPage.objects.filter(pk=issue.pk).update(live=False)
        issue.refresh_from_db()
    return issue


@pytest.fixture
def index_a(commune_a):
    return add_index(commune_a)


@pytest.fixture
def articles_a(commune_a):
    return [
        add_article(
            commune_a,
            "Một cửa điện tử: người dân đỡ đi lại",
            "<p>Bộ phận Một cửa đã tiếp nhận 1.284 hồ sơ trực tuyến, giảm thời gian chờ đợi của bà con.</p>",
            summary="Kết quả quý III của bộ phận tiếp nhận và trả kết quả.",
        ),
        add_article(
            commune_a,
            "Chỉ số PAPI của tỉnh tăng 12 bậc",
            "<p>Đánh giá của người dân về sự hài lòng đối với dịch vụ công được cải thiện rõ rệt.</p>",
        ),
    ]


def pdf_text(path) -> str:
    return " ".join(run_tool("pdftotext", str(path), "-").split())


def page_size_mm(path) -> tuple[int, int]:
    info = run_tool("pdfinfo", str(path))
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    return round(float(size[2]) * 25.4 / 72), round(float(size[4]) * 25.4 / 72)


def stored(commune, issue, paper) -> BulletinPrint | None:
    with commune_scope(commune):
        return BulletinPrint.objects.filter(bulletin=issue, paper=paper).exclude(file="").first()


def test_publishing_an_issue_builds_its_a4_and_a5_pdfs_which_read_back_in_full(
    client, commune_a, index_a, articles_a, immediate_tasks, django_capture_on_commit_callbacks, tmp_path
):
    require_poppler()
    with django_capture_on_commit_callbacks(execute=True):
        issue = add_issue(
            index_a, 3, articles=articles_a, introduction="<p>Bạn đọc thân mến, số này điểm lại quý III.</p>"
        )
    a4, a5 = stored(commune_a, issue, "a4"), stored(commune_a, issue, "a5")
    assert a4 is not None
    assert a5 is not None
    text = pdf_text(a4.file.path)
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN",
        "BẢN TIN CẢI CÁCH HÀNH CHÍNH",
        "Số 3/2026",
        "Quý III năm 2026",
        "Bạn đọc thân mến, số này điểm lại quý III.",
        "Mục lục",
        "Một cửa điện tử: người dân đỡ đi lại",
        "Kết quả quý III của bộ phận tiếp nhận và trả kết quả.",
        "Bộ phận Một cửa đã tiếp nhận 1.284 hồ sơ trực tuyến, giảm thời gian chờ đợi của bà con.",
        "Chỉ số PAPI của tỉnh tăng 12 bậc",
        "Đánh giá của người dân về sự hài lòng đối với dịch vụ công được cải thiện rõ rệt.",
    ):
        assert expected in text
    pages = int(
        next(line.split()[-1] for line in run_tool("pdfinfo", a4.file.path).splitlines() if line.startswith("Pages:"))
    )
    assert pages == 2  # masthead and contents, then the articles from a new page
    assert re.search(r"Một cửa điện tử: người dân đỡ đi lại\W*2\b", text)  # the contents give its page
    assert re.search(rf"\b1 ?/ ?{pages}\b", text)
    assert re.search(rf"\b{pages} ?/ ?{pages}\b", text)
    assert page_size_mm(a4.file.path) == (210, 297)
    assert page_size_mm(a5.file.path) == (148, 210)
    assert "Chỉ số PAPI của tỉnh tăng 12 bậc" in pdf_text(a5.file.path)

    with mock.patch.object(bulletin_pdf, "render_bulletin", side_effect=AssertionError("rendered on request")):
        response = client.get(f"{issue.url}pdf/a5/", **host(commune_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="ban-tin-cchc-so-3-2026-a5.pdf"' in response["Content-Disposition"]
    served = tmp_path / "served.pdf"
    served.write_bytes(b"".join(response.streaming_content))
    assert page_size_mm(served) == (148, 210)


def test_an_issue_not_built_yet_answers_503_in_vietnamese_and_queues_one_build(
    client, commune_a, index_a, articles_a, no_rendering, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issue = add_issue(index_a, 1, articles=articles_a)
    assert DBTaskResult.objects.filter(task_path=BUILD_TASK).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"{issue.url}pdf/a4/", **host(commune_a))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Bản in đang được chuẩn bị" in response.content.decode()
    assert DBTaskResult.objects.filter(task_path=BUILD_TASK).count() == 1  # the waiting build is enough
    assert client.get(f"{issue.url}pdf/a3/", **host(commune_a)).status_code == 404


def _store_fake(commune, issue, paper, content=b"%PDF-1.7 fake"):
    with commune_scope(commune):
        row, _new = BulletinPrint.objects.get_or_create(commune=commune, bulletin=issue, paper=paper)
        row.stamp = bulletin_pdf.bulletin_stamp(issue, commune)
        row.built_at, row.size = timezone.now(), len(content)
        row.file.save(f"{paper}.pdf", ContentFile(content), save=False)
        row.save()
    return row


def test_an_unpublished_issue_and_its_pdf_are_not_served(client, commune_a, index_a, articles_a, no_rendering):
    issue = add_issue(index_a, 2, articles=articles_a)
    _store_fake(commune_a, issue, "a4")
    assert client.get(f"{issue.url}pdf/a4/", **host(commune_a)).status_code == 200
    url = issue.url
    issue.unpublish()
    assert client.get(url, **host(commune_a)).status_code == 404
    assert client.get(f"{url}pdf/a4/", **host(commune_a)).status_code == 404


def test_another_communes_site_does_not_serve_the_issue(
    client, commune_a, commune_b, index_a, articles_a, no_rendering
):
    issue = add_issue(index_a, 2, articles=articles_a)
    _store_fake(commune_a, issue, "a4")
    assert client.get(f"{issue.url}pdf/a4/", **host(commune_b)).status_code == 404


def path_of(page, commune) -> str:
    return page.get_url(current_site=commune.site)


def test_the_issue_page_shows_the_editorial_its_articles_and_the_two_pdf_links(
    client, commune_a, commune_b, index_a, articles_a
):
    article_b = add_article(commune_b, "Tin riêng của Phú Đình", "<p>Không được lộ.</p>")
    issue = add_issue(index_a, 4, articles=articles_a)
    # An article of another commune slipped in by the database: never shown.
    BulletinArticle.objects.create(bulletin=issue, article=article_b, sort_order=9)
    html = client.get(issue.url, **host(commune_a)).content.decode()
    assert "Lời mở đầu." in html
    assert "Kết quả quý III của bộ phận tiếp nhận và trả kết quả." in html
    assert html.index("Một cửa điện tử") < html.index("Chỉ số PAPI")
    assert f'href="{path_of(articles_a[0], commune_a)}"' in html
    assert "Tải bản in (PDF, A4)" in html
    assert "Tải bản in (PDF, A5 sổ tay)" in html
    assert f'href="{path_of(issue, commune_a)}pdf/a5/"' in html
    assert "Tin riêng của Phú Đình" not in html


def test_the_index_lists_issues_newest_first_with_pdf_sizes(
    client, commune_a, commune_b, index_a, articles_a, django_assert_max_num_queries
):
    add_issue(index_a, 3, year=2025, quarter="4", articles=articles_a)
    newest = add_issue(index_a, 2, year=2026, quarter="2", articles=articles_a)
    add_issue(index_a, 1, year=2026, quarter="1")
    add_issue(index_a, 3, year=2026, quarter="3", live=False, title="Số nháp chưa phát hành")
    _store_fake(commune_a, newest, "a4", content=b"x" * 300 * 1024)
    add_issue(add_index(commune_b), 9, year=2026, title="Bản tin của Phú Đình")
    client.get(index_a.url, **host(commune_a))  # warm the site map
    with django_assert_max_num_queries(9):  # routing and privacy (7), the issues, their PDFs
        response = client.get(index_a.url, **host(commune_a))
    html = response.content.decode()
    assert html.index("Số 2/2026") < html.index("Số 1/2026") < html.index("Số 3/2025")
    assert "Quý II năm 2026" in html
    assert "Quý IV năm 2025" in html
    assert "(300 KB)" in html
    assert f'href="{path_of(newest, commune_a)}pdf/a4/"' in html
    assert "Số nháp chưa phát hành" not in html
    assert "Số 3/2026" not in html
    assert "Số 9/2026" not in html


def test_an_issue_number_is_unique_per_year_within_a_commune(commune_a, commune_b, index_a):
    add_issue(index_a, 3)
    with pytest.raises(ValidationError) as raised:
        add_issue(index_a, 3, title="Trùng số", slug="trung-so")
    assert "Xã đã có bản tin số 3 năm 2026." in str(raised.value)
    add_issue(index_a, 3, year=2027)  # another year
    add_issue(add_index(commune_b), 3)  # another commune


def _form(index, data, user):
    form_class = BulletinPage.get_edit_handler().get_form_class()
    return form_class(nested_form_data(data), instance=BulletinPage(), parent_page=index, for_user=user)


def _form_data(number, article_ids, **extra):
    return {
        "title": f"Số {number}",
        "slug": f"so-{number}",
        "number": number,
        "year": 2026,
        "quarter": "3",
        "period_label": "",
        "introduction": rich_text("<p>Lời mở đầu</p>"),
        "gathered_articles": inline_formset([{"article": pk} for pk in article_ids]),
        **extra,
    }


def test_the_editor_form_refuses_a_repeated_number_and_another_communes_article(
    commune_a, commune_b, index_a, articles_a, office_a
):
    article_b = add_article(commune_b, "Tin riêng của Phú Đình", "<p>Không được lộ.</p>")
    add_issue(index_a, 3)
    assert _form(index_a, _form_data(4, [a.pk for a in articles_a]), office_a).is_valid()

    repeated = _form(index_a, _form_data(3, [articles_a[0].pk]), office_a)
    assert not repeated.is_valid()
    assert "Xã đã có bản tin số 3 năm 2026." in str(repeated.errors)

    foreign = _form(index_a, _form_data(5, [articles_a[0].pk, article_b.pk]), office_a)
    assert not foreign.is_valid()
    assert "Bài «Tin riêng của Phú Đình» không thuộc cổng thông tin của xã này." in str(
        foreign.formsets["gathered_articles"].errors
    )


def test_saving_an_issue_with_another_communes_article_is_refused(commune_a, commune_b, index_a):
    article_b = add_article(commune_b, "Tin riêng của Phú Đình", "<p>Không được lộ.</p>")
    with pytest.raises(ValidationError, match="không thuộc cổng thông tin của xã này"):
        add_issue(index_a, 7, articles=[article_b])


def test_the_article_chooser_offers_only_the_communes_own_articles(client, office_a, commune_a, commune_b, articles_a):
    add_article(commune_b, "Tin riêng của Phú Đình", "<p>Không được lộ.</p>")
    client.force_login(office_a)
    params = {"page_type": "portal.articlepage"}
    news_a = NewsIndexPage.objects.child_of(commune_a.root_page).get()
    own = client.get(reverse("wagtailadmin_choose_page_child", args=[news_a.id]), params, **host(commune_a))
    assert "Chỉ số PAPI của tỉnh tăng 12 bậc" in own.json()["html"]
    for url in (
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[commune_b.root_page.id]),
        reverse("wagtailadmin_choose_page_search") + "?q=Tin",
    ):
        response = client.get(url, params, **host(commune_a))
        html = response.json()["html"] if response["Content-Type"] == "application/json" else response.content.decode()
        assert "Tin riêng của Phú Đình" not in html


def test_a_stale_pdf_is_still_served_and_one_rebuild_is_queued(
    client, commune_a, index_a, articles_a, no_rendering, django_capture_on_commit_callbacks
):
    issue = add_issue(index_a, 5, articles=articles_a)
    _store_fake(commune_a, issue, "a4")
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(f"{issue.url}pdf/a4/", **host(commune_a)).status_code == 200
    assert DBTaskResult.objects.filter(task_path=BUILD_TASK).count() == 0  # up to date: nothing to build
    publish(articles_a[1])  # the article is corrected after the issue was printed
    for _visit in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(f"{issue.url}pdf/a4/", **host(commune_a)).status_code == 200
    assert DBTaskResult.objects.filter(task_path=BUILD_TASK).count() == 1


def test_the_office_writes_an_issue_in_the_admin_and_cannot_gather_another_communes_article(
    client, office_a, commune_a, commune_b, index_a, articles_a
):
    article_b = add_article(commune_b, "Tin riêng của Phú Đình", "<p>Không được lộ.</p>")
    client.force_login(office_a)
    url = reverse("wagtailadmin_pages:add", args=["portal", "bulletinpage", index_a.pk])
    form = client.get(url, **host(commune_a))
    assert form.status_code == 200
    assert "Các bài trong số này" in form.content.decode()
    refused = client.post(url, nested_form_data(_form_data(6, [articles_a[0].pk, article_b.pk])), **host(commune_a))
    assert refused.status_code == 200
    assert "Bài «Tin riêng của Phú Đình» không thuộc cổng thông tin của xã này." in refused.content.decode()
    assert not BulletinPage.objects.filter(number=6).exists()
    client.post(url, nested_form_data(_form_data(6, [a.pk for a in articles_a])), **host(commune_a))
    saved = BulletinPage.objects.get(number=6)
    assert [item.article_id for item in saved.gathered_articles.all()] == [a.pk for a in articles_a]


def test_an_issue_gathers_articles_only_not_other_pages(commune_a):
    page = StandardPage(title="Giới thiệu chung", slug="gioi-thieu-chung", summary="", body="<p>x</p>")
    commune_a.root_page.add_child(instance=page)
    publish(page)
    issue = BulletinPage(title="Số 9", slug="so-9", number=9, year=2026, quarter="1",
                         gathered_articles=[BulletinArticle(article=page)])  # fmt: skip
    with pytest.raises(ValidationError, match="không phải là bài viết"):
        add_index(commune_a).add_child(instance=issue)
