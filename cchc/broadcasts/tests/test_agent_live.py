"""Acceptance test of the speaker agent (issue #11): the real agent, copied alone, against a live server,
through a network that is cut while airings come due and then only half restored.

Every scheduled airing must be played exactly once and reported exactly once, although the agent sends its
outbox again after losing the server's answer.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from cchc.broadcasts.actions.devices import IssueDeviceToken
from cchc.broadcasts.models import PlayLog
from cchc.communes.scoping import commune_scope

from .test_device_api import airing_for, give_audio

pytestmark = pytest.mark.django_db(transaction=True)

AGENT = Path(__file__).resolve().parent.parent / "agent.py"

# The "amplifier": writes down what it was asked to play.
PLAYER = """
import json, sys
with open(sys.argv[1], "a", encoding="utf-8") as f:
    f.write(json.dumps({"airing": int(sys.argv[2]), "file": sys.argv[3], "volume": int(sys.argv[4])}) + "\\n")
"""


class CuttableProxy:
    """A TCP relay between the agent and the live server that can cut the network.

    ``open``: relay both ways. ``cut``: close every new connection at once (the server is unreachable).
    ``lose_reports``: relay play reports to the server but drop its answers (the agent never hears the
    acknowledgement, as when a cellular link fails mid-request); other requests pass.
    """

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.mode = "open"
        self.seen: list[tuple[str, str]] = []  # (mode, request line)
        self.lock = threading.Lock()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.closed = True
        self.server.close()

    def _accept(self) -> None:
        while not self.closed:
            try:
                conn, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._relay, args=(conn,), daemon=True).start()

    def _relay(self, conn: socket.socket) -> None:
        mode = self.mode
        if mode == "cut":
            with self.lock:
                self.seen.append((mode, ""))
            conn.close()
            return
        conn.settimeout(5)
        try:
            first = conn.recv(65536)
        except OSError:
            conn.close()
            return
        line = first.split(b"\r\n", 1)[0].decode(errors="replace")
        with self.lock:
            self.seen.append((mode, line))
        drop_answer = mode == "lose_reports" and "/nhat-ky/" in line
        try:
            up = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            conn.close()
            return
        up.sendall(first)

        def forward() -> None:
            try:
                while chunk := conn.recv(65536):
                    up.sendall(chunk)
            except OSError:
                pass

        threading.Thread(target=forward, daemon=True).start()
        try:
            while chunk := up.recv(65536):
                if not drop_answer:
                    conn.sendall(chunk)
        except OSError:
            pass
        finally:
            up.close()
            conn.close()

    def requests(self, mode: str, fragment: str) -> int:
        with self.lock:
            return sum(1 for m, line in self.seen if m == mode and fragment in line)


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue  # a line being written right now
    return out


def test_the_agent_plays_and_reports_each_airing_once_through_a_network_cut(
    live_server, tmp_path, commune_a, commune_b, make_cluster, make_script
):
    cluster = make_cluster(commune_a, "Cụm loa xóm Chợ")
    script = give_audio(make_script(commune_a, title="Thông báo lịch tiếp công dân"))
    start = timezone.now()
    airings = [airing_for(cluster, script, start + dt.timedelta(seconds=s)) for s in (6, 9, 12)]
    token = IssueDeviceToken(cluster).execute()
    # Another commune's speaker is due at the same moments: this agent must not play it.
    other = make_cluster(commune_b, "Cụm loa xóm Đồi")
    stranger = airing_for(other, give_audio(make_script(commune_b)), start + dt.timedelta(seconds=6))

    # The agent stands alone: a copy of the one file, run by an isolated interpreter, outside the project.
    device = tmp_path / "pi"
    device.mkdir()
    shutil.copy(AGENT, device / "agent.py")
    (device / "player.py").write_text(PLAYER, encoding="utf-8")
    played_log, cache = device / "played.jsonl", device / "cache"
    player = (
        " ".join(shlex.quote(x) for x in (sys.executable, "-I", str(device / "player.py"), str(played_log)))
        + " {airing_id} {file} {volume}"
    )

    split = urlsplit(live_server.url)
    proxy = CuttableProxy((split.hostname, split.port))
    command = [
        sys.executable, "-I", "agent.py", "--server", proxy.url, "--token", token,
        "--cache", str(cache), "--player", player, "--poll", "0.5",
    ]  # fmt: skip
    agent = subprocess.Popen(command, cwd=device, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603
    try:
        # First contact: the schedule and its audio reach the speaker's cache.
        wait_for(lambda: (cache / "schedule.json").exists() and any((cache / "audio").iterdir()), 10, "first fetch")
        assert {a["id"] for a in json.loads((cache / "schedule.json").read_text())["airings"]} == {
            a.pk for a in airings
        }
        proxy.mode = "cut"

        # The airings come due with the network down: the cached schedule plays.
        wait_for(lambda: len(lines(played_log)) >= 3, 20, "three plays while the network is cut")
        assert proxy.requests("cut", "") > 0  # the agent did try the server meanwhile
        with commune_scope(commune_a):
            assert not PlayLog.objects.exists()
        # Each play is written to the outbox once its player has ended, and waits there.
        wait_for(lambda: len(lines(cache / "outbox.jsonl")) == 3, 5, "three reports in the outbox")

        # Half restored: the reports reach the server but its answers are lost; the agent keeps its outbox.
        proxy.mode = "lose_reports"
        wait_for(lambda: proxy.requests("lose_reports", "POST /api/v1/loa/nhat-ky/") >= 1, 10, "a lost answer")
        with commune_scope(commune_a):
            wait_for(lambda: PlayLog.objects.count() == 3, 5, "reports stored by the server")
        assert len(lines(cache / "outbox.jsonl")) == 3

        # Fully restored: the agent sends the same reports again; the server settles them as duplicates.
        proxy.mode = "open"
        wait_for(lambda: not lines(cache / "outbox.jsonl"), 10, "the outbox to empty")
        assert proxy.requests("open", "POST /api/v1/loa/nhat-ky/") >= 1
    finally:
        agent.send_signal(signal.SIGTERM)
        try:
            output, _ = agent.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            agent.kill()
            output, _ = agent.communicate()
        proxy.close()

    assert agent.returncode == 0, output
    played = lines(played_log)
    assert sorted(p["airing"] for p in played) == sorted(a.pk for a in airings), output
    assert stranger.pk not in {p["airing"] for p in played}
    assert all(p["volume"] == 80 for p in played)
    with commune_scope(commune_a):
        logs = list(PlayLog.objects.filter(cluster=cluster).values_list("airing_id", "outcome"))
    assert sorted(logs) == sorted((a.pk, "played") for a in airings)
    with commune_scope(commune_b):
        assert not PlayLog.objects.exists()
