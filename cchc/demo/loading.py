"""Load the whole demo: communes and officials, then each app's demo data, in that order."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from cchc.broadcasts.demo import RadioDemo, load_demo_radio
from cchc.communes.models import Commune
from cchc.contests.demo import load_demo_contests
from cchc.feedback.demo import load_demo_feedback
from cchc.indices.demo import load_demo_indices
from cchc.plans.demo import load_demo_plan
from cchc.plans.models import Plan
from cchc.portal.demo import load_demo_news
from cchc.procedures.demo import load_demo_procedures
from cchc.surveys.demo import load_demo_surveys

from .communes import load_demo_communes


@dataclass(frozen=True)
class Demo:
    communes: list[Commune]
    plan: Plan
    radio: RadioDemo


@transaction.atomic
def load_demo(*, port: int = 8000, device_token: bool = False) -> Demo:
    """Everything `make run` shows; running it again changes nothing (but for a new speaker token when asked:
    a token is readable only when issued, so the accounts file gets a fresh one)."""
    communes = load_demo_communes(port=port)
    plan = load_demo_plan(communes[0])
    load_demo_procedures(*communes)
    load_demo_indices(communes[0])
    load_demo_surveys(communes[0])
    load_demo_news(communes[0])
    radio = load_demo_radio(communes[0], issue_token=device_token)
    load_demo_contests(communes[0])
    load_demo_feedback(communes[0])
    return Demo(communes=communes, plan=plan, radio=radio)
