"""An official of commune A must not read or change commune B's data through any admin screen.

The viewset walk covers every admin viewset over commune data registered now or later.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from cchc.communes.roles import Role
from cchc.communes.scoping import all_communes, is_commune_scoped
from cchc.communes.testing import make_instance

OBJECT_VIEWS = ["edit", "delete", "history", "usage", "inspect", "copy"]


def commune_viewsets() -> list[ModelViewSet]:
    reverse("wagtailadmin_home")  # loads the admin URLconf, which registers every viewset
    found = [vs for vs in admin_viewsets.viewsets if isinstance(vs, ModelViewSet) and is_commune_scoped(vs.model)]
    assert found, "no admin viewset over commune data is registered"
    return found


def test_every_commune_model_in_the_admin_uses_the_scoped_viewset_base():
    from cchc.communes.viewsets import CommuneOwnedViewSet

    for viewset in commune_viewsets():
        assert isinstance(viewset, CommuneOwnedViewSet), viewset


def object_link(viewset: ModelViewSet) -> str:
    """The view a listing row leads to: "edit", or "inspect" on a screen that edits nothing."""
    for view in ("edit", "inspect"):
        try:
            reverse(viewset.get_url_name(view), args=[1])
        except NoReverseMatch:
            continue
        return view
    raise AssertionError(f"{viewset} lists rows that lead nowhere")


@pytest.fixture
def mighty_official_a(commune_a, make_official):
    """An official of A holding every model permission: only row scoping can stop them."""
    user = make_official(commune_a, Role.OFFICE, username="manh-a")
    user.user_permissions.set(Permission.objects.all())
    return user


@pytest.mark.parametrize("viewset", commune_viewsets(), ids=lambda vs: vs.model.__name__)
def test_an_official_of_a_cannot_reach_commune_b_objects_by_url(
    viewset, client, commune_a, commune_b, mighty_official_a
):
    own = make_instance(viewset.model, commune_a, sample="Của xã A")
    other = make_instance(viewset.model, commune_b, sample="Của xã B")
    client.force_login(mighty_official_a)

    listing = client.get(reverse(viewset.get_url_name("index")))
    assert listing.status_code == 200
    html = listing.content.decode()
    opener = object_link(viewset)  # read-only screens (what villagers wrote) open rows by "inspect"
    assert reverse(viewset.get_url_name(opener), args=[own.pk]) in html
    assert reverse(viewset.get_url_name(opener), args=[other.pk]) not in html
    if str(other) and str(other) != str(own):
        assert str(other) not in html

    for view in OBJECT_VIEWS:
        try:
            url = reverse(viewset.get_url_name(view), args=[other.pk])
        except NoReverseMatch:
            continue
        response = client.get(url)
        assert response.status_code in (403, 404), f"GET {view} of B's object answered {response.status_code}"
        response = client.post(url, {})
        assert response.status_code in (403, 404, 405), f"POST {view} of B's object answered {response.status_code}"

    with all_communes():
        assert viewset.model.objects.filter(pk=other.pk).exists(), "B's object was deleted"
        assert str(viewset.model.objects.get(pk=other.pk)) == str(other), "B's object was changed"


@pytest.mark.parametrize("host", ["dinh-bien.localhost", "phu-dinh.localhost"])
def test_the_admin_shows_the_officials_own_commune_whatever_host_it_is_opened_on(
    host, client, commune_a, commune_b, office_a
):
    from cchc.communes.models import Village

    make_instance(Village, commune_a, name="Đồng Đau")
    make_instance(Village, commune_b, name="Làng Mới")
    client.force_login(office_a)
    page = client.get(reverse("thon-xom:index"), HTTP_HOST=host).content.decode()
    assert "Đồng Đau" in page
    assert "Làng Mới" not in page


def test_a_new_village_is_created_in_the_officials_commune(client, commune_a, commune_b, office_a):
    from cchc.communes.models import Village

    client.force_login(office_a)
    response = client.post(
        reverse("thon-xom:add"), {"kind": "thon", "name": "Nà Mòn", "sort_order": 1}, HTTP_HOST="phu-dinh.localhost"
    )
    assert response.status_code == 302
    with all_communes():
        assert Village.objects.get(name="Nà Mòn").commune == commune_a


def test_a_duplicate_village_name_gets_a_form_error_not_a_crash(client, commune_a, office_a):
    from cchc.communes.models import Village

    make_instance(Village, commune_a, name="Đồng Đau")
    client.force_login(office_a)
    response = client.post(reverse("thon-xom:add"), {"kind": "xom", "name": "Đồng Đau", "sort_order": 1})
    assert response.status_code == 200
    assert "Xã đã có thôn, xóm mang tên này." in response.content.decode()
    with all_communes():
        assert Village.objects.filter(name="Đồng Đau").count() == 1


def test_an_overseer_may_read_but_not_change(client, commune_a, make_official):
    from cchc.communes.models import Village

    village = make_instance(Village, commune_a, name="Khau Lầu")
    overseer = make_official(commune_a, Role.OVERSEER)
    client.force_login(overseer)
    assert "Khau Lầu" in client.get(reverse("thon-xom:index")).content.decode()
    assert client.post(reverse("thon-xom:edit", args=[village.pk]), {"name": "Đổi tên"}).status_code in (302, 403)
    village.refresh_from_db()
    assert village.name == "Khau Lầu"
    assert client.get(reverse("thon-xom:add")).status_code in (302, 403)


def test_a_unit_member_cannot_add_villages(client, commune_a, make_official):
    member = make_official(commune_a, Role.UNIT_MEMBER)
    client.force_login(member)
    response = client.post(reverse("thon-xom:add"), {"kind": "xom", "name": "Xóm Lạ", "sort_order": 1})
    assert response.status_code in (302, 403)
    from cchc.communes.models import Village

    with all_communes():
        assert not Village.objects.filter(name="Xóm Lạ").exists()


def test_someone_with_no_role_is_kept_out_of_the_admin(client, commune_a, django_user_model):
    stranger = django_user_model.objects.create_user(username="nguoi-la", password="mat-khau-thu-1")
    client.force_login(stranger)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 403
    assert "Chưa được giao xã làm việc" in response.content.decode()
    assert client.post(reverse("wagtailadmin_logout")).status_code == 302


def test_an_overseer_switches_between_the_communes_they_watch(client, commune_a, commune_b, make_official):
    from cchc.communes.models import Village
    from cchc.communes.provisioning import grant_role

    make_instance(Village, commune_a, name="Khau Lầu")
    make_instance(Village, commune_b, name="Làng Mới")
    overseer = make_official(commune_a, Role.OVERSEER, username="cap-tren")
    grant_role(commune=commune_b, user=overseer, role=Role.OVERSEER)
    client.force_login(overseer)
    assert "Khau Lầu" in client.get(reverse("thon-xom:index")).content.decode()
    client.post(reverse("cchc_choose_commune"), {"commune": commune_b.id})
    page = client.get(reverse("thon-xom:index")).content.decode()
    assert "Làng Mới" in page
    assert "Khau Lầu" not in page


def test_an_official_cannot_switch_to_a_commune_they_do_not_belong_to(client, commune_a, commune_b, office_a):
    from cchc.communes.models import Village

    make_instance(Village, commune_b, name="Làng Mới")
    client.force_login(office_a)
    response = client.post(reverse("cchc_choose_commune"), {"commune": commune_b.id}, follow=True)
    assert "Bạn không có quyền làm việc với xã này." in response.content.decode()
    assert "Làng Mới" not in client.get(reverse("thon-xom:index")).content.decode()


def test_the_dashboard_names_the_commune_being_worked_on(client, commune_a, commune_b, make_official):
    from cchc.communes.provisioning import grant_role

    overseer = make_official(commune_a, Role.OVERSEER, username="cap-tren-2")
    grant_role(commune=commune_b, user=overseer, role=Role.OVERSEER)
    client.force_login(overseer)
    assert "Đang làm việc với Xã Định Biên" in client.get(reverse("wagtailadmin_home")).content.decode()
    client.post(reverse("cchc_choose_commune"), {"commune": commune_b.id})
    assert "Đang làm việc với Xã Phú Đình" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_role_in_one_commune_gives_no_rights_in_another(client, commune_a, commune_b, make_official):
    """Office in A, only an overseer in B: in B they may read, never change."""
    from cchc.communes.models import Village
    from cchc.communes.provisioning import grant_role

    village_b = make_instance(Village, commune_b, name="Làng Mới")
    user = make_official(commune_a, Role.OFFICE, username="hai-vai")
    grant_role(commune=commune_b, user=user, role=Role.OVERSEER)
    client.force_login(user)
    client.post(reverse("cchc_choose_commune"), {"commune": commune_b.id})
    assert "Làng Mới" in client.get(reverse("thon-xom:index")).content.decode()
    client.post(reverse("thon-xom:edit", args=[village_b.pk]), {"kind": "xom", "name": "Bị sửa", "sort_order": 1})
    client.post(reverse("thon-xom:delete", args=[village_b.pk]))
    with all_communes():
        assert Village.objects.get(pk=village_b.pk).name == "Làng Mới"
    client.post(reverse("cchc_choose_commune"), {"commune": commune_a.id})
    response = client.post(reverse("thon-xom:add"), {"kind": "xom", "name": "Xóm mới của A", "sort_order": 1})
    assert response.status_code == 302, "in A they keep the office role's rights"


def test_the_commune_switcher_refuses_garbage(client, office_a):
    client.force_login(office_a)
    response = client.post(reverse("cchc_choose_commune"), {"commune": "abc"}, follow=True)
    assert response.status_code == 200
    assert "Bạn không có quyền làm việc với xã này." in response.content.decode()


def test_officials_of_a_deactivated_commune_get_a_clear_refusal(client, commune_a, office_a):
    commune_a.is_active = False
    commune_a.save()
    client.force_login(office_a)
    response = client.get(reverse("thon-xom:index"))
    assert response.status_code == 403
    assert "Chưa được giao xã làm việc" in response.content.decode()
