"""The commune's own questions (R.1, R.2…) and its targets per procedure field, on their admin screens."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.procedures.models import ProcedureField
from cchc.surveys.actions import CreateCampaignQuestion, DeleteCampaignQuestion, EditCampaignQuestion
from cchc.surveys.models import CampaignQuestion, FieldTarget


def add_question(commune, campaign, number, text):
    with commune_scope(commune):
        row = CampaignQuestion(commune=commune, campaign=campaign, number=number, text=text)
        return CreateCampaignQuestion(row).execute()


def test_the_office_adds_a_question_and_it_takes_the_next_free_number(client, commune_a, office_a, make_campaign):
    campaign = make_campaign(commune_a)
    add_question(commune_a, campaign, 1, "Ông/bà có được hướng dẫn tận tình không?")
    client.force_login(office_a)
    form = client.get(reverse("khao-sat-cau-hoi:add") + f"?campaign={campaign.pk}").content.decode()
    assert 'name="number" value="2"' in form
    response = client.post(
        reverse("khao-sat-cau-hoi:add"), {"campaign": campaign.pk, "number": "", "text": "Nhà vệ sinh có sạch không?"}
    )
    assert response.status_code == 302
    with commune_scope(commune_a):
        added = CampaignQuestion.objects.get(text="Nhà vệ sinh có sạch không?")
    assert added.code == "R.2"
    assert added.commune == commune_a
    listing = client.get(reverse("khao-sat-cau-hoi:index") + f"?campaign={campaign.pk}").content.decode()
    assert "Nhà vệ sinh có sạch không?" in listing
    rounds = client.get(reverse("khao-sat:index")).content.decode()
    assert "Câu hỏi riêng" in rounds
    assert reverse("khao-sat-cau-hoi:index") + f"?campaign={campaign.pk}" in rounds


def test_another_communes_official_sees_none_of_the_questions_nor_the_rounds(
    client, commune_a, commune_b, office_b, make_campaign
):
    campaign = make_campaign(commune_a, title="Đợt riêng của xã A")
    question = add_question(commune_a, campaign, 1, "Câu hỏi của xã A")
    client.force_login(office_b)
    assert "Câu hỏi của xã A" not in client.get(reverse("khao-sat-cau-hoi:index")).content.decode()
    assert client.get(reverse("khao-sat-cau-hoi:edit", args=[question.pk])).status_code == 404
    assert client.get(reverse("khao-sat-cau-hoi:delete", args=[question.pk])).status_code == 404
    form = client.get(reverse("khao-sat-cau-hoi:add") + f"?campaign={campaign.pk}").content.decode()
    assert "Đợt riêng của xã A" not in form
    response = client.post(reverse("khao-sat-cau-hoi:add"), {"campaign": campaign.pk, "text": "Câu chen ngang"})
    assert response.status_code == 200  # the round is not a choice: the form comes back with an error
    with commune_scope(commune_b):
        assert not CampaignQuestion.objects.exists()


def test_an_answered_question_can_be_reworded_but_not_removed_or_renumbered(
    client, commune_a, office_a, make_campaign, answer
):
    campaign = make_campaign(commune_a)
    question = add_question(commune_a, campaign, 1, "Ông/bà có hài lòng với giờ làm việc?")
    answer(campaign, {"1.1": 4, "R.1": 3})
    client.force_login(office_a)
    response = client.post(reverse("khao-sat-cau-hoi:delete", args=[question.pk]), follow=True)
    assert "đã có người trả lời: không xóa được" in response.content.decode()
    response = client.post(
        reverse("khao-sat-cau-hoi:edit", args=[question.pk]),
        {"campaign": campaign.pk, "number": "2", "text": question.text},
    )
    assert "không đổi được số thứ tự" in response.content.decode()
    response = client.post(
        reverse("khao-sat-cau-hoi:edit", args=[question.pk]),
        {"campaign": campaign.pk, "number": "1", "text": "Giờ làm việc có thuận tiện không?"},
    )
    assert response.status_code == 302
    with commune_scope(commune_a):
        question.refresh_from_db()
    assert (question.number, question.text) == (1, "Giờ làm việc có thuận tiện không?")
    with commune_scope(commune_a), pytest.raises(PermissionDenied):
        DeleteCampaignQuestion(question).execute()


def test_an_unanswered_question_is_removed_and_renumbered(client, commune_a, office_a, make_campaign):
    campaign = make_campaign(commune_a)
    first = add_question(commune_a, campaign, 1, "Câu một")
    second = add_question(commune_a, campaign, 2, "Câu hai")
    with commune_scope(commune_a):
        first.number = 5
        EditCampaignQuestion(first).execute()
    client.force_login(office_a)
    assert client.post(reverse("khao-sat-cau-hoi:delete", args=[second.pk])).status_code == 302
    with commune_scope(commune_a):
        assert list(CampaignQuestion.objects.values_list("number", flat=True)) == [5]


def test_officials_outside_the_survey_roles_may_not_add_questions(client, commune_a, make_official, make_campaign):
    campaign = make_campaign(commune_a)
    overseer = make_official(commune_a, Role.OVERSEER)
    row = CampaignQuestion(commune=commune_a, campaign=campaign, number=1, text="Câu hỏi")
    with commune_scope(commune_a), pytest.raises(PermissionDenied):
        CreateCampaignQuestion(row, user=overseer).execute()


@pytest.fixture
def civil(db):
    return ProcedureField.objects.get_or_create(code="HT", defaults={"name": "Hộ tịch", "slug": "ho-tich"})[0]


@pytest.fixture
def land(db):
    return ProcedureField.objects.get_or_create(code="DD", defaults={"name": "Đất đai", "slug": "dat-dai"})[0]


def test_the_office_sets_a_target_per_field_once_per_round(client, commune_a, office_a, make_campaign, civil):
    campaign = make_campaign(commune_a)
    client.force_login(office_a)
    url = reverse("khao-sat-chi-tieu:add")
    response = client.post(url, {"campaign": campaign.pk, "procedure_field": civil.pk, "target": "30"})
    assert response.status_code == 302
    again = client.post(url, {"campaign": campaign.pk, "procedure_field": civil.pk, "target": "10"})
    assert "Đợt khảo sát đã có số phiếu dự kiến cho lĩnh vực này." in again.content.decode()
    zero = client.post(url, {"campaign": campaign.pk, "procedure_field": civil.pk, "target": "0"})
    assert zero.status_code == 200
    with commune_scope(commune_a):
        assert list(FieldTarget.objects.values_list("target", flat=True)) == [30]


def test_a_target_of_another_commune_is_neither_listed_nor_reachable(
    client, commune_a, commune_b, office_a, office_b, make_campaign, civil
):
    campaign = make_campaign(commune_a, title="Đợt của xã A")
    client.force_login(office_a)
    client.post(reverse("khao-sat-chi-tieu:add"), {"campaign": campaign.pk, "procedure_field": civil.pk, "target": "7"})
    with commune_scope(commune_a):
        target = FieldTarget.objects.get()
    client = Client()  # a fresh browser: no message left from A's save
    client.force_login(office_b)
    assert "Đợt của xã A" not in client.get(reverse("khao-sat-chi-tieu:index")).content.decode()
    assert client.get(reverse("khao-sat-chi-tieu:edit", args=[target.pk])).status_code == 404


def test_the_dashboard_shows_forms_received_against_each_fields_target(
    client, commune_a, commune_b, office_a, make_campaign, answer, civil, land
):
    campaign = make_campaign(commune_a)
    other = make_campaign(commune_b)
    for c, commune, n in ((campaign, commune_a, 12), (other, commune_b, 5)):
        with commune_scope(commune):
            FieldTarget.objects.create(commune=commune, campaign=c, procedure_field=civil, target=n)
    with commune_scope(commune_a):
        FieldTarget.objects.create(commune=commune_a, campaign=campaign, procedure_field=land, target=4)
    answer(campaign, {"1.1": 4}, procedure_field=civil)
    answer(campaign, {"1.1": 5}, procedure_field=civil)
    answer(campaign, {"1.1": 5}, procedure_field=civil)
    answer(other, {"1.1": 5}, procedure_field=civil)  # B's form counts for B only
    client.force_login(office_a)
    html = client.get(reverse("cchc_surveys_results", args=[campaign.pk])).content.decode()
    assert "Tiến độ thu phiếu theo lĩnh vực" in html
    assert '<th scope="row">Hộ tịch</th><td class="n">3</td><td class="n">12</td><td class="n">25%</td>' in html
    assert '<th scope="row">Đất đai</th><td class="n">0</td><td class="n">4</td><td class="n">0%</td>' in html


def test_a_round_limited_to_some_fields_takes_targets_for_those_fields_only(
    client, commune_a, office_a, make_campaign, civil, land
):
    campaign = make_campaign(commune_a)
    with commune_scope(commune_a):
        campaign.procedure_fields.set([civil])
    client.force_login(office_a)
    url = reverse("khao-sat-chi-tieu:add")
    refused = client.post(url, {"campaign": campaign.pk, "procedure_field": land.pk, "target": "5"})
    assert "Đợt khảo sát này không khảo sát lĩnh vực đã chọn." in refused.content.decode()
    assert client.post(url, {"campaign": campaign.pk, "procedure_field": civil.pk, "target": "5"}).status_code == 302
    with commune_scope(commune_a):
        assert list(FieldTarget.objects.values_list("procedure_field__code", flat=True)) == ["HT"]


def test_the_question_and_target_lists_cost_the_same_queries_for_two_or_eight_rows(
    client, commune_a, office_a, make_campaign, django_assert_max_num_queries
):
    campaign = make_campaign(commune_a)
    fields = [
        ProcedureField.objects.get_or_create(code=f"Q{n}", defaults={"name": f"Lĩnh vực {n}", "slug": f"lv-{n}"})[0]
        for n in range(8)
    ]
    client.force_login(office_a)

    def add(count):
        for n in range(count):
            client.post(reverse("khao-sat-cau-hoi:add"), {"campaign": campaign.pk, "number": "", "text": f"Câu {n}"})
            client.post(
                reverse("khao-sat-chi-tieu:add"),
                {"campaign": campaign.pk, "procedure_field": fields.pop().pk, "target": "5"},
            )

    lists = [reverse("khao-sat-cau-hoi:index"), reverse("khao-sat-chi-tieu:index")]
    add(2)
    budgets = []
    for url in lists:
        client.get(url)
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        budgets.append(len(few.captured_queries))
    add(3)
    for url, budget in zip(lists, budgets, strict=True):
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
    with commune_scope(commune_a):
        assert CampaignQuestion.objects.count() == 5
        assert FieldTarget.objects.count() == 5
