"""Citizens' pages under load: the app as production runs it, beside the ceilings of the same machine.

In one run, for each page of ``PAGES`` that exists (a 404 is skipped with a note; a news article and a
procedure are found from their lists), wrk loads on loopback (``wrk -t2 -c64 -d<BENCH_PORTAL_SECONDS>s
--latency``, 64 connections):

1. ``bare``: a WSGI app on granian (2 workers) returning the page's bytes from memory: the server's ceiling;
2. ``nginx tĩnh``: nginx (2 workers) serving a static copy of the same pages;
3. ``nginx 1 s``: nginx in front of the app, with micro-caching (``proxy_cache_valid 200 1s``);
4. ``app (không đệm)``: the app with its page cache off (``PAGE_CACHE=0``);
5. ``app (có đệm)``: the app as it runs in production, its anonymous page cache on.

The app runs as the README says production does: DEBUG off, ``granian --interface wsgi --workers 2``
``--blocking-threads 1`` (``BENCH_GRANIAN_ARGS`` adds options), collected static files, on
PostgreSQL at 127.0.0.1:5432 (a throwaway database ``cchc_bench_portal``) when one answers, else on
SQLite, with the demo data of ``load_demo``. nginx runs as this user with its own configuration in a
temporary directory. Printed per page: requests/s, p99 and the ratios against the targets of issue 9:
cached app ≥ 30% of bare, nginx micro-cache ≥ 80% of nginx static, uncached app ≥ 5× Wagtail's
bakerydemo on this machine (``BAKERYDEMO``: its home page for our home and list pages, its blog post for
an article or a procedure; ``../shared/design/peer-wagtail-bakerydemo.md``), p99 < 50 ms.

Alone: ``python -m bench portal_pages`` (or ``make bench BENCH=portal_pages``). Without nginx or wrk it
says how to install them and ends with a non-zero status (the other benchmarks still run).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GRANIAN = str(Path(PYTHON).with_name("granian"))
SECONDS = int(os.environ.get("BENCH_PORTAL_SECONDS", "5"))
CONNECTIONS = 64
PG_URL = os.environ.get("BENCH_PORTAL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cchc_bench_portal")

# Pages of issue 9; those not built yet answer 404 and are skipped. "article" and "procedure" are the
# first links found on their list pages.
PAGES = ("/", "/thu-tuc-hanh-chinh/", "/tin-tuc/", "/ban-tin-cchc/", "/chi-so/", "/gioi-thieu/", "/lien-he/")
FOUND_ON = (  # (a page found, the first link on it to measure too, compared with bakerydemo's home or blog)
    (re.compile(r"^/tin-tuc/$"), re.compile(r'href="(/tin-tuc/(?!the/|chuyen-muc/|rss|atom|feed)[^"?#]+/)"'), "blog"),
    (re.compile(r"^/thu-tuc-hanh-chinh/$"), re.compile(r'href="(/thu-tuc-hanh-chinh/linh-vuc/[^"?#/]+/)"'), "home"),
    (
        re.compile(r"^/thu-tuc-hanh-chinh/linh-vuc/"),
        re.compile(r'href="(/thu-tuc-hanh-chinh/(?!linh-vuc/|su-kien/)[^"?#/.]+/)"'),
        "blog",
    ),
)

# Wagtail's bakerydemo on this machine (peer-wagtail-bakerydemo.md: gunicorn 2 sync, round 2 means,
# rounded as issue 9 quotes them): requests/s.
BAKERYDEMO = {"home": 50.0, "blog": 105.0}
TARGET_CACHED_OF_BARE = 0.30
TARGET_MICRO_OF_STATIC = 0.80
TARGET_UNCACHED_OF_BAKERY = 5.0
TARGET_P99_MS = 50.0

INSTALL = (
    "Thiếu {tool}: cài bằng `sudo apt-get install nginx wrk` (Debian/Ubuntu) rồi chạy lại.\n"
    "Missing {tool}: install it with `sudo apt-get install nginx wrk` (Debian/Ubuntu) and run again."
)


# The ceiling: a WSGI app with the pages in memory (granian imports this module, nothing else). --------

_BARE: dict[str, tuple[bytes, list[tuple[str, str]]]] = {}
if os.environ.get("BENCH_BARE_DIR"):
    _index = json.loads((Path(os.environ["BENCH_BARE_DIR"]) / "index.json").read_text())
    for _path, (_file, _type) in _index.items():
        _body = (Path(os.environ["BENCH_BARE_DIR"]) / _file).read_bytes()
        _BARE[_path] = (_body, [("Content-Type", _type), ("Content-Length", str(len(_body)))])


def bare_app(environ, start_response):
    body, headers = _BARE.get(environ.get("PATH_INFO", "/"), (b"", [("Content-Length", "0")]))
    start_response("200 OK" if body else "404 Not Found", headers)
    return [body]


# Measuring -----------------------------------------------------------------------------------------


@dataclass
class Cell:
    rps: float
    p99_ms: float
    errors: int = 0


@dataclass
class Page:
    path: str
    kind: str  # "home" or "blog": which bakerydemo figure it is compared with
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    cells: dict[str, Cell] = field(default_factory=dict)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, host: str):
    """Status, headers (looked up without regard to case: granian sends them in lower case) and body."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _wait(port: int, host: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(240):
        if process.poll() is not None:
            raise RuntimeError(f"máy chủ dừng khi khởi động / server exited:\n{log.read_text()[-2000:]}")
        with contextlib.suppress(OSError):
            _get(port, "/", host)
            return
        time.sleep(0.25)
    raise RuntimeError(f"máy chủ không trả lời / server never answered:\n{log.read_text()[-2000:]}")


