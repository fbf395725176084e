"""The index, on worked examples computed by hand in the comments (exact fractions, rounded half up at the end)."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc.communes.scoping import commune_scope
from cchc.procedures.models import ProcedureField
from cchc.surveys.index import campaign_index, province_overall, rounded
from cchc.surveys.models import Formula, Response
from cchc.surveys.tallies import rebuild_tallies

# Three respondents; a missing code is a blank answer.
#            1.1 1.2 1.3 2.1 3.1
#   R1        5   4   2   3   5
#   R2        3   -   4   4   4
#   R3        4   5   -   -   1
THREE = [
    {"1.1": 5, "1.2": 4, "1.3": 2, "2.1": 3, "3.1": 5},
    {"1.1": 3, "1.2": "", "1.3": 4, "2.1": 4, "3.1": 4},
    {"1.1": 4, "1.2": 5, "1.3": None, "3.1": 1},
]


def test_share_satisfied_counts_fours_and_fives_among_the_valid_answers(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    for form in THREE:
        answer(campaign, form)
    # 1.1: 5,3,4 → 2 of 3 satisfied = 66.666… → 66.67
    # 1.2: 4,5 (R2 blank) → 2 of 2 = 100
    # 1.3: 2,4 (R3 blank) → 1 of 2 = 50
    # 1.4: nobody answered → None, and it does not pull element 1 down
    # element 1 = (200/3 + 100 + 50) / 3 = 650/9 = 72.222… → 72.22
    # 2.1: 3,4 → 50; 2.2–2.5 none → element 2 = 50
    # 3.1: 5,4,1 → 2 of 3 = 66.67 → element 3 = 200/3 → 66.67
    # elements 4 and 5: no valid answer at all → None
    # overall = (650/9 + 50 + 200/3) / 3 = 1700/27 = 62.962… → 62.96
    result = campaign_index(campaign).as_json()
    assert result["criteria"]["1.1"] == 66.67
    assert result["criteria"]["1.2"] == 100.0
    assert result["criteria"]["1.3"] == 50.0
    assert result["criteria"]["1.4"] is None
    assert result["criteria"]["2.1"] == 50.0
    assert result["criteria"]["3.1"] == 66.67
    assert result["elements"] == {"1": 72.22, "2": 50.0, "3": 66.67, "4": None, "5": None}
    assert result["overall"] == 62.96
    assert result["responses"] == 3
    assert len(result["criteria"]) == 22
    assert all(value is None for code, value in result["criteria"].items() if code[0] in "45")


def test_mean_score_maps_one_to_five_onto_zero_to_a_hundred(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a, formula=Formula.MEAN_SCORE)
    for form in THREE:
        answer(campaign, form)
    # (v-1)/4*100: 1→0, 2→25, 3→50, 4→75, 5→100
    # 1.1: 100, 50, 75 → 75;  1.2: 75, 100 → 87.5;  1.3: 25, 75 → 50
    # element 1 = (75 + 87.5 + 50) / 3 = 212.5/3 = 70.833… → 70.83
    # 2.1: 50, 75 → 62.5 = element 2
    # 3.1: 100, 75, 0 → 175/3 = 58.333… → 58.33 = element 3
    # overall = (425/6 + 375/6 + 350/6) / 3 = (1150/6) / 3 = 575/9 = 63.888… → 63.89
    result = campaign_index(campaign)
    assert result.criteria["1.1"] == 75
    assert result.criteria["1.2"] == Fraction(175, 2)
    assert result.elements["1"] == Fraction(425, 6)
    assert result.overall == Fraction(575, 9)
    figures = result.as_json()
    assert (figures["elements"]["1"], figures["elements"]["2"], figures["elements"]["3"]) == (70.83, 62.5, 58.33)
    assert figures["overall"] == 63.89
    # the same answers by the default formula give another figure: the formula really is the campaign's
    assert campaign_index(campaign, formula=Formula.SHARE_SATISFIED).as_json()["overall"] == 62.96


def test_rounding_is_half_up_on_the_exact_value_not_float_rounding(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    # eight respondents: 1.1 gets one 5 and seven 1s → 1/8 = 12.5; 1.2 all 1s → 0; 2.1 all 2s → 0
    # element 1 = (12.5 + 0) / 2 = 6.25; element 2 = 0
    # overall = 6.25 / 2 = 3.125 exactly → 3.13 half up (float round(3.125, 2) gives 3.12)
    for n in range(8):
        answer(campaign, {"1.1": 5 if n == 0 else 1, "1.2": 1, "2.1": 2})
    result = campaign_index(campaign)
    assert result.overall == Fraction(25, 8)
    assert rounded(result.overall) == Decimal("3.13")
    assert result.as_json()["overall"] == 3.13
    assert result.as_json()["elements"]["1"] == 6.25


def test_a_campaign_without_answers_has_no_index_and_extra_questions_never_count(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    empty = campaign_index(campaign).as_json()
    assert empty["overall"] is None
    assert set(empty["elements"]) == {"1", "2", "3", "4", "5"}
    assert all(value is None for value in empty["criteria"].values())
    assert empty["responses"] == 0

    from cchc.surveys.actions import CreateCampaignQuestion
    from cchc.surveys.models import CampaignQuestion

    with commune_scope(commune_a):
        CreateCampaignQuestion(
            CampaignQuestion(commune=commune_a, campaign=campaign, number=1, text="Xã có nên mở cửa sáng thứ Bảy?")
        ).execute()
    # 2.1: one answer 5 → 100; R.1 answered 1 by both, which must change nothing
    answer(campaign, {"2.1": 5, "R.1": 1})
    answer(campaign, {"R.1": 1})
    result = campaign_index(campaign).as_json()
    assert result["overall"] == 100.0
    assert "R.1" not in result["criteria"]
    assert result["responses"] == 2


def test_the_index_filters_by_procedure_field_and_period(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    civil = ProcedureField.objects.create(code="HT-TEST", name="Hộ tịch thử", slug="ho-tich-thu")
    answer(campaign, {"1.1": 5}, procedure_field=civil)
    old = answer(campaign, {"1.1": 1})
    with commune_scope(commune_a):
        Response.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    rebuild_tallies(commune=commune_a, campaign=campaign)  # a response rewritten behind record_response's back
    # all: 1 of 2 satisfied = 50; civil status only: 100; the last 30 days only: 100
    assert campaign_index(campaign).as_json()["overall"] == 50.0
    assert campaign_index(campaign, procedure_field=civil).as_json()["overall"] == 100.0
    recent = campaign_index(campaign, since=timezone.now() - dt.timedelta(days=30))
    assert (recent.as_json()["overall"], recent.responses) == (100.0, 1)


def test_the_index_is_one_grouped_query_over_the_tallies_however_many_answers(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    for n in range(30):
        answer(campaign, {f"{e}.1": 1 + n % 5 for e in range(1, 6)})
    with CaptureQueriesContext(connection) as queries:
        campaign_index(campaign)
    grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert len(grouped) == 1
    assert len(queries.captured_queries) <= 4
    assert not [q for q in queries.captured_queries if '"surveys_answer"' in q["sql"]]  # never the answers


@pytest.mark.parametrize("formula", [Formula.SHARE_SATISFIED, Formula.MEAN_SCORE])
def test_province_figures_give_each_commune_the_same_overall_as_its_own_campaign(
    commune_a, commune_b, make_campaign, answer, make_commune, formula
):
    a = make_campaign(commune_a, formula=formula)
    b = make_campaign(commune_b, formula=formula)
    for form in THREE:
        answer(a, form)
    answer(b, {"1.1": 4, "2.2": 2, "5.4": 5})
    silent = make_commune("Xã Bảo Linh")
    figures = province_overall("Tỉnh Thái Nguyên", formula=formula)
    assert figures[commune_a.pk] == campaign_index(a).overall
    assert figures[commune_b.pk] == campaign_index(b).overall
    assert figures[silent.pk] is None
