"""Which commune a request is about, and which communes a user may act in."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Site

from .models import Commune, Membership
from .roles import READ_ONLY_ROLES, Role
from .scoping import all_communes

SESSION_KEY = "cchc_commune_id"


def commune_for_site(site: Site | None) -> Commune | None:
    if site is None:
        return None
    return Commune.objects.filter(site=site, is_active=True).first()


def communes_for_user(user) -> QuerySet[Commune]:
    """Communes where ``user`` holds any role; every commune for a platform admin."""
    if not user.is_authenticated or not user.is_active:
        return Commune.objects.none()
    if user.is_superuser:
        return Commune.objects.filter(is_active=True)
    with all_communes():
        ids = list(Membership.objects.filter(user=user).values_list("commune_id", flat=True))
    return Commune.objects.filter(id__in=ids, is_active=True)


def roles_in(user, commune: Commune) -> set[str]:
    if user.is_superuser:
        return {Role.PLATFORM_ADMIN}
    with all_communes():
        return set(Membership.objects.filter(user=user, commune=commune).values_list("role", flat=True))


def is_read_only(user, commune: Commune) -> bool:
    roles = roles_in(user, commune)
    return bool(roles) and roles <= READ_ONLY_ROLES


def admin_commune(request, site_commune: Commune | None) -> Commune | None:
    """The commune an official works on in the admin.

    The one chosen in this session if they may act there; else the site's commune if they
    may; else their first commune. None when they hold no role anywhere.
    """
    allowed = communes_for_user(request.user)
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        commune = allowed.filter(id=chosen).first()
        if commune is not None:
            return commune
    if site_commune is not None and allowed.filter(id=site_commune.id).exists():
        return site_commune
    return allowed.order_by("name").first()
