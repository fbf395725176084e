"""The speaker agent's rules, with a fake server and a given clock: on time, once, offline, emergencies first."""

from __future__ import annotations

import ast
import hashlib
import json
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cchc.broadcasts import agent as loa

AGENT = Path(loa.__file__)
T = 1_800_000_000.0  # a fixed "now" for the airings below
AUDIO = b"RIFF....WAVEfmt fake audio"
SHA = hashlib.sha256(AUDIO).hexdigest()

PLAYER = """
import json, sys, time
with open(sys.argv[1], "a", encoding="utf-8") as f:
    f.write(json.dumps(sys.argv[2:]) + "\\n")
if sys.argv[3] == "normal" and len(sys.argv) > 4 and sys.argv[4] == "long":
    time.sleep(30)
"""


def airing(pk: int, at: float, priority: str = "normal", sha: str | None = SHA) -> dict:
    return {
        "id": pk,
        "starts_at": loa.iso(at),
        "priority": priority,
        "volume": 60,
        "script_id": 1,
        "script_title": "Bài thử",
        "duration": 1.0,
        "audio_url": f"/api/v1/loa/am-thanh/{pk}" if sha else None,
        "audio_sha256": sha,
    }


class FakeServer:
    """The device API as the agent sees it; ``down`` makes every call fail as a network cut does."""

    def __init__(self, airings: list[dict], audio: bytes = AUDIO):
        self.airings, self.audio = airings, audio
        self.down = False
        self.stored: dict[str, dict] = {}
        self.settle_only: int | None = None  # settle just the first n reports of a batch
        self.health: list[dict] = []

    def __call__(self, method: str, url: str, body: bytes | None):
        if self.down:
            raise loa.Unreachable("connection refused")
        if url.endswith("/lich/"):
            return 200, json.dumps({"cluster": "Cụm thử", "generated_at": loa.iso(T), "airings": self.airings}).encode()
        if "/am-thanh/" in url:
            return 200, self.audio
        if url.endswith("/nhat-ky/"):
            plays = json.loads(body)["plays"][: self.settle_only]
            for p in plays:
                self.stored.setdefault(p["report_key"], p)
            return 200, json.dumps({"settled": [p["report_key"] for p in plays]}).encode()
        if url.endswith("/tinh-trang/"):
            self.health.append(json.loads(body))
            return 200, b"{}"
        return 404, b"{}"


@pytest.fixture
def device(tmp_path):
    (tmp_path / "player.py").write_text(PLAYER, encoding="utf-8")
    return tmp_path


def make_agent(device: Path, server: FakeServer, extra: str = "", **config) -> loa.Agent:
    log = device / "played.jsonl"
    player = f"{shlex.quote(sys.executable)} -I {device / 'player.py'} {log} {{airing_id}} {{priority}} {extra}"
    cfg = loa.Config(server="http://xa.example", token="t", cache_dir=str(device / "cache"), player=player, **config)
    return loa.Agent(cfg, clock=lambda: T, transport=server)


def played(device: Path) -> list[int]:
    log = device / "played.jsonl"
    return [int(json.loads(x)[0]) for x in log.read_text().splitlines()] if log.exists() else []


def finish(agent: loa.Agent, now: float) -> None:
    """Let the running player end, then let the agent notice."""
    if agent.current is not None:
        agent.current["process"].wait(timeout=10)
    agent.step(now)


def outcomes(agent: loa.Agent) -> dict[int, str]:
    return {r["airing_id"]: r["outcome"] for r in agent.outbox()}


def test_an_airing_plays_at_its_time_and_never_twice_even_after_a_restart(device):
    server = FakeServer([airing(1, T + 10)])
    agent = make_agent(device, server)
    assert agent.sync()
    agent.step(T + 9)
    assert agent.current is None
    agent.step(T + 10)
    finish(agent, T + 11)
    assert played(device) == [1]
    assert outcomes(agent) == {1: "played"}

    again = make_agent(device, server)
    again.sync()
    again.step(T + 20)
    assert again.current is None
    assert played(device) == [1]
    assert len(server.stored) == 1


def test_an_airing_too_late_is_skipped_and_reported(device):
    server = FakeServer([airing(1, T - 11 * 60)])
    agent = make_agent(device, server, late_minutes=10)
    agent.sync()
    agent.step(T)
    assert played(device) == []
    assert outcomes(agent) == {1: "skipped"}
    assert "Trễ 11 phút" in agent.outbox()[0]["detail"]


def test_the_cached_schedule_plays_when_the_server_is_gone(device):
    server = FakeServer([airing(1, T + 5)])
    make_agent(device, server).sync()
    server.down = True
    restarted = make_agent(device, server)  # a power cut, then no network
    assert not restarted.sync()
    restarted.step(T + 5)
    finish(restarted, T + 6)
    assert played(device) == [1]
    assert len(restarted.outbox()) == 1  # waits for the network


def test_the_outbox_forgets_only_what_the_server_settled(device):
    server = FakeServer([airing(1, T), airing(2, T + 1, sha=SHA)])
    agent = make_agent(device, server)
    agent.sync()
    agent.step(T)
    finish(agent, T + 1)
    finish(agent, T + 2)
    assert len(agent.outbox()) == 2
    server.settle_only = 1
    agent.send_outbox()
    assert [r["airing_id"] for r in agent.outbox()] == [2]
    server.settle_only = None
    agent.send_outbox()
    assert agent.outbox() == []
    assert sorted(r["airing_id"] for r in server.stored.values()) == [1, 2]


