"""Which commune a request is about, and which communes a user may act in."""

from __future__ import annotations

import contextlib
import copy
import time
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Site

from .models import Commune, Membership
from .roles import READ_ONLY_ROLES, Role
from .scoping import all_communes

SESSION_KEY = "cchc_commune_id"

# The map from host to site and commune is held in each process and rebuilt when its version
# stamp in the cache changes (a site or commune was saved or deleted, in any process sharing the
# cache: Redis in production). With a cache of its own per process (the default LocMemCache) a
# change made by another process is seen at the latest after SITE_MAP_MAX_AGE seconds.
SITE_MAP_VERSION_KEY = "cchc:communes:site-map-version"
SITE_MAP_MAX_AGE = 60.0


@dataclass
class SiteMap:
    """Every site and the active commune of each, matched to a host as Wagtail matches them."""

    version: str | None
    loaded_at: float
    by_hostname: dict[str, list[Site]] = field(default_factory=dict)
    default: Site | None = None
    communes: dict[int, Commune] = field(default_factory=dict)  # by site id

    @classmethod
    def load(cls, version: str | None) -> SiteMap:
        site_map = cls(version=version, loaded_at=time.monotonic())
        for site in Site.objects.all():
            site_map.by_hostname.setdefault(site.hostname, []).append(site)
            if site.is_default_site:
                site_map.default = site
        site_map.communes = {c.site_id: c for c in Commune.objects.filter(is_active=True)}
        return site_map

    def match(self, hostname: str, port: int | None) -> Site | None:
        """``wagtail.models.sites.get_site_for_hostname`` without the query: the hostname and
        port; else the default site if it has the hostname; else the only site with the hostname
        when there is a default elsewhere; else the default; else the only site with the hostname."""
        named = self.by_hostname.get(hostname, [])
        for site in named:
            if site.port == port:
                return site
        if self.default is not None:
            if self.default.hostname == hostname or len(named) != 1:
                return self.default
            return named[0]
        return named[0] if len(named) == 1 else None


_site_map: SiteMap | None = None


def _version() -> str | None:
    try:
        version = cache.get(SITE_MAP_VERSION_KEY)
        if version is None:
            cache.add(SITE_MAP_VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(SITE_MAP_VERSION_KEY)
    except Exception:  # a cache outage must not take the sites down; the age limit still applies
        return None
    return version


def current_site_map() -> SiteMap:
    global _site_map
    version = _version()
    site_map = _site_map
    if (
        site_map is None
        or version is None
        or site_map.version != version
        or time.monotonic() - site_map.loaded_at > SITE_MAP_MAX_AGE
    ):
        site_map = _site_map = SiteMap.load(version)
    return site_map


def forget_sites() -> None:
    """Drop this process's map and tell the others (now, and again once the change is committed,
    so that no process keeps a map read before the commit)."""
    global _site_map
    _site_map = None

    def bump():
        with contextlib.suppress(Exception):  # see _version()
            cache.set(SITE_MAP_VERSION_KEY, uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


@receiver(post_save, sender=Site, dispatch_uid="cchc_forget_sites_site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="cchc_forget_sites_site_deleted")
@receiver(post_save, sender=Commune, dispatch_uid="cchc_forget_sites_commune_saved")
@receiver(post_delete, sender=Commune, dispatch_uid="cchc_forget_sites_commune_deleted")
def _site_or_commune_changed(sender, **kwargs):
    forget_sites()


def site_and_commune_for_request(request) -> tuple[Site | None, Commune | None]:
    """The Wagtail site a request is for and its active commune, with no query once the map is loaded.

    Each request gets its own copies, so that nothing it sets on them reaches another request.
    """
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except (TypeError, ValueError):
        port = None
    site_map = current_site_map()
    site = site_map.match(hostname, port)
    if site is None:
        return None, None
    site = copy.copy(site)
    commune = site_map.communes.get(site.pk)
    if commune is not None:
        commune = copy.copy(commune)
        commune._state.fields_cache["site"] = site
    return site, commune


def commune_for_site(site: Site | None) -> Commune | None:
    """The active commune of ``site``, from the map."""
    if site is None:
        return None
    commune = current_site_map().communes.get(site.pk)
    return copy.copy(commune) if commune is not None else None


def communes_for_user(user) -> QuerySet[Commune]:
    """Communes where ``user`` holds any role; every commune for a platform admin."""
    if not user.is_authenticated or not user.is_active:
        return Commune.objects.none()
    if user.is_superuser:
        return Commune.objects.filter(is_active=True)
    with all_communes():
        ids = list(Membership.objects.filter(user=user).values_list("commune_id", flat=True))
    return Commune.objects.filter(id__in=ids, is_active=True)


def forget_roles(user) -> None:
    """After a role is granted or revoked, the user object reads its roles afresh."""
    user.__dict__.pop("_cchc_roles", None)


def _memberships(user, commune: Commune) -> tuple[frozenset[str], frozenset[int]]:
    """The roles and units of ``user`` in ``commune``, read in one query once per user object (so once per
    request)."""
    cache = getattr(user, "_cchc_roles", None)
    if cache is None:
        cache = user._cchc_roles = {}
    if commune.pk not in cache:
        with all_communes():
            rows = list(Membership.objects.filter(user=user, commune=commune).values_list("role", "unit_id"))
        cache[commune.pk] = (frozenset(r for r, _u in rows), frozenset(u for _r, u in rows if u is not None))
    return cache[commune.pk]


def roles_in(user, commune: Commune) -> set[str]:
    """The roles ``user`` holds in ``commune``."""
    if user.is_superuser:
        return {Role.PLATFORM_ADMIN}
    return set(_memberships(user, commune)[0])


def units_in(user, commune: Commune) -> set[int]:
    """Ids of the units ``user`` belongs to in ``commune``."""
    if not user.is_authenticated:
        return set()
    return set(_memberships(user, commune)[1])


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
