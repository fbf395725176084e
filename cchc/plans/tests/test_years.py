"""A plan belongs to its year: evaluated when the year is over, judged by its own timeline, copied forward."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.plans.actions import ChangePlanStatus, CopyPlanToYear, FileProgressReport
from cchc.plans.dashboard import build_dashboard
from cchc.plans.models import BudgetLine, Plan, PlanStatus, ProgressReport, Task, TaskStatus
from cchc.plans.years import advance_plan_years, as_of


def _start(plan, commune):
    for status in (PlanStatus.APPROVED, PlanStatus.IN_PROGRESS):
        ChangePlanStatus(commune=commune, plan=plan, status=status).execute()


def test_a_plan_in_progress_moves_to_evaluation_once_its_year_is_over_and_only_then(commune_a, seed_plan):
    _start(seed_plan, commune_a)
    assert advance_plan_years(commune=commune_a, today=dt.date(2022, 12, 31)) == []
    moved = advance_plan_years(commune=commune_a, today=dt.date(2023, 1, 1))
    assert [p.pk for p in moved] == [seed_plan.pk]
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.EVALUATING
    with commune_scope(commune_a):
        entry = CommuneLogEntry.objects.filter(action="cchc.status").latest("timestamp")
    assert entry.data["new_label"] == "Đánh giá, tổng kết"
    assert entry.user is None
    assert advance_plan_years(commune=commune_a, today=dt.date(2023, 1, 2)) == []  # run again: nothing


def test_the_daily_command_moves_every_communes_past_plans(commune_a, commune_b, seed_plan):
    _start(seed_plan, commune_a)
    out = io.StringIO()
    call_command("advance_plan_years", stdout=out)
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.EVALUATING
    assert "Đã chuyển 1 kế hoạch" in out.getvalue()


def test_overdue_is_reckoned_at_the_plans_year_end_not_today(plan_under_way, commune_a, seed_plan):
    assert as_of(seed_plan, dt.date(2026, 11, 30)) == dt.date(2023, 1, 1)  # all of 31/12/2022 counts
    assert as_of(seed_plan, dt.date(2022, 5, 1)) == dt.date(2022, 5, 1)
    with commune_scope(commune_a):
        task = Task.objects.filter(plan=seed_plan, due_date__isnull=False).order_by("due_date").first()
        # Done in time, in its year: not overdue years later.
        FileProgressReport(
            ProgressReport(commune=commune_a, task=task, percent=100, reported_on=task.due_date)
        ).execute()
        late_in_2022 = {t.pk for t in build_dashboard(seed_plan, today=dt.date(2023, 1, 1)).overdue}
        seen_in_2026 = {t.pk for t in build_dashboard(seed_plan, today=dt.date(2026, 11, 30)).overdue}
    assert task.pk not in seen_in_2026
    assert seen_in_2026 == late_in_2022  # the same verdict as at the end of the year's last day


def test_work_due_on_the_years_last_day_and_not_done_is_late_once_the_year_is_over(commune_a, seed_plan):
    with commune_scope(commune_a):
        task = Task.objects.filter(plan=seed_plan).first()
        Task.objects.filter(pk=task.pk).update(due_date=dt.date(2022, 12, 31))
        on_the_day = {t.pk for t in build_dashboard(seed_plan, today=dt.date(2022, 12, 31)).overdue}
        years_later = {t.pk for t in build_dashboard(seed_plan, today=dt.date(2026, 11, 30)).overdue}
    assert task.pk not in on_the_day
    assert task.pk in years_later


def test_the_dashboard_of_a_past_year_says_how_it_reckons(client, commune_a, seed_plan, office_a):
    client.force_login(office_a)
    html = client.get(reverse("cchc_plans_dashboard", args=[seed_plan.pk])).content.decode()
    assert "Năm 2022 đã hết: nhiệm vụ quá hạn được tính đến hết ngày 31/12/2022" in html


def test_status_buttons_ask_for_confirmation_before_the_move(client, commune_a, seed_plan, make_official):
    chairman = make_official(commune_a, Role.CHAIRMAN)
    client.force_login(chairman)
    url = reverse("cchc_plans_status", args=[seed_plan.pk])
    page = client.get(url, {"status": PlanStatus.APPROVED}).content.decode()
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.DRAFT  # looking at the question changes nothing
    assert "Nội dung kế hoạch sẽ bị khóa" in page
    assert "Đồng ý: Ký ban hành" in page
    client.post(url, {"status": PlanStatus.APPROVED})
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.APPROVED


def test_a_move_the_role_may_not_make_is_not_even_asked(client, commune_a, seed_plan, office_a):
    client.force_login(office_a)
    response = client.get(reverse("cchc_plans_status", args=[seed_plan.pk]), {"status": PlanStatus.APPROVED})
    assert response.status_code == 302
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.DRAFT


def test_a_closed_plan_takes_no_more_reports(commune_a, seed_plan):
    _start(seed_plan, commune_a)
    ChangePlanStatus(commune=commune_a, plan=seed_plan, status=PlanStatus.CLOSED).execute()
    with commune_scope(commune_a):
        task = Task.objects.filter(plan=seed_plan).first()
        with pytest.raises(PermissionDenied, match="đã kết thúc"):
            FileProgressReport(ProgressReport(commune=commune_a, task=task, percent=10)).execute()
        assert not ProgressReport.objects.exists()


def test_next_years_plan_keeps_the_work_and_moves_the_dates(commune_a, seed_plan, office_a):
    with commune_scope(commune_a):
        BudgetLine.objects.create(commune=commune_a, plan=seed_plan, name="Băng rôn", amount=3_000_000)
        dated = Task.objects.filter(plan=seed_plan, due_date__isnull=False).first()
    _start(seed_plan, commune_a)
    copy = CopyPlanToYear(commune=commune_a, user=office_a, plan=seed_plan, year=2026).execute()
    with commune_scope(commune_a):
        assert copy.status == PlanStatus.DRAFT
        assert copy.year == 2026
        assert copy.number == ""
        assert copy.issued_on is None
        assert "2026" in copy.title
        assert "2022" not in copy.title
        assert copy.tasks.count() == seed_plan.tasks.count()
        assert copy.sections.count() == seed_plan.sections.count()
        twin = copy.tasks.get(position=dated.position)
        assert twin.due_date == dated.due_date.replace(year=2026)
        assert twin.lead_unit_id == dated.lead_unit_id
        assert twin.status == TaskStatus.TODO
        assert list(copy.budget_lines.values_list("name", "amount")) == [("Băng rôn", 3_000_000)]
        assert not ProgressReport.objects.filter(task__plan=copy).exists()
        seed_plan.refresh_from_db()
        assert seed_plan.tasks.count() == copy.tasks.count()  # the original keeps its own
    with pytest.raises(PermissionDenied, match="Xã đã có kế hoạch"):
        CopyPlanToYear(commune=commune_a, user=office_a, plan=seed_plan, year=2026).execute()


@pytest.mark.parametrize("year", [2021, 2022, 2040])
def test_next_years_plan_must_be_a_later_year_within_reason(commune_a, seed_plan, office_a, year):
    with pytest.raises(PermissionDenied, match="Năm của kế hoạch mới"):
        CopyPlanToYear(commune=commune_a, user=office_a, plan=seed_plan, year=year).execute()


def test_a_unit_member_cannot_copy_a_plan(commune_a, seed_plan, units_a, make_official):
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=units_a[0])
    with pytest.raises(PermissionDenied):
        CopyPlanToYear(commune=commune_a, user=member, plan=seed_plan, year=2023).execute()


def test_the_copy_form_rejects_words_and_makes_the_draft(client, commune_a, seed_plan, office_a):
    client.force_login(office_a)
    url = reverse("cchc_plans_copy", args=[seed_plan.pk])
    assert "Năm của kế hoạch mới" in client.get(url).content.decode()
    bad = client.post(url, {"year": "năm sau"})
    assert bad.status_code == 400
    assert "Hãy nhập năm bằng số" in bad.content.decode()
    response = client.post(url, {"year": "2023"})
    with commune_scope(commune_a):
        copy = Plan.objects.get(year=2023)
    assert response["Location"] == reverse("cchc_plans_dashboard", args=[copy.pk])


def test_next_years_plan_is_not_made_twice_even_when_the_first_is_under_way(commune_a, seed_plan, office_a, client):
    copy = CopyPlanToYear(commune=commune_a, user=office_a, plan=seed_plan, year=2023).execute()
    _start(copy, commune_a)
    with pytest.raises(PermissionDenied, match="Xã đã có kế hoạch"):
        CopyPlanToYear(commune=commune_a, user=office_a, plan=seed_plan, year=2023).execute()
    client.force_login(office_a)
    form = client.get(reverse("cchc_plans_copy", args=[seed_plan.pk])).content.decode()
    assert 'value="2023"' not in form  # the year offered is one that does not have the plan yet


def test_a_draft_takes_no_reports_and_its_tasks_are_not_offered(client, commune_a, seed_plan, units_a, make_official):
    with commune_scope(commune_a):
        task = Task.objects.filter(plan=seed_plan, lead_unit__isnull=False).select_related("lead_unit").first()
        with pytest.raises(PermissionDenied, match="còn là dự thảo"):
            FileProgressReport(ProgressReport(commune=commune_a, task=task, percent=10)).execute()
    client.force_login(make_official(commune_a, Role.UNIT_MEMBER, unit=task.lead_unit))
    form = client.get(reverse("bao-cao-tien-do:add")).context["form"]
    assert not form.fields["task"].queryset.filter(plan=seed_plan).exists()


def test_a_plan_without_a_number_says_so_in_the_list(client, commune_a, seed_plan, office_a):
    with commune_scope(commune_a):
        Plan.objects.filter(pk=seed_plan.pk).update(number="")
    client.force_login(office_a)
    html = client.get(reverse("ke-hoach:index")).content.decode()
    assert "Chưa có số" in html
    assert ">/KH-UBND<" not in html
