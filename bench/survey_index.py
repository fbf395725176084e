"""The satisfaction-survey index at national scale: every commune's index over one million responses.

On PostgreSQL only (BENCH_DATABASE_URL_SURVEYS, default a throwaway database cchc_bench_surveys on
127.0.0.1:5432; inside ``make bench`` the database the earlier benches set up, in a province of its
own). Without a server it says so and exits non-zero, as ``portal_pages`` does without nginx.

Fixture (generated, not typed in: rows are bulk-created and inserted by SQL, bypassing the actions
and ``record_response`` on purpose — this is data generation, not user writes): 3,300 communes in
one province, one campaign each on the official template (QĐ 2640, 22 criteria) over one quarter,
and 1,000,000 responses spread over the quarter and four procedure fields (or none). Each
response's answers are a fixed pseudo-random function of (response, criterion): ~6 % blank, the
rest skewed towards satisfied. The tallies are built from exactly those answers by one
``INSERT … SELECT … GROUP BY`` (the logic of ``rebuild_tallies``); the answer rows themselves are
written only for the commune timed in (c), where the figures from the tallies are checked against
the figures counted from the answers, after a few forms more are recorded through
``record_responses`` (the real write path, which must keep both in step) and by four threads
calling ``record_response`` at once (the row locks of ``tallies.add_tallies`` must lose no count).

Figures (median of BENCH_SURVEY_RUNS runs, each beside the baseline measured in the same run):
(a) baseline: ``SELECT COUNT(*)`` over the responses table; (b) ``province_overall`` for every
commune; (c) one commune's ``campaign_index``; (d) ``province_overall`` for two whole months (read
from the monthly tallies). Goal: (b) under one second. Scale down with BENCH_SURVEY_COMMUNES and
BENCH_SURVEY_RESPONSES. Alone: ``python -m bench survey_index``.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMUNES = int(os.environ.get("BENCH_SURVEY_COMMUNES", "3300"))
RESPONSES = int(os.environ.get("BENCH_SURVEY_RESPONSES", "1000000"))
RUNS = int(os.environ.get("BENCH_SURVEY_RUNS", "5"))
PG_URL = os.environ.get("BENCH_DATABASE_URL_SURVEYS", "postgres://postgres@127.0.0.1:5432/cchc_bench_surveys")
PROVINCE = "Tỉnh Khảo Sát"
QUARTER = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))

# One answer of response r to criterion c: h = hash(r, c) mod 100 → blank below 6, else 1–5 skewed up.
VALUE_SQL = """
    CASE WHEN h < 6 THEN NULL WHEN h < 10 THEN 1 WHEN h < 18 THEN 2 WHEN h < 38 THEN 3 WHEN h < 75 THEN 4 ELSE 5 END
"""
ANSWERS_SQL = """
    SELECT r.id AS response_id, r.commune_id, r.campaign_id, r.procedure_field_id, r.created_at,
           c.id AS criterion_id, {value} AS value
    FROM surveys_response r CROSS JOIN bench_criteria c
    CROSS JOIN LATERAL (SELECT mod(abs(hashint8(r.id::bigint * 1000 + c.id)::bigint), 100) AS h) hashed
    {where}
