"""What a second reader found: another commune's files, odd tags, HEAD requests, taken slugs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cchc.portal.models import ArticlePage, BulletinIndexPage, NewsIndexPage, StandardPage, ensure_news_index

from .news_helpers import news_of, publish_article

A = {"HTTP_HOST": "dinh-bien.localhost"}


def test_an_article_cannot_show_another_communes_photo_or_recording(commune_a, commune_b):
    photo_a = Image.objects.create(title="Ảnh riêng A", file=get_test_image_file(), collection=commune_a.collection)
    sound_a = Document.objects.create(title="Bản ghi A", collection=commune_a.collection)
    article_b = publish_article(commune_b, "Tin của Phú Đình")
    for field, value in (("image", photo_a), ("audio", sound_a)):
        article = ArticlePage.objects.get(pk=article_b.pk)
        setattr(article, field, value)
        with pytest.raises(ValidationError, match="không thuộc thư viện"):
            article.full_clean()
    own = Image.objects.create(title="Ảnh B", file=get_test_image_file(), collection=commune_b.collection)
    article = ArticlePage.objects.get(pk=article_b.pk)
    article.image = own
    article.full_clean()


@pytest.mark.parametrize("tag", ["%00", "a%00b", "%27%22", "-" * 150])
def test_odd_tags_find_nothing_and_never_fail(client, commune_a, tag):
    publish_article(commune_a, "Tin có thẻ", tags=["một cửa"])
    response = client.get(f"/tin-tuc/?the={tag}", **A)
    assert response.status_code == 200
    assert "Tin có thẻ" not in response.content.decode()


def test_another_communes_tag_name_is_not_shown_on_this_site(client, commune_a, commune_b):
    publish_article(commune_b, "Tin Phú Đình", tags=["bí mật phú đình"])
    response = client.get("/tin-tuc/?the=bi-mat-phu-inh", **A).content.decode()
    response += client.get("/tin-tuc/?the=bi-mat-phu-dinh", **A).content.decode()
    assert "bí mật phú đình" not in response


@pytest.mark.parametrize("path", ["/robots.txt", "/tim-kiem/?q=cai+cach", "/rss.xml", "/"])
def test_head_requests_are_answered(client, commune_a, path):
    assert client.head(path, **A).status_code == 200


def test_a_commune_that_already_has_its_own_page_at_tin_tuc_keeps_it(commune_a):
    home = commune_a.root_page.specific
    news_of(commune_a).delete()
    own = StandardPage(title="Tin tức của xã", slug="tin-tuc", summary="", body="")
    home.add_child(instance=own)
    assert ensure_news_index(home) is None  # migrate goes on; nothing replaced
    home.add_standing_sections()
    assert not NewsIndexPage.objects.child_of(home).exists()
    assert BulletinIndexPage.objects.child_of(home).count() == 1


def test_the_home_page_lists_news_and_the_bulletin_in_a_fixed_number_of_queries(
    client, commune_a, django_assert_max_num_queries
):
    publish_article(commune_a, "Tin đầu tiên")
    client.get("/", **A)  # the site map, once per process
    # Routing (2), Wagtail's privacy check of the home (2), the site's private sections (1), the
    # sections, the current bulletin, the latest news, the hamlets, whether a survey is open: 10,
    # however much the site holds.
    with django_assert_max_num_queries(10) as first:
        client.get("/", **A)
    for number in range(6):
        publish_article(commune_a, f"Tin số {number}", tags=[f"thẻ {number}"])
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get("/", **A)
    assert response.content.decode().count("<h3><a") == 5


def test_what_is_private_stays_off_the_home_page_and_the_rest_still_shows(client, commune_a, commune_b):
    from wagtail.models import PageViewRestriction

    home = commune_a.root_page.specific
    private_section = home.add_child(instance=StandardPage(title="Tài liệu nội bộ cán bộ", slug="noi-bo", summary="x"))
    PageViewRestriction.objects.create(page=private_section, restriction_type="password", password="mat-khau-1")
    publish_article(commune_a, "Tin công khai cho bà con")
    secret = publish_article(commune_a, "Tin chỉ cán bộ được đọc")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    other = publish_article(commune_b, "Tin riêng tư của xã bên")
    PageViewRestriction.objects.create(page=other, restriction_type="login")  # another site's rule changes nothing here
    page = client.get("/", **A).content.decode()
    assert "Tin công khai cho bà con" in page
    assert "Tin chỉ cán bộ được đọc" not in page
    assert "Tài liệu nội bộ cán bộ" not in page
    assert f'">{news_of(commune_a).title}</a>' in page  # the public sections are still listed
