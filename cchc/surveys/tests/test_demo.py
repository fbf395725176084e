from cchc.communes.scoping import commune_scope
from cchc.surveys.demo import FORMS, TITLE, load_demo_surveys
from cchc.surveys.index import campaign_index
from cchc.surveys.models import Campaign


def test_the_demo_round_is_loaded_once_and_has_an_index_for_every_element(commune_a):
    assert load_demo_surveys(commune_a) == FORMS
    assert load_demo_surveys(commune_a) == 0
    with commune_scope(commune_a):
        campaign = Campaign.objects.get(title=TITLE)
    result = campaign_index(campaign)
    assert result.responses == FORMS
    assert all(value is not None for value in result.elements.values())
    assert 50 < result.overall < 100
