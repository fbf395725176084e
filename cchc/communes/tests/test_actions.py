"""The action base: every admin screen of commune data goes through the commune's actions."""

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.actions import action_registry

from cchc.audit.models import CommuneLogEntry
from cchc.communes.actions import CommuneAction, CreateRecord, DeleteRecord, EditRecord
from cchc.communes.models import CommuneOwned, Village
from cchc.communes.scoping import commune_scope


@pytest.mark.parametrize(("name", "base"), [("create", CreateRecord), ("edit", EditRecord), ("delete", DeleteRecord)])
def test_every_commune_model_is_written_through_a_commune_action(name, base):
    models = [m for m in apps.get_models() if issubclass(m, CommuneOwned)]
    assert len(models) > 10
    wrong = [m.__name__ for m in models if not issubclass(action_registry.get_action_class(m, name), base)]
    assert wrong == []


def test_an_admin_edit_is_audited_in_the_communes_trail_with_who_and_from_where(client, commune_a, office_a):
    with commune_scope(commune_a):
        village = CreateRecord(Village(commune=commune_a, name="Nà Mòn")).execute()
    client.force_login(office_a)
    response = client.post(
        reverse("thon-xom:edit", args=[village.pk]),
        {"kind": "xom", "name": "Nà Mòn Mới", "sort_order": "1"},
        REMOTE_ADDR="192.0.2.4",
    )
    assert response.status_code == 302
    with commune_scope(commune_a):
        entry = CommuneLogEntry.objects.get(action="wagtail.edit")
    assert (entry.user, entry.commune, entry.object_id, entry.ip_address) == (
        office_a,
        commune_a,
        str(village.pk),
        "192.0.2.4",
    )


def test_a_record_action_refuses_a_row_of_another_commune(commune_a, commune_b):
    with commune_scope(commune_a):
        village = CreateRecord(Village(commune=commune_a, name="Nà Mòn")).execute()
    with pytest.raises(PermissionDenied):
        EditRecord(village, commune=commune_b)


class Rename(CommuneAction):
    log_action = "wagtail.edit"

    def __init__(self, *, commune, user=None, village, name):
        super().__init__(commune=commune, user=user)
        self.village, self.name = village, name

    def check(self):
        if not self.name.strip():
            raise PermissionDenied("Tên không được để trống.")

    def perform(self):
        self.village.name = self.name
        self.village.save()
        if self.name == "lỗi":
            raise RuntimeError("giữa chừng")
        return self.village

    def audit_instance(self, result):
        return result


def test_a_commune_action_writes_and_audits_in_one_transaction(commune_a):
    with commune_scope(commune_a):
        village = CreateRecord(Village(commune=commune_a, name="Nà Mòn")).execute()
    with pytest.raises(PermissionDenied, match="Tên không được để trống"):
        Rename(commune=commune_a, village=village, name=" ").execute()
    with pytest.raises(RuntimeError):
        Rename(commune=commune_a, village=village, name="lỗi").execute()
    with commune_scope(commune_a):
        assert Village.objects.get(pk=village.pk).name == "Nà Mòn"
        assert not CommuneLogEntry.objects.filter(action="wagtail.edit").exists()
    Rename(commune=commune_a, village=village, name="Nà Mòn Mới").execute()
    with commune_scope(commune_a):
        assert CommuneLogEntry.objects.filter(action="wagtail.edit", object_id=str(village.pk)).count() == 1


def test_an_action_needs_its_commune_explicitly(commune_a):
    with pytest.raises(TypeError):
        Rename(commune=None, village=None, name="x")


def test_a_role_granted_or_revoked_on_the_admin_screen_gives_or_takes_its_rights(client, commune_a, office_a):
    from django.contrib.auth import get_user_model

    from cchc.communes.models import Membership

    User = get_user_model()
    admin = User.objects.create_superuser("quantri-thu", password="mat-khau-thu-1")
    newcomer = User.objects.create_user("can-bo-moi", password="mat-khau-thu-1")
    client.force_login(admin)
    client.get(reverse("cchc_choose_commune"))
    client.post(reverse("cchc_choose_commune"), {"commune": commune_a.pk})
    response = client.post(reverse("can-bo:add"), {"user": newcomer.pk, "role": "office", "unit": "", "title": ""})
    assert response.status_code == 302
    with commune_scope(commune_a):
        membership = Membership.objects.get(user=newcomer)
        assert newcomer.has_perm("communes.add_village")
    client.post(reverse("can-bo:delete", args=[membership.pk]))
    newcomer = User.objects.get(pk=newcomer.pk)
    with commune_scope(commune_a):
        assert not Membership.objects.filter(user=newcomer).exists()
        assert not newcomer.has_perm("communes.add_village")
