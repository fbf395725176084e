import datetime as dt

from cchc.communes.models import Unit
from cchc.communes.scoping import commune_scope
from cchc.plans.importer.saving import find_target
from cchc.plans.models import PlanSection, Task
from cchc.plans.recurrence import unassigned_tasks


def test_the_seed_becomes_a_plan_with_every_part_of_the_document(commune_a, seed_plan):
    with commune_scope(commune_a):
        plan = seed_plan
        assert plan.title == "Tuyên truyền cải cách hành chính xã Định Biên năm 2022"
        assert plan.year == 2022
        assert plan.basis.startswith("Căn cứ Kế hoạch số 05/KH-UBND")
        assert plan.signer_name == "Ma Thịnh Giáp"
        assert "Lưu: VP" in plan.recipient_lines
        assert plan.unplaced == []
        roles = set(PlanSection.objects.filter(plan=plan).values_list("role", flat=True))
        assert {
            "purposes",
            "requirements",
            "audiences",
            "contents",
            "channels",
            "timeline",
            "responsibilities",
        } <= roles
        headings = list(PlanSection.objects.filter(plan=plan, kind="heading").values_list("marker", flat=True))
        assert headings[:2] == ["I.", "1."]
        assert {"3.1.", "3.6."} <= set(headings)


def test_the_seed_gives_tasks_by_quarter_and_by_unit(commune_a, seed_plan):
    with commune_scope(commune_a):
        tasks = Task.objects.filter(plan=seed_plan)
        assert set(tasks.exclude(quarter=None).values_list("quarter", flat=True)) == {1, 2, 3, 4}
        q1 = tasks.filter(quarter=1, source="timeline")
        assert set(q1.values_list("channel", flat=True)) >= {"banner", "portal", "radio"}
        assert all(t.due_date == dt.date(2022, 3, 31) for t in q1)
        finance = Unit.objects.get(name="Ban Tài chính - Ngân sách")
        assert tasks.filter(lead_unit=finance, source="responsibilities").count() == 1
        broadcaster = Unit.objects.get(name="Cán bộ Phát thanh - Truyền thông")
        assert tasks.filter(lead_unit=broadcaster, source="responsibilities").count() == 4
        assert tasks.filter(source="responsibilities", due_date=dt.date(2022, 12, 31)).exists()
        # The schedule names no unit for its quarters: those tasks wait for the office to assign them,
        # instead of going to whichever unit a duty elsewhere in the plan shares a channel with.
        timeline = tasks.filter(source="timeline")
        assert timeline.exists()
        assert all(task.needs_unit for task in timeline)
        assert set(unassigned_tasks(commune=commune_a, plan=seed_plan)) == set(timeline)
        assert not any(task.needs_unit for task in tasks.filter(source="responsibilities"))


def test_units_the_commune_lacks_are_created_once_and_collective_names_are_kept_as_written(commune_a, seed_path):
    from cchc.plans.importer import parse_file
    from cchc.plans.importer.saving import save_parsed_plan

    plan = save_parsed_plan(commune=commune_a, parsed=parse_file(seed_path))
    with commune_scope(commune_a):
        created = set(Unit.objects.values_list("name", flat=True))
        assert any(name.startswith("Ban Văn hóa") for name in created)
        collective = Task.objects.filter(plan=plan, lead_unit=None).exclude(lead_unit_name="")
        assert collective.exists()
        assert all(t.lead_unit_name.startswith("Các") for t in collective)
    save_parsed_plan(commune=commune_a, parsed=parse_file(seed_path))
    with commune_scope(commune_a):
        assert Unit.objects.count() == len(created)


def test_targets_are_read_from_the_task_text():
    assert find_target("Viết ít nhất 12 tin bài về CCHC") == (12, "tin bài")
    assert find_target("Tổ chức 04 hội nghị tuyên truyền") == (4, "hội nghị")
    assert find_target("Tuyên truyền tới 100% xóm") == (100, "% xóm")
    assert find_target("Thường xuyên cập nhật thủ tục") == (None, "")


def test_text_too_long_for_its_column_is_cut_and_kept_among_unplaced_lines(commune_a):
    from cchc.plans.importer.parsed import ParsedPlan
    from cchc.plans.importer.saving import save_parsed_plan

    long_capacity = "TM. ỦY BAN NHÂN DÂN " + "RẤT DÀI " * 30
    plan = save_parsed_plan(commune=commune_a, parsed=ParsedPlan(title="Kế hoạch thử", year=0,
                                                                 signing_capacity=long_capacity))  # fmt: skip
    assert len(plan.signing_capacity) == 120
    assert any(item["text"] == long_capacity for item in plan.unplaced)
    assert plan.year == dt.date.today().year


def test_a_plan_read_back_from_its_stored_json_saves_exactly_like_the_parsed_one(commune_a, commune_b, seed_path):
    import json

    from cchc.plans.importer import parse_file
    from cchc.plans.importer.parsed import from_json, to_json
    from cchc.plans.importer.saving import save_parsed_plan

    parsed = parse_file(seed_path)
    stored = json.loads(json.dumps(to_json(parsed)))  # what a JSONField gives back
    assert from_json(stored) == parsed
    direct = save_parsed_plan(commune=commune_a, parsed=parsed)
    via_json = save_parsed_plan(commune=commune_b, parsed=from_json(stored))

    def shape(plan, commune):
        with commune_scope(commune):
            tasks = list(plan.tasks.order_by("position").values_list("title", "quarter", "due_date", "channel"))
            return plan.title, plan.issued_on, plan.unplaced, plan.sections.count(), tasks

    assert shape(direct, commune_a) == shape(via_json, commune_b)
