"""There is one way out of a commune scope, ``all_communes()``, and it is used in named places only.

The test reads the source (``cchc/``, tests excluded) and counts every way to read commune data
without a scope: calls of ``all_communes()``, django-scopes' ``scopes_disabled()`` and
``with_scopes_disabled()``, imports from ``django_scopes``, and ``_base_manager`` (Django's
unscoped manager). A new one fails here until it is added below with its reason.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ESCAPES = {"all_communes", "scopes_disabled", "with_scopes_disabled", "_base_manager"}

# (file, escape) -> (how many times, why)
ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    ("cchc/communes/scoping.py", "scopes_disabled"): (1, "all_communes() is defined with it: the one way out"),
    ("cchc/communes/scoping.py", "django_scopes"): (3, "the scoping module wraps django-scopes for the rest"),
    ("cchc/communes/access.py", "all_communes"): (
        2,
        "which communes a user holds roles in, needed to choose the request's commune before its scope opens",
    ),
    ("cchc/communes/guards.py", "_base_manager"): (
        3,
        "the save-time guard reads the commune of the rows (and pages, files) a write points at, whatever the "
        "active scope",
    ),
    ("cchc/communes/testing.py", "all_communes"): (1, "test helper building rows in any commune"),
    ("cchc/communes/testing.py", "_base_manager"): (1, "test helper building platform-wide rows"),
    ("cchc/portal/news.py", "_base_manager"): (
        2,
        "the article editor offers the tasks of the commune the article lives in, named explicitly, whatever "
        "the admin's active scope (a platform admin's switched commune)",
    ),
    ("cchc/procedures/learning.py", "all_communes"): (
        2,
        "the search log's retention (entries older than a year deleted in every commune by one platform job), and "
        "which communes taught their search anything (ids only, so that the others' searches read nothing more)",
    ),
    ("cchc/surveys/index.py", "all_communes"): (
        1,
        "the province's figure: every commune's satisfaction index in one pass, for the overseers and the benchmark",
    ),
    ("cchc/surveys/tallies.py", "all_communes"): (
        2,
        "the survey counts are rebuilt for every commune by the data migration, and for every round that counted "
        "a procedure field of the shared catalogue when that field is deleted",
    ),
    ("cchc/broadcasts/devices.py", "all_communes"): (
        1,
        "a speaker calls in with its token alone; the token is what says which commune's cluster it is",
    ),
    ("cchc/procedures/catalogue/loading.py", "_base_manager"): (
        1,
        "a new catalogue version repoints every commune's published copy of that procedure (platform job)",
    ),
}


def _escapes(tree: ast.AST) -> Counter:
    found: Counter = Counter()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ESCAPES - {"_base_manager"}:
                found[name] += 1
        elif isinstance(node, ast.Attribute) and node.attr == "_base_manager":
            found["_base_manager"] += 1
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django_scopes"):
            found["django_scopes"] += 1
    return found


def _source_escapes() -> dict[tuple[str, str], int]:
    result = {}
    for path in sorted((ROOT / "cchc").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative:
            continue
        for escape, count in _escapes(ast.parse(path.read_text(encoding="utf-8"))).items():
            result[(relative, escape)] = count
    return result


def test_every_way_out_of_a_commune_scope_is_on_the_allow_list():
    unexpected = {key: count for key, count in _source_escapes().items() if count > ALLOWED.get(key, (0, ""))[0]}
    assert not unexpected, (
        "Commune data read outside a scope; open commune_scope(commune) instead, or add the place "
        f"to ALLOWED with its reason: {unexpected}"
    )


def test_the_allow_list_names_no_place_that_no_longer_steps_out():
    found = _source_escapes()
    stale = {key: allowed for key, (allowed, _) in ALLOWED.items() if found.get(key, 0) < allowed}
    assert not stale, f"Lower or remove these entries of ALLOWED: {stale}"


def test_the_scanner_sees_each_kind_of_escape():
    code = (
        "from django_scopes import scopes_disabled\n"
        "with all_communes():\n    pass\n"
        "with scopes_disabled():\n    pass\n"
        "Village.objects.with_scopes_disabled().all()\n"
        "Village._base_manager.all()\n"
    )
    assert _escapes(ast.parse(code)) == Counter(
        {"django_scopes": 1, "all_communes": 1, "scopes_disabled": 1, "with_scopes_disabled": 1, "_base_manager": 1}
    )
