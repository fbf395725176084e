import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Site

from cchc.communes.models import Commune, Membership
from cchc.communes.provisioning import revoke_role, role_group
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope


def test_create_commune_command_makes_site_home_page_collection_and_role_groups(db, capsys):
    call_command(
        "create_commune",
        "--name", "Xã Bình Yên",
        "--code", "05587",
        "--province", "Tỉnh Thái Nguyên",
        "--superior", "UBND tỉnh Thái Nguyên",
        "--hostname", "BinhYen.Example.vn",
    )  # fmt: skip
    commune = Commune.objects.get(code="05587")
    assert commune.slug == "xa-binh-yen"
    assert commune.site.hostname == "binhyen.example.vn"
    assert commune.site.root_page.specific.title == "Xã Bình Yên"
    assert commune.root_page.live
    assert commune.collection.get_parent() == Collection.get_first_root_node()
    assert commune.issuing_body == "ỦY BAN NHÂN DÂN XÃ BÌNH YÊN"
    assert "Đã tạo Xã Bình Yên" in capsys.readouterr().out
    office = role_group(commune, Role.OFFICE)
    assert GroupPagePermission.objects.filter(group=office, page=commune.root_page).exists()
    assert GroupCollectionPermission.objects.filter(group=office, collection=commune.collection).exists()
    assert office.permissions.filter(codename="access_admin").exists()


def test_create_commune_refuses_a_code_already_used_with_a_vietnamese_message(commune_a):
    with pytest.raises(CommandError, match="Đã có xã mang mã"):
        call_command(
            "create_commune", "--name", "Xã Khác", "--code", commune_a.code, "--province", "Tỉnh Thái Nguyên",
            "--superior", "UBND tỉnh", "--hostname", "khac.localhost",
        )  # fmt: skip
    assert Commune.objects.count() == 1
    assert Site.objects.filter(hostname="khac.localhost").count() == 0


def test_granting_a_role_twice_keeps_one_membership_and_revoking_removes_the_group(commune_a, make_official):
    user = make_official(commune_a, Role.JUSTICE)
    from cchc.communes.provisioning import grant_role

    grant_role(commune=commune_a, user=user, role=Role.JUSTICE)
    with commune_scope(commune_a):
        assert Membership.objects.filter(user=user).count() == 1
    assert user.groups.filter(pk=role_group(commune_a, Role.JUSTICE).pk).exists()
    revoke_role(commune=commune_a, user=user, role=Role.JUSTICE)
    with commune_scope(commune_a):
        assert not Membership.objects.filter(user=user).exists()
    assert not user.groups.exists()


def test_an_overseer_has_view_permissions_only(commune_a, make_official):
    user = make_official(commune_a, Role.OVERSEER)
    with commune_scope(commune_a):
        assert user.has_perm("communes.view_village")
        assert not user.has_perm("communes.change_village")
    assert not user.has_perm("communes.view_village"), "outside any commune a role gives nothing"
    assert not GroupPagePermission.objects.filter(group__in=user.groups.all()).exists()


def test_the_home_page_model_of_a_new_commune_comes_from_the_settings(settings, make_commune):
    settings.CCHC_COMMUNE_HOME_PAGE = "portal.StandardPage"
    commune = make_commune("Xã Trung Hội")
    assert type(commune.root_page.specific).__name__ == "StandardPage"
    assert commune.site.root_page_id == commune.root_page_id
