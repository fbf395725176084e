"""The news of a commune's portal, as a citizen reads it and as the plan's evidence."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file

from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.plans.models import Task
from cchc.portal.models import ArticleCategory, ArticlePage

from .news_helpers import news_of, publish_article

HOST_A = {"HTTP_HOST": "dinh-bien.localhost"}
HOST_B = {"HTTP_HOST": "phu-dinh.localhost"}


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_every_new_commune_has_a_news_list_at_tin_tuc_linked_from_every_page(client, commune_a):
    assert news_of(commune_a).slug == "tin-tuc"
    page = text(client.get("/tin-tuc/", **HOST_A))
    assert "Chưa có tin bài nào." in page
    procedures_nav = text(client.get("/", **HOST_A))
    assert 'href="/tin-tuc/"' in procedures_nav


def test_the_list_shows_published_articles_newest_first_and_only_its_communes(client, commune_a, commune_b):
    publish_article(commune_a, "Tin cũ của Định Biên")
    publish_article(commune_a, "Tin mới của Định Biên")
    publish_article(commune_a, "Bản nháp chưa đăng", publish=False)
    publish_article(commune_b, "Tin của Phú Đình")
    page = text(client.get("/tin-tuc/", **HOST_A))
    assert page.index("Tin mới của Định Biên") < page.index("Tin cũ của Định Biên")
    assert "Bản nháp chưa đăng" not in page
    assert "Tin của Phú Đình" not in page
    assert "Tin của Phú Đình" in text(client.get("/tin-tuc/", **HOST_B))


def test_the_list_filters_by_category_and_by_tag(client, commune_a):
    publish_article(commune_a, "Mô hình một cửa thân thiện", category=ArticleCategory.MODEL, tags=["một cửa"])
    publish_article(commune_a, "Thông báo lịch tiếp công dân", category=ArticleCategory.NOTICE)
    by_category = text(client.get("/tin-tuc/", {"chuyen-muc": "mo-hinh-dien-hinh"}, **HOST_A))
    assert "Mô hình một cửa thân thiện" in by_category
    assert "Thông báo lịch tiếp công dân" not in by_category
    assert "Mô hình điển hình" in by_category
    by_tag = text(client.get("/tin-tuc/", {"the": "mot-cua"}, **HOST_A))
    assert "Mô hình một cửa thân thiện" in by_tag
    assert "Thông báo lịch tiếp công dân" not in by_tag
    unknown = text(client.get("/tin-tuc/", {"chuyen-muc": "khong-co"}, **HOST_A))
    assert "Thông báo lịch tiếp công dân" in unknown


def test_the_list_has_ten_to_a_page_in_few_queries(client, commune_a, django_assert_max_num_queries):
    for n in range(12):
        publish_article(commune_a, f"Tin số {n:02d}", tags=["cchc"])
    # Wagtail's routing, site and view restrictions (about 9), then the page of ten and the count.
    with django_assert_max_num_queries(12):
        first = text(client.get("/tin-tuc/", **HOST_A))
    assert "Tin số 11" in first
    assert "Tin số 02" in first
    assert "Tin số 01" not in first
    assert "Trang 1/2" in first
    assert "trang=2" in first
    second = text(client.get("/tin-tuc/", {"trang": 2}, **HOST_A))
    assert "Tin số 01" in second
    assert "Tin số 00" in second
    assert "Tin số 11" not in second


def test_an_article_renders_light_with_its_open_graph_tags_and_responsive_image(client, commune_a):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Hội nghị", file=get_test_image_file(), collection=commune_a.collection)
    publish_article(commune_a, "Hội nghị CCHC", summary="Hội nghị tuyên truyền cải cách hành chính.", image=image)
    response = client.get("/tin-tuc/hoi-nghi-cchc/", **HOST_A)
    page = text(response)
    assert '<meta property="og:title" content="Hội nghị CCHC">' in page
    assert '<meta property="og:description" content="Hội nghị tuyên truyền cải cách hành chính.">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:url" content="http://dinh-bien.localhost/tin-tuc/hoi-nghi-cchc/">' in page
    assert '<meta property="og:locale" content="vi_VN">' in page
    assert '<meta property="og:image" content="http://dinh-bien.localhost/' in page
    assert 'type="image/webp"' in page
    assert 'loading="lazy"' in page
    assert 'width="' in page
    assert "<script" not in page
    assert len(response.content) < 14_000


def test_an_article_offers_its_radio_version_to_play_and_download(client, commune_a):
    audio = Document(title="Bản phát thanh", collection=commune_a.collection)
    audio.file.save("ban-tin.mp3", ContentFile(b"ID3fake"), save=False)
    audio.save()
    publish_article(commune_a, "Tin có âm thanh", audio=audio)
    page = text(client.get("/tin-tuc/tin-co-am-thanh/", **HOST_A))
    assert '<audio controls preload="none"' in page
    assert "Tải tệp âm thanh (MP3)" in page


def test_a_radio_version_must_be_an_audio_file(commune_a):
    document = Document(title="Công văn", collection=commune_a.collection)
    document.file.save("cong-van.pdf", ContentFile(b"%PDF"), save=False)
    document.save()
    article = ArticlePage(title="Tin", slug="tin", summary="Tóm tắt", body="<p>x</p>", audio=document)
    with pytest.raises(ValidationError) as error:
        news_of(commune_a).add_child(instance=article)
    assert "Bản phát thanh phải là tệp âm thanh" in str(error.value)


def test_search_text_holds_title_lead_body_category_and_tags(commune_a):
    article = publish_article(commune_a, "Đăng ký khai sinh", summary="Lời dẫn.", body="<p>Nội &amp; dung</p>",
                              tags=["hộ tịch"])  # fmt: skip
    words = article.search_text()
    assert words == "Đăng ký khai sinh Lời dẫn. Nội & dung Cải cách hành chính hộ tịch"


def test_the_home_page_shows_the_latest_news_and_links_to_the_list(client, commune_a, commune_b):
    for n in range(7):
        publish_article(commune_a, f"Tin nhà số {n}")
    publish_article(commune_b, "Tin của Phú Đình")
    page = text(client.get("/", **HOST_A))
    assert "Tin nhà số 6" in page
    assert "Tin nhà số 2" in page
    assert "Tin nhà số 1" not in page
    assert "Tin của Phú Đình" not in page
    assert "Xem tất cả tin tức" in page
    assert "Bạn cần làm giấy tờ gì?" in page


def test_a_published_linked_article_is_its_tasks_evidence_until_unpublished(client, office_a, commune_a):
    task = make_instance(Task, commune_a, title="Đưa tin CCHC lên cổng thông tin")
    article = publish_article(commune_a, "Tin về một cửa điện tử", task=task)
    client.force_login(office_a)
    listing = text(client.get(reverse("nhiem-vu:index")))
    assert "Đưa tin CCHC lên cổng thông tin" in listing
    assert "Tin về một cửa điện tử" in listing
    assert 'href="/tin-tuc/tin-ve-mot-cua-dien-tu/"' in listing or "/tin-tuc/tin-ve-mot-cua-dien-tu/" in listing
    with commune_scope(commune_a):
        article.unpublish()
    assert "Tin về một cửa điện tử" not in text(client.get(reverse("nhiem-vu:index")))


def test_an_article_cannot_be_linked_to_another_communes_task(commune_a, commune_b):
    from cchc.communes.guards import CrossCommuneError

    task_b = make_instance(Task, commune_b, title="Nhiệm vụ của Phú Đình")
    with pytest.raises(CrossCommuneError):
        publish_article(commune_a, "Tin lấn sang xã khác", task=task_b)


def test_the_task_chooser_offers_the_communes_own_tasks_only(client, office_a, commune_a, commune_b):
    make_instance(Task, commune_a, title="Nhiệm vụ của Định Biên")
    task_b = make_instance(Task, commune_b, title="Nhiệm vụ của Phú Đình")
    client.force_login(office_a)
    add_url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", news_of(commune_a).id])
    form = text(client.get(add_url))
    assert "Nhiệm vụ của Định Biên" in form
    assert "Nhiệm vụ của Phú Đình" not in form
    response = client.post(add_url, {
        "title": "Tin gắn sai", "slug": "tin-gan-sai", "summary": "Tóm tắt", "body": '{"blocks": [], "entityMap": {}}',
        "category": "thong-bao", "tags": "",
        "task_links-TOTAL_FORMS": "1", "task_links-INITIAL_FORMS": "0", "task_links-MIN_NUM_FORMS": "0",
        "task_links-MAX_NUM_FORMS": "1", "task_links-0-task": str(task_b.pk), "task_links-0-id": "",
        "task_links-0-ORDER": "", "task_links-0-DELETE": "",
    })  # fmt: skip
    assert response.status_code == 200  # the form again, with the error
    assert not ArticlePage.objects.filter(slug="tin-gan-sai").exists()


def test_an_official_writes_an_article_linked_to_their_own_task(client, office_a, commune_a):
    task = make_instance(Task, commune_a, title="Nhiệm vụ của Định Biên")
    client.force_login(office_a)
    add_url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", news_of(commune_a).id])
    response = client.post(add_url, {
        "title": "Tin đúng xã", "slug": "tin-dung-xa", "summary": "Tóm tắt",
        "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Nội dung", "depth": 0, '
                '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "category": "thong-bao", "tags": "",
        "task_links-TOTAL_FORMS": "1", "task_links-INITIAL_FORMS": "0", "task_links-MIN_NUM_FORMS": "0",
        "task_links-MAX_NUM_FORMS": "1", "task_links-0-task": str(task.pk), "task_links-0-id": "",
        "task_links-0-ORDER": "", "task_links-0-DELETE": "", "action-publish": "action-publish",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(slug="tin-dung-xa")
    assert article.live
    with commune_scope(commune_a):
        assert article.linked_task == task


def test_another_communes_official_cannot_see_or_edit_its_articles(client, office_b, commune_a):
    article = publish_article(commune_a, "Tin riêng Định Biên")
    client.force_login(office_b)
    news_a = news_of(commune_a)
    assert client.get(reverse("wagtailadmin_explore", args=[news_a.id])).status_code in (302, 403, 404)
    assert "Tin riêng Định Biên" not in client.get(reverse("wagtailadmin_choose_page")).content.decode()
    chooser = client.get(reverse("wagtailadmin_choose_page_child", args=[news_a.id])).content.decode()
    assert "Tin riêng Định Biên" not in chooser
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Định Biên"}).content.decode()
    assert "Tin riêng Định Biên" not in search
    edit = reverse("wagtailadmin_pages:edit", args=[article.id])
    assert client.get(edit).status_code in (302, 403, 404)
    client.post(edit, {"title": "Bị sửa"})
    article.refresh_from_db()
    assert article.title == "Tin riêng Định Biên"


def test_an_article_linked_to_a_task_is_published_outside_any_scope_as_by_a_scheduled_command(commune_a):
    task = make_instance(Task, commune_a, title="Nhiệm vụ đăng tin")
    article = publish_article(commune_a, "Tin hẹn giờ", task=task, publish=False)
    ArticlePage.objects.get(pk=article.pk).get_latest_revision().publish()  # no commune scope open here
    assert ArticlePage.objects.get(pk=article.pk).live
    with commune_scope(commune_a):
        assert ArticlePage.objects.get(pk=article.pk).linked_task == task
