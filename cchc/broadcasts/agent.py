#!/usr/bin/env python3
"""Reference speaker agent of CCHC Xã: runs on a small computer wired to a loudspeaker amplifier.

One file, Python 3.9+ standard library only, so that it can be copied alone to a Raspberry Pi
(``python3 agent.py --help``). It polls the commune's device API (/api/v1/loa/) with the cluster's token,
keeps the last good schedule and the audio in a cache directory, plays each airing at its time with a
player command (no shell), and reports each play through an outbox that survives network cuts:

- the schedule (``schedule.json``) and audio (``audio/<sha256>``) stay on disk, so airings play offline;
- each airing id is written to ``played.json`` before its player starts: an airing never plays twice,
  even across restarts;
- each play is appended to ``outbox.jsonl`` with its own uuid ``report_key``; the outbox is sent when the
  server answers, and only the keys the server settled are removed (a resend is stored once);
- an emergency airing stops a normal one that is playing and plays at once;
- an airing more than ``--late`` minutes late is not played but reported as skipped.

Settings come from arguments or the environment (``CCHC_LOA_SERVER``, ``CCHC_LOA_TOKEN`` or
``CCHC_LOA_TOKEN_FILE``, ``CCHC_LOA_CACHE``, ``CCHC_LOA_PLAYER``, ``CCHC_LOA_POLL``, ``CCHC_LOA_LATE``).
The player command may use ``{file}``, ``{volume}`` (0-100), ``{mpg123_scale}`` (mpg123 -f),
``{airing_id}`` and ``{priority}``.
"""

from __future__ import annotations

# ruff: noqa: UP017 (datetime.UTC is Python 3.11+; this file runs on 3.9)
import argparse
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any, Optional, Tuple  # noqa: UP035 (runs on Python 3.9)

VERSION = "1.0"
API_PREFIX = "/api/v1/loa/"
MAX_BATCH = 500
# How long played airing ids are remembered (longer than the server lists unreported emergencies).
PLAYED_MEMORY = 3 * 24 * 3600
TICK = 0.25

log = logging.getLogger("cchc-loa")

# (method, url, body) -> (status, body); raises Unreachable. Tests pass their own.
Transport = Callable[[str, str, Optional[bytes]], Tuple[int, bytes]]  # noqa: UP006, UP045 (runs on Python 3.9)


class Unreachable(Exception):
    """The server did not answer (network cut, timeout, server error)."""


# -- settings ---------------------------------------------------------------------------------------------


class Config:
    def __init__(
        self,
        server: str,
        token: str,
        cache_dir: str,
        player: str = "mpg123 -q {file}",
        poll: float = 60.0,
        late_minutes: float = 10.0,
        emergency_late_minutes: float = 120.0,
        timeout: float = 15.0,
    ):
        self.server = server.rstrip("/") + "/"
        self.token = token
        self.cache_dir = cache_dir
        self.player = player
        self.poll = poll
        self.late = late_minutes * 60
        self.emergency_late = emergency_late_minutes * 60
        self.timeout = timeout


def parse_args(argv: list[str] | None = None) -> tuple[Config, argparse.Namespace]:
    env = os.environ.get
    p = argparse.ArgumentParser(description="Phần mềm cụm loa của CCHC Xã: tải lịch phát, phát đúng giờ, báo cáo.")
    p.add_argument("--server", default=env("CCHC_LOA_SERVER"), help="địa chỉ máy chủ, ví dụ https://xa.example.vn")
    p.add_argument("--token", default=env("CCHC_LOA_TOKEN"), help="mã thiết bị của cụm loa")
    p.add_argument("--token-file", default=env("CCHC_LOA_TOKEN_FILE"), help="tệp chứa mã thiết bị")
    p.add_argument("--cache", default=env("CCHC_LOA_CACHE", "/var/lib/cchc-loa"), help="thư mục lưu đệm")
    p.add_argument("--player", default=env("CCHC_LOA_PLAYER", "mpg123 -q {file}"), help="lệnh phát âm thanh")
    p.add_argument("--poll", type=float, default=float(env("CCHC_LOA_POLL", "60")), help="giây giữa hai lần tải lịch")
    p.add_argument("--late", type=float, default=float(env("CCHC_LOA_LATE", "10")), help="phút trễ tối đa")
    p.add_argument(
        "--emergency-late",
        type=float,
        default=float(env("CCHC_LOA_EMERGENCY_LATE", "120")),
        help="phút trễ tối đa của tin khẩn cấp",
    )
    p.add_argument("--once", action="store_true", help="tải lịch, phát những gì đến giờ, gửi báo cáo rồi thoát")
    p.add_argument("--verbose", action="store_true")
    p.add_argument("--version", action="version", version=VERSION)
    args = p.parse_args(argv)
    token = args.token
    if not token and args.token_file:
        with open(args.token_file, encoding="utf-8") as f:
            token = f.read().strip()
    if not args.server or not token:
        p.error("cần --server và --token (hoặc CCHC_LOA_SERVER và CCHC_LOA_TOKEN)")
    config = Config(
        server=args.server,
        token=token,
        cache_dir=args.cache,
        player=args.player,
        poll=args.poll,
        late_minutes=args.late,
        emergency_late_minutes=args.emergency_late,
    )
    return config, args


