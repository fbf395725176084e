"""The import graph runs one way: ``core`` <- ``communes`` <- the apps (and ``demo`` above them all).

Read from the source with ``ast``: every ``import`` and ``from … import`` of ``cchc/core`` and
``cchc/communes`` (tests excluded), at module level or inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ALLOWED = {"core": {"core"}, "communes": {"core", "communes"}}


def _imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return found


def _violations(app: str) -> list[str]:
    result = []
    for path in sorted((ROOT / "cchc" / app).rglob("*.py")):
        if "tests" in path.relative_to(ROOT).parts:
            continue
        package = ".".join(path.relative_to(ROOT).parts[:-1])
        for line, module in _imported_modules(path.read_text(encoding="utf-8"), package):
            parts = module.split(".")
            if parts[0] == "cchc" and (len(parts) < 2 or parts[1] not in ALLOWED[app]):
                result.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return result


def test_core_imports_no_other_cchc_app():
    assert _violations("core") == []


def test_communes_imports_only_core():
    assert _violations("communes") == []


def test_the_reader_resolves_relative_and_nested_imports():
    source = "from .models import Commune\nfrom ..portal import models\ndef f():\n    import cchc.plans.demo\n"
    assert [m for _, m in _imported_modules(source, "cchc.communes")] == [
        "cchc.communes.models",
        "cchc.portal",
        "cchc.plans.demo",
    ]
