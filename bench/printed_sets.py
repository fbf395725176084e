"""Printed sets: sending the stored whole set of posting sheets beside fetching a procedure page.

Before, each request of /thu-tuc-hanh-chinh/niem-yet.pdf rendered the whole set with WeasyPrint;
now the task worker renders it once per change and the URL sends the stored file. Figures, in the
same run: the render once (what each request used to cost), then p50/p95 of a full HTTP request
for the stored PDF and for one procedure's page (the baseline), and their ratio. Runs after
``procedure_search`` in ``make bench`` (same database), or alone: ``python -m bench.printed_sets``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

ROUNDS = int(os.environ.get("BENCH_PRINTED_ROUNDS", "50"))


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    from django.apps import apps

    if not apps.ready:  # alone: a database with one commune publishing the shipped catalogue
        from bench import procedure_search

        procedure_search._setup()
        procedure_search._populate(1)
    from django.test import Client, override_settings

    from cchc.communes.models import Commune
    from cchc.communes.scoping import commune_scope
    from cchc.procedures import printed_sets, publishing
    from cchc.procedures.models import PrintedKind

    with tempfile.TemporaryDirectory() as private, override_settings(PRIVATE_MEDIA_ROOT=private):
        commune = Commune.objects.select_related("site").order_by("pk").first()
        host = {"HTTP_HOST": commune.site.hostname}
        with commune_scope(commune):
            slug = publishing.published(commune=commune)[0].procedure.slug
        started = time.perf_counter()
        printed_sets.build_set(commune=commune, kind=PrintedKind.ALL_SHEETS)
        render_s = time.perf_counter() - started
        with commune_scope(commune):
            row = printed_sets.stored_set(commune=commune, kind=PrintedKind.ALL_SHEETS).row

        client = Client()
        stored_ms, page_ms = [], []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = client.get("/thu-tuc-hanh-chinh/niem-yet.pdf", **host)
            size = len(b"".join(response.streaming_content))
            stored_ms.append(1000 * (time.perf_counter() - start))
            assert response.status_code == 200
            assert size == row.size
            start = time.perf_counter()
            assert client.get(f"/thu-tuc-hanh-chinh/{slug}/", **host).status_code == 200
            page_ms.append(1000 * (time.perf_counter() - start))

    s50, s95 = _percentiles(stored_ms)
    p50, p95 = _percentiles(page_ms)
    print(f"\nBộ tờ niêm yết toàn bộ thủ tục ({row.pages} trang, {row.size / 1_000_000:.1f} MB), {ROUNDS} lượt")
    print(f"  dựng một lần (trước đây: mỗi lượt tải)  {render_s:6.1f} s")
    print(f"  gửi tệp đã dựng  p50 {s50:6.2f} ms   p95 {s95:6.2f} ms")
    print(f"  trang thủ tục    p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   (mốc)")
    print(f"  tỷ lệ            p50 {s50 / p50:6.1f} ×     p95 {s95 / p95:6.1f} ×")
    print(f"  so với dựng mỗi lượt: nhanh hơn {1000 * render_s / s50:.0f} lần (p50)")


if __name__ == "__main__":
    main()
