"""Store what the importer found as a Plan with its body and tasks, in one transaction."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.communes.models import Commune, Unit
from cchc.communes.scoping import commune_scope
from cchc.communes.units import kind_for, match_unit, names_one_unit

from ..models import EVERY_UNIT, BudgetLine, Plan, PlanSection, PlanStatus, Task, TaskSource
from ..recurrence import sync_occurrences
from ..structure import Channel
from .parsed import ParsedPlan, ParsedTask

# "12 tin bài", "04 hội nghị", "100% xóm"
_TARGET = re.compile(
    r"(\d{1,4})\s*(%?)\s*(?:các\s+)?(tin,? bài|tin bài|bài viết|bài|hội nghị|buổi|cuộc|lượt|băng rôn|băng zôn|"
    r"khẩu hiệu|tờ rơi|panô|số bản tin|bản tin|xóm|thôn|bản|tổ dân phố)",
    re.IGNORECASE,
)


def find_target(text: str) -> tuple[int | None, str]:
    match = _TARGET.search(text)
    if not match:
        return None, ""
    value, percent, label = match.groups()
    return int(value), f"% {label}" if percent else label


def _end_of_year(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _quarter_of(day: dt.date | None) -> int | None:
    return (day.month - 1) // 3 + 1 if day else None


class UnitResolver:
    """Turns unit names as written into the commune's units, creating single units it lacks."""

    def __init__(self, commune: Commune):
        self.commune = commune
        self.units = list(Unit.objects.all())
        self.created: list[Unit] = []

    def foresee(self, names: list[str]) -> tuple[list[str], list[str]]:
        """What ``resolve`` will do with ``names``, without doing it: the units it will add to the commune's
        list, and the names it will keep as text only (the office then picks the unit)."""
        added, text_only = [], []
        for name in dict.fromkeys(name.strip() for name in names if name.strip()):
            if match_unit(name, self.units) is not None or re.match(EVERY_UNIT, name, re.IGNORECASE):
                continue
            (added if names_one_unit(name) else text_only).append(name)
        return added, text_only

    def resolve(self, name: str) -> Unit | None:
        if not name.strip():
            return None
        unit = match_unit(name, self.units)
        if unit is None and names_one_unit(name):
            unit = Unit.objects.create(commune=self.commune, name=name.strip()[:160], kind=kind_for(name))
            self.units.append(unit)
            self.created.append(unit)
        return unit


def _fit(values: dict, unplaced: list[dict]) -> dict:
    """Cut text longer than its column, keeping what was cut among the plan's unplaced lines."""
    for name, value in values.items():
        field = Plan._meta.get_field(name)
        limit = getattr(field, "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            values[name] = value[:limit]
            unplaced.append(
                {
                    "line": 0,
                    "text": value,
                    "reason": _("Quá dài cho mục «%(field)s», đã cắt bớt") % {"field": field.verbose_name},
                }
            )
    return values


@transaction.atomic
def save_parsed_plan(*, commune: Commune, parsed: ParsedPlan, source_name: str = "") -> Plan:
    """Create the plan, its body in order, one task per unit × quarter × channel (with the periods of
    a recurring one) and a budget line per amount the plan names."""
    unplaced = [{"line": u.line, "text": u.text, "reason": u.reason} for u in parsed.unplaced]
    with commune_scope(commune):
        year = parsed.year or (parsed.date.year if parsed.date else dt.date.today().year)
        if not 1900 <= year <= 2200:
            unplaced.append({"line": 0, "text": str(year), "reason": _("Năm không hợp lệ, đã dùng năm hiện tại")})
            year = dt.date.today().year
        plan = Plan.objects.create(
            commune=commune,
            **_fit(
                {
                    "doc_type": parsed.doc_type or "KẾ HOẠCH",
                    "title": parsed.title or _("Kế hoạch chưa có trích yếu"),
                    "number": parsed.number,
                    "symbol": parsed.symbol or "KH-UBND",
                    "place": parsed.place or commune.place_name,
                    "issuing_parent": parsed.issuing_parent,
                    "issuing_body": parsed.issuing_body or commune.issuing_body,
                    "signing_capacity": parsed.signing_capacity,
                    "signer_title": parsed.signer_title,
                    "signer_name": parsed.signer_name,
                    "source_name": source_name,
                },
                unplaced,
            ),
            year=year,
            issued_on=parsed.date,
            basis="\n".join(parsed.basis),
            intro="\n".join(parsed.intro),
            closing="\n".join(parsed.closing),
            recipients="\n".join(parsed.recipients),
            status=PlanStatus.DRAFT,
            unplaced=unplaced,
        )
        PlanSection.objects.bulk_create(
            PlanSection(
                commune=commune,
                plan=plan,
                position=position,
                kind=item.block.kind,
                marker=item.block.marker[:20],
                level=item.block.level,
                text=item.block.text,
                role=item.role,
                rows=item.block.rows,
            )
            for position, item in enumerate(parsed.blocks, start=1)
        )
        _create_tasks(commune=commune, plan=plan, parsed_tasks=parsed.tasks, year=year)
        BudgetLine.objects.bulk_create(
            BudgetLine(
                commune=commune,
                plan=plan,
                name=item.name[:200],
                amount=item.amount,
                note=(_("Dòng %(line)d: %(text)s") % {"line": item.line, "text": item.text})[:255],
            )
            for item in parsed.budget_lines
        )
    return plan


def planned_tasks(parsed_tasks: list[ParsedTask]) -> list[tuple[ParsedTask, Channel, str]]:
    """The tasks a plan will get: each parsed task once per channel (a timeline entry lists several),
    with the unit the text names to lead it ("" when it names none: the office assigns one), also shown
    in the import preview."""
    planned = []
    for parsed in parsed_tasks:
        channels = parsed.channels or [Channel.OTHER]
        for channel in channels if parsed.source == "timeline" else channels[:1]:
            planned.append((parsed, channel, parsed.lead_unit))
    return planned


def _create_tasks(*, commune: Commune, plan: Plan, parsed_tasks: list[ParsedTask], year: int) -> None:
    units = UnitResolver(commune)
    for position, (parsed, channel, lead_name) in enumerate(planned_tasks(parsed_tasks), start=1):
        recurring = bool(parsed.recurrence)
        due = parsed.due_date or (_end_of_year(year) if parsed.source == "responsibilities" or recurring else None)
        quarter = parsed.quarter or (_quarter_of(parsed.due_date) if parsed.due_date else None)
        target_value, target_label = find_target(parsed.title)
        task = Task.objects.create(
            commune=commune,
            plan=plan,
            title=parsed.title,
            lead_unit=units.resolve(lead_name),
            lead_unit_name=lead_name[:200],
            quarter=quarter,
            due_date=due,
            channel=channel,
            target_value=target_value,
            target_label=target_label,
            source=TaskSource(parsed.source) if parsed.source in TaskSource.values else TaskSource.MANUAL,
            position=position,
            starts_on=parsed.starts_on if parsed.starts_on and parsed.starts_on.year == year else None,
            recurrence=parsed.recurrence,
            times_per_period=max(1, min(parsed.times_per_period, 31)),
        )
        if recurring:
            task.plan = plan
            sync_occurrences(task)
        coordinators = [u for u in (units.resolve(n) for n in parsed.coordinating_units) if u is not None]
        if coordinators:
            task.coordinating_units.set(coordinators)
