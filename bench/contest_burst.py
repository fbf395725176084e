"""A burst of contest entries handed in at once: none lost, none counted twice, the server's pace beside its ceiling.

Issue 12, point 4. In one run, on a throwaway PostgreSQL database (``BENCH_CONTEST_DATABASE_URL``,
default ``cchc_bench_contest`` on 127.0.0.1:5432; without a server it says so and exits non-zero):

1. Setup, through the real write path: one commune (``create_commune``), a bank of national questions,
   a published contest with a guess of the number of entrants and one open round drawing 10 questions
   (two of them with several right answers); ``BENCH_CONTEST_ENTRANTS`` people (default 6,000), each
   checked by ``clean_applicant`` and given a paper by ``StartEntry`` (four processes at once), plus the
   papers of the checks below. Each entrant's answers are drawn once (about three in four questions
   right, the guess written as villagers write it, ``12.500``) and kept beside the paper's address.
2. The burst: the app as production runs it (DEBUG off, ``granian --interface wsgi --workers 2
   --blocking-threads 1``, the same options as ``portal_pages``) and wrk on loopback, ``-t2 -c64``:
   64 entrants at a time each hand in a paper (POST to ``/cuoc-thi/<slug>/bai/<token>/`` with the
   ``csrftoken`` cookie and form field a browser got from the paper page), each paper exactly once,
   until every paper is handed in and answered. Printed: entries/s, p99 latency, entries accepted
   (302 answers) against entries stored (rows ``submitted`` in the database, and their audit records),
   errors (any other answer, socket errors).
3. Beside it, in the same run and with the same wrk options for ``BENCH_CONTEST_SECONDS`` (5 s): a
   trivial WSGI app on granian (2 workers) that reads the same form and answers 302 (the server's
   ceiling), and the app's ``/robots.txt`` through Django and all its middleware (a query string keeps
   it out of the page cache: the floor of any Django answer, no database); the ratios.
4. Checks: papers handed in twice at the same moment (two concurrent requests each) are stored once,
   with one audit record; papers of a round that closed during the run are refused as late, with the
   message the entrant reads, and counted nowhere.

Goal (issue 12): at least 500 entries/s on this 2-core machine, accepted = stored, zero errors.
Alone: ``python -m bench contest_burst`` (``make bench BENCH=contest_burst``). ``BENCH_KEEP=1`` keeps the
temporary folder (server logs, the token list).
"""

from __future__ import annotations

import concurrent.futures
import itertools
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from bench.portal_pages import ROOT, Servers, _app_env, _free_port, _get, _granian, _seconds

PYTHON = sys.executable
ENTRANTS = int(os.environ.get("BENCH_CONTEST_ENTRANTS", "6000"))
STARTERS = 4  # processes starting papers at once: most of a start is waiting for the database
SECONDS = int(os.environ.get("BENCH_CONTEST_SECONDS", "5"))
CONNECTIONS = 64
THREADS = 2
PG_URL = os.environ.get("BENCH_CONTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cchc_bench_contest")
HOST = "cuoc-thi.bench"
SLUG = "tim-hieu-cchc"
LATE_SLUG = "da-dong"
QUESTIONS = 10
MULTIPLE = 2
BANK = 60
DOUBLES = 100  # papers handed in twice at once
LATE = 20  # papers of a round that closes during the run
LATE_CLOSE_SECONDS = 5  # after the setup ends
TARGET_RPS = 500.0
ROBOTS = "/robots.txt?khong-dem=1"  # any other query string skips the page cache
LATE_MESSAGE = "sau hạn nộp"
NOT_COUNTED = "không được tính điểm"

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Đức", "Thu", "Minh", "Ngọc", "Hữu", "Thanh", "Quang", "Bích")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long", "Mai",
         "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến")  # fmt: skip

INSTALL = (
    "Thiếu wrk: cài bằng `sudo apt-get install wrk` (Debian/Ubuntu) rồi chạy lại.\n"
    "Missing wrk: install it with `sudo apt-get install wrk` (Debian/Ubuntu) and run again."
)


# The ceiling: a WSGI app that reads the form and answers 302 (granian imports this module, nothing else).


def bare_app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    fields = urllib.parse.parse_qs(body.decode())
    start_response("302 Found", [("Location", environ.get("PATH_INFO", "/")), ("Content-Length", "0"),
                                 ("X-Fields", str(len(fields)))])  # fmt: skip
    return [b""]


