"""The evaluation set written separately (``evaluation/cases/``): each file is imported with the command into a
fresh campaign, and either its index must equal ``<stem>.expected.json`` or, when that says ``"error": true``,
the import must fail, store nothing, and name the expected row (and column)."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.communes.scoping import commune_scope
from cchc.surveys.models import Campaign, Response

CASES_DIR = Path(__file__).parent / "evaluation" / "cases"
CASES = sorted(
    path
    for pattern in ("*.csv", "*.xlsx")
    for path in (CASES_DIR.glob(pattern) if CASES_DIR.is_dir() else [])
    if path.with_name(f"{path.stem}.expected.json").is_file()
)
KEYS = ("overall", "elements", "criteria", "responses")


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("case", CASES or [None], ids=lambda case: case.name if case else "no-cases")
def test_each_evaluation_case_gives_its_expected_index_or_error(commune_a, case):
    expected = json.loads(case.with_name(f"{case.stem}.expected.json").read_text(encoding="utf-8"))
    title = f"Đánh giá {case.stem}"
    args = ("import_survey_responses", str(case), "--commune", commune_a.slug, "--campaign", title)
    if expected.get("error"):
        with pytest.raises(CommandError) as failed:
            run(*args)
        message = str(failed.value)
        if "row" in expected:
            assert re.search(rf"Dòng {int(expected['row'])}\b", message), message
        if expected.get("column"):
            assert str(expected["column"]) in message, message
        with commune_scope(commune_a):
            assert not Response.objects.exists()
            assert not Campaign.objects.exists()
        return
    run(*args)
    printed = json.loads(run("survey_index", "--commune", commune_a.slug, "--campaign", title, "--json"))
    assert printed == {key: expected[key] for key in KEYS}


def test_the_evaluation_set_is_there():
    """It must run, never skip: an empty or moved folder fails here instead of passing unnoticed."""
    assert len(CASES) >= 16, f"the evaluation set is missing from {CASES_DIR}"
