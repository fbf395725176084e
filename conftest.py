"""Fixtures shared by every app's tests: two communes (tenancy tests always use two) and officials."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth import get_user_model

from cchc.communes.provisioning import CommuneSpec, create_commune, grant_role
from cchc.communes.roles import Role
from cchc.communes.testing import restore_wagtail_roots

_codes = itertools.count(90001)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_site_map():
    """The middleware's host map would outlive the sites a test rolls back: start each test without it."""
    from cchc.communes import access

    access._site_map = None


@pytest.fixture(autouse=True)
def _fresh_default_cache():
    """Rows a test rolls back must not live on in the cache (what officials taught the search, keyed by a
    commune's id that the next test reuses)."""
    from django.core.cache import cache

    from cchc.procedures.search import forget_index

    cache.clear()
    forget_index()


@pytest.fixture
def make_commune(db):
    restore_wagtail_roots()

    def make(name: str = "Xã Thử Nghiệm", hostname: str | None = None, *, default: bool = False, port: int = 80):
        code = f"{next(_codes):05d}"
        return create_commune(
            CommuneSpec(
                name=name,
                code=code,
                province="Tỉnh Thái Nguyên",
                superior_body="UBND huyện Định Hóa",
                hostname=hostname or f"xa-{code}.localhost",
                port=port,
                is_default_site=default,
                phone="0208 3878 000",
            )
        )

    return make


@pytest.fixture
def commune_a(make_commune):
    return make_commune("Xã Định Biên", "dinh-bien.localhost", default=True)


@pytest.fixture
def commune_b(make_commune):
    return make_commune("Xã Phú Đình", "phu-dinh.localhost")


@pytest.fixture
def make_official(db):
    def make(commune, role: str = Role.OFFICE, username: str | None = None, **kwargs):
        User = get_user_model()
        username = username or f"{role}-{commune.code}"
        user = User.objects.create_user(username=username, password="mat-khau-thu-1")  # noqa: S106
        grant_role(commune=commune, user=user, role=role, **kwargs)
        return user

    return make


@pytest.fixture
def office_a(commune_a, make_official):
    return make_official(commune_a, Role.OFFICE)


@pytest.fixture
def office_b(commune_b, make_official):
    return make_official(commune_b, Role.OFFICE)
