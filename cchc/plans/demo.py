"""Demo: Định Biên's 2022 plan imported from the seed through the real importer, with a year of
progress reports, field activities and budget lines so that its dashboard has something true to show;
its year over, it is in evaluation. This year's plan is drafted from it the way an office would, signed
and under way, with reports for the months already past, so that every role's home has today's work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from cchc.communes.actions import CreateRecord
from cchc.communes.models import Commune, Membership, Village
from cchc.communes.scoping import commune_scope

from .actions import ChangePlanStatus, CopyPlanToYear, CreateActivity, FileProgressReport, ImportPlan
from .importer import parse_file
from .models import BudgetLine, Evidence, OutreachActivity, Plan, PlanStatus, ProgressReport, Task
from .structure import Channel
from .years import advance_plan_years

SEED = Path(__file__).resolve().parent / "seed" / "ke-hoach-tuyen-truyen-cchc-dinh-bien-2022.txt"

BUDGET = [
    ("In, treo băng rôn, khẩu hiệu", 3_000_000),
    ("Hội nghị tuyên truyền, sơ kết, tổng kết", 5_000_000),
    ("Tờ rơi thủ tục hành chính", 2_000_000),
    ("Nhuận bút tin bài, bản tin, phát thanh", 4_000_000),
]
# (channel, title, date, place, villages, attendees, quantity, cost, budget line index)
ACTIVITIES = [
    (Channel.BANNER, "Treo băng rôn tuyên truyền CCHC tại trung tâm xã", dt.date(2022, 2, 14), "Trung tâm xã",
     ["Đồng Đau", "Làng Quặng"], None, 6, 1_800_000, 0),
    (Channel.RADIO, "Phát thanh chuyên mục CCHC trên loa xóm", dt.date(2022, 3, 10), "Hệ thống truyền thanh xã",
     ["Đồng Đau", "Đồng Rằm", "Gốc Thông", "Làng Quặng"], None, 8, 400_000, 3),
    (Channel.CONFERENCE, "Hội nghị tuyên truyền cơ chế một cửa, một cửa liên thông", dt.date(2022, 5, 20),
     "Hội trường UBND xã", ["Đồng Đau", "Đồng Rằm", "Gốc Thông", "Khau Diều"], 85, None, 2_500_000, 1),
    (Channel.LEGAL_SESSION, "Phổ biến pháp luật lồng ghép CCHC tại nhà văn hóa xóm Khau Lầu", dt.date(2022, 6, 8),
     "Nhà văn hóa xóm Khau Lầu", ["Khau Lầu"], 47, None, 600_000, 1),
    (Channel.LEAFLET, "Phát tờ rơi thủ tục hộ tịch, chứng thực", dt.date(2022, 7, 15), "Bộ phận một cửa",
     ["Làng Quặng", "Nà To"], 120, 300, 1_500_000, 2),
    (Channel.MOBILE, "Tuyên truyền lưu động về dịch vụ công trực tuyến", dt.date(2022, 9, 2), "Các xóm phía tây",
     ["Nà To", "Khau Diều"], None, None, 700_000, None),
]  # fmt: skip
# (task channel, quarter, percent, note, link)
REPORTS = [
    (Channel.BANNER, 1, 100, "Đã treo 6 băng rôn tại trung tâm xã và nhà văn hóa các xóm.", ""),
    (Channel.PORTAL, 1, 100, "Đăng 5 tin bài về CCHC trên cổng thông tin điện tử xã.", "https://example.vn/tin-cchc"),
    (Channel.RADIO, 1, 100, "Phát 8 buổi chuyên mục CCHC trên hệ thống truyền thanh.", ""),
    (Channel.CONFERENCE, 2, 100, "Tổ chức 1 hội nghị với 85 đại biểu.", ""),
    (Channel.RADIO, 2, 60, "Đã phát 6/10 buổi theo kế hoạch quý II.", ""),
    (Channel.LEGAL_SESSION, 2, 50, "Tổ chức 1/2 buổi phổ biến pháp luật.", ""),
    (Channel.PORTAL, 3, 40, "Đăng 2 tin bài; còn thiếu bài về chỉ số PAR INDEX.", ""),
]


def _task(quarter: int, channel: Channel, plan: Plan | None = None) -> Task | None:
    tasks = Task.objects.filter(quarter=quarter, channel=channel)
    return (tasks.filter(plan=plan) if plan else tasks).order_by("position").first()


def _reporter(task: Task):
    """A member of the task's unit (the office when the task names none), so that lists show real names."""
    unit = task.lead_unit_id or task.coordinating_units.values_list("id", flat=True).first()
    members = Membership.objects.filter(unit_id=unit) if unit else Membership.objects.filter(role="office")
    member = members.select_related("user").order_by("id").first()
    return member.user if member else None


