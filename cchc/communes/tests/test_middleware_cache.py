"""A citizen's request finds its site and commune without a query, and a change to either is seen at once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from cchc.communes import access
from cchc.communes.models import Commune

PUBLIC_PAGE = "/thu-tuc-hanh-chinh/"


def _site_or_commune_queries(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if "wagtailcore_site" in q["sql"] or "communes_commune" in q["sql"]
    ]


def _get(client, host: str, path: str = PUBLIC_PAGE):
    return client.get(path, HTTP_HOST=host)


def test_the_second_public_request_makes_no_query_for_site_or_commune(client, commune_a, commune_b):
    for host in ("dinh-bien.localhost", "phu-dinh.localhost"):
        assert _get(client, host).status_code == 200
    for host, name in (("dinh-bien.localhost", "Xã Định Biên"), ("phu-dinh.localhost", "Xã Phú Đình")):
        with CaptureQueriesContext(connection) as queries:
            response = _get(client, host)
        assert response.status_code == 200
        assert name in response.content.decode()
        assert _site_or_commune_queries(queries) == [], "the host map should answer without the database"


def test_wagtail_pages_reuse_the_site_the_middleware_found(client, commune_a):
    _get(client, "dinh-bien.localhost", "/")
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, "dinh-bien.localhost", "/")
    assert response.status_code == 200
    assert not [sql for sql in _site_or_commune_queries(queries) if "wagtailcore_site" in sql]


def test_a_renamed_hostname_takes_effect_on_the_next_request(client, commune_a, commune_b):
    assert "Xã Phú Đình" in _get(client, "phu-dinh.localhost").content.decode()
    site = Site.objects.get(hostname="phu-dinh.localhost")
    site.hostname = "phudinh-moi.localhost"
    site.save()
    assert "Xã Phú Đình" in _get(client, "phudinh-moi.localhost").content.decode()
    # The old name now falls back to the default site, Định Biên's, as Wagtail would.
    old = _get(client, "phu-dinh.localhost").content.decode()
    assert "Xã Định Biên" in old
    assert "Xã Phú Đình" not in old


def test_a_deactivated_commune_is_gone_on_the_next_request(client, commune_a, commune_b):
    assert _get(client, "phu-dinh.localhost").status_code == 200
    commune_b.is_active = False
    commune_b.save()
    assert _get(client, "phu-dinh.localhost").status_code == 404
    commune_b.is_active = True
    commune_b.save()
    assert _get(client, "phu-dinh.localhost").status_code == 200


def test_a_change_made_by_another_process_is_seen_through_the_version_stamp(client, commune_a, commune_b):
    """Another process saves without our signals reaching this one; it bumps the shared stamp."""
    assert _get(client, "phu-dinh.localhost").status_code == 200
    Commune.objects.filter(pk=commune_b.pk).update(is_active=False)  # no signal in this process
    assert _get(client, "phu-dinh.localhost").status_code == 200, "this process still holds its map"
    cache.set(access.SITE_MAP_VERSION_KEY, "changed-by-another-process", None)
    assert _get(client, "phu-dinh.localhost").status_code == 404


def test_a_map_older_than_its_age_limit_is_reloaded_even_if_the_stamp_is_lost(
    client, commune_a, commune_b, monkeypatch
):
    """With a cache of its own per process (LocMemCache) the stamp cannot travel; the age limit can."""
    assert _get(client, "phu-dinh.localhost").status_code == 200
    Commune.objects.filter(pk=commune_b.pk).update(is_active=False)
    loaded_at = access.current_site_map().loaded_at
    monkeypatch.setattr(access.time, "monotonic", lambda: loaded_at + access.SITE_MAP_MAX_AGE + 1)
    assert _get(client, "phu-dinh.localhost").status_code == 404


@pytest.fixture
def many_sites(commune_a):
    """Sites that exercise every branch of Wagtail's matching: same hostname on two ports, a
    hostname shared with the default site, a lone hostname on an unusual port."""
    root = commune_a.root_page
    for hostname, port in (("hai-cong.vn", 80), ("hai-cong.vn", 8080), ("dinh-bien.localhost", 8000), ("le.vn", 9000)):
        Site.objects.create(hostname=hostname, port=port, root_page=root)


@pytest.mark.parametrize("default", [True, False])
@pytest.mark.parametrize(
    ("hostname", "port"),
    [
        ("dinh-bien.localhost", 80),
        ("dinh-bien.localhost", 8000),
        ("dinh-bien.localhost", 443),
        ("hai-cong.vn", 80),
        ("hai-cong.vn", 8080),
        ("hai-cong.vn", 443),
        ("le.vn", 9000),
        ("le.vn", 80),
        ("khong-co.vn", 80),
    ],
)
def test_the_host_map_matches_hosts_as_wagtail_does(many_sites, commune_a, hostname, port, default):
    if not default:
        Site.objects.update(is_default_site=False)
    try:
        expected = get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        expected = None
    found = access.current_site_map().match(hostname, port)
    assert (found.pk if found else None) == expected