def _seconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(port: int, path: str, host: str) -> Cell:
    for _ in range(20):  # warm: image renditions, the page cache, nginx's cache
        _get(port, path, host)
    argv = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "10s",
            "-H", f"Host: {host}", f"http://127.0.0.1:{port}{path}"]  # fmt: skip
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = _seconds(re.search(r"^\s+99%\s+(\S+)", out, flags=re.M).group(1)) * 1000
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return Cell(rps, p99, (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0))


# Servers ---------------------------------------------------------------------------------------------


class Servers(contextlib.ExitStack):
    """Processes started here, each in its own process group, stopped by their own id at the end."""

    def __init__(self, tmp: Path):
        super().__init__()
        self.tmp = tmp

    def start(self, name: str, argv: list[str], env: dict, port: int, host: str, **popen) -> None:
        log = self.tmp / f"{name}.log"
        process = subprocess.Popen(  # noqa: S603
            argv, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True, **popen
        )
        self.callback(self._stop, process)
        _wait(port, host, process, log)

    @staticmethod
    def _stop(process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _unprivileged() -> dict:
    """nginx never runs as root here: started by root (a container), it runs as nobody."""
    return {"user": "nobody", "group": "nogroup"} if os.geteuid() == 0 else {}


def _nginx_dir(tmp: Path) -> Path:
    folder = tmp / "nginx"
    folder.mkdir(exist_ok=True)
    tmp.chmod(0o755)  # nobody reads the static copies beside it
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
    return folder


def _granian(target: str, port: int) -> list[str]:
    extra = os.environ.get("BENCH_GRANIAN_ARGS", "").split()
    # As the README runs production: one blocking thread per worker (Django is synchronous; more threads
    # only queue on the GIL and open one database connection each).
    return [GRANIAN, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port), "--workers", "2",
            "--blocking-threads", "1", "--no-ws", "--working-dir", str(ROOT), *extra, target]  # fmt: skip


NGINX_CONF = """
worker_processes 2;
pid {tmp}/nginx/nginx.pid;
error_log {tmp}/nginx/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/nginx/body;
    proxy_temp_path {tmp}/nginx/proxy;
    fastcgi_temp_path {tmp}/nginx/fastcgi;
    uwsgi_temp_path {tmp}/nginx/uwsgi;
    scgi_temp_path {tmp}/nginx/scgi;
    default_type text/html;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    proxy_cache_path {tmp}/nginx/cache levels=1:2 keys_zone=pages:10m max_size=100m inactive=10m use_temp_path=off;
    upstream app {{ server 127.0.0.1:{app_port}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{static_port};
        root {tmp}/static;
        index index.html;
    }}
    server {{
        listen 127.0.0.1:{proxy_port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            # Micro-caching: one answer per second per page for visitors without a session.
            proxy_cache pages;
            proxy_cache_valid 200 1s;
            proxy_cache_lock on;
            proxy_cache_use_stale updating;
            proxy_cache_background_update on;
            proxy_cache_bypass $cookie_sessionid;
            proxy_no_cache $cookie_sessionid;
            add_header X-Micro-Cache $upstream_cache_status;
        }}
    }}
}}
"""


