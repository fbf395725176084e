"""Query counts of the citizens' pages and the open-data API, pinned with enough data that an N+1 shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.communes.scoping import commune_scope
from cchc.procedures.catalogue import load_catalogue
from cchc.procedures.models import OneStopDesk, PostingPlace, Procedure, PublishedProcedure
from cchc.procedures.postings import record_posting
from cchc.procedures.publishing import publish_all
from cchc.procedures.testing import catalogue_procedure

FIELDS = [("HT", "Hộ tịch"), ("CT", "Chứng thực"), ("BTXH", "Bảo trợ xã hội"), ("DD", "Đất đai")]


def _procedure(n: int, field: str) -> dict:
    return catalogue_procedure(
        f"1.{n:06d}",
        f"Đăng ký giấy tờ số {n}",
        field,
        dossier=[{"name": "Tờ khai", "copies": "01 bản"}],
        forms=[{"slug": f"to-khai-{n}", "name": f"Tờ khai số {n}", "fields": ["Họ tên"]}],
    )


@pytest.fixture
def many(commune_a, commune_b, db):
    """24 procedures over four fields, published by both communes, each with its own desk, and posted."""
    load_catalogue(
        {
            "fields": [{"code": c, "name": n} for c, n in FIELDS],
            "life_events": [
                {"slug": f"su-kien-{k}", "name": f"Sự kiện {k}", "procedures": [f"1.{n:06d}" for n in range(k, 24, 3)]}
                for k in range(3)
            ],
            "procedures": [_procedure(n, FIELDS[n % 4][0]) for n in range(24)],
        }
    )
    for commune in (commune_a, commune_b):
        with commune_scope(commune):
            desk = OneStopDesk.objects.create(commune=commune, name=f"Một cửa {commune.name}", opening_hours="Sáng")
        publish_all(commune=commune)
        with commune_scope(commune):
            # Each procedure with its own desk row loaded: a missing select_related would show per item.
            for item in PublishedProcedure.objects.all():
                item.desk = desk
                item.local_fee = "5.000 đồng"
                item.save()
            place = PostingPlace.objects.create(commune=commune, name="Một cửa", kind="desk")
        record_posting(
            commune=commune, place=place, procedures=Procedure.objects.filter(is_current=True),
            posted_on=dt.date(2022, 1, 20),
        )  # fmt: skip
    return commune_a


# The middleware finds the site and commune of the host (at most two queries, about to be cached
# per process); they are bounded here. Every query of procedure data, and the API's look-up of
# the commune named in its URL, is counted exactly.
HOST_LOOKUPS = 2


def _assert_queries(client, url, expected: int, **extra) -> None:
    client.get(url, **extra)  # warm the per-process caches (the search index, the site's root URL)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    queries = [q["sql"] for q in context.captured_queries]
    own = [q for q in queries if "procedures_" in q or '"communes_commune"."slug" =' in q]
    assert len(own) == expected, "\n".join(own)
    assert len(queries) <= expected + HOST_LOOKUPS, "\n".join(queries)


def host(commune) -> dict:
    return {"HTTP_HOST": commune.site.hostname}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/thu-tuc-hanh-chinh/", 3),  # published set, its fields, life events
        ("/thu-tuc-hanh-chinh/?q=dang+ky", 3),  # the index's stamp, the published rows found, the log entry
        ("/thu-tuc-hanh-chinh/dang-ky-giay-to-so-1-1-000001/", 2),  # the procedure, its forms
        ("/thu-tuc-hanh-chinh/linh-vuc/ho-tich/", 2),  # the field, its procedures
        ("/thu-tuc-hanh-chinh/su-kien/su-kien-1/", 2),  # the life event, its procedures
    ],
)
def test_citizens_pages_run_a_fixed_number_of_queries(client, many, url, expected):
    _assert_queries(client, url, expected, **host(many))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/fields", 1),
        ("/api/v1/procedures/1.000001", 2),  # the procedure with its field, its forms
        ("/api/v1/communes/{slug}/procedures", 2),  # the commune with its site, its set
        ("/api/v1/communes/{slug}/procedures?q=dang+ky", 3),  # the commune, the index's stamp, the rows found
        ("/api/v1/communes/{slug}/search?q=dang+ky", 4),  # … and the search's log entry
        ("/api/v1/communes/{slug}/procedures/1.000001", 3),  # the commune, the procedure, its forms
        ("/api/v1/communes/{slug}/procedures.csv", 2),
    ],
)
def test_each_api_endpoint_runs_a_fixed_number_of_queries(client, many, path, expected):
    _assert_queries(client, path.format(slug=many.slug), expected)


def test_the_counts_do_not_grow_with_the_catalogue(client, many, commune_b):
    """Twice the procedures, the same queries: what an N+1 would break."""
    load_catalogue({"procedures": [_procedure(n, FIELDS[n % 4][0]) for n in range(24, 48)]})
    publish_all(commune=many)
    with commune_scope(many):
        assert PublishedProcedure.objects.count() == 48
    _assert_queries(client, "/thu-tuc-hanh-chinh/", 3, **host(many))
    _assert_queries(client, f"/api/v1/communes/{many.slug}/procedures", 2)
    _assert_queries(client, f"/api/v1/communes/{many.slug}/procedures.csv", 2)
