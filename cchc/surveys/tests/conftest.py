import itertools

import pytest

from cchc.communes.scoping import commune_scope
from cchc.surveys.actions import CreateCampaign
from cchc.surveys.models import Campaign, Channel, Formula
from cchc.surveys.official import default_template
from cchc.surveys.responses import record_response

_keys = itertools.count(1)


@pytest.fixture
def official_template(db):
    template = default_template()  # loads the questionnaires again after a transactional test's flush
    assert template.code == "2640"
    return template


@pytest.fixture
def make_campaign(official_template):
    """Open a campaign through the action, as the admin screen and the importer do."""

    def make(commune, title="Khảo sát năm 2026", formula=Formula.SHARE_SATISFIED, user=None, **extra):
        with commune_scope(commune):
            row = Campaign(commune=commune, title=title, template=official_template, formula=formula, **extra)
            return CreateCampaign(row, user=user).execute()

    return make


@pytest.fixture
def answer():
    """Record one respondent's form through record_response (a fresh key each time unless given)."""

    def make(campaign, answers, *, key=None, channel=Channel.PAPER, **extra):
        return record_response(
            commune=campaign.commune,
            campaign=campaign,
            answers=answers,
            channel=channel,
            idempotency_key=key or f"test-{next(_keys)}",
            **extra,
        )

    return make
