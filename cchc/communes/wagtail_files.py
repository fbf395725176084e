"""Wagtail's images and documents, scoped to the commune they belong to.

Wagtail stores every site's images and documents in one tree of collections; each commune owns
one collection (``Commune.collection``) and what lies under it. Scoping is done where Wagtail's
views get their rows, not by URL: the permission policies registered for images and documents
(``CommuneCollectionPolicy``) count only a user's permissions inside the working commune, the
admin API's endpoints list what the policy lets the user choose, and the chooser hooks in
``wagtail_hooks`` narrow to the same collections. Documents are served on their commune's host
only; internal ones sit in the commune's private collection (``ensure_private_collection``).
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext, gettext_noop
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from .models import Commune
from .scoping import current_communes

# Officials pick this collection when they upload a document that only they may read; it is
# stored translated (a collection's name is data), so tests compare with the source string.
PRIVATE_COLLECTION_NAME = gettext_noop("Tài liệu nội bộ (chỉ cán bộ xã xem)")


def commune_groups(commune: Commune) -> list[Group]:
    """The commune's role groups (found by commune and role code, in provisioning)."""
    from .provisioning import commune_groups as by_role

    return by_role(commune)


def _private_restriction(commune: Commune) -> CollectionViewRestriction | None:
    return (
        CollectionViewRestriction.objects.filter(
            restriction_type=BaseViewRestriction.GROUPS,
            collection__in=Collection.objects.get(pk=commune.collection_id).get_children(),
        )
        .select_related("collection")
        .first()
    )


@transaction.atomic
def ensure_private_collection(commune: Commune) -> Collection:
    """The commune's collection for internal documents, served only to its officials.

    Idempotent; also brings the restriction's groups up to date with ``commune_groups``.
    """
    restriction = _private_restriction(commune)
    if restriction is None:
        parent = Collection.objects.get(pk=commune.collection_id)
        collection = parent.add_child(name=gettext(PRIVATE_COLLECTION_NAME))
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
    restriction.groups.set(commune_groups(commune))
    return restriction.collection


# --- which files an official sees -------------------------------------------------------------


def subtree(communes: list[Commune]) -> Q:
    """Filter on ``Collection``: the communes' collections and everything under them.

    Read from the database each time: Wagtail keeps sibling collections in name order, so
    adding a commune can rewrite the tree path of another's collection.
    """
    condition = Q(pk__in=[])
    for path in Collection.objects.filter(pk__in=[c.collection_id for c in communes]).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def working_collections() -> QuerySet[Collection]:
    """Collections of the commune(s) of the active scope; none outside a scope.

    The middleware opens the scope of the commune an official works on (or of the site's
    commune for public pages), so a user with roles in two communes sees one at a time.
    """
    communes = current_communes()
    return Collection.objects.filter(subtree(communes)) if communes else Collection.objects.none()


def files_of_working_commune(files: QuerySet) -> QuerySet:
    """Restrict a queryset of images or documents to the working commune's collections."""
    return files.filter(collection__in=working_collections())


def private_collections() -> QuerySet[Collection]:
    """Collections (and their descendants) served only to some groups: the communes' internal ones."""
    condition = Q()
    for path in Collection.objects.filter(view_restrictions__isnull=False).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return Collection.objects.filter(condition) if condition else Collection.objects.none()


class CommuneCollectionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection policy, counting only the permissions inside the working commune.

    Every view of Wagtail's over images and documents (listing, chooser, edit, usage, bulk
    actions, the admin API below) asks the registered policy which rows a user may see; so
    restricting the user's collection permissions to the working commune's subtree scopes them
    all, including views a later Wagtail adds. Superusers (platform admins) keep everything.
    """

    def get_cached_permissions_for_user(self, user):
        # Wagtail caches under one attribute shared with the collection-management policy;
        # ours depends on the active scope too, so it keeps its own cache keyed by it.
        key = tuple(sorted(c.pk for c in current_communes()))
        cache = getattr(user, "_commune_collection_permission_cache", None)
        if cache is None:
            cache = {}
            user._commune_collection_permission_cache = cache
        if key not in cache:
            cache[key] = list(self.get_all_permissions_for_user(user))
        return cache[key]

    def get_all_permissions_for_user(self, user):
        return super().get_all_permissions_for_user(user).filter(collection__in=working_collections())


class CommuneImagePolicy(CommuneCollectionPolicy):
    """Images are public files: the internal-documents collection is no place for them."""

    def collections_user_has_any_permission_for(self, user, actions):
        return super().collections_user_has_any_permission_for(user, actions).exclude(pk__in=private_collections())


def register_permission_policies() -> None:
    """Put our policies in Wagtail's registry in place of the ones wagtail.images/documents register.

    ``exact_class=True`` entries win over the class-based ones whatever the order of the apps'
    ``ready()``.
    """
    register_permission_policy(
        get_image_model(),
        CommuneImagePolicy(get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"),
        exact_class=True,
    )
    register_permission_policy(
        get_document_model(),
        CommuneCollectionPolicy(
            get_document_model(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
        ),
        exact_class=True,
    )


def visible_rows(model, request) -> QuerySet:
    """The rows of ``model`` the request's user may see in the admin, by the same rules as its views.

    Pages: as the page chooser shows them (its ``construct_page_chooser_queryset`` hooks);
    images and documents: as their permission policy allows; commune data: its scoped manager.
    """
    from wagtail import hooks
    from wagtail.models import Page

    if issubclass(model, Page):
        pages = Page.objects.all()
        for hook in hooks.get_hooks("construct_page_chooser_queryset"):
            pages = hook(pages, request)
        return pages
    policy = policy_registry.get_by_type(model, fallback=False)
    if isinstance(policy, CommuneCollectionPolicy):
        return policy.instances_user_has_any_permission_for(request.user, ["choose", "change"])
    return model._default_manager.all()


def choosable(model, request) -> QuerySet:
    """The images or documents the request's user may choose: the admin API lists no more."""
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(request.user, ["choose"])


class CommuneImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """``/quan-tri/api/main/images/``: Wagtail's lists every image of every site."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=choosable(self.model, self.request).values("pk"))


class CommuneDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """``/quan-tri/api/main/documents/``: Wagtail's lists every document of every site."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=choosable(self.model, self.request).values("pk"))


# --- who may download a document ----------------------------------------------------------------


def check_document_host(document, request) -> None:
    """A document is served on its own commune's host only (platform admins: on any host).

    Private documents are also behind a ``CollectionViewRestriction`` that Wagtail's own
    ``before_serve_document`` hook checks (see ``ensure_private_collection``).
    """
    if request.user.is_active and request.user.is_superuser:
        return
    commune = getattr(request, "site_commune", None)
    if commune is None or not Collection.objects.filter(subtree([commune]), pk=document.collection_id).exists():
        raise Http404
