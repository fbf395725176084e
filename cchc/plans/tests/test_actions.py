"""Plan writes go through actions: the status state machine, units' reach, task status, the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.plans.actions import ChangePlanStatus, FileProgressReport
from cchc.plans.models import Plan, PlanStatus, ProgressReport, Task, TaskStatus


def _report_form(task, percent, **extra):
    return {
        "task": task.pk,
        "reported_on": "2022-03-20",
        "percent": str(percent),
        "note": "Báo cáo",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        **extra,
    }


@pytest.fixture
def two_unit_tasks(commune_a, seed_plan):
    """Two tasks led by two different units."""
    with commune_scope(commune_a):
        tasks = list(Task.objects.filter(plan=seed_plan, lead_unit__isnull=False).select_related("lead_unit"))
        first = tasks[0]
        other = next(
            t
            for t in tasks
            if t.lead_unit_id != first.lead_unit_id
            and first.lead_unit_id not in set(t.coordinating_units.values_list("id", flat=True))
        )
    return first, other


@pytest.mark.parametrize(
    ("role", "old", "new", "allowed"),
    [
        (Role.OFFICE, PlanStatus.DRAFT, PlanStatus.APPROVED, False),
        (Role.CULTURE_INFO, PlanStatus.DRAFT, PlanStatus.APPROVED, False),
        (Role.CHAIRMAN, PlanStatus.DRAFT, PlanStatus.APPROVED, True),
        (Role.CHAIRMAN, PlanStatus.DRAFT, PlanStatus.CLOSED, False),
        (Role.OFFICE, PlanStatus.APPROVED, PlanStatus.IN_PROGRESS, True),
        (Role.BROADCASTER, PlanStatus.APPROVED, PlanStatus.IN_PROGRESS, False),
        (Role.OFFICE, PlanStatus.IN_PROGRESS, PlanStatus.CLOSED, True),
        (Role.OFFICE, PlanStatus.CLOSED, PlanStatus.IN_PROGRESS, False),
        (Role.OVERSEER, PlanStatus.APPROVED, PlanStatus.IN_PROGRESS, False),
    ],
)
def test_plan_status_moves_only_along_the_state_machine_by_the_right_role(
    commune_a, seed_plan, make_official, role, old, new, allowed
):
    user = make_official(commune_a, role)
    with commune_scope(commune_a):
        Plan.objects.filter(pk=seed_plan.pk).update(status=old)
        seed_plan.refresh_from_db()
    action = ChangePlanStatus(commune=commune_a, user=user, plan=seed_plan, status=new)
    if allowed:
        action.execute()
    else:
        with pytest.raises(PermissionDenied) as refusal:
            action.execute()
        assert str(refusal.value)  # a Vietnamese reason, not an empty 403
    with commune_scope(commune_a):
        seed_plan.refresh_from_db()
    assert seed_plan.status == (new if allowed else old)


def test_the_plan_edit_form_cannot_change_the_status(client, office_a, commune_a, seed_plan):
    client.force_login(office_a)
    page = client.get(reverse("ke-hoach:edit", args=[seed_plan.pk])).content.decode()
    assert 'name="status"' not in page


def test_another_communes_plan_cannot_be_moved_by_an_action(commune_a, commune_b, seed_plan, make_official):
    chairman_b = make_official(commune_b, Role.CHAIRMAN)
    with pytest.raises(PermissionDenied):
        ChangePlanStatus(commune=commune_b, user=chairman_b, plan=seed_plan, status=PlanStatus.APPROVED).execute()


def test_editing_a_report_to_100_percent_completes_its_task_and_back_reopens_it(
    plan_under_way, client, office_a, commune_a, two_unit_tasks
):
    task, _ = two_unit_tasks
    client.force_login(office_a)
    assert client.post(reverse("bao-cao-tien-do:add"), _report_form(task, 50)).status_code == 302
    with commune_scope(commune_a):
        report = ProgressReport.objects.get(task=task)
        assert Task.objects.get(pk=task.pk).status == TaskStatus.IN_PROGRESS
    assert client.post(reverse("bao-cao-tien-do:edit", args=[report.pk]), _report_form(task, 100)).status_code == 302
    with commune_scope(commune_a):
        assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE
    client.post(reverse("bao-cao-tien-do:edit", args=[report.pk]), _report_form(task, 80))
    with commune_scope(commune_a):
        assert Task.objects.get(pk=task.pk).status == TaskStatus.IN_PROGRESS


def test_a_unit_member_reports_only_on_their_own_units_tasks(
    plan_under_way, client, commune_a, make_official, two_unit_tasks
):
    own, other = two_unit_tasks
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=own.lead_unit)
    client.force_login(member)
    refused = client.post(reverse("bao-cao-tien-do:add"), _report_form(other, 100))
    assert refused.status_code == 200
    assert refused.context["form"].errors["task"]  # another unit's task is not among the choices
    with pytest.raises(PermissionDenied, match="bạn chỉ làm việc với nhiệm vụ của"):
        FileProgressReport(ProgressReport(commune=commune_a, task=other, percent=100), user=member).execute()
    assert client.post(reverse("bao-cao-tien-do:add"), _report_form(own, 100)).status_code == 302
    with commune_scope(commune_a):
        assert not ProgressReport.objects.filter(task=other).exists()
        assert Task.objects.get(pk=other.pk).status == TaskStatus.TODO
        assert Task.objects.get(pk=own.pk).status == TaskStatus.DONE


def test_a_unit_member_cannot_edit_move_or_delete_another_units_report(
    plan_under_way, client, commune_a, office_a, make_official, two_unit_tasks
):
    own, other = two_unit_tasks
    with commune_scope(commune_a):
        theirs = FileProgressReport(ProgressReport(commune=commune_a, task=other, percent=30), user=office_a).execute()
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=own.lead_unit)
    client.force_login(member)
    client.post(reverse("bao-cao-tien-do:edit", args=[theirs.pk]), _report_form(other, 100))
    client.post(reverse("bao-cao-tien-do:edit", args=[theirs.pk]), _report_form(own, 100))  # moved onto own task
    client.post(reverse("bao-cao-tien-do:delete", args=[theirs.pk]))
    with commune_scope(commune_a):
        theirs.refresh_from_db()
        assert (theirs.task_id, theirs.percent) == (other.pk, 30)


def test_the_plans_history_shows_who_did_what_as_three_officials(
    client, commune_a, commune_b, office_a, make_official, seed_plan, two_unit_tasks
):
    chairman = make_official(commune_a, Role.CHAIRMAN)
    culture = make_official(commune_a, Role.CULTURE_INFO)
    task, _ = two_unit_tasks
    client.force_login(chairman)
    client.post(reverse("cchc_plans_status", args=[seed_plan.pk]), {"status": "approved"})
    client.force_login(culture)
    client.post(reverse("cchc_plans_status", args=[seed_plan.pk]), {"status": "in_progress"}, REMOTE_ADDR="10.0.0.7")
    client.force_login(office_a)
    client.post(reverse("bao-cao-tien-do:add"), _report_form(task, 40))
    client.get(reverse("cchc_plans_download", args=[seed_plan.pk, "docx"]))

    with commune_scope(commune_a):
        on_plan = list(CommuneLogEntry.objects.filter(object_id=str(seed_plan.pk), content_type__model="plan"))
        steps = [(e.action, e.user_id, e.data.get("new")) for e in reversed(on_plan)]
        assert steps == [
            ("cchc.status", chairman.pk, "approved"),
            ("cchc.status", culture.pk, "in_progress"),
            ("cchc.export", office_a.pk, None),
        ]
        assert on_plan[1].ip_address == "10.0.0.7"
        assert CommuneLogEntry.objects.filter(action="wagtail.create", user=office_a).exists()

    history = client.get(reverse("ke-hoach:history", args=[seed_plan.pk])).content.decode()
    assert "Đã ký ban hành" in history

    client.force_login(chairman)
    trail = client.get(reverse("cchc_audit_log")).content.decode()
    assert "Chuyển trạng thái từ «Dự thảo» sang «Đã ký ban hành»" in trail
    assert "10.0.0.7" in trail
    member = make_official(commune_a, Role.UNIT_MEMBER)
    client.force_login(member)
    refused = client.get(reverse("cchc_audit_log"), follow=True).content.decode()
    assert "Đã ký ban hành" not in refused  # Wagtail turns the refusal into a redirect to the admin home
    chairman_b = make_official(commune_b, Role.CHAIRMAN)
    client.force_login(chairman_b)
    other = client.get(reverse("cchc_audit_log")).content.decode()
    assert "Đã ký ban hành" not in other
    overseer = make_official(commune_a, Role.OVERSEER)
    client.force_login(overseer)
    assert "Đã ký ban hành" in client.get(reverse("cchc_audit_log")).content.decode()


def test_a_duty_the_plan_gives_every_unit_can_be_reported_by_any_unit_official(
    plan_under_way, client, commune_a, seed_plan, make_official, two_unit_tasks
):
    own, _ = two_unit_tasks
    with commune_scope(commune_a):
        # "Các cơ quan, đơn vị, các ban ngành đoàn thể …": named collectively, not left unassigned
        shared = (
            Task.objects.filter(plan=seed_plan, lead_unit=None, coordinating_units=None)
            .exclude(lead_unit_name="")
            .first()
        )
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=own.lead_unit)
    client.force_login(member)
    assert client.post(reverse("bao-cao-tien-do:add"), _report_form(shared, 100)).status_code == 302


def test_withdrawing_the_only_report_puts_the_task_back_to_do(
    plan_under_way, client, office_a, commune_a, two_unit_tasks
):
    task, _ = two_unit_tasks
    client.force_login(office_a)
    client.post(reverse("bao-cao-tien-do:add"), _report_form(task, 100))
    with commune_scope(commune_a):
        report = ProgressReport.objects.get(task=task)
        assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE
    client.post(reverse("bao-cao-tien-do:delete", args=[report.pk]))
    with commune_scope(commune_a):
        assert Task.objects.get(pk=task.pk).status == TaskStatus.TODO


def test_the_plan_status_cannot_be_changed_by_an_edit_even_by_the_system(commune_a, seed_plan):
    from cchc.plans.actions import EditPlan

    seed_plan.status = PlanStatus.CLOSED
    with pytest.raises(PermissionDenied):
        EditPlan(seed_plan).execute()
    with commune_scope(commune_a):
        assert Plan.objects.get(pk=seed_plan.pk).status == PlanStatus.DRAFT


def test_an_activity_that_serves_no_task_is_for_the_plans_leaders(
    plan_under_way, client, commune_a, seed_plan, make_official, two_unit_tasks
):
    from cchc.plans.actions import CreateActivity
    from cchc.plans.models import OutreachActivity

    own, _ = two_unit_tasks
    member = make_official(commune_a, Role.UNIT_MEMBER, unit=own.lead_unit)
    chairman = make_official(commune_a, Role.CHAIRMAN)

    def activity(task):
        return OutreachActivity(
            commune=commune_a, plan=seed_plan, task=task, channel="banner", title="Treo băng rôn", held_on="2022-03-01"
        )

    with pytest.raises(PermissionDenied, match="Hãy chọn nhiệm vụ"):
        CreateActivity(activity(None), user=member).execute()
    CreateActivity(activity(own), user=member).execute()
    CreateActivity(activity(None), user=chairman).execute()


def test_a_signed_plans_text_is_locked_until_the_chairman_takes_it_back(
    client, office_a, commune_a, seed_plan, make_official
):
    from cchc.plans.actions import EditPlan
    from cchc.plans.models import PlanSection

    chairman = make_official(commune_a, Role.CHAIRMAN)
    ChangePlanStatus(commune=commune_a, user=chairman, plan=seed_plan, status=PlanStatus.APPROVED).execute()
    with commune_scope(commune_a):
        plan = Plan.objects.get(pk=seed_plan.pk)
        section = PlanSection.objects.filter(plan=plan).first()
    plan.number = "99"
    with pytest.raises(PermissionDenied, match="thu hồi kế hoạch về dự thảo"):
        EditPlan(plan, user=office_a).execute()
    client.force_login(office_a)
    client.post(reverse("noi-dung-ke-hoach:edit", args=[section.pk]), {"plan": plan.pk, "position": section.position,
                "kind": section.kind, "level": 1, "marker": "", "role": "", "text": "Sửa sau khi ký"})  # fmt: skip
    with commune_scope(commune_a):
        assert PlanSection.objects.get(pk=section.pk).text != "Sửa sau khi ký"
    ChangePlanStatus(commune=commune_a, user=chairman, plan=plan, status=PlanStatus.DRAFT).execute()
    with commune_scope(commune_a):
        plan = Plan.objects.get(pk=seed_plan.pk)
    plan.number = "99"
    EditPlan(plan, user=office_a).execute()
