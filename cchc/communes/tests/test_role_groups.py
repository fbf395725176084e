"""Role groups are found by (commune, role code), never by their display name."""

from django.contrib.auth import get_user_model

from cchc.communes.provisioning import commune_groups, ensure_role_groups, grant_role, revoke_role
from cchc.communes.roles import PAGE_PUBLISHERS, PAGE_REVIEWERS, Role
from cchc.communes.scoping import commune_scope


def _fresh(user):
    # A new request loads the user again: no permission cache survives.
    return get_user_model().objects.get(pk=user.pk)


def test_renaming_a_commune_keeps_every_officials_rights(commune_a, commune_b, office_a, office_b):
    commune_a.name = "Xã Định Biên Mới"
    commune_a.save()
    ensure_role_groups(commune_a)  # what every migrate does
    with commune_scope(commune_a):
        assert _fresh(office_a).has_perm("communes.change_village")
        assert not _fresh(office_b).has_perm("communes.change_village")
    [office_group] = commune_groups(commune_a, [Role.OFFICE])
    assert "Xã Định Biên Mới" in office_group.name, "the display name follows the commune's name"
    assert office_group.user_set.filter(pk=office_a.pk).exists()


def test_roles_can_be_granted_and_revoked_after_a_rename(commune_a, make_official):
    commune_a.name = "Xã Định Biên Mới"
    commune_a.save()
    user = make_official(commune_a, Role.JUSTICE)
    with commune_scope(commune_a):
        assert _fresh(user).has_perm("wagtailadmin.access_admin")
    revoke_role(commune=commune_a, user=user, role=Role.JUSTICE)
    assert not user.groups.exists()


def test_commune_groups_gives_only_that_communes_groups_of_the_roles_asked(commune_a, commune_b):
    groups = commune_groups(commune_a, [Role.CHAIRMAN, Role.OFFICE])
    assert len(groups) == 2
    assert not set(groups) & set(commune_groups(commune_b))
    assert len(commune_groups(commune_a)) == len(Role) - 1  # every role but the platform admin's


def test_the_approval_workflow_keeps_its_approvers_after_a_rename(commune_a):
    from wagtail.models import WorkflowPage

    commune_a.name = "Xã Định Biên Mới"
    commune_a.save()
    ensure_role_groups(commune_a)
    workflows = WorkflowPage.objects.filter(page=commune_a.root_page)
    assert workflows.count() == 1
    review, publish = [link.task.specific for link in workflows.get().workflow.workflow_tasks.order_by("sort_order")]
    assert set(review.groups.all()) == set(commune_groups(commune_a, PAGE_REVIEWERS))
    assert set(publish.groups.all()) == set(commune_groups(commune_a, PAGE_PUBLISHERS))
    assert "Xã Định Biên Mới" in review.name
    assert "Xã Định Biên Mới" in workflows.get().workflow.name


def test_granting_a_role_puts_the_user_in_that_communes_group_only(commune_a, commune_b):
    user = get_user_model().objects.create_user(username="canbo")
    grant_role(commune=commune_a, user=user, role=Role.FINANCE)
    assert list(user.groups.all()) == commune_groups(commune_a, [Role.FINANCE])


def test_the_migration_links_groups_made_before_role_groups_existed(commune_a, commune_b, office_a):
    import importlib

    from django.apps import apps

    from cchc.communes.models import RoleGroup

    migration = importlib.import_module("cchc.communes.migrations.0003_link_existing_role_groups")
    before = {(link.commune_id, link.role): link.group_id for link in RoleGroup.objects.all()}
    RoleGroup.objects.all().delete()
    migration.link_groups(apps, None)
    after = {(link.commune_id, link.role): link.group_id for link in RoleGroup.objects.all()}
    assert after == before
    with commune_scope(commune_a):
        assert _fresh(office_a).has_perm("communes.change_village")