# Preparing the app -------------------------------------------------------------------------------------


def _database_url(tmp: Path) -> str:
    try:
        import psycopg

        admin, name = PG_URL.rsplit("/", 1)
        with psycopg.connect(admin + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return PG_URL
    except Exception as exc:  # no server: still measure, and say so
        print(f"(PostgreSQL không sẵn sàng / not reachable: {exc}; đo trên SQLite)")
        return f"sqlite:///{tmp / 'portal.sqlite3'}"


def _app_env(tmp: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"TESTING", "DJANGO_SETTINGS_MODULE", "CCHC_ENV"}}
    env.update(
        DATABASE_URL=database_url, SECRET_KEY="bench-" + "only", DEBUG="0", ALLOWED_HOSTS="*",
        SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0", SECURE_COOKIES="0", LOG_LEVEL="ERROR",
        MEDIA_ROOT=str(tmp / "media"), PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        PAGE_CACHE_GENERATIONS_DIR=str(tmp / "page-cache"),
    )  # fmt: skip
    return env


def _manage(env: dict, *args: str) -> str:
    return subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def _demo_host(load_demo_output: str) -> str:
    found = re.search(r"http://([^:/\s]+):\d+/\s*$", load_demo_output, flags=re.M)
    return found.group(1) if found else "127.0.0.1"


def _find_pages(port: int, host: str) -> list[Page]:
    pages: list[Page] = []
    queue = [(path, "home") for path in PAGES]
    while queue:
        path, kind = queue.pop(0)
        status, headers, body = _get(port, path, host)
        if status != 200:
            print(f"  (bỏ qua / skipped {path}: HTTP {status})")
            continue
        pages.append(Page(path, kind, body, headers.get("Content-Type", "text/html; charset=utf-8")))
        for source, link, link_kind in FOUND_ON:
            found = link.search(body.decode(errors="replace")) if source.search(path) else None
            if found and all(found.group(1) != p.path for p in pages):
                queue.insert(0, (found.group(1), link_kind))
    return pages


def _write_copies(tmp: Path, pages: list[Page]) -> None:
    """The same bytes for nginx (files) and for the bare app (an index it reads at import)."""
    index = {}
    for number, page in enumerate(pages):
        folder = tmp / "static" / page.path.strip("/")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_bytes(page.body)
        (tmp / "bare").mkdir(exist_ok=True)
        (tmp / "bare" / f"{number}.html").write_bytes(page.body)
        index[page.path] = (f"{number}.html", page.content_type)
    (tmp / "bare" / "index.json").write_text(json.dumps(index))


# Report --------------------------------------------------------------------------------------------------

COLUMNS = (("bare", "bare"), ("static", "nginx tĩnh"), ("micro", "nginx 1 s"), ("uncached", "app không đệm"),
           ("cached", "app có đệm"))  # fmt: skip


def _mark(ok: bool) -> str:
    return "đạt" if ok else "CHƯA ĐẠT"


def report(pages: list[Page]) -> None:
    print(f"\nreq/s (p99 ms), wrk -t2 -c{CONNECTIONS} -d{SECONDS}s trên loopback; máy dùng chung, sai số 10–20%")
    print(f"{'trang':<42}" + "".join(f"{label:>20}" for _, label in COLUMNS))
    for page in pages:
        row = f"{page.path[:41]:<42}"
        for key, _ in COLUMNS:
            cell = page.cells.get(key)
            text = "—" if cell is None else f"{cell.rps:,.0f} ({cell.p99_ms:.1f})" + ("!" if cell.errors else "")
            row += f"{text:>20}"
        print(row)
    print("\nTỉ lệ so với mục tiêu (issue 9):")
    for page in pages:
        c = page.cells
        lines = []
        if "cached" in c and "bare" in c:
            ratio = c["cached"].rps / c["bare"].rps
            lines.append(f"app có đệm / bare = {ratio:.0%} (≥ 30%: {_mark(ratio >= TARGET_CACHED_OF_BARE)})")
        if "micro" in c and "static" in c:
            ratio = c["micro"].rps / c["static"].rps
            lines.append(f"nginx 1 s / nginx tĩnh = {ratio:.0%} (≥ 80%: {_mark(ratio >= TARGET_MICRO_OF_STATIC)})")
        if "uncached" in c:
            peer = BAKERYDEMO[page.kind]
            ratio = c["uncached"].rps / peer
            lines.append(
                f"app không đệm / bakerydemo {page.kind} {peer:.0f} = {ratio:.1f}× "
                f"(≥ 5×: {_mark(ratio >= TARGET_UNCACHED_OF_BAKERY)})"
            )
        for key in ("cached", "micro", "uncached"):
            if key in c:
                lines.append(
                    f"p99 {dict(COLUMNS)[key]} {c[key].p99_ms:.1f} ms (< 50: {_mark(c[key].p99_ms < TARGET_P99_MS)})"
                )
        errors = {k: v.errors for k, v in c.items() if v.errors}
        if errors:
            lines.append(f"lỗi / non-2xx or timeouts: {errors}")
        print(f"  {page.path}: " + "; ".join(lines))