"""
ALL_BENCH_CAMPAIGNS = "WHERE r.campaign_id IN (SELECT campaign_id FROM bench_campaigns)"


def _connect() -> bool:
    """A fresh throwaway database on PostgreSQL (or the one ``make bench`` already set up); False if none."""
    from django.apps import apps

    if apps.ready:
        from django.db import connection

        return connection.vendor == "postgresql"
    try:
        import psycopg

        admin, name = PG_URL.rsplit("/", 1)
        with psycopg.connect(admin + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # any reason means: no server to measure on
        print(f"(PostgreSQL không sẵn sàng / not reachable: {exc})")
        return False
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    os.environ["DATABASE_URL"] = PG_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    os.environ.update({"TESTING": "1", "SECRET_KEY": "bench", "DEBUG": "0", "ALLOWED_HOSTS": "*"})
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return True


def _sql(statement: str, params=None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _populate():
    from wagtail.models import Collection, Page, Site

    from cchc.communes.models import Commune
    from cchc.communes.scoping import all_communes
    from cchc.procedures.models import ProcedureField
    from cchc.surveys.models import Campaign, SurveyTemplate

    started = time.perf_counter()
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    sites = Site.objects.bulk_create(
        Site(hostname=f"ks-{i}.bench", port=80, root_page=root, site_name=f"Xã {i}") for i in range(COMMUNES)
    )
    communes = Commune.objects.bulk_create(
        Commune(name=f"Xã Khảo Sát {i}", code=f"K{i:05d}", province=PROVINCE, superior_body="UBND tỉnh Khảo Sát",
                slug=f"xa-khao-sat-{i}", site=site, root_page=root, collection=collection)
        for i, site in enumerate(sites)
    )  # fmt: skip
    template = SurveyTemplate.objects.get(is_default=True)
    fields = ProcedureField.objects.bulk_create(
        ProcedureField(code=f"KS-{n}", name=name, slug=f"ks-{n}")
        for n, name in enumerate(["Hộ tịch", "Chứng thực", "Đất đai", "Bảo trợ xã hội"])
    )
    with all_communes():
        campaigns = Campaign.objects.bulk_create(
            Campaign(commune=c, title="Khảo sát quý III năm 2026", template=template,
                     period_start=QUARTER[0], period_end=QUARTER[1])
            for c in communes
        )  # fmt: skip
    ids = [c.pk for c in campaigns]
    field_ids = ", ".join(str(f.pk) for f in fields)
    seconds = int((QUARTER[1] - QUARTER[0]).days + 1) * 86400
    _sql("CREATE TEMP TABLE bench_campaigns (n int PRIMARY KEY, campaign_id int, commune_id int)")
    _sql(
        "INSERT INTO bench_campaigns SELECT n - 1, id, commune_id FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, n) "
        "JOIN surveys_campaign c USING (id)",
        [ids],
    )
    _sql(
        "CREATE TEMP TABLE bench_criteria AS SELECT c.id FROM surveys_surveycriterion c "
        "JOIN surveys_surveyelement e ON e.id = c.element_id WHERE e.template_id = %s",
        [template.pk],
    )
    # Responses: field one of four or none (weights 3:2:2:1:2), time anywhere in the quarter (local time).
    _sql(
        f"""
        INSERT INTO surveys_response (commune_id, campaign_id, channel, procedure_field_id, field_label, comment,
            contact_name, contact_phone, contact_consent, contact_consent_at, idempotency_key, receipt_code,
            created_at)
        SELECT b.commune_id, b.campaign_id, 'web',
               (ARRAY[{field_ids}])[1 + (ARRAY[0,0,0,1,1,2,2,3,4,4])[1 + mod(g::bigint * 7919, 10)]],
               '', '', '', '', false, NULL, 'bench-' || g, 'B' || lpad(g::text, 8, '0'),
               %s::timestamptz + mod(g::bigint * 2654435761, {seconds}) * interval '1 second'
        FROM generate_series(0, %s - 1) g JOIN bench_campaigns b ON b.n = mod(g, %s)
        """,  # noqa: S608 — numbers computed here
        [f"{QUARTER[0].isoformat()} 00:00:00+07", RESPONSES, COMMUNES],
    )
    # The tallies, from exactly the answers above: the INSERT … SELECT … GROUP BY of rebuild_tallies.
    _sql("SET work_mem = '256MB'")
    month = "date_trunc('month', a.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
    _sql(
        f"""
        INSERT INTO surveys_answertally (commune_id, campaign_id, criterion_id, question_id, procedure_field_id,
            month, value, count)
        SELECT a.commune_id, a.campaign_id, a.criterion_id, NULL, a.procedure_field_id, {month}, a.value, count(*)
        FROM ({ANSWERS_SQL.format(value=VALUE_SQL, where=ALL_BENCH_CAMPAIGNS)}) a WHERE a.value IS NOT NULL
        GROUP BY 1, 2, 3, 5, 6, 7
        """  # noqa: S608
    )
    _sql(
        f"""
        INSERT INTO surveys_answertally (commune_id, campaign_id, criterion_id, question_id, procedure_field_id,
            month, value, count)
        SELECT a.commune_id, a.campaign_id, NULL, NULL, a.procedure_field_id, {month}, 0, count(*)
        FROM surveys_response a WHERE a.campaign_id IN (SELECT campaign_id FROM bench_campaigns)
        GROUP BY 1, 2, 5, 6
        """  # noqa: S608
    )
    _sql(
        """
        INSERT INTO surveys_criteriontally (commune_id, campaign_id, criterion_id, month, valid, satisfied, total)
        SELECT commune_id, campaign_id, criterion_id, month, sum(count),
               COALESCE(sum(count) FILTER (WHERE value >= 4), 0), sum(count * value)
        FROM surveys_answertally WHERE criterion_id IS NOT NULL
          AND campaign_id IN (SELECT campaign_id FROM bench_campaigns)
        GROUP BY 1, 2, 3, 4
        """
    )
    built = time.perf_counter() - started
    _sql("VACUUM ANALYZE surveys_response")
    _sql("VACUUM ANALYZE surveys_answertally")
    _sql("VACUUM ANALYZE surveys_criteriontally")
    _sql("ANALYZE surveys_campaign")
    _sql("ANALYZE communes_commune")
    with all_communes():
        from cchc.surveys.models import AnswerTally

        rows = AnswerTally.objects.filter(campaign_id__in=ids).count()
    print(f"Dữ liệu / data: {_n(len(communes))} xã, {_n(RESPONSES)} phiếu, {_n(rows)} dòng số đếm / tally rows "
          f"(tạo trong / built in {built:.0f} s)")  # fmt: skip
    return communes, campaigns


def _check_one(commune, campaign) -> str:
    """Answer rows for one commune, plus forms recorded through record_responses: tallies = answers?"""
    from cchc.surveys.index import campaign_index, province_overall
    from cchc.surveys.responses import Form, record_responses

    _sql(
        f"""
        INSERT INTO surveys_answer (response_id, commune_id, campaign_id, criterion_id, question_id, value)
        SELECT response_id, commune_id, campaign_id, criterion_id, NULL, value
        FROM ({ANSWERS_SQL.format(value=VALUE_SQL, where="WHERE r.campaign_id = %s")}) a WHERE value IS NOT NULL
        """,  # noqa: S608
        [campaign.pk],
    )
    codes = list(campaign.template.criteria().values_list("code", flat=True))
    forms = [
        Form(answers={code: (n * 7 + i) % 6 or "" for i, code in enumerate(codes)}, idempotency_key=f"check-{n}",
             created_at=dt.datetime(2026, 8, 1 + n % 28, 9, tzinfo=dt.UTC))
        for n in range(40)
    ]  # fmt: skip
    started = time.perf_counter()
    record_responses(commune=commune, campaign=campaign, forms=forms)
    write_ms = 1000 * (time.perf_counter() - started)
    concurrent_ms, failures = _send_at_once(commune, campaign, codes)
    fast, slow = campaign_index(campaign), campaign_index(campaign, from_answers=True)
    period = {"since": _local(2026, 8, 1), "until": _local(2026, 9, 15)}
    fast_p, slow_p = campaign_index(campaign, **period), campaign_index(campaign, **period, from_answers=True)
    same = (fast.overall, fast.criteria, fast.responses) == (slow.overall, slow.criteria, slow.responses)
    same = same and (fast_p.overall, fast_p.criteria, fast_p.responses) == (
        slow_p.overall,
        slow_p.criteria,
        slow_p.responses,
    )
    same = same and province_overall(PROVINCE)[commune.pk] == slow.overall and not failures
    verdict = "khớp / equal" if same else "KHÔNG KHỚP / DIFFER"
    return (
        f"Kiểm tra / check, {commune.name}: số đếm so với đếm lại câu trả lời / tallies vs answers "
        f"({fast.responses} phiếu, cả tỉnh và theo kỳ / also province and a period): {verdict}; "
        f"nhập 40 phiếu qua record_responses / 40 forms through record_responses: {write_ms:.0f} ms; "
        f"{THREADS} luồng gửi cùng lúc / threads at once × {PER_THREAD} record_response: trung vị / median "
        f"{concurrent_ms:.1f} ms/phiếu, lỗi / errors: {len(failures)}"
    ), same


THREADS, PER_THREAD = 4, 10


def _send_at_once(commune, campaign, codes) -> tuple[float, list]:
    """Forms sent by several phones at once (one connection each): the tallies must count them all."""
    import threading

    from django.db import connection

    from cchc.surveys.models import Channel
    from cchc.surveys.responses import record_response

    samples, failures = [], []

    def send(n):
        try:
            for k in range(PER_THREAD):
                started = time.perf_counter()
                record_response(commune=commune, campaign=campaign, channel=Channel.PAPER,
                                answers={code: 1 + (n + k + i) % 5 for i, code in enumerate(codes)},
                                idempotency_key=f"thread-{n}-{k}")  # fmt: skip
                samples.append(1000 * (time.perf_counter() - started))
        except Exception as error:  # reported in the check line
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return (statistics.median(samples) if samples else float("nan")), failures


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _local(year, month, day):
    from django.utils import timezone

    return timezone.make_aware(dt.datetime(year, month, day))


def _median_ms(call) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        samples.append(1000 * (time.perf_counter() - started))
    return statistics.median(samples)


def main() -> int:
    print("\nChỉ số hài lòng toàn tỉnh / province-wide survey index")
    if not _connect():
        print("  bỏ qua / skipped: cần PostgreSQL / needs PostgreSQL (127.0.0.1:5432, user postgres)")
        return 1
    from django.db import connection

    from cchc.surveys.index import campaign_index, province_overall

    communes, campaigns = _populate()
    commune, campaign = communes[len(communes) // 2], campaigns[len(campaigns) // 2]
    check, same = _check_one(commune, campaign)

    def count_all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM surveys_response")
            cursor.fetchone()

    figures = province_overall(PROVINCE)
    assert len(figures) == len(communes)
    assert sum(value is not None for value in figures.values()) == len(communes)
    months = {"since": _local(2026, 7, 1), "until": _local(2026, 9, 1)}
    base_ms = _median_ms(count_all)
    province_ms = _median_ms(lambda: province_overall(PROVINCE))
    one_ms = _median_ms(lambda: campaign_index(campaign))
    period_ms = _median_ms(lambda: province_overall(PROVINCE, **months))
    base_again = _median_ms(count_all)  # the baseline again, after: the machine is shared
    base = statistics.median([base_ms, base_again])
    print(f"PostgreSQL, trung vị {RUNS} lượt / median of {RUNS} runs")
    rows = [
        (f"(a) COUNT(*) trên {_n(RESPONSES)} phiếu / responses", base, "mốc / baseline"),
        (f"(b) province_overall, {_n(len(communes))} xã / communes", province_ms, None),
        ("(c) campaign_index, một xã / one commune", one_ms, None),
        ("(d) province_overall, hai tháng / two months", period_ms, None),
    ]
    for label, ms, note in rows:
        print(f"  {label:<48} {ms:9.1f} ms   {note or f'{ms / base:6.2f} × mốc / baseline'}")
    goal = province_ms < 1000
    print(f"  mục tiêu / goal (b) < 1 s: {'đạt / met' if goal else 'CHƯA ĐẠT / NOT MET'}")
    print(f"  {check}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