# Setup, run in child processes with the bench database's environment ----------------------------------


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _fixture(folder: Path) -> None:
    """The commune, the bank, the contest with its open round, and a contest whose round closes soon."""
    import datetime as dt

    from django.utils import timezone

    from cchc.communes.provisioning import CommuneSpec, create_commune
    from cchc.communes.scoping import commune_scope
    from cchc.contests.models import Contest, ContestRound, NationalQuestion, QuestionKind, Topic

    commune = create_commune(
        CommuneSpec(name="Xã Thi Đua", code="99001", province="Tỉnh Thái Nguyên", superior_body="UBND tỉnh Thái Nguyên",
                    hostname=HOST, is_default_site=True, phone="0208 3878 000")
    )  # fmt: skip
    topic = Topic.objects.get(slug="cai-cach-hanh-chinh")
    for n in range(BANK):
        several = n % (BANK // MULTIPLE) == 0
        right = (1, 3) if several else (n % 4,)
        question = NationalQuestion.objects.create(
            text=f"Theo quy định hiện hành, thủ tục hành chính số {n + 1} được giải quyết trong thời hạn nào?",
            kind=QuestionKind.MULTIPLE if several else QuestionKind.SINGLE,
            choices=[{"text": f"Phương án {letter} của câu {n + 1}", "correct": i in right}
                     for i, letter in enumerate("ABCD")],
        )  # fmt: skip
        question.topics.add(topic)
    now = timezone.now()
    rounds = {}
    with commune_scope(commune):
        for slug, closes in ((SLUG, now + dt.timedelta(hours=6)), (LATE_SLUG, None)):
            contest = Contest.objects.create(
                commune=commune, slug=slug, is_published=True, uses_prediction=True,
                title="Tìm hiểu cải cách hành chính năm 2026" if slug == SLUG else "Thi nhanh (đợt đã đóng)",
            )  # fmt: skip
            rounds[slug] = ContestRound.objects.create(
                commune=commune, contest=contest, number=1, opens_at=now - dt.timedelta(hours=1),
                closes_at=closes or now + dt.timedelta(days=1), time_limit_minutes=30,
                draw={"cai-cach-hanh-chinh": QUESTIONS},
            )  # fmt: skip
    (folder / "fixture.json").write_text(json.dumps({"commune": commune.pk, **{s: r.pk for s, r in rounds.items()}}))


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _answers(entry, rng: random.Random) -> str:
    """The form an entrant sends: about three questions in four right, one in twenty left blank, a guess."""
    form = []
    for position, item in enumerate(entry.paper):
        shown_right = [item["o"].index(original) for original in item["k"]]
        luck = rng.random()
        if luck < 0.05:
            continue
        if luck < 0.75:
            ticked = shown_right
        else:
            ticked = [rng.choice([i for i in range(len(item["o"])) if i not in shown_right] or [0])]
        form += [(f"c{position}", str(i)) for i in ticked]
    guess = rng.randint(800, 40000)
    form.append(("du_doan", f"{guess:,}".replace(",", ".") if rng.random() < 0.5 else str(guess)))
    return urllib.parse.urlencode(form)


def _start(folder: Path, slug: str, first: int, last: int) -> None:
    """Papers for people ``first``..``last - 1``, started as the start form does; one line each: token, form."""
    from cchc.communes.models import Commune
    from cchc.communes.scoping import commune_scope
    from cchc.contests.entering import StartEntry, clean_applicant
    from cchc.contests.models import ContestRound

    ids = json.loads((folder / "fixture.json").read_text())
    commune = Commune.objects.get(pk=ids["commune"])
    with commune_scope(commune):
        round = ContestRound.objects.select_related("contest").get(pk=ids[slug])
    rng = random.Random(first)
    lines = []
    for n in range(first, last):
        applicant = clean_applicant(commune=commune, contest=round.contest, full_name=_name(rng),
                                    identity=f"09{n:08d}", village_id="", unit_id="", consent=True)  # fmt: skip
        entry = StartEntry(commune=commune, round=round, applicant=applicant).execute()
        lines.append(f"{entry.token}\t{_answers(entry, rng)}\n")
    (folder / f"tokens-{slug}-{first}.txt").write_text("".join(lines))


def _close_late_round(folder: Path) -> str:
    """The round of the late papers closes a few seconds from now: their deadline is its close."""
    import datetime as dt

    from django.utils import timezone

    from cchc.communes.scoping import all_communes
    from cchc.contests.models import ContestRound, Entry

    ids = json.loads((folder / "fixture.json").read_text())
    closes = timezone.now() + dt.timedelta(seconds=LATE_CLOSE_SECONDS)
    with all_communes():  # the bench moves the clock of its own round, as an official's edit would
        ContestRound.objects.filter(pk=ids[LATE_SLUG]).update(closes_at=closes)
        Entry.objects.filter(round_id=ids[LATE_SLUG]).update(deadline_at=closes)
    return closes.isoformat()


def _counts(folder: Path) -> dict:
    """What the database holds, per round: entries by status, audit records of submissions, scores."""
    from django.db.models import Count

    from cchc.audit.models import CommuneLogEntry
    from cchc.communes.scoping import all_communes
    from cchc.contests.entering import LOG_SUBMIT
    from cchc.contests.models import Entry

    ids = json.loads((folder / "fixture.json").read_text())
    out = {}
    with all_communes():
        for slug in (SLUG, LATE_SLUG):
            entries = Entry.objects.filter(round_id=ids[slug])
            by_status = dict(entries.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
            pks = [str(pk) for pk in entries.values_list("pk", flat=True)]
            logs = CommuneLogEntry.objects.filter(action=LOG_SUBMIT, object_id__in=pks)
            out[slug] = {
                "status": by_status,
                "audit": logs.count(),
                "audited_entries": logs.values("object_id").distinct().count(),
                "scored": entries.filter(score__isnull=False).count(),
                "late_scored": entries.filter(status="late", score__isnull=False).count(),
            }
    return out


def child(argv: list[str]) -> None:
    _django()
    folder = Path(argv[1])
    if argv[0] == "fixture":
        _fixture(folder)
    elif argv[0] == "start":
        _start(folder, argv[2], int(argv[3]), int(argv[4]))
    elif argv[0] == "close":
        print(_close_late_round(folder))
    elif argv[0] == "counts":
        print(json.dumps(_counts(folder)))


# The parent: database, servers, wrk, checks -------------------------------------------------------------


def _database() -> bool:
    try:
        import psycopg

        admin, name = PG_URL.rsplit("/", 1)
        with psycopg.connect(admin + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception as exc:  # any reason means: no server to measure on
        print(f"(PostgreSQL không sẵn sàng / not reachable: {exc})")
        return False


def _run(env: dict, *args: str) -> str:
    return subprocess.run(  # noqa: S603
        [PYTHON, "-m", "bench.contest_burst", *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def _setup(env: dict, tmp: Path) -> float:
    """Migrate, collect static files, the fixture, then the papers; the seconds the papers took."""
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"], env=env, cwd=ROOT,  # noqa: S603
                   check=True, capture_output=True)  # fmt: skip
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env=env,  # noqa: S603
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    _run(env, "fixture", str(tmp))
    # A few processes at once, each a contiguous range of people.
    started = time.perf_counter()
    people = ENTRANTS + DOUBLES
    cuts = [people * i // STARTERS for i in range(STARTERS + 1)]
    jobs = [(LATE_SLUG, 10**7, 10**7 + LATE)] + [(SLUG, a, b) for a, b in itertools.pairwise(cuts)]
    with concurrent.futures.ThreadPoolExecutor(STARTERS) as pool:
        list(pool.map(lambda job: _run(env, "start", str(tmp), job[0], str(job[1]), str(job[2])), jobs))
    lines = []
    for path in sorted(tmp.glob(f"tokens-{SLUG}-*.txt"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        lines += path.read_text().splitlines()
    random.Random(12).shuffle(lines)
    (tmp / "burst.txt").write_text("\n".join(lines[:ENTRANTS]) + "\n")
    (tmp / "doubles.txt").write_text("\n".join(lines[ENTRANTS:]) + "\n")
    return time.perf_counter() - started


def _browser_pair(port: int, token: str) -> tuple[str, str]:
    """The ``csrftoken`` cookie and the form's hidden field, as a browser gets them with the paper page."""
    status, headers, body = _get(port, f"/cuoc-thi/{SLUG}/bai/{token}/", HOST)
    if status != 200:
        raise RuntimeError(f"trang bài thi trả về / paper page answered HTTP {status}")
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    field = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    return cookie, field


BURST_LUA = r"""
-- Each paper of the list once: thread i takes lines i, i + threads, ... Once its papers are all answered,
-- a thread writes its counts to a file and stops; the bench then ends wrk (SIGINT).
local threads, count = {}, 0

function setup(thread)
    thread:set("id", count)
    table.insert(threads, thread)
    count = count + 1
end

function init(args)
    local path, nthreads = args[1], tonumber(args[2])
    marker, slug, host, csrf = args[3], args[4], args[5], args[6]
    papers, sent, answered, accepted, others, nextone, verified = {}, 0, 0, 0, "", 1, id ~= 0
    local n = 0
    for line in io.lines(path) do
        if line ~= "" then
            if n % nthreads == id then
                local tab = line:find("\t")
                papers[#papers + 1] = {line:sub(1, tab - 1), line:sub(tab + 1)}
            end
            n = n + 1
        end
    end
    headers = {["Host"] = host, ["Content-Type"] = "application/x-www-form-urlencoded",
               ["Cookie"] = "csrftoken=" .. args[7], ["Origin"] = "http://" .. host}
    if #papers == 0 then finish() end
end

local function post(paper)
    local path = "/cuoc-thi/" .. slug .. "/bai/" .. paper[1] .. "/"
    headers["Referer"] = "http://" .. host .. path
    return wrk.format("POST", path, headers, "csrfmiddlewaretoken=" .. csrf .. "&" .. paper[2])
end

function request()
    if not verified then  -- wrk checks the first request of thread 0 without sending it
        verified = true
        return post(papers[1])
    end
    if nextone > #papers then return "" end  -- all sent: this connection waits for the end
    local paper = papers[nextone]
    nextone, sent = nextone + 1, sent + 1
    return post(paper)
end

function finish()
    local file = io.open(marker .. id, "w")
    file:write(string.format("%d %d %d %s\n", sent, answered, accepted, others))
    file:close()
    wrk.thread:stop()
end

function response(status, headers, body)
    answered = answered + 1
    if status == 302 then accepted = accepted + 1 else others = others .. status .. "," end
    if nextone > #papers and answered == sent then finish() end
end
"""

SAME_LUA = r"""
-- The baseline: the same kind of form, sent again and again for a fixed time.
function init(args)
    local line = io.lines(args[1])()
    local tab = line:find("\t")
    wrk.method, wrk.path = "POST", "/cuoc-thi/" .. args[2] .. "/bai/" .. line:sub(1, tab - 1) .. "/"
    wrk.body = "csrfmiddlewaretoken=" .. args[3] .. "&" .. line:sub(tab + 1)
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
"""


def _parse(out: str) -> dict:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, flags=re.M)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = re.search(r"(\d+) requests in ([\d.]+\w+),", out)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p99_ms": _seconds(p99.group(1)) * 1000 if p99 else float("nan"),
        "socket_errors": sum(int(n) for n in socket.groups()) if socket else 0,
        "non_ok": int(non_ok.group(1)) if non_ok else 0,
        "requests": int(total.group(1)) if total else 0,
        "elapsed_s": _seconds(total.group(2)) if total else 0.0,
    }


def _wrk_for(port: int, path: str, seconds: int, *extra: str, script: Path | None = None) -> list[str]:
    argv = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "30s",
            "-H", f"Host: {HOST}"]  # fmt: skip
    if script:
        argv += ["-s", str(script)]
    return [*argv, f"http://127.0.0.1:{port}{path}", *(["--", *extra] if extra else [])]


def burst(port: int, tmp: Path, cookie: str, field: str) -> dict:
    """Every paper of ``burst.txt`` handed in once, 64 at a time; ends when each has its answer."""
    script = tmp / "burst.lua"
    script.write_text(BURST_LUA)
    marker = str(tmp / "thread-")
    ceiling = max(60, ENTRANTS // 20)  # 20 entries/s at worst
    argv = _wrk_for(port, "/", ceiling, str(tmp / "burst.txt"), str(THREADS), marker, SLUG, HOST, field, cookie,
                    script=script)  # fmt: skip
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603
    while process.poll() is None and len(list(tmp.glob("thread-*"))) < THREADS:
        time.sleep(0.02)
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    out = process.communicate()[0]
    result = _parse(out)
    sent = answered = accepted = 0
    others: list[str] = []
    for path in tmp.glob("thread-*"):
        parts = path.read_text().split()
        sent, answered, accepted = sent + int(parts[0]), answered + int(parts[1]), accepted + int(parts[2])
        others += [s for s in (parts[3] if len(parts) > 3 else "").split(",") if s]
    finished = len(list(tmp.glob("thread-*"))) == THREADS
    result.update(sent=sent, answered=answered, accepted=accepted, others=others, finished=finished, raw=out)
    return result


def baseline(port: int, tmp: Path, path: str, field: str, *, post: bool) -> dict:
    script = tmp / "same.lua"
    script.write_text(SAME_LUA)
    argv = (_wrk_for(port, "/", SECONDS, str(tmp / "doubles.txt"), SLUG, field, script=script) if post
            else _wrk_for(port, path, SECONDS))  # fmt: skip
    return _parse(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)  # noqa: S603


def _post(port: int, token: str, form: str, cookie: str, field: str, slug: str = SLUG) -> tuple[int, str]:
    """One browser's POST of a paper; the status and where it redirects (urllib would follow it)."""
    import http.client

    path = f"/cuoc-thi/{slug}/bai/{token}/"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", path, body=f"csrfmiddlewaretoken={field}&{form}",
                     headers={"Host": HOST, "Content-Type": "application/x-www-form-urlencoded",
                              "Cookie": f"csrftoken={cookie}", "Origin": f"http://{HOST}"})  # fmt: skip
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        conn.close()


def doubles(port: int, tmp: Path, cookie: str, field: str) -> list[int]:
    """Each paper of ``doubles.txt`` handed in by two requests let go at the same moment."""
    papers = [line.split("\t", 1) for line in (tmp / "doubles.txt").read_text().splitlines() if line]
    statuses: list[int] = []
    lock = threading.Lock()

    def pair(paper):
        gate = threading.Barrier(2)

        def one():
            gate.wait()
            status, _ = _post(port, paper[0], paper[1], cookie, field)
            with lock:
                statuses.append(status)

        workers = [threading.Thread(target=one) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(pair, papers))
    return statuses


def late(port: int, tmp: Path, env: dict, cookie: str, field: str, closes: str) -> tuple[list[int], list[bool]]:
    """The papers of the round that closed: handed in after its close, each receipt read as the entrant would."""
    import datetime as dt

    wait = (dt.datetime.fromisoformat(closes) - dt.datetime.now(dt.UTC)).total_seconds() + 0.5
    if wait > 0:
        time.sleep(wait)
    lines = (tmp / next(tmp.glob(f"tokens-{LATE_SLUG}-*.txt")).name).read_text().splitlines()
    statuses, told = [], []
    for line in lines:
        token, form = line.split("\t", 1)
        status, location = _post(port, token, form, cookie, field, slug=LATE_SLUG)
        statuses.append(status)
        body = _get(port, location or f"/cuoc-thi/{LATE_SLUG}/bai/{token}/", HOST)[2].decode()
        told.append(LATE_MESSAGE in body and NOT_COUNTED in body)
    return statuses, told


def _mark(ok: bool) -> str:
    return "đạt" if ok else "CHƯA ĐẠT"


def main() -> int:
    if shutil.which("wrk") is None:
        print(INSTALL)
        return 1
    print("Nộp bài dự thi dồn dập / a burst of contest entries")
    if not _database():
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="cchc-bench-contest-"))
    failed = False
    try:
        env = _app_env(tmp, PG_URL)
        env["PAGE_CACHE"] = "1"
        started = time.perf_counter()
        papers_s = _setup(env, tmp)
        closes = _run(env, "close", str(tmp)).strip()
        setup_s = time.perf_counter() - started
        print(f"CSDL: PostgreSQL; chuẩn bị {ENTRANTS:,} bài (+{DOUBLES} nộp đôi, {LATE} nộp muộn) qua StartEntry "
              f"trong {papers_s:.0f} s (cả chuẩn bị {setup_s:.0f} s);\n"
              f"granian {' '.join(_granian('…', 0)[1:-1])}")  # fmt: skip
        app_port, bare_port = _free_port(), _free_port()
        with Servers(tmp) as servers:
            servers.start("app", _granian("cchc.wsgi:application", app_port), env, app_port, HOST)
            servers.start("bare", _granian("bench.contest_burst:bare_app", bare_port), env, bare_port, HOST)
            first = (tmp / "doubles.txt").read_text().split("\t", 1)[0]
            cookie, field = _browser_pair(app_port, first)
            for _ in range(20):  # warm both workers: templates, translations, connections
                _get(app_port, ROBOTS, HOST)
            bare = baseline(bare_port, tmp, "/", field, post=True)
            robots = baseline(app_port, tmp, ROBOTS, field, post=False)
            began = time.perf_counter()
            result = burst(app_port, tmp, cookie, field)
            burst_s = time.perf_counter() - began
            pairs = doubles(app_port, tmp, cookie, field)
            late_statuses, late_told = late(app_port, tmp, env, cookie, field, closes)
        counts = json.loads(_run(env, "counts", str(tmp)))
        failed = report(result, burst_s, bare, robots, counts, pairs, late_statuses, late_told)
        print(f"Thời gian cả phép đo / whole bench: {time.perf_counter() - started:.0f} s")
    except subprocess.CalledProcessError as error:
        print(f"Không chạy được / could not run: {error.cmd}\n{(error.stderr or '')[-3000:]}")
        failed = True
    finally:
        if os.environ.get("BENCH_KEEP"):
            print(f"(thư mục tạm giữ lại / kept: {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


def report(result, burst_s, bare, robots, counts, pairs, late_statuses, late_told) -> bool:
    """Print the figures and the checks; True when a check about correctness failed (the pace is a goal)."""
    main_round, late_round = counts[SLUG], counts[LATE_SLUG]
    stored_burst = main_round["status"].get("submitted", 0) - DOUBLES
    errors = len(result["others"]) + result["socket_errors"] + (0 if result["finished"] else 1)
    print(f"\nwrk -t{THREADS} -c{CONNECTIONS} trên loopback; máy dùng chung, sai số 10–20%")
    print(f"{'':<44}{'req/s':>10}{'p99 ms':>10}")
    print(f"{'nộp bài (app, mỗi bài một lần)':<44}{result['rps']:>10,.0f}{result['p99_ms']:>10.1f}")
    print(f"{'WSGI trần đọc form, trả 302 (granian 2 workers)':<44}{bare['rps']:>10,.0f}{bare['p99_ms']:>10.1f}")
    print(f"{'app ' + ROBOTS + ' (Django, không đệm)':<44}{robots['rps']:>10,.0f}{robots['p99_ms']:>10.1f}")
    print(f"\nĐợt dồn dập: {result['sent']:,} bài gửi trong {burst_s:.1f} s (wrk đo {result['elapsed_s']:.1f} s); "
          f"nhận (302) {result['accepted']:,}; lưu (submitted) {stored_burst:,}; "
          f"bản ghi nhật ký {main_round['audit'] - DOUBLES:,}; lỗi {errors}"
          + (f" ({','.join(result['others'][:10])}…)" if result["others"] else "")
          + ("" if result["finished"] else " — wrk dừng trước khi mọi bài có trả lời / not all answered"))  # fmt: skip
    ok_equal = result["accepted"] == stored_burst == result["sent"] == ENTRANTS and errors == 0
    ok_audit = main_round["audit"] == main_round["audited_entries"] == main_round["status"].get("submitted", 0)
    ok_open = main_round["status"].get("open", 0) == 0 and main_round["status"].get("late", 0) == 0
    ok_pairs = len(pairs) == 2 * DOUBLES and all(s == 302 for s in pairs)
    ok_late = (
        late_round["status"].get("late", 0) == LATE
        and late_round["late_scored"] == 0
        and all(s == 302 for s in late_statuses)
        and all(late_told)
    )
    rps_ratio = result["rps"] / bare["rps"] if bare["rps"] else 0.0
    print(f"\nnộp bài / WSGI trần = {rps_ratio:.1%}; nộp bài / robots.txt = "
          f"{result['rps'] / robots['rps'] if robots['rps'] else 0:.1%}")  # fmt: skip
    print(f"≥ {TARGET_RPS:.0f} bài/s: {_mark(result['rps'] >= TARGET_RPS)} ({result['rps']:,.0f})")
    print(f"nhận = lưu = gửi, không lỗi: {_mark(ok_equal)}")
    print(f"mỗi bài lưu đúng một bản ghi nhật ký, không bài nào muộn hay còn mở: {_mark(ok_audit and ok_open)}")
    print(f"{DOUBLES} bài nộp hai lần cùng lúc: {len(pairs)} yêu cầu, "
          f"{sum(1 for s in pairs if s == 302)} trả 302, lưu một lần: {_mark(ok_pairs and ok_audit)}")  # fmt: skip
    print(f"{LATE} bài nộp sau khi đợt đóng: {late_round['status'].get('late', 0)} lưu là muộn, "
          f"{late_round['late_scored']} được chấm, {sum(late_told)} thấy lời báo «{LATE_MESSAGE}… {NOT_COUNTED}»: "
          f"{_mark(ok_late)}")  # fmt: skip
    return not (ok_equal and ok_audit and ok_open and ok_pairs and ok_late)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        child(sys.argv[1:])
    else:
        sys.exit(main())