def main() -> int:
    missing = [tool for tool in ("wrk", "nginx") if shutil.which(tool) is None]
    if "wrk" in missing:
        print(INSTALL.format(tool="wrk"))
        return 1
    if missing:
        print(INSTALL.format(tool="nginx") + "\n(đo tiếp phần không cần nginx / measuring the rest)")
    print("Trang công dân dưới tải / citizens' pages under load")
    tmp = Path(tempfile.mkdtemp(prefix="cchc-bench-portal-"))
    try:
        database_url = _database_url(tmp)
        env = _app_env(tmp, database_url)
        started = time.perf_counter()
        _manage(env, "migrate", "--noinput", "--verbosity", "0")
        _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        host = _demo_host(_manage(env, "load_demo", "--port", "80"))
        print(f"CSDL: {database_url.split(':', 1)[0]}; dữ liệu mẫu nạp trong {time.perf_counter() - started:.0f} s; "
              f"Host: {host}; granian {' '.join(_granian('…', 0)[1:-1])}")  # fmt: skip
        cached_port, uncached_port, bare_port = _free_port(), _free_port(), _free_port()
        static_port, proxy_port = _free_port(), _free_port()
        with Servers(tmp) as servers:
            servers.start("app-cached", _granian("cchc.wsgi:application", cached_port), {**env, "PAGE_CACHE": "1"},
                          cached_port, host)  # fmt: skip
            pages = _find_pages(cached_port, host)
            _write_copies(tmp, pages)
            servers.start("app-uncached", _granian("cchc.wsgi:application", uncached_port),
                          {**env, "PAGE_CACHE": "0"}, uncached_port, host)  # fmt: skip
            servers.start("bare", _granian("bench.portal_pages:bare_app", bare_port),
                          {**env, "BENCH_BARE_DIR": str(tmp / "bare")}, bare_port, host)  # fmt: skip
            if not missing:
                conf = _nginx_dir(tmp) / "nginx.conf"
                conf.write_text(NGINX_CONF.format(tmp=tmp, app_port=cached_port, static_port=static_port,
                                                  proxy_port=proxy_port))  # fmt: skip
                servers.start("nginx", ["nginx", "-e", str(tmp / "nginx" / "error.log"), "-p", str(tmp / "nginx"),
                                        "-c", str(conf)], env, static_port, host, **_unprivileged())  # fmt: skip
            for page in pages:
                # Each worker keeps its own pages (LocMemCache): a few requests reach both.
                states = {_get(cached_port, page.path, host)[1].get("X-Cache") for _ in range(8)}
                if "HIT" not in states:
                    print(f"  ({page.path}: app có đệm không trả từ bộ nhớ đệm / not served from the cache: "
                          f"X-Cache {states})")  # fmt: skip
                page.cells["bare"] = wrk(bare_port, page.path, host)
                if not missing:
                    page.cells["static"] = wrk(static_port, page.path, host)
                    page.cells["micro"] = wrk(proxy_port, page.path, host)
                page.cells["uncached"] = wrk(uncached_port, page.path, host)
                page.cells["cached"] = wrk(cached_port, page.path, host)
        report(pages)
    finally:
        if os.environ.get("BENCH_KEEP"):
            print(f"(thư mục tạm giữ lại / kept: {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
