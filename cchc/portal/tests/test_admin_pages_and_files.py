"""Wagtail shares pages, images and documents across sites (wagtail/wagtail#4288); we do not."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file

from cchc.portal.models import StandardPage


@pytest.fixture
def page_b(commune_b):
    page = StandardPage(title="Tin riêng của Phú Đình", slug="tin-rieng")
    commune_b.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def image_b(commune_b):
    from wagtail.images.models import Image

    return Image.objects.create(
        title="Ảnh hội nghị Phú Đình", file=get_test_image_file(), collection=commune_b.collection
    )


@pytest.fixture
def document_b(commune_b):
    doc = Document(title="Kế hoạch mật của Phú Đình", collection=commune_b.collection)
    doc.file.save("ke-hoach.txt", ContentFile(b"noi dung"), save=False)
    doc.save()
    return doc


def png_upload(name="anh.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), content_type="image/png")


def text(response) -> str:
    return response.content.decode()


def test_page_explorer_chooser_search_and_api_hide_another_communes_pages(client, office_a, commune_a, page_b):
    client.force_login(office_a)
    own_root = commune_a.root_page
    assert "Tin riêng của Phú Đình" not in text(client.get(reverse("wagtailadmin_explore", args=[own_root.id])))
    assert client.get(reverse("wagtailadmin_explore", args=[page_b.get_parent().id])).status_code in (302, 403, 404)
    assert "Tin riêng của Phú Đình" not in text(client.get(reverse("wagtailadmin_choose_page")))
    chooser_b = client.get(reverse("wagtailadmin_choose_page_child", args=[page_b.get_parent().id]))
    assert "Tin riêng của Phú Đình" not in text(chooser_b)
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Phú Đình"})
    assert "Tin riêng của Phú Đình" not in text(search)
    chooser_search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Phú Đình"})
    assert "Tin riêng của Phú Đình" not in text(chooser_search)
    api = client.get("/quan-tri/api/main/pages/", {"child_of": page_b.get_parent().id})
    assert "Tin riêng của Phú Đình" not in text(api)
    api_search = client.get("/quan-tri/api/main/pages/", {"search": "Phú Đình"})
    assert "Tin riêng của Phú Đình" not in text(api_search)


@pytest.mark.parametrize("view", ["edit", "delete", "history", "unpublish", "copy", "move", "preview_on_edit"])
def test_another_communes_page_cannot_be_opened_or_changed(client, office_a, page_b, view):
    client.force_login(office_a)
    names = {
        "edit": "wagtailadmin_pages:edit",
        "delete": "wagtailadmin_pages:delete",
        "history": "wagtailadmin_pages:history",
        "unpublish": "wagtailadmin_pages:unpublish",
        "copy": "wagtailadmin_pages:copy",
        "move": "wagtailadmin_pages:move",
        "preview_on_edit": "wagtailadmin_pages:preview_on_edit",
    }
    url = reverse(names[view], args=[page_b.id])
    assert client.get(url).status_code in (302, 403, 404)
    client.post(url, {"title": "Bị sửa"})
    page_b.refresh_from_db()
    assert page_b.title == "Tin riêng của Phú Đình"
    assert page_b.live


def test_an_official_edits_their_own_communes_pages(client, office_a, commune_a):
    client.force_login(office_a)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[commune_a.root_page.id]))
    assert response.status_code == 200


def test_images_of_another_commune_are_not_listed_chosen_or_editable(client, office_a, image_b):
    client.force_login(office_a)
    assert "Ảnh hội nghị Phú Đình" not in text(client.get(reverse("wagtailimages:index")))
    assert "Ảnh hội nghị Phú Đình" not in text(client.get(reverse("wagtailimages_chooser:choose")))
    search = client.get(reverse("wagtailimages_chooser:choose_results"), {"q": "Phú Đình"})
    assert "Ảnh hội nghị Phú Đình" not in text(search)
    assert client.get(reverse("wagtailimages:edit", args=[image_b.id])).status_code in (302, 403, 404)
    assert client.get(reverse("wagtailimages_chooser:chosen", args=[image_b.id])).status_code in (302, 403, 404)
    client.post(reverse("wagtailimages:delete", args=[image_b.id]))
    assert type(image_b).objects.filter(id=image_b.id).exists()


def test_documents_of_another_commune_are_not_listed_chosen_or_editable(client, office_a, document_b):
    client.force_login(office_a)
    assert "Kế hoạch mật của Phú Đình" not in text(client.get(reverse("wagtaildocs:index")))
    assert "Kế hoạch mật của Phú Đình" not in text(client.get(reverse("wagtaildocs_chooser:choose")))
    assert client.get(reverse("wagtaildocs:edit", args=[document_b.id])).status_code in (302, 403, 404)
    assert client.get(reverse("wagtaildocs_chooser:chosen", args=[document_b.id])).status_code in (302, 403, 404)
    client.post(reverse("wagtaildocs:delete", args=[document_b.id]))
    assert Document.objects.filter(id=document_b.id).exists()


def test_an_official_uploads_into_their_own_communes_collection_only(client, office_a, commune_a, commune_b):
    from wagtail.images.models import Image

    client.force_login(office_a)
    assert commune_b.collection.name not in text(client.get(reverse("wagtailimages:add")))
    response = client.post(reverse("wagtailimages:add"), {"title": "Ảnh băng rôn", "file": png_upload()})
    assert response.status_code == 302, response.context["form"].errors
    assert Image.objects.get(title="Ảnh băng rôn").collection == commune_a.collection
    client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh lạc xã", "file": png_upload(), "collection": commune_b.collection.id},
    )
    assert not Image.objects.filter(collection=commune_b.collection).exists()


def test_the_site_history_report_is_not_open_to_commune_officials(client, office_a, page_b):
    client.force_login(office_a)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 404
    assert "Tin riêng của Phú Đình" not in text(response)


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "move"])
def test_bulk_action_pages_do_not_show_another_communes_page_titles(client, office_a, page_b, action):
    client.force_login(office_a)
    response = client.get(f"/quan-tri/bulk/wagtailcore/page/{action}/", {"id": page_b.id})
    assert response.status_code == 404
    assert "Tin riêng của Phú Đình" not in text(response)


def test_bulk_action_pages_do_not_show_another_communes_files(client, office_a, image_b, document_b):
    client.force_login(office_a)
    for url, obj in (("/quan-tri/bulk/wagtailimages/image/delete/", image_b),
                     ("/quan-tri/bulk/wagtaildocs/document/delete/", document_b)):  # fmt: skip
        response = client.get(url, {"id": obj.id})
        assert response.status_code == 404
        assert obj.title not in text(response)
        client.post(url + f"?id={obj.id}")
        assert type(obj).objects.filter(id=obj.id).exists()


def test_bulk_actions_on_own_pages_still_work(client, office_a, commune_a):
    page = StandardPage(title="Tin của Định Biên", slug="tin")
    commune_a.root_page.add_child(instance=page)
    client.force_login(office_a)
    response = client.get("/quan-tri/bulk/wagtailcore/page/unpublish/", {"id": page.id})
    assert response.status_code == 200
    assert "Tin của Định Biên" in text(response)


@pytest.mark.parametrize("report", ["page-types-usage", "aging-pages", "site-history"])
def test_reports_that_count_across_communes_are_for_platform_admins_only(client, office_a, report):
    client.force_login(office_a)
    assert client.get(f"/quan-tri/reports/{report}/").status_code == 404


def test_a_unit_members_draft_goes_to_their_own_communes_leaders_for_approval(commune_a, commune_b, make_official):
    from wagtail.models import Page

    member = make_official(commune_a, "unit_member")
    reviewer_a = make_official(commune_a, "culture_info")
    reviewer_b = make_official(commune_b, "culture_info")
    page = StandardPage(title="Bài của Hội Phụ nữ", slug="bai-hoi-phu-nu", live=False)
    commune_a.root_page.add_child(instance=page)
    page.save_revision(user=member)
    workflow = page.get_workflow()
    assert workflow is not None, "the commune has no approval workflow"
    workflow.start(page, member)
    page = Page.objects.get(id=page.id).specific
    task = page.current_workflow_state.current_task_state.task.specific
    assert task.user_can_access_editor(page, reviewer_a)
    assert not task.user_can_access_editor(page, reviewer_b)


def test_the_page_chooser_cannot_be_opened_on_another_communes_page(client, office_a, page_b):
    client.force_login(office_a)
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[page_b.id]))
    assert response.status_code == 404
    assert "Tin riêng của Phú Đình" not in text(response)


DRAFT_TITLE = "Dự thảo tin nội bộ Phú Đình"


@pytest.fixture
def draft_b(commune_b):
    page = StandardPage(title=DRAFT_TITLE, slug="du-thao-noi-bo", live=False)
    commune_b.root_page.add_child(instance=page)
    page.save_revision()
    return page


def readable(response) -> str:
    """The body as a user reads it: Wagtail's modal and API answers are JSON with escaped letters."""
    import json

    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body


