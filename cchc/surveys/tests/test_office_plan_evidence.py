"""A survey round is evidence of the plan's survey task whose period it starts in."""

import datetime as dt

from django.urls import reverse

from cchc.communes.scoping import commune_scope
from cchc.plans.models import Plan, Task
from cchc.plans.progress import with_survey_evidence
from cchc.plans.structure import Channel


def make_plan(commune, year=2026):
    with commune_scope(commune):
        plan = Plan.objects.create(commune=commune, title=f"Tuyên truyền CCHC năm {year}", year=year)
        tasks = {
            "q4": Task.objects.create(
                commune=commune, plan=plan, title="Khảo sát sự hài lòng quý IV", channel=Channel.SURVEY, quarter=4
            ),
            "q2": Task.objects.create(
                commune=commune, plan=plan, title="Khảo sát sự hài lòng quý II", channel=Channel.SURVEY, quarter=2
            ),
            "radio": Task.objects.create(
                commune=commune, plan=plan, title="Phát thanh về CCHC", channel=Channel.RADIO, quarter=4
            ),
        }
    return plan, tasks


def test_a_round_starting_in_a_survey_tasks_quarter_is_its_evidence_once_it_has_forms(
    commune_a, commune_b, make_campaign, answer
):
    _plan, tasks = make_plan(commune_a)
    rounds = [
        make_campaign(commune_a, title="Khảo sát quý IV năm 2026", period_start=dt.date(2026, 10, 1)),
        make_campaign(commune_a, title="Khảo sát năm 2025", period_start=dt.date(2025, 10, 1)),
        make_campaign(commune_b, title="Khảo sát quý IV của Phú Đình", period_start=dt.date(2026, 10, 1)),
    ]
    make_campaign(commune_a, title="Đợt mở mà chưa ai trả lời", period_start=dt.date(2026, 11, 1))
    for round_ in rounds:
        answer(round_, {"1.1": 5})
    with commune_scope(commune_a):
        listed = with_survey_evidence(list(Task.objects.filter(pk__in=[t.pk for t in tasks.values()])))
    evidence = {task.title: [c.title for c in task.survey_campaigns] for task in listed}
    assert evidence == {
        "Khảo sát sự hài lòng quý IV": ["Khảo sát quý IV năm 2026"],
        "Khảo sát sự hài lòng quý II": [],
        "Phát thanh về CCHC": [],
    }


def test_the_task_list_links_the_round_to_its_results(client, commune_a, commune_b, office_a, make_campaign, answer):
    make_plan(commune_a)
    round_ = make_campaign(commune_a, title="Khảo sát quý IV năm 2026", period_start=dt.date(2026, 11, 1))
    make_plan(commune_b)
    other = make_campaign(commune_b, title="Khảo sát của Phú Đình", period_start=dt.date(2026, 11, 1))
    answer(round_, {"2.1": 4})
    answer(other, {"2.1": 4})
    client.force_login(office_a)
    html = client.get(reverse("nhiem-vu:index")).content.decode()
    assert reverse("cchc_surveys_results", args=[round_.pk]) in html
    assert "Đợt khảo sát: Khảo sát quý IV năm 2026" in html
    assert "Khảo sát của Phú Đình" not in html
