from pathlib import Path

import pytest

from cchc.communes.models import Unit
from cchc.communes.scoping import commune_scope
from cchc.demo.communes import DINH_BIEN_UNITS

SEED = Path(__file__).resolve().parents[1] / "seed" / "ke-hoach-tuyen-truyen-cchc-dinh-bien-2022.txt"


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    """An uploaded plan is read by the task worker; here the worker's task runs inside the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def seed_path():
    return SEED


@pytest.fixture
def units_a(commune_a):
    with commune_scope(commune_a):
        return [
            Unit.objects.create(commune=commune_a, name=name, kind=kind, short_name=short)
            for name, kind, short in DINH_BIEN_UNITS
        ]


@pytest.fixture
def seed_plan(commune_a, units_a, seed_path):
    from cchc.plans.importer import parse_file
    from cchc.plans.importer.saving import save_parsed_plan

    return save_parsed_plan(commune=commune_a, parsed=parse_file(seed_path), source_name=seed_path.name)


@pytest.fixture
def plan_under_way(commune_a, seed_plan):
    """The seed plan signed and started: units report only on a plan under way, not on a draft."""
    from cchc.plans.actions import ChangePlanStatus
    from cchc.plans.models import PlanStatus

    for status in (PlanStatus.APPROVED, PlanStatus.IN_PROGRESS):
        ChangePlanStatus(commune=commune_a, plan=seed_plan, status=status).execute()
    return seed_plan