def page_endpoints(page) -> list[str]:
    """Wagtail admin URLs that list, search or show a page by id (besides edit screens)."""
    return [
        f"/quan-tri/choose-page/chosen-multiple/?id={page.id}&id={page.id}",
        f"/quan-tri/choose-page/{page.id}/",
        f"/quan-tri/choose-page/{page.get_parent().id}/",
        "/quan-tri/choose-page/search/?q=Phú",
        "/quan-tri/choose-page/?multiple=1&page_type=portal.standardpage",
        reverse("wagtailadmin_pages:search") + "?q=Phú",
        reverse("wagtailadmin_pages:search_results") + "?q=Phú",
        reverse("wagtailadmin_pages:type_use", args=["portal", "standardpage"]),
        reverse("wagtailadmin_pages:type_use_results", args=["portal", "standardpage"]),
        reverse("wagtailadmin_pages:usage", args=[page.id]),
        reverse("wagtailadmin_pages:history", args=[page.id]),
        reverse("wagtailadmin_pages:history_results", args=[page.id]),
        reverse("wagtailadmin_pages:workflow_history", args=[page.id]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.id]),
        reverse("wagtailadmin_explore", args=[page.get_parent().id]),
        "/quan-tri/api/main/pages/",
        f"/quan-tri/api/main/pages/{page.id}/",
        f"/quan-tri/api/main/pages/?child_of={page.get_parent().id}",
        f"/quan-tri/api/main/pages/?descendant_of={page.get_parent().id}",
        "/quan-tri/api/main/pages/?search=Phú",
        f"/quan-tri/api/main/pages/find/?id={page.id}",
        f"/quan-tri/bulk/wagtailcore/page/delete/?id={page.id}",
        f"/quan-tri/bulk/wagtailcore/page/publish/?id={page.id}",
        f"/quan-tri/bulk/wagtailcore/page/unpublish/?id={page.id}",
        f"/quan-tri/bulk/wagtailcore/page/move/?id={page.id}",
        f"/quan-tri/bulk/wagtailcore/page/delete/?id=all&childOf={page.get_parent().id}",
    ]


