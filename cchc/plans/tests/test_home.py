"""The official's home page says what to do: their unit's open tasks, overdue first, one tap to report."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.plans.models import Task


def _home(client):
    return client.get(reverse("wagtailadmin_home")).content.decode()


def _section(html):
    return html[html.index("Việc của tôi") :]


def test_a_unit_official_sees_their_units_tasks_with_a_report_button(client, commune_a, seed_plan, make_official):
    with commune_scope(commune_a):
        tasks = list(Task.objects.filter(plan=seed_plan, lead_unit__isnull=False).select_related("lead_unit"))
        own = tasks[0]
        other = next(
            t
            for t in tasks
            if t.lead_unit_id != own.lead_unit_id
            and t.title[:40] != own.title[:40]
            and own.lead_unit_id not in set(t.coordinating_units.values_list("id", flat=True))
        )
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=own.lead_unit)
    client.force_login(member)
    work = _section(_home(client))
    assert own.title[:40] in work
    assert other.title[:40] not in work
    assert f"{reverse('bao-cao-tien-do:add')}?task={own.pk}" in work
    assert "Quá hạn" in work  # a 2022 plan's dated tasks are all past


def test_the_plans_leaders_see_the_whole_plans_figures(client, commune_a, seed_plan, office_a):
    client.force_login(office_a)
    work = _section(_home(client))
    with commune_scope(commune_a):
        total = Task.objects.filter(plan=seed_plan).count()
    assert re.search(rf"0/{total} nhiệm vụ hoàn thành", work)


def test_the_home_shows_no_wagtail_page_counts_and_no_other_communes_plan(
    client, commune_a, commune_b, seed_plan, make_official
):
    client.force_login(make_official(commune_b, Role.OFFICE))
    html = _home(client)
    assert seed_plan.title not in html
    assert "Xã chưa có kế hoạch tuyên truyền nào." in html
    assert "w-summary" not in html  # Wagtail's "2 trang · 0 ảnh · 0 tài liệu" block


def test_the_home_costs_the_same_queries_whatever_the_number_of_tasks(client, commune_a, seed_plan, office_a):
    client.force_login(office_a)
    _home(client)
    with CaptureQueriesContext(connection) as few:
        _home(client)
    with commune_scope(commune_a):
        for task in list(Task.objects.filter(plan=seed_plan))[:10]:
            task.pk, task.id = None, None
            task.save()
    with CaptureQueriesContext(connection) as more:
        _home(client)
    assert len(more.captured_queries) == len(few.captured_queries)


def test_the_report_form_offers_only_open_tasks_the_official_may_report_on(
    plan_under_way, client, commune_a, seed_plan, make_official
):
    with commune_scope(commune_a):
        tasks = list(Task.objects.filter(plan=seed_plan, lead_unit__isnull=False).select_related("lead_unit"))
        own = tasks[0]
        other = next(
            t
            for t in tasks
            if t.lead_unit_id != own.lead_unit_id
            and own.lead_unit_id not in set(t.coordinating_units.values_list("id", flat=True))
        )
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=own.lead_unit)
    client.force_login(member)
    form = client.get(reverse("bao-cao-tien-do:add")).context["form"]
    offered = set(form.fields["task"].queryset.values_list("pk", flat=True))
    assert own.pk in offered
    assert other.pk not in offered
    label = form.fields["task"].label_from_instance(own)
    assert own.lead_unit.name in label
    assert label.startswith(f"{seed_plan.year} · ")


def _start(plan, commune):
    from cchc.plans.actions import ChangePlanStatus
    from cchc.plans.models import PlanStatus

    for status in (PlanStatus.APPROVED, PlanStatus.IN_PROGRESS):
        ChangePlanStatus(commune=commune, plan=plan, status=status).execute()


def test_a_draft_waits_for_the_chairmans_signature_and_for_nobody_else(client, commune_a, seed_plan, make_official):
    chairman = make_official(commune_a, Role.CHAIRMAN)
    client.force_login(chairman)
    assert f"Kế hoạch «{seed_plan.title}» chờ ký ban hành." in _home(client)
    client.force_login(make_official(commune_a, Role.CULTURE_INFO))
    assert "chờ ký ban hành" not in _home(client)


def test_a_past_years_plan_asks_the_office_to_move_it_to_evaluation(client, commune_a, seed_plan, office_a):
    _start(seed_plan, commune_a)
    client.force_login(office_a)
    html = _home(client)
    assert "Năm 2022 đã hết: chuyển kế hoạch" in html
    assert "Năm của kế hoạch đã hết: hạn được tính đến hết ngày 31/12/2022." in html


def test_new_reports_of_the_units_wait_for_the_leaders_not_for_their_authors(
    client, commune_a, seed_plan, office_a, make_official
):
    from cchc.plans.actions import FileProgressReport
    from cchc.plans.models import ProgressReport

    _start(seed_plan, commune_a)
    with commune_scope(commune_a):
        task = Task.objects.filter(plan=seed_plan, lead_unit__isnull=False).select_related("lead_unit").first()
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=task.lead_unit)
    with commune_scope(commune_a):
        FileProgressReport(
            ProgressReport(commune=commune_a, task=task, percent=40, reported_by=member), user=member
        ).execute()
    client.force_login(office_a)
    assert "1 báo cáo tiến độ mới của các đơn vị trong 7 ngày qua." in _home(client)
    client.force_login(member)
    assert "báo cáo tiến độ mới" not in _home(client)


def test_the_chairman_sees_the_commune_at_a_glance(client, commune_a, seed_plan, make_official):
    _start(seed_plan, commune_a)
    client.force_login(make_official(commune_a, Role.CHAIRMAN))
    html = _home(client)
    glance = html[html.index("Toàn xã") :]
    with commune_scope(commune_a):
        total = Task.objects.filter(plan=seed_plan).count()
    assert f"Hoàn thành 0% (0/{total} nhiệm vụ)" in glance
    assert "chưa có báo cáo tiến độ" in glance


def test_an_overseer_sees_each_commune_they_oversee_and_no_other(
    client, commune_a, commune_b, make_commune, seed_plan, make_official
):
    from cchc.communes.provisioning import grant_role

    third = make_commune("Xã Bình Yên", "binh-yen.localhost")
    overseer = make_official(commune_a, Role.OVERSEER, username="huyen")
    grant_role(commune=commune_b, user=overseer, role=Role.OVERSEER)
    client.force_login(overseer)
    html = _home(client)
    panel = html[html.index("Các xã tôi theo dõi") :]
    assert "Xã Định Biên" in panel
    assert seed_plan.title[:40] in panel
    assert "Xã Phú Đình" in panel
    assert "chưa có kế hoạch tuyên truyền" in panel
    assert third.name not in panel
    assert "Làm việc với xã này" in panel  # one tap to switch to Phú Đình


def test_the_home_names_the_product_not_wagtail_even_without_javascript(client, commune_a, office_a):
    client.force_login(office_a)
    html = _home(client)
    noscript = html[html.index("<noscript") : html.index("</noscript>")]
    assert "CCHC Xã cần JavaScript" in noscript
    assert "Wagtail" not in noscript
    assert "guide.wagtail.org" not in html  # no English editor guide beside the official's name


def test_every_plan_under_way_shows_on_the_home_not_only_the_latest(client, commune_a, seed_plan, office_a):
    from cchc.plans.actions import CopyPlanToYear

    _start(seed_plan, commune_a)
    second = CopyPlanToYear(commune=commune_a, user=office_a, plan=seed_plan, year=2023).execute()
    _start(second, commune_a)
    client.force_login(office_a)
    work = _section(_home(client))
    assert seed_plan.title in work
    assert second.title in work
    with commune_scope(commune_a):
        both = Task.objects.filter(plan__in=[seed_plan, second]).count()
    assert f"0/{both} nhiệm vụ hoàn thành" in work


def test_an_overseer_has_no_task_list_of_their_own_and_no_report_buttons(client, commune_a, seed_plan, make_official):
    _start(seed_plan, commune_a)
    overseer = make_official(commune_a, Role.OVERSEER, username="huyen-xem")
    client.force_login(overseer)
    html = _home(client)
    assert "Việc của tôi" not in html
    assert "Các xã tôi theo dõi" in html
    board = client.get(reverse("cchc_plans_dashboard", args=[seed_plan.pk])).content.decode()
    assert reverse("bao-cao-tien-do:add") not in board
    assert reverse("hoat-dong:add") not in board


def test_a_unit_named_by_the_plan_but_missing_from_the_communes_list_is_not_everyones_task(
    client, commune_a, seed_plan, units_a, make_official
):
    from django.core.exceptions import PermissionDenied

    from cchc.plans.actions import FileProgressReport, tasks_in_reach
    from cchc.plans.models import ProgressReport

    _start(seed_plan, commune_a)
    with commune_scope(commune_a):
        orphan, everyone = Task.objects.filter(plan=seed_plan)[:2]
        Task.objects.filter(pk=orphan.pk).update(lead_unit=None, lead_unit_name="Đài truyền thanh xã")
        Task.objects.filter(pk=everyone.pk).update(lead_unit=None, lead_unit_name="Các ban, ngành, đoàn thể xã")
        orphan.coordinating_units.clear()
        everyone.coordinating_units.clear()
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=units_a[-1])
    with commune_scope(commune_a):
        reach = set(tasks_in_reach(commune=commune_a, user=member).values_list("pk", flat=True))
        assert everyone.pk in reach
        assert orphan.pk not in reach
        with pytest.raises(PermissionDenied, match="chưa có đơn vị chủ trì"):
            FileProgressReport(ProgressReport(commune=commune_a, task=orphan, percent=10), user=member).execute()
        orphan.refresh_from_db()
    assert orphan.lead_label == "Đài truyền thanh xã — chưa khớp đơn vị nào của xã, Văn phòng chọn đơn vị"