def test_audio_with_a_wrong_digest_is_not_kept_and_the_airing_is_skipped_in_the_end(device):
    server = FakeServer([airing(1, T)], audio=b"something else")
    agent = make_agent(device, server, late_minutes=1)
    agent.sync()
    assert list((device / "cache" / "audio").iterdir()) == []
    agent.step(T)
    assert agent.current is None
    agent.step(T + 61)
    assert played(device) == []
    assert outcomes(agent) == {1: "skipped"}
    assert "âm thanh" in agent.last_error


def test_a_script_without_audio_is_not_played(device):
    server = FakeServer([airing(1, T, sha=None)])
    agent = make_agent(device, server, late_minutes=1)
    agent.sync()
    agent.step(T)
    agent.step(T + 61)
    assert played(device) == []
    assert outcomes(agent) == {1: "skipped"}


def test_an_emergency_stops_a_normal_airing_and_plays_at_once(device):
    server = FakeServer([airing(1, T), airing(2, T + 3, "emergency")])
    agent = make_agent(device, server, extra="long")
    agent.sync()
    agent.step(T)
    normal = agent.current["process"]
    time.sleep(0.3)
    assert normal.poll() is None  # still on air
    agent.step(T + 3)
    assert normal.poll() is not None
    assert agent.current["airing"]["id"] == 2
    finish(agent, T + 4)
    assert played(device) == [1, 2]
    reports = {r["airing_id"]: r for r in agent.outbox()}
    assert reports[1]["outcome"] == "failed"
    assert "khẩn cấp" in reports[1]["detail"]
    assert reports[2]["outcome"] == "played"


def test_an_emergency_whose_audio_is_not_here_does_not_cut_the_airing_on_air(device):
    server = FakeServer([airing(1, T), airing(2, T + 3, "emergency", sha=None)])
    agent = make_agent(device, server, extra="long")
    agent.sync()
    agent.step(T)
    normal = agent.current["process"]
    agent.step(T + 3)
    time.sleep(0.3)
    assert normal.poll() is None, "the programme on air was stopped for audio the speaker does not have"
    assert agent.current["airing"]["id"] == 1
    assert [r["airing_id"] for r in agent.outbox()] == []
    agent.stop()


def test_a_normal_airing_waits_for_the_one_on_air(device):
    server = FakeServer([airing(1, T), airing(2, T + 1)])
    agent = make_agent(device, server, extra="long")
    agent.sync()
    agent.step(T)
    agent.step(T + 1)
    assert agent.current["airing"]["id"] == 1
    agent.stop()


def test_audio_no_longer_scheduled_is_removed_from_the_cache(device):
    server = FakeServer([airing(1, T + 60)])
    agent = make_agent(device, server)
    agent.sync()
    assert [p.name for p in (device / "cache" / "audio").iterdir()] == [SHA]
    server.airings = []
    agent.sync()
    assert list((device / "cache" / "audio").iterdir()) == []


def test_health_reports_pending_reports_and_cache(device):
    server = FakeServer([airing(1, T)])
    agent = make_agent(device, server)
    agent.sync()
    assert server.health[-1]["cached_files"] == 1
    assert server.health[-1]["version"] == loa.VERSION


def test_the_player_command_gets_its_arguments_without_a_shell():
    args = loa.player_args("ffplay -nodisp -autoexit -volume {volume} {file}", "/x/a b;rm -rf.mp3", {"volume": 55})
    assert args == ["ffplay", "-nodisp", "-autoexit", "-volume", "55", "/x/a b;rm -rf.mp3"]
    assert loa.player_args("mpg123 -q -f {mpg123_scale}", "/x/a.mp3", {"volume": 50}) == [
        "mpg123",
        "-q",
        "-f",
        "16384",
        "/x/a.mp3",
    ]


def test_times_with_an_offset_or_z_are_read_alike():
    assert loa.parse_time("2026-12-01T15:00:00+07:00") == loa.parse_time("2026-12-01T08:00:00Z")
    assert loa.parse_time("2026-12-01T08:00:00.5Z") == loa.parse_time("2026-12-01T08:00:00Z") + 0.5


def test_the_agent_is_one_file_of_the_standard_library(tmp_path):
    tree = ast.parse(AGENT.read_text(encoding="utf-8"))
    modules = {n.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for n in node.names}
    modules |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert modules <= set(sys.stdlib_module_names) | {"__future__"}
    copy = tmp_path / "agent.py"
    shutil.copy(AGENT, copy)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-I", str(copy), "--help"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "--player" in result.stdout
    missing = subprocess.run(  # noqa: S603
        [sys.executable, "-I", str(copy)], cwd=tmp_path, capture_output=True, text=True, check=False, env={}
    )
    assert missing.returncode == 2
    assert "--server" in missing.stderr


def test_an_airing_cut_by_a_crash_is_reported_not_replayed(device):
    server = FakeServer([airing(1, T)])
    agent = make_agent(device, server, extra="long")
    agent.sync()
    agent.step(T)
    crashed = agent.current["process"]
    deadline = time.monotonic() + 10
    while not played(device) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        restarted = make_agent(device, server)  # the old agent died mid-play, without writing its report
        restarted.step(T + 1)
        assert restarted.current is None
        assert outcomes(restarted) == {1: "failed"}
    finally:
        crashed.kill()
        crashed.wait()
    assert played(device) == [1]


def test_once_plays_what_is_due_and_reports_it(device):
    server = FakeServer([airing(1, T), airing(2, T + 3600)])
    make_agent(device, server).run_once()
    assert played(device) == [1]
    assert [r["outcome"] for r in server.stored.values()] == ["played"]