def test_another_communes_draft_page_title_shows_in_no_chooser_search_listing_or_api(client, office_a, draft_b):
    client.force_login(office_a)
    leaks = []
    for url in page_endpoints(draft_b):
        response = client.get(url)
        if DRAFT_TITLE in readable(response):
            leaks.append(f"{url} ({response.status_code})")
    assert not leaks, "\n".join(leaks)


def test_the_page_chooser_still_returns_a_communes_own_pages_to_its_officials(client, office_b, draft_b):
    client.force_login(office_b)
    response = client.get(f"/quan-tri/choose-page/chosen-multiple/?id={draft_b.id}&id={draft_b.get_parent().id}")
    assert response.status_code == 200
    assert DRAFT_TITLE in readable(response)
    api = client.get("/quan-tri/api/main/pages/", {"child_of": draft_b.get_parent().id})
    titles = [item["title"] for item in api.json()["items"]]  # with its news and bulletin lists
    assert titles == ["Tin tức", "Bản tin cải cách hành chính", DRAFT_TITLE]


def test_a_platform_admin_chooses_pages_of_every_commune(client, django_user_model, draft_b):
    admin = django_user_model.objects.create_superuser("quan-tri", password="mat-khau-thu-1")
    client.force_login(admin)
    response = client.get(f"/quan-tri/choose-page/chosen-multiple/?id={draft_b.id}")
    assert DRAFT_TITLE in readable(response)
    assert client.get(f"/quan-tri/api/main/pages/{draft_b.id}/").status_code == 200


def test_the_page_api_shows_an_official_only_the_commune_they_work_on(
    client, commune_a, commune_b, make_official, draft_b
):
    from cchc.communes.provisioning import grant_role

    official = make_official(commune_a, "culture_info", username="hai-xa")
    grant_role(commune=commune_b, user=official, role="culture_info")
    client.force_login(official)
    session = client.session
    session["cchc_commune_id"] = commune_a.id
    session.save()
    assert DRAFT_TITLE not in readable(client.get("/quan-tri/api/main/pages/", {"search": "Phú"}))
    assert client.get(f"/quan-tri/api/main/pages/{draft_b.id}/").status_code == 404
    session = client.session
    session["cchc_commune_id"] = commune_b.id
    session.save()
    assert client.get(f"/quan-tri/api/main/pages/{draft_b.id}/").status_code == 200


def test_the_page_chooser_for_a_page_type_does_not_open_on_another_communes_page(client, office_a, commune_b, draft_b):
    # Only Phú Đình has a standard page: Wagtail would open the chooser on its home page.
    client.force_login(office_a)
    response = client.get("/quan-tri/choose-page/", {"page_type": "portal.standardpage"})
    assert commune_b.root_page.title not in readable(response)
    assert DRAFT_TITLE not in readable(response)


def test_the_page_chooser_for_a_page_type_opens_for_a_communes_own_official(client, office_b, draft_b):
    client.force_login(office_b)
    response = client.get("/quan-tri/choose-page/", {"page_type": "portal.standardpage"})
    assert response.status_code == 200
    assert DRAFT_TITLE in readable(response)


def test_a_draft_waits_on_the_approvers_home_and_comes_back_to_its_authors_home(client, commune_a, make_official):
    from wagtail.models import Page

    member = make_official(commune_a, "unit_member")
    reviewer = make_official(commune_a, "culture_info")
    page = StandardPage(title="Bài của Hội Nông dân", slug="bai-hoi-nong-dan", live=False, owner=member)
    commune_a.root_page.add_child(instance=page)
    page.save_revision(user=member)
    page.get_workflow().start(page, member)
    client.force_login(reviewer)
    home = text(client.get(reverse("wagtailadmin_home")))
    assert "Đang chờ bạn duyệt" in home
    assert "Bài của Hội Nông dân" in home
    page = Page.objects.get(id=page.id).specific
    state = page.current_workflow_state.current_task_state
    state.task.specific.on_action(state, reviewer, "reject", comment="Thêm ảnh")
    client.force_login(member)
    home = text(client.get(reverse("wagtailadmin_home")))
    assert "Bài của Hội Nông dân" in home
    assert "Yêu cầu chỉnh sửa lúc" in home
