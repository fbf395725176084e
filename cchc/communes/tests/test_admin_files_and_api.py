"""Images and documents belong to one commune, in every admin view, API and download URL.

Commune A (Định Biên) uploads an image and a document; an official of commune B (Phú Đình) must
not see their titles or URLs anywhere in Wagtail's admin, nor download the file from any host.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cchc.communes.roles import Role
from cchc.communes.wagtail_files import PRIVATE_COLLECTION_NAME, commune_groups, ensure_private_collection

IMAGE_TITLE = "Ảnh hội nghị Định Biên"
DOCUMENT_TITLE = "Biên bản họp Định Biên"
HOST_A = "dinh-bien.localhost"
HOST_B = "phu-dinh.localhost"


@pytest.fixture
def image_a(commune_a):
    return Image.objects.create(title=IMAGE_TITLE, file=get_test_image_file(), collection=commune_a.collection)


def _document(collection, title=DOCUMENT_TITLE, filename="bien-ban.txt"):
    doc = Document(title=title, collection=collection)
    doc.file.save(filename, ContentFile(b"noi dung bien ban"), save=False)
    doc.save()
    return doc


@pytest.fixture
def document_a(commune_a):
    return _document(commune_a.collection)


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("quan-tri", password="mat-khau-thu-1")


def text(response) -> str:
    """The body as a user would read it: Wagtail's modal answers are JSON with escaped letters."""
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body


