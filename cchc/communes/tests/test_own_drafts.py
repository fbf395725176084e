"""Officials who do not publish (unit members, justice, finance) act on their own drafts and files only.

Wagtail's own rule: "add" lets a user edit and delete what they created; "change" acts on
everyone's. Publishers hold "change"; everyone else who writes holds "add" (and "choose").
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from cchc.communes.roles import Role
from cchc.portal.models import StandardPage

REFUSED = (302, 403, 404)


@pytest.fixture
def unit_member_a(commune_a, make_official):
    return make_official(commune_a, Role.UNIT_MEMBER)


def _draft(commune, owner, title):
    page = StandardPage(title=title, slug=f"nhap-{owner.pk}-{len(title)}", owner=owner, live=False)
    commune.root_page.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def _image(commune, owner):
    return Image.objects.create(
        title=f"Ảnh của {owner.username}", file=get_test_image_file(), collection=commune.collection,
        uploaded_by_user=owner,
    )  # fmt: skip


def _document(commune, owner):
    doc = Document(title=f"Tài liệu của {owner.username}", collection=commune.collection, uploaded_by_user=owner)
    doc.file.save("tai-lieu.txt", ContentFile(b"noi dung"), save=False)
    doc.save()
    return doc


def test_a_unit_member_cannot_edit_or_delete_another_officials_draft(client, commune_a, office_a, unit_member_a):
    draft = _draft(commune_a, office_a, "Bản nháp của Văn phòng")
    client.force_login(unit_member_a)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).status_code in REFUSED
    assert client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk])).status_code in REFUSED
    assert Page.objects.filter(pk=draft.pk).exists()


def test_a_unit_member_edits_and_deletes_their_own_draft(client, commune_a, unit_member_a):
    draft = _draft(commune_a, unit_member_a, "Bản nháp của Hội Phụ nữ")
    client.force_login(unit_member_a)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).status_code == 200
    client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert not Page.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize(("make", "app"), [(_image, "wagtailimages"), (_document, "wagtaildocs")])
def test_a_unit_member_cannot_edit_or_delete_another_officials_file(
    client, commune_a, office_a, unit_member_a, make, app
):
    other = make(commune_a, office_a)
    client.force_login(unit_member_a)
    assert client.get(reverse(f"{app}:edit", args=[other.pk])).status_code in REFUSED
    assert client.post(reverse(f"{app}:delete", args=[other.pk])).status_code in REFUSED
    assert type(other).objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize(("make", "app"), [(_image, "wagtailimages"), (_document, "wagtaildocs")])
def test_a_unit_member_edits_and_deletes_their_own_file(client, commune_a, unit_member_a, make, app):
    own = make(commune_a, unit_member_a)
    client.force_login(unit_member_a)
    assert client.get(reverse(f"{app}:edit", args=[own.pk])).status_code == 200
    client.post(reverse(f"{app}:delete", args=[own.pk]))
    assert not type(own).objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize("role", [Role.CULTURE_INFO, Role.OFFICE])
def test_a_publisher_edits_every_officials_drafts_and_files(client, commune_a, unit_member_a, make_official, role):
    publisher = make_official(commune_a, role)
    draft = _draft(commune_a, unit_member_a, "Bản nháp của Hội Phụ nữ")
    image, document = _image(commune_a, unit_member_a), _document(commune_a, unit_member_a)
    client.force_login(publisher)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code == 200
    client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert not Document.objects.filter(pk=document.pk).exists()


def test_a_unit_member_can_still_write_a_draft_and_upload(client, commune_a, unit_member_a):
    client.force_login(unit_member_a)
    add_page = reverse("wagtailadmin_pages:add", args=["portal", "standardpage", commune_a.root_page.pk])
    assert client.get(add_page).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert client.get(reverse("wagtaildocs:add")).status_code == 200
