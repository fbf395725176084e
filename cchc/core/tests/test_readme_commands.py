"""Every `manage.py` command in the README works as written, on a machine where nobody set DEBUG or SECRET_KEY.

The commands run as a developer runs them after `make run`: from the project folder, with a migrated
database holding the demo data. Only the database, the media folders and the files a command names
(the placeholder `TỆP`, the output file) are swapped for temporary ones.
"""

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON = ".venv/bin/python"


def readme_commands() -> list[str]:
    """The first cell of each row of the README's command tables that runs manage.py."""
    return [match for match in re.findall(r"^\| `([^`]+)` \|", README, flags=re.M) if "manage.py" in match]


def as_arguments(command: str, tmp_path: Path) -> list[str]:
    files = {
        "import_plan": str(ROOT / "cchc" / "plans" / "seed" / "ke-hoach-tuyen-truyen-cchc-dinh-bien-2022.txt"),
        "import_procedures": str(ROOT / "cchc" / "procedures" / "data" / "catalogue.json"),
        "import_survey_responses": str(ROOT / "docs" / "mau-phieu-khao-sat.csv"),
    }
    arguments = shlex.split(command)
    name = arguments[arguments.index("manage.py") + 1]
    arguments = [files[name] if argument == "TỆP" else argument for argument in arguments]
    if "--output" in arguments:
        position = arguments.index("--output") + 1
        arguments[position] = str(tmp_path / arguments[position])
    if arguments[0] == PYTHON and not (ROOT / PYTHON).exists():
        arguments[0] = sys.executable
    return arguments


def clean_environment(tmp_path: Path) -> dict[str, str]:
    """What a new developer's shell has: no DEBUG, no SECRET_KEY, no settings at all."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cchc.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }


def run(arguments: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(arguments, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)  # noqa: S603 (the README's own commands)


def test_the_readme_lists_the_commands_a_developer_needs():
    names = {shlex.split(command)[2] for command in readme_commands()}
    assert {"create_commune", "load_demo", "import_plan", "export_plan", "import_procedures"} <= names


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A folder with a migrated database, as `make run` leaves it (the demo is a README command)."""
    folder = tmp_path_factory.mktemp("fresh-clone")
    result = run([sys.executable, "manage.py", "migrate", "--noinput"], clean_environment(folder))
    assert result.returncode == 0, result.stderr
    return folder


def test_every_readme_command_works_as_written_without_debug_or_secret_key(migrated):
    tmp_path = migrated
    environment = clean_environment(tmp_path)
    commands = readme_commands()
    # `make run` loads the demo first; load_demo is also a README command, so run it first.
    commands.sort(key=lambda command: "load_demo" not in command)
    failures = []
    for command in commands:
        if "render_speech" in command and not shutil.which("espeak-ng"):
            # CI installs espeak-ng and must run it; a fresh developer machine runs the rest of the README.
            assert os.environ.get("CI") != "true", "espeak-ng missing in CI"
            continue
        result = run(as_arguments(command, tmp_path), environment)
        if result.returncode != 0:
            failures.append(f"{command}\n{result.stderr[-2000:]}")
    assert not failures, "\n\n".join(failures)
    assert (tmp_path / "kh.docx").stat().st_size > 10_000


@pytest.mark.parametrize("variables", [{"DEBUG": "0"}, {"CCHC_ENV": "production"}, {}])
def test_production_never_starts_with_a_default_secret(tmp_path, variables):
    environment = clean_environment(tmp_path) | variables
    if variables:  # a command told it is production
        result = run([sys.executable, "manage.py", "check"], environment)
    else:  # the web server, which is always production
        result = run([sys.executable, "-c", "import cchc.wsgi"], environment)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_secret_key_alone_means_production(tmp_path):
    environment = clean_environment(tmp_path) | {"SECRET_KEY": "x" * 50}
    result = run(
        [sys.executable, "manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        environment,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"


def test_the_production_server_named_in_the_readme_is_pinned():
    lock = (ROOT / "requirements.lock").read_text()
    assert ".venv/bin/granian --interface wsgi" in README
    assert re.search(r"^granian==[\d.]+$", lock, flags=re.M)


def test_make_run_shows_the_accounts_last_not_under_the_servers_english_lines(migrated):
    accounts = migrated / "tai-khoan-mau.txt"
    accounts.write_text("Đăng nhập trang quản trị (mật khẩu chung: cchc@2022)\n  chutich  Chủ tịch\n", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = clean_environment(migrated) | {
        "PORT": str(port),
        "ACCOUNTS_FILE": str(accounts),
        "LOG_FILE": str(migrated / "may-chu.log"),
    }
    screen = migrated / "man-hinh.txt"
    with screen.open("w") as output:
        script = subprocess.Popen(  # noqa: S603 (our own script)
            [str(ROOT / "scripts" / "run.sh")],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while "Ctrl-C" not in screen.read_text() and script.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        shown = screen.read_text()
    finally:
        os.killpg(script.pid, signal.SIGINT)
        script.wait(timeout=30)
    assert "chutich  Chủ tịch" in shown, shown
    after_accounts = shown[shown.index("Đăng nhập trang quản trị") :]
    for english in ("Starting development server", "Quit the server", "Django version", "Watching for file"):
        assert english not in after_accounts
    assert f"http://127.0.0.1:{port}/quan-tri/" in after_accounts
    assert "Đã dừng máy chủ web và các tiến trình nền." in screen.read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "load_demo --port $(PORT) > data/tai-khoan-mau.txt" in makefile
    assert 'ACCOUNTS_FILE="${ACCOUNTS_FILE:-data/tai-khoan-mau.txt}"' in (ROOT / "scripts" / "run.sh").read_text()
