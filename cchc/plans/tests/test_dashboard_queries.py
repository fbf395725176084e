"""The plan dashboard costs the same handful of queries however many places, tasks and villages a commune has."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.communes.models import Unit, Village
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.feedback.models import Feedback
from cchc.plans.models import BudgetLine, OutreachActivity, Plan, ProgressReport, Task
from cchc.procedures.catalogue import load_catalogue
from cchc.procedures.models import PlaceKind, Posting, PostingPlace, Procedure, ProcedureField, PublishedProcedure
from cchc.procedures.testing import catalogue_procedure

# The whole page: session, user, memberships, permissions and menus of the admin (15: the audit trail menu
# asks the roles), the dashboard (15, one of them the recurring tasks' periods, one the dialogue conferences with
# their questions, one the year's citizens' messages), and the status moves the official may make (the plan with
# its commune, 2).
DASHBOARD_QUERIES = 32


def _catalogue(count: int) -> None:
    procedures = [
        catalogue_procedure(f"9.{n:06d}", f"Thủ tục thử số {n}", "HT" if n % 2 else "CT") for n in range(count)
    ]
    fields = [{"code": "HT", "name": "Hộ tịch"}, {"code": "CT", "name": "Chứng thực"}]
    load_catalogue({"fields": fields, "life_events": [], "procedures": procedures})


def _grow(commune, plan: Plan, *, n: int) -> None:
    """Add ``n`` of everything the dashboard lists: villages, units, tasks with reports, activities,
    budget lines, posting places (village houses expecting one field, each missing some sheets) and postings."""
    procedures = list(Procedure.objects.filter(is_current=True))
    field = ProcedureField.objects.first()
    with commune_scope(commune):
        for _ in range(n):
            village = make_instance(Village, commune, sample="Xóm")
            unit = make_instance(Unit, commune, sample="Ban")
            task = make_instance(Task, commune, plan=plan, lead_unit=unit, quarter=1 + _ % 4,
                                 due_date=dt.date(2022, 2, 1))  # fmt: skip
            make_instance(ProgressReport, commune, task=task, percent=40)
            line = make_instance(BudgetLine, commune, plan=plan, amount=1_000_000)
            activity = make_instance(OutreachActivity, commune, plan=plan, task=task, budget_line=line,
                                     attendees=30, cost=200_000)  # fmt: skip
            activity.villages.add(village)
            talk = make_instance(Task, commune, plan=plan, lead_unit=unit, channel="dialogue", target_value=2)
            session = make_instance(OutreachActivity, commune, plan=plan, task=talk, channel="dialogue",
                                    held_on=dt.date(2022, 5, 10))  # fmt: skip
            Feedback.objects.create(commune=commune, code=f"A{session.pk:03d}-{_:04d}"[:9], kind="cau_hoi", title="Hỏi",
                                    body="Câu hỏi tại hội nghị", channel="hoi_nghi", session=session, unit=unit,
                                    received_at=dt.datetime(2022, 5, 10, 9, tzinfo=dt.UTC),
                                    idempotency_key=f"hn-{_}-{session.pk}")  # fmt: skip
            make_instance(Village, commune, sample="Xóm chưa tới")
            place = make_instance(
                PostingPlace, commune, kind=PlaceKind.VILLAGE_HOUSE, village=village, sample="Nhà văn hóa"
            )
            place.fields.add(field)
            for procedure in procedures[:2]:
                make_instance(Posting, commune, place=place, procedure=procedure)
        desk = make_instance(PostingPlace, commune, kind=PlaceKind.DESK, sample="Một cửa")
        make_instance(Posting, commune, place=desk, procedure=procedures[0])


@pytest.fixture
def plan_a(commune_a):
    _catalogue(6)
    procedures = list(Procedure.objects.filter(is_current=True))
    with commune_scope(commune_a):
        for procedure in procedures:
            make_instance(PublishedProcedure, commune_a, procedure=procedure, code=procedure.code)
        # An old version still posted: the dashboard counts it as an outdated sheet.
        old = Procedure.objects.create(code="9.999999", name="Thủ tục cũ", field=procedures[0].field, is_current=False)
        plan = make_instance(Plan, commune_a, title="Kế hoạch tuyên truyền CCHC năm 2022", year=2022)
        place = make_instance(PostingPlace, commune_a, kind=PlaceKind.VILLAGE_HOUSE, expects_full_set=True)
        make_instance(Posting, commune_a, place=place, procedure=old)
    return plan


def _count_dashboard_queries(client, plan) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cchc_plans_dashboard", args=[plan.pk]))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_dashboard_query_count_does_not_grow_with_places_tasks_and_villages(client, commune_a, office_a, plan_a):
    client.force_login(office_a)
    client.get(reverse("cchc_plans_dashboard", args=[plan_a.pk]))  # warm caches (site root paths, menus)
    _grow(commune_a, plan_a, n=3)
    small, _ = _count_dashboard_queries(client, plan_a)
    _grow(commune_a, plan_a, n=6)
    large, html = _count_dashboard_queries(client, plan_a)
    assert large == small, f"three times the places, tasks and villages cost {large} queries instead of {small}"
    assert "<strong>9/18</strong>" in html, "9 of 18 villages reached"


def test_the_dashboard_takes_a_pinned_number_of_queries(client, commune_a, office_a, plan_a, django_assert_num_queries):
    client.force_login(office_a)
    client.get(reverse("cchc_plans_dashboard", args=[plan_a.pk]))
    _grow(commune_a, plan_a, n=8)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("cchc_plans_dashboard", args=[plan_a.pk]))
    html = response.content.decode()
    assert "<strong>8/16</strong>" in html, "8 of 16 villages reached"
    assert html.count('<th scope="row">Nhà văn hóa') >= 8, "every village house with missing sheets is listed"
