"""Procedure search as villagers type it, with the catalogue published by 3,300 communes.

The catalogue is the size of a province's commune-level set (about 460 procedures: the 49 shipped and the
realistic rest of ``bench/large_catalogue.py``; ``BENCH_CATALOGUE=shipped`` for the 49 alone). A search is
what the page does: the taught equivalences and pins read, the need sent elsewhere found, the search logged.

Figures: top-1 accuracy on bench/procedure_queries.json and latency p50/p95 of a search, each
beside the latency of fetching one procedure by key through the same stack, in the same run:
(1) the domain functions the views call, (2) a full HTTP request through Django's middleware,
commune scoping and templates. Runs on PostgreSQL (BENCH_DATABASE_URL, default a throwaway
database cchc_bench on 127.0.0.1:5432); falls back to SQLite with a note when no server answers.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMUNES = int(os.environ.get("BENCH_COMMUNES", "3300"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cchc_bench")


def _database_url() -> str:
    try:
        import psycopg

        admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
        name = PG_URL.rsplit("/", 1)[1]
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return PG_URL
    except Exception as exc:  # no server: still measure, and say so
        print(f"(PostgreSQL không sẵn sàng: {exc}; đo trên SQLite)")
        path = HERE / "results" / "bench.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"


def _setup() -> None:
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    os.environ["DATABASE_URL"] = _database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    os.environ.update({"TESTING": "1", "SECRET_KEY": "bench", "DEBUG": "0", "ALLOWED_HOSTS": "*"})
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _populate(count: int):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Page, Site

    from cchc.communes.models import Commune
    from cchc.communes.scoping import all_communes
    from cchc.portal.models import HomePage
    from cchc.procedures.catalogue import load_catalogue, load_shipped_catalogue
    from cchc.procedures.models import Procedure, PublishedProcedure

    if os.environ.get("BENCH_CATALOGUE", "large") == "shipped":
        load_shipped_catalogue()
    else:
        from bench.large_catalogue import generate

        load_catalogue(generate(460))
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node().add_child(name="Bench")
    content_type = ContentType.objects.get_for_model(HomePage)
    started = time.perf_counter()
    homes = []
    for i in range(count):
        homes.append(root.add_child(instance=HomePage(title=f"Xã {i}", slug=f"xa-{i}", content_type=content_type)))
    sites = Site.objects.bulk_create(
        Site(hostname=f"xa-{i}.bench", port=80, root_page=home, site_name=f"Xã {i}") for i, home in enumerate(homes)
    )
    communes = Commune.objects.bulk_create(
        Commune(name=f"Xã Thử {i}", code=f"B{i:05d}", province="Tỉnh Thử", superior_body="UBND tỉnh Thử",
                slug=f"xa-thu-{i}", site=site, root_page=home, collection=collection)
        for i, (site, home) in enumerate(zip(sites, homes, strict=True))
    )  # fmt: skip
    procedures = list(Procedure.objects.filter(is_current=True))
    rng = random.Random(7)
    with all_communes():
        rows = []
        for commune in communes:
            # Each commune publishes most of the catalogue, not always the same part.
            for p in procedures:
                if rng.random() < 0.9:
                    rows.append(PublishedProcedure(commune=commune, procedure=p, code=p.code))
        PublishedProcedure.objects.bulk_create(rows, batch_size=5000)
    print(f"Dữ liệu: {len(communes)} xã, {len(procedures)} thủ tục, {len(rows)} lượt công khai "
          f"(tạo trong {time.perf_counter() - started:.0f} s)")  # fmt: skip
    return communes, procedures


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    _setup()
    from django.db import connection
    from django.test import Client

    from cchc.communes.scoping import commune_scope
    from cchc.procedures import publishing
    from cchc.procedures.learning import SearchChannel
    from cchc.procedures.models import PublishedProcedure

    communes, _ = _populate(COMMUNES)
    queries = json.loads((HERE / "procedure_queries.json").read_text(encoding="utf-8"))
    rng = random.Random(11)
    print(f"Cơ sở dữ liệu: {connection.vendor}; {len(queries)} truy vấn × {ROUNDS} vòng")

    search_ms, fetch_ms, hits, asked = [], [], 0, 0
    for _ in range(ROUNDS):
        for item in queries:
            commune = rng.choice(communes)
            with commune_scope(commune):
                start = time.perf_counter()
                results = publishing.answer(item["q"], commune=commune, limit=10, channel=SearchChannel.WEB).results
                search_ms.append(1000 * (time.perf_counter() - start))
                published_codes = set(PublishedProcedure.objects.values_list("code", flat=True))
                code = rng.choice(sorted(published_codes))
                start = time.perf_counter()
                PublishedProcedure.objects.filter(code=code).select_related("procedure").first()
                fetch_ms.append(1000 * (time.perf_counter() - start))
                if item["expect"] in published_codes:
                    asked += 1
                    hits += bool(results) and results[0].code == item["expect"]

    client = Client()
    page_search, page_fetch = [], []
    for item in queries:
        commune = rng.choice(communes)
        host = {"HTTP_HOST": commune.site.hostname}
        with commune_scope(commune):
            slug = PublishedProcedure.objects.select_related("procedure").first().procedure.slug
        start = time.perf_counter()
        assert client.get("/thu-tuc-hanh-chinh/", {"q": item["q"]}, **host).status_code == 200
        page_search.append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        assert client.get(f"/thu-tuc-hanh-chinh/{slug}/", **host).status_code == 200
        page_fetch.append(1000 * (time.perf_counter() - start))

    s50, s95 = _percentiles(search_ms)
    f50, f95 = _percentiles(fetch_ms)
    h50, h95 = _percentiles(page_search)
    d50, d95 = _percentiles(page_fetch)
    print("\nTìm thủ tục (hàm miền, cùng tầng truy cập dữ liệu)")
    print(f"  tìm kiếm        p50 {s50:6.2f} ms   p95 {s95:6.2f} ms")
    print(f"  lấy theo mã     p50 {f50:6.2f} ms   p95 {f95:6.2f} ms   (mốc)")
    print(f"  tỷ lệ           p50 {s50 / f50:6.1f} ×     p95 {s95 / f95:6.1f} ×")
    print("Qua toàn bộ ngăn xếp HTTP (middleware, phạm vi xã, mẫu trang)")
    print(f"  trang tìm kiếm  p50 {h50:6.2f} ms   p95 {h95:6.2f} ms")
    print(f"  trang thủ tục   p50 {d50:6.2f} ms   p95 {d95:6.2f} ms   (mốc)")
    print(f"  tỷ lệ           p50 {h50 / d50:6.1f} ×     p95 {h95 / d95:6.1f} ×")
    print(f"Độ chính xác top-1: {hits}/{asked} = {100 * hits / max(asked, 1):.1f}% (mục tiêu ≥ 90%)")
    print(f"Mục tiêu p95 tìm kiếm ≤ 20 ms: {'đạt' if s95 <= 20 else 'CHƯA ĐẠT'} ({s95:.2f} ms)")
