"""Running tallies: the index read from them equals the index counted from the answers, exactly."""

import datetime as dt
import random
import threading

import pytest
from django.db import connection
from django.utils import timezone

from cchc.communes.scoping import all_communes, commune_scope
from cchc.procedures.models import ProcedureField
from cchc.surveys.actions import CreateCampaignQuestion
from cchc.surveys.index import Tally, aggregate, campaign_index, overall_in_integers, province_overall, split_period
from cchc.surveys.models import AnswerTally, CampaignQuestion, Channel, CriterionTally, Formula
from cchc.surveys.responses import Form, record_responses
from cchc.surveys.tallies import rebuild_tallies

PROVINCE = "Tỉnh Thái Nguyên"


def local(year, month, day, hour=0, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def tally_rows(commune):
    with commune_scope(commune):
        fine = sorted(
            AnswerTally.objects.values_list(
                "campaign_id", "criterion_id", "question_id", "procedure_field_id", "month", "value", "count"
            ),
            key=repr,
        )
        totals = sorted(
            CriterionTally.objects.values_list("campaign_id", "criterion_id", "month", "valid", "satisfied", "total")
        )
    return fine, totals


@pytest.fixture
def fields(db):
    return [
        ProcedureField.objects.create(code=f"TT-{n}", name=f"Lĩnh vực thử {n}", slug=f"linh-vuc-thu-{n}")
        for n in range(3)
    ]


def fill_at_random(campaign, fields, seed, count=120):
    """Forms spread over Jan–Jun 2026 at any hour, some fields missing, about one answer in six blank."""
    rng = random.Random(seed)
    codes = list(campaign.template.criteria().values_list("code", flat=True))
    with commune_scope(campaign.commune):
        CreateCampaignQuestion(
            CampaignQuestion(commune=campaign.commune, campaign=campaign, number=1, text="Câu hỏi riêng thử?")
        ).execute()
    forms = []
    for n in range(count):
        answers = {code: (rng.randint(1, 5) if rng.random() > 0.17 else "") for code in [*codes, "R.1"]}
        moment = local(2026, 1, 1) + dt.timedelta(minutes=rng.randrange(181 * 24 * 60))
        if n % 17 == 0:
            moment = local(2026, 3, 1) - dt.timedelta(minutes=n % 3)  # on and just before a month's first minute
        forms.append(
            Form(
                answers=answers,
                idempotency_key=f"rand-{seed}-{n}",
                procedure_field=rng.choice([*fields, None]),
                created_at=moment,
            )
        )
    # Several imports, so that later ones add to tally rows the earlier ones created.
    for start in range(0, count, 40):
        record_responses(commune=campaign.commune, campaign=campaign, forms=forms[start : start + 40])


PERIODS = [
    (None, None),
    (local(2026, 2, 1), local(2026, 5, 1)),  # whole months
    (local(2026, 2, 14, 9, 30), local(2026, 5, 3, 17)),  # partial months at both ends
    (local(2026, 3, 1), None),
    (None, local(2026, 3, 1)),
    (local(2026, 3, 10), local(2026, 3, 20)),  # inside one month
    (local(2026, 3, 10), local(2026, 4, 1)),  # from inside a month to the next one's start
    (local(2026, 4, 1), local(2026, 3, 1)),  # reversed: nothing
    (local(2025, 12, 1), local(2027, 1, 1)),  # wider than the data
]


@pytest.mark.parametrize("formula", [Formula.SHARE_SATISFIED, Formula.MEAN_SCORE])
def test_the_index_from_the_tallies_equals_the_index_from_the_answers_on_random_forms(
    commune_a, make_campaign, fields, formula
):
    campaign = make_campaign(commune_a, formula=formula)
    fill_at_random(campaign, fields, seed=3)
    compared = 0
    for field in [None, *fields]:
        for since, until in PERIODS:
            fast = campaign_index(campaign, procedure_field=field, since=since, until=until)
            slow = campaign_index(campaign, procedure_field=field, since=since, until=until, from_answers=True)
            assert (fast.overall, fast.elements, fast.criteria, fast.responses) == (
                slow.overall,
                slow.elements,
                slow.criteria,
                slow.responses,
            ), (field, since, until)
            compared += slow.responses
    assert compared > 500  # the comparisons were over real forms, not empty sets
    assert campaign_index(campaign).responses == 120


def test_province_figures_from_the_tallies_equal_those_from_the_answers(
    commune_a, commune_b, make_campaign, make_commune, fields
):
    fill_at_random(make_campaign(commune_a), fields, seed=5)
    fill_at_random(make_campaign(commune_b), fields, seed=6, count=60)
    fill_at_random(make_campaign(commune_b, title="Khảo sát lần hai"), fields, seed=7, count=30)
    silent = make_commune("Xã Bảo Linh")
    for formula in Formula.values:
        for since, until in PERIODS:
            fast = province_overall(PROVINCE, formula=formula, since=since, until=until)
            slow = province_overall(PROVINCE, formula=formula, since=since, until=until, from_answers=True)
            assert fast == slow, (formula, since, until)
        assert fast[silent.pk] is None
        assert fast[commune_a.pk] is not None
        assert fast[commune_b.pk] is not None


def test_rebuilding_the_tallies_from_the_answers_gives_the_rows_kept_while_recording(
    commune_a, commune_b, make_campaign, fields
):
    fill_at_random(make_campaign(commune_a), fields, seed=8, count=80)
    fill_at_random(make_campaign(commune_b), fields, seed=9, count=40)
    kept_a, kept_b = tally_rows(commune_a), tally_rows(commune_b)
    assert kept_a[0]
    assert kept_a[1]
    with all_communes():
        AnswerTally.objects.all().delete()
        CriterionTally.objects.all().delete()
    rebuild_tallies(commune=commune_a)
    assert tally_rows(commune_a) == kept_a
    assert tally_rows(commune_b) == ([], [])  # rebuilding A touched nothing of B
    rebuild_tallies()  # every commune, as the data migration does
    assert (tally_rows(commune_a), tally_rows(commune_b)) == (kept_a, kept_b)


def test_a_form_sent_twice_is_counted_once(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    answer(campaign, {"1.1": 5, "1.2": 2}, key="twice")
    answer(campaign, {"1.1": 5, "1.2": 2}, key="twice")
    record_responses(
        commune=commune_a, campaign=campaign, forms=[Form(answers={"1.1": 5, "1.2": 2}, idempotency_key="twice")]
    )
    result = campaign_index(campaign)
    assert result.responses == 1
    assert result.criteria["1.2"] == 0
    with commune_scope(commune_a):
        assert sorted(AnswerTally.objects.values_list("value", "count")) == [(0, 1), (2, 1), (5, 1)]


def test_a_blank_form_counts_as_a_response_but_as_no_answer(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    answer(campaign, {"1.1": ""})
    answer(campaign, {"1.1": 4})
    result = campaign_index(campaign)
    assert (result.responses, result.criteria["1.1"], result.criteria["1.2"]) == (2, 100, None)


def test_one_communes_forms_leave_the_other_communes_figures_alone(commune_a, commune_b, make_campaign, answer):
    a, b = make_campaign(commune_a), make_campaign(commune_b)
    answer(b, {"1.1": 1})
    before = campaign_index(b)
    for value in (5, 5, 4):
        answer(a, {"1.1": value})
    after = campaign_index(b)
    assert (after.overall, after.responses) == (before.overall, before.responses) == (0, 1)
    assert campaign_index(a).responses == 3


def test_deleting_a_procedure_field_moves_its_forms_out_of_it_in_the_figures(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    land = ProcedureField.objects.create(code="DD-T", name="Đất đai thử", slug="dat-dai-thu")
    answer(campaign, {"1.1": 5}, procedure_field=land)
    answer(campaign, {"1.1": 1})
    assert campaign_index(campaign, procedure_field=land.pk).responses == 1
    land_pk = land.pk
    land.delete()
    assert campaign_index(campaign, procedure_field=land_pk).responses == 0
    assert campaign_index(campaign).responses == 2
    with commune_scope(commune_a):
        assert not AnswerTally.objects.filter(procedure_field_id=land_pk).exists()


def test_a_period_is_read_from_whole_months_and_answers_only_for_the_parts_of_months():
    months, edges = split_period(local(2026, 2, 14, 9, 30), local(2026, 5, 3))
    assert months == (dt.date(2026, 3, 1), dt.date(2026, 5, 1))
    assert edges == [(local(2026, 2, 14, 9, 30), local(2026, 3, 1)), (local(2026, 5, 1), local(2026, 5, 3))]
    assert split_period(local(2026, 2, 1), local(2026, 4, 1)) == ((dt.date(2026, 2, 1), dt.date(2026, 4, 1)), [])
    assert split_period(None, None) == ((None, None), [])
    assert split_period(local(2026, 3, 10), local(2026, 3, 20)) == (None, [(local(2026, 3, 10), local(2026, 3, 20))])


@pytest.mark.skipif(connection.vendor == "sqlite", reason="two connections writing at once need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_forms_sent_at_once_by_many_phones_are_all_counted(commune_a, make_campaign, answer):  # pragma: no cover
    campaign = make_campaign(commune_a)
    errors = []

    def send(n):
        try:
            for k in range(5):
                answer(campaign, {"1.1": 1 + (n + k) % 5, "2.1": 4}, key=f"phone-{n}-{k}", channel=Channel.WEB)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    fast, slow = campaign_index(campaign), campaign_index(campaign, from_answers=True)
    assert fast.responses == slow.responses == 30
    assert fast.criteria == slow.criteria


@pytest.mark.parametrize("formula", [Formula.SHARE_SATISFIED, Formula.MEAN_SCORE])
def test_the_provinces_integer_arithmetic_gives_the_same_overall_as_the_fractions(official_template, formula):
    criteria = list(official_template.criteria())
    groups = {}
    for criterion in criteria:
        groups.setdefault(criterion.element.number, []).append(criterion.pk)
    rng = random.Random(13)
    checked = 0
    for _round in range(300):
        tallies = {}
        for criterion in criteria:
            if rng.random() < 0.8:  # some criteria unanswered, a few with an empty tally
                valid = rng.choice([0, 1, 2, 7, rng.randint(1, 5000)])
                satisfied = rng.randint(0, valid)
                tallies[criterion.pk] = Tally(valid, satisfied, rng.randint(valid, 5 * valid))
        expected = aggregate(criteria, tallies, formula)[0]
        as_tuples = {pk: (t.valid, t.satisfied, t.total) for pk, t in tallies.items()}
        assert overall_in_integers(list(groups.values()), as_tuples, formula) == expected
        checked += expected is not None
    assert checked > 250
    assert overall_in_integers(list(groups.values()), {}, formula) is None


def test_the_data_migration_fills_the_tallies_of_answers_stored_before_them(commune_a, make_campaign, fields):
    import importlib

    from django.apps import apps

    fill_at_random(make_campaign(commune_a), fields, seed=21, count=40)
    kept = tally_rows(commune_a)
    with all_communes():
        AnswerTally.objects.all().delete()
        CriterionTally.objects.all().delete()
    importlib.import_module("cchc.surveys.migrations.0004_tallies").fill_tallies(apps, None)
    assert tally_rows(commune_a) == kept
