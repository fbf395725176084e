"""The official's home page says what to do: their unit's open tasks, overdue first, one tap to report."""

import re

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


def test_the_report_form_offers_only_open_tasks_the_official_may_report_on(client, commune_a, seed_plan, make_official):
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
