"""Create communes and give officials their roles: the actions behind commands and screens."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cchc.core.text import slugify_vi

from .models import Commune, CommuneKind, Membership, Unit
from .roles import FILE_EDITORS, PAGE_EDITORS, PAGE_PUBLISHERS, READ_ONLY_ROLES, ROLE_MODEL_PERMISSIONS, Role
from .scoping import commune_scope

User = get_user_model()

ADMIN_ACCESS = "wagtailadmin.access_admin"
COLLECTION_PERMISSIONS = {
    "edit": ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    "view": ["choose_image", "choose_document"],
}
PAGE_PERMISSIONS = {
    "publish": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "edit": ["add_page", "change_page"],
}


@dataclass(frozen=True)
class CommuneSpec:
    name: str
    code: str
    province: str
    superior_body: str
    hostname: str
    district: str = ""
    kind: str = CommuneKind.XA
    slug: str = ""
    port: int = 80
    address: str = ""
    phone: str = ""
    email: str = ""
    office_hours: str = ""
    is_default_site: bool = False


def group_name(commune: Commune, role: str) -> str:
    return f"{commune.name} ({commune.code}) — {Role(role).label}"


def _permissions(names: set[str]) -> list[Permission]:
    perms = []
    for name in sorted(names):
        app_label, codename = name.split(".")
        perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if perm is not None:
            perms.append(perm)
    return perms


@transaction.atomic
def ensure_role_groups(commune: Commune) -> dict[str, Group]:
    """Create or refresh the commune's groups: model, page and collection permissions per role."""
    groups = {}
    for role in Role:
        if role == Role.PLATFORM_ADMIN:
            continue
        group, _ = Group.objects.get_or_create(name=group_name(commune, role))
        group.permissions.set(_permissions(ROLE_MODEL_PERMISSIONS.get(role, set()) | {ADMIN_ACCESS}))
        GroupPagePermission.objects.filter(group=group).delete()
        if role in PAGE_EDITORS:
            kind = "publish" if role in PAGE_PUBLISHERS else "edit"
            for codename in PAGE_PERMISSIONS[kind]:
                GroupPagePermission.objects.create(
                    group=group,
                    page=commune.root_page,
                    permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
                )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if role in FILE_EDITORS or role in READ_ONLY_ROLES:
            kind = "view" if role in READ_ONLY_ROLES else "edit"
            for codename in COLLECTION_PERMISSIONS[kind]:
                app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
                GroupCollectionPermission.objects.create(
                    group=group,
                    collection=commune.collection,
                    permission=Permission.objects.get(content_type__app_label=app, codename=codename),
                )
        groups[role] = group
    ensure_approval_workflow(commune, [groups[role] for role in PAGE_PUBLISHERS])
    return groups


def ensure_approval_workflow(commune: Commune, approvers: list[Group]) -> Workflow:
    """Drafts that unit members submit go to the commune's own leaders, never to another commune's."""
    name = f"Duyệt nội dung — {commune.name} ({commune.code})"
    workflow, created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if created:
        task = GroupApprovalTask.objects.create(name=f"Lãnh đạo {commune.name} duyệt")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    else:
        task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    task.groups.set(approvers)
    WorkflowPage.objects.update_or_create(page=commune.root_page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def create_commune(spec: CommuneSpec) -> Commune:
    """A commune with its home page, its Wagtail site, its file collection and its role groups."""
    from cchc.portal.models import HomePage

    slug = spec.slug or slugify_vi(spec.name)
    wagtail_root = Page.get_first_root_node()
    home = HomePage(title=spec.name, slug=slug, intro="")
    wagtail_root.add_child(instance=home)
    home.save_revision().publish()
    if spec.is_default_site:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    site = Site.objects.create(
        hostname=spec.hostname,
        port=spec.port,
        root_page=home,
        site_name=spec.name,
        is_default_site=spec.is_default_site,
    )
    collection = Collection.get_first_root_node().add_child(name=spec.name)
    commune = Commune.objects.create(
        name=spec.name,
        kind=spec.kind,
        code=spec.code,
        province=spec.province,
        district=spec.district,
        superior_body=spec.superior_body,
        slug=slug,
        address=spec.address,
        phone=spec.phone,
        email=spec.email,
        office_hours=spec.office_hours,
        site=site,
        root_page=home,
        collection=collection,
    )
    ensure_role_groups(commune)
    return commune


@transaction.atomic
def grant_role(*, commune: Commune, user: User, role: str, unit: Unit | None = None, title: str = "") -> Membership:
    """Give ``user`` a role in ``commune`` (idempotent) and put them in the role's group."""
    if role == Role.PLATFORM_ADMIN:
        user.is_superuser = True
        user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    with commune_scope(commune):
        membership, created = Membership.objects.get_or_create(
            commune=commune, user=user, role=role, defaults={"unit": unit, "title": title}
        )
        if not created and (membership.unit != unit or membership.title != title):
            membership.unit, membership.title = unit, title
            membership.save(update_fields=["unit", "title"])
    if role != Role.PLATFORM_ADMIN:
        user.groups.add(Group.objects.get(name=group_name(commune, role)))
    return membership


@transaction.atomic
def revoke_role(*, commune: Commune, user: User, role: str) -> None:
    with commune_scope(commune):
        Membership.objects.filter(user=user, role=role).delete()
    group = Group.objects.filter(name=group_name(commune, role)).first()
    if group is not None:
        user.groups.remove(group)