def _due(task: Task, year: int) -> dt.date:
    if task.due_date:
        return task.due_date
    return dt.date(year, task.quarter * 3, 25) if task.quarter else dt.date(year, 12, 20)


def _report_the_rest(plan: Plan, *, until: dt.date, every_late: int) -> None:
    """Reports for the plan's tasks due by ``until`` that have none yet: most done, every
    ``every_late``-th one only half, so that the figures show both success and lateness."""
    tasks = Task.objects.filter(plan=plan, reports__isnull=True).order_by("position", "id")
    for index, task in enumerate(tasks, start=1):
        due = _due(task, plan.year)
        if due > until:
            continue
        late = index % every_late == 0
        report = ProgressReport(
            commune=plan.commune, task=task, reported_by=_reporter(task), reported_on=min(due, until),
            percent=50 if late else 100,
            note="Đã thực hiện một phần, còn chậm so với kế hoạch." if late else "Đã thực hiện theo kế hoạch.",
        )  # fmt: skip
        FileProgressReport(report).execute()


@transaction.atomic
def load_demo_plan(commune: Commune) -> Plan:
    """Import the seed into ``commune`` once, and give it a year of work."""
    with commune_scope(commune):
        existing = Plan.objects.filter(source_name=SEED.name).first()
        if existing is not None:
            return existing
        plan = ImportPlan(commune=commune, parsed=parse_file(SEED), source_name=SEED.name).execute()
        for status in (PlanStatus.APPROVED, PlanStatus.IN_PROGRESS):
            ChangePlanStatus(commune=commune, plan=plan, status=status).execute()
        lines = [CreateRecord(BudgetLine(commune=commune, plan=plan, name=n, amount=a)).execute() for n, a in BUDGET]
        villages = {v.name: v for v in Village.objects.all()}
        for channel, title, day, place, names, people, quantity, cost, line in ACTIVITIES:
            activity = CreateActivity(OutreachActivity(
                commune=commune, plan=plan, task=_task((day.month - 1) // 3 + 1, channel), channel=channel,
                title=title, held_on=day, place=place, attendees=people, quantity=quantity, cost=cost,
                budget_line=lines[line] if line is not None else None,
            )).execute()  # fmt: skip
            activity.villages.set([villages[n] for n in names if n in villages])
        for channel, quarter, percent, note, link in REPORTS:
            task = _task(quarter, channel)
            if task is None:
                continue
            report = ProgressReport(
                commune=commune, task=task, percent=percent, note=note, reported_by=_reporter(task),
                reported_on=dt.date(2022, quarter * 3, 25),
            )  # fmt: skip
            if link:
                report.evidence.add(Evidence(commune=commune, link=link, caption="Tin bài đã đăng"))
            FileProgressReport(report).execute()
        _report_the_rest(plan, until=dt.date(2022, 12, 31), every_late=6)
    advance_plan_years(commune=commune)
    load_this_years_plan(commune, plan)
    return plan


def load_this_years_plan(commune: Commune, last: Plan, *, today: dt.date | None = None) -> Plan | None:
    """This year's plan, drafted from ``last`` by ``CopyPlanToYear``, signed, started and reported on
    up to today (a third of the past months' tasks still half done)."""
    today = today or timezone.localdate()
    if today.year <= last.year:
        return None
    with commune_scope(commune):
        existing = Plan.objects.filter(year=today.year).first()
        if existing is not None:
            return existing
        plan = CopyPlanToYear(commune=commune, plan=last, year=today.year).execute()
        for status in (PlanStatus.APPROVED, PlanStatus.IN_PROGRESS):
            ChangePlanStatus(commune=commune, plan=plan, status=status).execute()
        _report_the_rest(plan, until=today - dt.timedelta(days=1), every_late=3)
    return plan