def file_endpoints(image, document) -> list[str]:
    """Every admin URL of Wagtail's that lists or shows one image or document by id or search."""
    return [
        "/quan-tri/api/main/images/",
        f"/quan-tri/api/main/images/{image.id}/",
        f"/quan-tri/api/main/images/find/?id={image.id}",
        "/quan-tri/api/main/images/?search=Định",
        "/quan-tri/api/main/documents/",
        f"/quan-tri/api/main/documents/{document.id}/",
        f"/quan-tri/api/main/documents/find/?id={document.id}",
        "/quan-tri/api/main/documents/?search=Định",
        reverse("wagtailimages:index"),
        reverse("wagtailimages:index_results") + "?q=Định",
        reverse("wagtailimages:edit", args=[image.id]),
        reverse("wagtailimages:delete", args=[image.id]),
        reverse("wagtailimages:image_usage", args=[image.id]),
        reverse("wagtailimages:url_generator", args=[image.id]),
        reverse("wagtailimages:preview", args=[image.id, "original"]),
        reverse("wagtailimages:edit_multiple", args=[image.id]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:choose_results") + "?q=Định",
        reverse("wagtailimages_chooser:chosen", args=[image.id]),
        reverse("wagtailimages_chooser:chosen_multiple") + f"?id={image.id}",
        reverse("wagtailimages_chooser:select_format", args=[image.id]),
        f"/quan-tri/bulk/wagtailimages/image/delete/?id={image.id}",
        f"/quan-tri/bulk/wagtailimages/image/add_tags/?id={image.id}",
        f"/quan-tri/bulk/wagtailimages/image/add_to_collection/?id={image.id}",
        "/quan-tri/bulk/wagtailimages/image/delete/?id=all",
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:index_results") + "?q=Định",
        reverse("wagtaildocs:edit", args=[document.id]),
        reverse("wagtaildocs:delete", args=[document.id]),
        reverse("wagtaildocs:document_usage", args=[document.id]),
        reverse("wagtaildocs:edit_multiple", args=[document.id]),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtaildocs_chooser:choose_results") + "?q=Định",
        reverse("wagtaildocs_chooser:chosen", args=[document.id]),
        reverse("wagtaildocs_chooser:chosen_multiple") + f"?id={document.id}",
        f"/quan-tri/bulk/wagtaildocs/document/delete/?id={document.id}",
        f"/quan-tri/bulk/wagtaildocs/document/add_tags/?id={document.id}",
        f"/quan-tri/bulk/wagtaildocs/document/add_to_collection/?id={document.id}",
        "/quan-tri/bulk/wagtaildocs/document/delete/?id=all",
    ]


def test_another_communes_official_finds_no_image_or_document_in_any_admin_view_or_api(
    client, office_b, image_a, document_a
):
    client.force_login(office_b)
    leaks = []
    for url in file_endpoints(image_a, document_a):
        response = client.get(url)
        body = text(response)
        for secret in (IMAGE_TITLE, DOCUMENT_TITLE, image_a.file.name, document_a.filename):
            if secret in body:
                leaks.append(f"{url} shows {secret!r} ({response.status_code})")
    assert not leaks, "\n".join(leaks)


def test_the_admin_api_lists_a_communes_files_to_its_own_officials(client, office_a, image_a, document_a):
    client.force_login(office_a)
    images = client.get("/quan-tri/api/main/images/").json()
    assert [item["title"] for item in images["items"]] == [IMAGE_TITLE]
    assert client.get(f"/quan-tri/api/main/images/{image_a.id}/").json()["title"] == IMAGE_TITLE
    documents = client.get("/quan-tri/api/main/documents/").json()
    assert [item["title"] for item in documents["items"]] == [DOCUMENT_TITLE]
    detail = client.get(f"/quan-tri/api/main/documents/{document_a.id}/").json()
    assert detail["meta"]["download_url"].endswith(document_a.url)


def test_the_admin_api_gives_another_communes_official_nothing(client, office_b, image_a, document_a):
    client.force_login(office_b)
    assert client.get("/quan-tri/api/main/images/").json()["items"] == []
    assert client.get(f"/quan-tri/api/main/images/{image_a.id}/").status_code == 404
    assert client.get("/quan-tri/api/main/documents/").json()["items"] == []
    assert client.get(f"/quan-tri/api/main/documents/{document_a.id}/").status_code == 404


def test_an_official_with_roles_in_two_communes_sees_only_the_working_communes_files(
    client, commune_a, commune_b, make_official, image_a, document_a
):
    overseer = make_official(commune_b, Role.OVERSEER, username="cap-tren")
    from cchc.communes.provisioning import grant_role

    grant_role(commune=commune_a, user=overseer, role=Role.OVERSEER)
    client.force_login(overseer)
    session = client.session
    session["cchc_commune_id"] = commune_b.id
    session.save()
    assert client.get("/quan-tri/api/main/images/").json()["items"] == []
    assert IMAGE_TITLE not in text(client.get(reverse("wagtailimages_chooser:choose")))
    assert DOCUMENT_TITLE not in text(client.get(reverse("wagtaildocs_chooser:choose")))
    session = client.session
    session["cchc_commune_id"] = commune_a.id
    session.save()
    assert [i["title"] for i in client.get("/quan-tri/api/main/images/").json()["items"]] == [IMAGE_TITLE]
    assert DOCUMENT_TITLE in text(client.get(reverse("wagtaildocs_chooser:choose")))


def test_a_communes_official_still_works_with_their_own_files(client, office_a, image_a, document_a):
    client.force_login(office_a)
    assert IMAGE_TITLE in text(client.get(reverse("wagtailimages:index")))
    assert IMAGE_TITLE in text(client.get(reverse("wagtailimages_chooser:choose")))
    assert client.get(reverse("wagtailimages:edit", args=[image_a.id])).status_code == 200
    assert IMAGE_TITLE in text(client.get(f"/quan-tri/bulk/wagtailimages/image/delete/?id={image_a.id}"))
    assert DOCUMENT_TITLE in text(client.get(reverse("wagtaildocs:index")))
    assert DOCUMENT_TITLE in text(client.get(reverse("wagtaildocs_chooser:choose")))
    assert DOCUMENT_TITLE in text(client.get(reverse("wagtaildocs_chooser:chosen", args=[document_a.id])))
    assert DOCUMENT_TITLE in text(client.get(f"/quan-tri/bulk/wagtaildocs/document/delete/?id={document_a.id}"))


def test_a_platform_admin_still_sees_every_communes_files(client, superuser, commune_b, image_a, document_a):
    image_b = Image.objects.create(title="Ảnh Phú Đình", file=get_test_image_file(), collection=commune_b.collection)
    client.force_login(superuser)
    titles = {i["title"] for i in client.get("/quan-tri/api/main/images/").json()["items"]}
    assert titles == {IMAGE_TITLE, image_b.title}
    assert [i["title"] for i in client.get("/quan-tri/api/main/documents/").json()["items"]] == [DOCUMENT_TITLE]
    assert IMAGE_TITLE in text(client.get(reverse("wagtailimages:index")))
    assert DOCUMENT_TITLE in text(client.get(reverse("wagtaildocs:index")))
    assert IMAGE_TITLE in text(client.get(f"/quan-tri/bulk/wagtailimages/image/delete/?id={image_a.id}"))


def test_a_document_is_downloaded_only_on_its_own_communes_host(client, commune_b, document_a):
    assert client.get(document_a.url, HTTP_HOST=HOST_A).status_code == 200
    assert client.get(document_a.url, HTTP_HOST=HOST_B).status_code == 404


def test_another_communes_official_cannot_download_a_document_on_their_host(client, office_b, document_a):
    client.force_login(office_b)
    assert client.get(document_a.url, HTTP_HOST=HOST_B).status_code == 404


def test_a_document_outside_every_commune_is_not_served_to_citizens(client, commune_a, commune_b):
    from wagtail.models import Collection

    stray = _document(Collection.get_first_root_node(), title="Tài liệu lạc", filename="lac.txt")
    assert client.get(stray.url, HTTP_HOST=HOST_A).status_code == 404


def test_a_platform_admin_downloads_any_communes_document(client, superuser, commune_b, document_a):
    client.force_login(superuser)
    assert client.get(document_a.url, HTTP_HOST=HOST_B).status_code == 200


@pytest.fixture
def private_document_a(commune_a):
    return _document(ensure_private_collection(commune_a), title="Danh sách hộ nghèo", filename="ho-ngheo.txt")


def test_a_communes_private_collection_is_named_for_officials_and_restricted_to_its_groups(commune_a, commune_b):
    private = ensure_private_collection(commune_a)
    assert private.name == PRIVATE_COLLECTION_NAME
    assert private.get_parent() == commune_a.collection
    assert ensure_private_collection(commune_a) == private
    (restriction,) = private.get_view_restrictions()
    assert set(restriction.groups.all()) == set(commune_groups(commune_a))
    assert not set(restriction.groups.all()) & set(commune_groups(commune_b))


def test_a_private_document_is_served_only_to_its_communes_officials(
    client, commune_a, office_a, office_b, private_document_a
):
    anonymous = client.get(private_document_a.url, HTTP_HOST=HOST_A)
    assert anonymous.status_code == 302
    assert b"noi dung" not in anonymous.getvalue()
    client.force_login(office_b)
    assert client.get(private_document_a.url, HTTP_HOST=HOST_A).status_code in (302, 403, 404)
    client.force_login(office_a)
    response = client.get(private_document_a.url, HTTP_HOST=HOST_A)
    assert response.status_code == 200
    assert response.getvalue() == b"noi dung bien ban"


def test_officials_choose_the_private_collection_when_uploading_a_document(client, commune_a, office_a):
    private = ensure_private_collection(commune_a)
    client.force_login(office_a)
    form = text(client.get(reverse("wagtaildocs:add")))
    assert PRIVATE_COLLECTION_NAME in form
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Hồ sơ nội bộ", "file": ContentFile(b"x", name="noi-bo.txt"), "collection": private.id},
    )
    assert response.status_code == 302
    assert Document.objects.get(title="Hồ sơ nội bộ").collection == private


def test_the_private_document_collection_is_not_offered_for_images(client, commune_a, office_a):
    ensure_private_collection(commune_a)
    client.force_login(office_a)
    assert PRIVATE_COLLECTION_NAME not in text(client.get(reverse("wagtailimages:add")))


def test_communes_created_before_the_private_collection_existed_get_one_from_the_data_migration(commune_a, commune_b):
    import importlib

    migration = importlib.import_module("cchc.portal.migrations.0004_private_document_collections")
    migration.give_every_commune_a_private_collection(None, None)
    migration.give_every_commune_a_private_collection(None, None)
    for commune in (commune_a, commune_b):
        commune.collection.refresh_from_db()
        (private,) = commune.collection.get_children()
        assert private.name == PRIVATE_COLLECTION_NAME
        assert private.get_view_restrictions().get().groups.count() == len(commune_groups(commune))
