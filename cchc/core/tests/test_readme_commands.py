"""Every `manage.py` command in the README works as written, on a machine where nobody set DEBUG or SECRET_KEY.

The commands run as a developer runs them after `make run`: from the project folder, with a migrated
database holding the demo data. Only the database, the media folders and the files a command names
(the placeholder `TỆP`, the output file) are swapped for temporary ones.
"""

import os
import re
import shlex
import subprocess
import sys
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


def test_every_readme_command_works_as_written_without_debug_or_secret_key(tmp_path):
    environment = clean_environment(tmp_path)
    commands = readme_commands()
    # `make run` migrates and loads the demo first; load_demo is also a README command, so run it first.
    commands.sort(key=lambda command: "load_demo" not in command)
    migrated = run(
        [PYTHON if (ROOT / PYTHON).exists() else sys.executable, "manage.py", "migrate", "--noinput"], environment
    )
    assert migrated.returncode == 0, migrated.stderr
    failures = []
    for command in commands:
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
