"""Create communes and give officials their roles: the actions behind commands and screens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cchc.core.text import slugify_vi

from .access import forget_roles
from .models import Commune, CommuneKind, EditorialStep, Membership, RoleGroup, Unit
from .roles import (
    FILE_EDITORS,
    PAGE_EDITORS,
    PAGE_PUBLISHERS,
    PAGE_REVIEWERS,
    READ_ONLY_ROLES,
    ROLE_MODEL_PERMISSIONS,
    Role,
)
from .scoping import commune_scope

User = get_user_model()

ADMIN_ACCESS = "wagtailadmin.access_admin"
# Wagtail's rule for pages, images and documents: "add" lets a user edit and delete only what
# they created (their own drafts and uploads); "change" acts on everyone's. Publishers hold
# "change"; other roles that write hold "add" only, so they never touch a colleague's work.
COLLECTION_PERMISSIONS = {
    "manage": ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    "own": ["add_image", "choose_image", "add_document", "choose_document"],
    "view": ["choose_image", "choose_document"],
}
PAGE_PERMISSIONS = {
    "publish": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "review": ["add_page", "change_page"],
    "own": ["add_page"],
}
MANAGES_FILES = PAGE_PUBLISHERS | PAGE_REVIEWERS


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


def group_display_name(commune: Commune, role: str) -> str:
    """The name people read in the admin; never used to find a group (see ``RoleGroup``)."""
    return f"{commune.name} ({commune.code}) — {Role(role).label}"


def commune_groups(commune: Commune, roles: Iterable[str] | None = None) -> list[Group]:
    """The Django groups that carry ``roles`` (every role when None) in ``commune``.

    The one way for other code (approval workflows, private documents…) to find a commune's
    role groups: by commune id and role code.
    """
    links = RoleGroup.objects.filter(commune=commune).select_related("group").order_by("role")
    if roles is not None:
        links = links.filter(role__in=[str(role) for role in roles])
    return [link.group for link in links]


def role_group(commune: Commune, role: str) -> Group:
    return RoleGroup.objects.select_related("group").get(commune=commune, role=role).group


def refresh_group_names(commune: Commune) -> None:
    """Let group, workflow and approval-task names follow a renamed commune (they are labels only)."""
    for link in RoleGroup.objects.filter(commune=commune).select_related("group"):
        _rename(link.group, group_display_name(commune, link.role))
    workflow_page = WorkflowPage.objects.filter(page_id=commune.root_page_id).select_related("workflow").first()
    if workflow_page is not None:
        _rename(workflow_page.workflow, _workflow_name(commune))
        links = WorkflowTask.objects.filter(workflow=workflow_page.workflow).order_by("sort_order")
        for link, (_roles, label) in zip(links.select_related("task"), APPROVAL_STEPS, strict=False):
            _rename(link.task, label(commune))


def _rename(obj, name: str) -> None:
    if obj.name != name:
        obj.name = name
        obj.save(update_fields=["name"])


def _ensure_group(commune: Commune, role: str) -> Group:
    link = RoleGroup.objects.filter(commune=commune, role=role).select_related("group").first()
    if link is None:
        group = Group.objects.create(name=group_display_name(commune, role))
        RoleGroup.objects.create(commune=commune, role=role, group=group)
        return group
    _rename(link.group, group_display_name(commune, role))
    return link.group


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
        group = _ensure_group(commune, role)
        group.permissions.set(_permissions(ROLE_MODEL_PERMISSIONS.get(role, set()) | {ADMIN_ACCESS}))
        GroupPagePermission.objects.filter(group=group).delete()
        if role in PAGE_EDITORS:
            kind = "publish" if role in PAGE_PUBLISHERS else "review" if role in PAGE_REVIEWERS else "own"
            for codename in PAGE_PERMISSIONS[kind]:
                GroupPagePermission.objects.create(
                    group=group,
                    page=commune.root_page,
                    permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
                )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if role in FILE_EDITORS or role in READ_ONLY_ROLES:
            kind = "view" if role in READ_ONLY_ROLES else "manage" if role in MANAGES_FILES else "own"
            for codename in COLLECTION_PERMISSIONS[kind]:
                app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
                GroupCollectionPermission.objects.create(
                    group=group,
                    collection=commune.collection,
                    permission=Permission.objects.get(content_type__app_label=app, codename=codename),
                )
        groups[role] = group
    ensure_approval_workflow(commune, groups)
    from .wagtail_files import ensure_private_collection  # late: it loads Wagtail's admin API views

    ensure_private_collection(commune)
    return groups


def _workflow_name(commune: Commune) -> str:
    return _("Duyệt nội dung — %(name)s (%(code)s)") % {"name": commune.name, "code": commune.code}


# The steps of the commune's approval workflow, in order: who acts at each and the step's label.
# A step is found by its place in the workflow (its sort order); names are labels only.
APPROVAL_STEPS = (
    (PAGE_REVIEWERS, lambda commune: _("Văn hóa - Thông tin %(name)s duyệt") % {"name": commune.name}),
    (PAGE_PUBLISHERS, lambda commune: _("Văn phòng %(name)s xuất bản") % {"name": commune.name}),
)


def ensure_approval_workflow(commune: Commune, groups: dict[str, Group]) -> Workflow:
    """Drafts go to the commune's own culture-information board, then to its office, which publishes.

    Approving the last step publishes the page (at its scheduled time if it has one); sending back
    at either step returns it to its author with a comment. The workflow is the one attached to the
    commune's root page; a workflow made before the second step existed gains it here.
    """
    workflow_page = WorkflowPage.objects.filter(page_id=commune.root_page_id).select_related("workflow").first()
    if workflow_page is None:
        workflow = Workflow.objects.create(name=_workflow_name(commune), active=True)
        WorkflowPage.objects.create(page_id=commune.root_page_id, workflow=workflow)
    else:
        workflow = workflow_page.workflow
    links = list(WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order").select_related("task"))
    for order, (roles, label) in enumerate(APPROVAL_STEPS):
        task = links[order].task.specific if order < len(links) else None
        if not isinstance(task, EditorialStep):
            # A new step, or one made before sending back needed a reason: replace it in place.
            new = EditorialStep.objects.create(name=label(commune))
            if task is None:
                WorkflowTask.objects.create(workflow=workflow, task=new, sort_order=order)
            else:
                links[order].task = new
                links[order].save(update_fields=["task"])
                task.deactivate()
            task = new
        task.groups.set([groups[role] for role in sorted(roles)])
    refresh_group_names(commune)
    return workflow


@transaction.atomic
def create_commune(spec: CommuneSpec) -> Commune:
    """A commune with its home page, its Wagtail site, its file collection and its role groups.

    The home page's model is ``settings.CCHC_COMMUNE_HOME_PAGE``: the page app depends on
    ``communes``, never the other way round.
    """
    slug = spec.slug or slugify_vi(spec.name)
    wagtail_root = Page.get_first_root_node()
    home = apps.get_model(settings.CCHC_COMMUNE_HOME_PAGE)(title=spec.name, slug=slug)
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
    ensure_standing_sections(commune)
    return commune


def ensure_standing_sections(commune: Commune) -> None:
    """The sections every commune's site has from its first day (the news list at /tin-tuc/…), so
    that the citizens' menu never links to nothing; made by the page app, here and after migrations."""
    home = commune.root_page.specific
    if hasattr(home, "add_standing_sections"):
        home.add_standing_sections()


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
    join_role_group(membership)
    return membership


def join_role_group(membership: Membership) -> None:
    """A member of a role takes the permissions of that role's group in the commune."""
    forget_roles(membership.user)
    if membership.role != Role.PLATFORM_ADMIN:
        membership.user.groups.add(role_group(membership.commune, membership.role))


def leave_role_group(*, commune: Commune, user: User, role: str) -> None:
    forget_roles(user)
    user.groups.remove(*commune_groups(commune, [role]))


@transaction.atomic
def revoke_role(*, commune: Commune, user: User, role: str) -> None:
    with commune_scope(commune):
        Membership.objects.filter(user=user, role=role).delete()
    leave_role_group(commune=commune, user=user, role=role)