# -- small helpers ----------------------------------------------------------------------------------------


def parse_time(value: str) -> float:
    """An ISO 8601 time with offset as epoch seconds (Python 3.9 does not read a trailing Z)."""
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    # Python 3.9 reads only 3 or 6 digits of a fraction of a second.
    value = re.sub(r"\.(\d+)", lambda m: "." + (m.group(1) + "000000")[:6], value, count=1)
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.timestamp()


def iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).isoformat()


def write_atomic(path: str, data: bytes) -> None:
    tmp = f"{path}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path: str, default: Any) -> Any:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def player_args(template: str, file: str, airing: dict[str, Any]) -> list[str]:
    """The player command as a list of arguments (no shell), each placeholder filled in."""
    volume = int(airing.get("volume") or 0)
    values = {
        "file": file,
        "volume": str(volume),
        "mpg123_scale": str(volume * 32768 // 100),
        "airing_id": str(airing.get("id", "")),
        "priority": str(airing.get("priority", "")),
    }
    args = shlex.split(template)
    if not any("{file}" in a for a in args):
        args.append("{file}")
    return [a.format(**values) for a in args]


def urllib_transport(config: Config) -> Transport:
    def send(method: str, url: str, body: bytes | None) -> tuple[int, bytes]:
        headers = {
            "Authorization": f"Bearer {config.token}",
            "User-Agent": f"cchc-loa-agent/{VERSION}",
            "Accept": "application/json",
        }
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310 (http(s) only)
        try:
            with urllib.request.urlopen(request, timeout=config.timeout) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            if exc.code >= 500:
                raise Unreachable(f"HTTP {exc.code}") from exc
            return exc.code, exc.read()
        except (OSError, ValueError) as exc:  # URLError, timeouts, resets, bad answers
            raise Unreachable(str(exc)) from exc

    return send


# -- the agent --------------------------------------------------------------------------------------------


class Agent:
    """The speaker: ``sync()`` talks to the server, ``step(now)`` plays what is due; both persist to the cache."""

    def __init__(
        self,
        config: Config,
        clock: Callable[[], float] = time.time,
        transport: Transport | None = None,
    ):
        self.config = config
        self.clock = clock
        self.transport = transport or urllib_transport(config)
        self.dir = config.cache_dir
        self.audio_dir = os.path.join(self.dir, "audio")
        os.makedirs(self.audio_dir, exist_ok=True)
        self.schedule_path = os.path.join(self.dir, "schedule.json")
        self.played_path = os.path.join(self.dir, "played.json")
        self.outbox_path = os.path.join(self.dir, "outbox.jsonl")
        self.lock = threading.RLock()
        self.schedule: list[dict[str, Any]] = read_json(self.schedule_path, {}).get("airings", [])
        self.played: dict[str, dict[str, Any]] = read_json(self.played_path, {})
        self.current: dict[str, Any] | None = None  # {"airing", "process", "started"}
        self.last_error = ""
        self.volume: int | None = None
        self._recover_interrupted()

    # -- persistence --

    def _save_played(self) -> None:
        horizon = self.clock() - PLAYED_MEMORY
        self.played = {k: v for k, v in self.played.items() if v.get("at", 0) >= horizon}
        write_atomic(self.played_path, json.dumps(self.played).encode())

    def _recover_interrupted(self) -> None:
        """An airing whose player was running when the agent stopped: it is not played again, but reported."""
        for airing_id, entry in list(self.played.items()):
            if entry.get("state") == "playing":
                self._report(
                    int(airing_id), entry.get("at", self.clock()), None, "failed", "Máy phát bị khởi động lại."
                )
                entry["state"] = "done"
        self._save_played()

    def _report(self, airing_id: int, started: float, duration: float | None, outcome: str, detail: str) -> None:
        report = {
            "report_key": uuid.uuid4().hex,
            "airing_id": airing_id,
            "started_at": iso(started),
            "duration": None if duration is None else round(duration, 2),
            "outcome": outcome,
            "detail": detail[:500],
        }
        with self.lock, open(self.outbox_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(report) + "\n")
            f.flush()
            os.fsync(f.fileno())
        log.info("lượt phát %s: %s %s", airing_id, outcome, detail)

    def outbox(self) -> list[dict[str, Any]]:
        with self.lock:
            try:
                with open(self.outbox_path, encoding="utf-8") as f:
                    lines = f.readlines()
            except FileNotFoundError:
                return []
        reports = []
        for line in lines:
            try:
                reports.append(json.loads(line))
            except ValueError:
                continue  # a line cut by a power loss
        return reports

    def _forget_reports(self, keys: set) -> None:
        with self.lock:
            kept = [r for r in self.outbox() if r.get("report_key") not in keys]
            write_atomic(self.outbox_path, "".join(json.dumps(r) + "\n" for r in kept).encode())

    # -- talking to the server --

    def _url(self, path: str) -> str:
        return urllib.parse.urljoin(self.config.server, API_PREFIX + path)

    def _call(self, method: str, url: str, payload: Any = None) -> tuple[int, bytes]:
        body = None if payload is None else json.dumps(payload).encode()
        status, data = self.transport(method, url, body)
        if status == 401:
            raise Unreachable("máy chủ từ chối mã thiết bị (401)")
        return status, data

    def fetch_schedule(self) -> None:
        status, data = self._call("GET", self._url("lich/"))
        if status != 200:
            raise Unreachable(f"lịch phát: HTTP {status}")
        schedule = json.loads(data.decode())
        airings = schedule.get("airings", [])
        for airing in airings:
            self._download(airing)
        with self.lock:
            self.schedule = airings
            write_atomic(self.schedule_path, json.dumps(schedule, ensure_ascii=False).encode())
        self._prune_audio()

    def audio_path(self, airing: dict[str, Any]) -> str | None:
        sha = airing.get("audio_sha256")
        if not sha or not airing.get("audio_url"):
            return None
        return os.path.join(self.audio_dir, sha)

    def _download(self, airing: dict[str, Any]) -> None:
        path = self.audio_path(airing)
        if path is None or os.path.exists(path):
            return
        try:
            status, data = self._call("GET", urllib.parse.urljoin(self.config.server, airing["audio_url"]))
        except Unreachable as exc:
            self.last_error = f"tải âm thanh {airing['id']}: {exc}"
            return
        if status != 200 or hashlib.sha256(data).hexdigest() != airing["audio_sha256"]:
            self.last_error = f"âm thanh của lượt phát {airing['id']} tải về bị lỗi (HTTP {status})"
            log.warning(self.last_error)
            return
        write_atomic(path, data)

    def _prune_audio(self) -> None:
        with self.lock:
            keep = {a.get("audio_sha256") for a in self.schedule}
            if self.current:
                keep.add(self.current["airing"].get("audio_sha256"))
        for name in os.listdir(self.audio_dir):
            if name not in keep:
                with contextlib.suppress(OSError):
                    os.remove(os.path.join(self.audio_dir, name))

    def send_outbox(self) -> int:
        """Send waiting reports; remove only those the server settled. Returns how many were settled."""
        settled = 0
        reports = self.outbox()
        for start in range(0, len(reports), MAX_BATCH):
            batch = reports[start : start + MAX_BATCH]
            status, data = self._call("POST", self._url("nhat-ky/"), {"plays": batch})
            if status != 200:
                raise Unreachable(f"gửi nhật ký: HTTP {status}")
            keys = set(json.loads(data.decode()).get("settled", []))
            self._forget_reports(keys)
            settled += len(keys)
        return settled

    def send_health(self) -> None:
        try:
            disk_free_mb = shutil.disk_usage(self.dir).free // (1024 * 1024)
        except OSError:
            disk_free_mb = None
        self._call(
            "POST",
            self._url("tinh-trang/"),
            {
                "version": VERSION,
                "volume": self.volume,
                "disk_free_mb": disk_free_mb,
                "cached_files": len(os.listdir(self.audio_dir)),
                "pending_reports": len(self.outbox()),
                "last_error": self.last_error[:500],
            },
        )

    def sync(self) -> bool:
        """One exchange with the server; False when it could not be reached (the cached schedule stays)."""
        try:
            self.fetch_schedule()
            self.send_outbox()
            self.send_health()
        except (Unreachable, ValueError) as exc:
            self.last_error = str(exc)
            log.warning("không liên lạc được máy chủ: %s", exc)
            return False
        return True

    # -- playing --

    def _late_limit(self, airing: dict[str, Any]) -> float:
        return self.config.emergency_late if airing.get("priority") == "emergency" else self.config.late

    def due(self, now: float) -> list[dict[str, Any]]:
        """Airings whose time has come and that were neither played nor skipped, most urgent first."""
        rank = {"emergency": 0, "priority": 1}
        with self.lock:
            waiting = [
                a for a in self.schedule if str(a["id"]) not in self.played and parse_time(a["starts_at"]) <= now
            ]
        return sorted(waiting, key=lambda a: (rank.get(a.get("priority"), 2), parse_time(a["starts_at"])))

    def _mark(self, airing: dict[str, Any], state: str, at: float) -> None:
        self.played[str(airing["id"])] = {"state": state, "at": at}
        self._save_played()

    def _finish_current(self, now: float, outcome: str | None = None, detail: str = "") -> None:
        current = self.current
        if current is None:
            return
        code = current["process"].poll()
        if outcome is None:
            outcome = "played" if code == 0 else "failed"
            detail = "" if code == 0 else f"Trình phát kết thúc với mã {code}."
        airing = current["airing"]
        self._report(airing["id"], current["started"], now - current["started"], outcome, detail)
        self._mark(airing, "done", current["started"])
        self.current = None

    def _start(self, airing: dict[str, Any], now: float) -> None:
        path = self.audio_path(airing)
        self._mark(airing, "playing", now)  # before the player starts: never twice, even after a crash
        args = player_args(self.config.player, path or "", airing)
        try:
            process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)  # noqa: S603
        except OSError as exc:
            self.last_error = f"không chạy được trình phát: {exc}"
            self._report(airing["id"], now, 0, "failed", self.last_error)
            self._mark(airing, "done", now)
            return
        self.volume = airing.get("volume")
        self.current = {"airing": airing, "process": process, "started": now}
        log.info("phát lượt %s (%s)", airing["id"], airing.get("script_title", ""))

    def _stop_player(self) -> None:
        process = self.current["process"]
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def step(self, now: float | None = None) -> None:
        """Play what is due at ``now``: finish a player that ended, let an emergency cut in, skip the too late."""
        now = self.clock() if now is None else now
        if self.current is not None and self.current["process"].poll() is not None:
            self._finish_current(now)
        for airing in self.due(now):
            emergency = airing.get("priority") == "emergency"
            lateness = now - parse_time(airing["starts_at"])
            if lateness > self._late_limit(airing):
                self._report(airing["id"], now, None, "skipped", f"Trễ {int(lateness // 60)} phút, không phát.")
                self._mark(airing, "done", now)
                continue
            if self.current is not None and (not emergency or self.current["airing"].get("priority") == "emergency"):
                break  # it waits for the player; its lateness keeps counting
            path = self.audio_path(airing)
            if path is None or not os.path.exists(path):
                continue  # audio not here yet: try again until it is too late (nothing is cut off for it)
            if self.current is not None:
                self._stop_player()
                self._finish_current(now, "failed", "Bị ngắt để phát tin khẩn cấp.")
            self._start(airing, now)

    def stop(self) -> None:
        if self.current is not None:
            self._stop_player()
            self._finish_current(self.clock(), "failed", "Máy phát dừng giữa chừng.")

    # -- loops --

    def run_once(self) -> None:
        self.sync()
        self.step()
        while self.current is not None:
            time.sleep(TICK)
            self.step()
        self.sync()

    def run(self, stopping: threading.Event) -> None:
        """Play in this thread; talk to the server in another, so a slow network never delays an airing."""

        def talk() -> None:
            while not stopping.is_set():
                self.sync()
                stopping.wait(self.config.poll)

        threading.Thread(target=talk, name="sync", daemon=True).start()
        while not stopping.is_set():
            try:
                self.step()
            except Exception:  # keep the speaker alive whatever one airing does
                log.exception("lỗi khi phát")
            stopping.wait(TICK)
        self.stop()


def main(argv: list[str] | None = None) -> int:
    config, args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )
    agent = Agent(config)
    if args.once:
        agent.run_once()
        return 0
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.set())
    log.info("cụm loa khởi động, máy chủ %s", config.server)
    agent.run(stopping)
    return 0


if __name__ == "__main__":
    sys.exit(main())
