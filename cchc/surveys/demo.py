"""Demo: one survey round of Định Biên with sixty made-up paper forms, typed in through the bulk recorder.

The answers come from a fixed pseudo-random sequence so that the demo shows the same index every time;
the campaign's title says they are illustrative. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .actions import CreateCampaign
from .models import Campaign, CampaignStatus, Channel
from .official import default_template
from .responses import Form, record_responses

TITLE = "Khảo sát sự hài lòng năm 2026 (số liệu minh họa)"
FORMS = 60
# Chance of each answer 1–5, per element: the waiting room and feedback handling score lowest.
WEIGHTS = {
    1: (2, 6, 20, 45, 27),
    2: (1, 3, 12, 50, 34),
    3: (1, 2, 10, 47, 40),
    4: (1, 2, 9, 52, 36),
    5: (4, 8, 25, 40, 23),
}
BLANK_CHANCE = 0.06


@transaction.atomic
def load_demo_surveys(commune: Commune) -> int:
    """Create the demo round and its forms once; returns how many forms were stored."""
    with commune_scope(commune):
        if Campaign.objects.filter(title=TITLE).exists():
            return 0
        template = default_template()
        campaign = CreateCampaign(
            Campaign(
                commune=commune,
                title=TITLE,
                template=template,
                period_start=dt.date(2026, 10, 1),
                period_end=dt.date(2026, 12, 31),
                scope_note="Các thủ tục giải quyết tại Bộ phận một cửa của xã",
                sample_target=90,
                respondents="Người từ 18 tuổi đã giải quyết thủ tục tại xã trong năm",
                status=CampaignStatus.OPEN,
            )
        ).execute()
    rng = random.Random(2026)  # noqa: S311 - illustrative data, not security
    codes = list(template.criteria().values_list("code", "element__number"))
    forms = []
    for number in range(1, FORMS + 1):
        answers = {
            code: None if rng.random() < BLANK_CHANCE else rng.choices(range(1, 6), WEIGHTS[element])[0]
            for code, element in codes
        }
        forms.append(Form(answers=answers, idempotency_key=f"demo:{number}"))
    return record_responses(commune=commune, campaign=campaign, forms=forms, channel=Channel.PAPER).stored
