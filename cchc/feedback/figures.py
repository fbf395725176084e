"""The figures of citizens' messages over a period: received, answered on time, late, by kind, field,
unit and channel. Read by the plan's dashboard (its year) and the year-end report's table.

One rule for «on time»: an answer (approved, or the reasoned decision not to handle) given by its due
date; a message with no due date yet (answered before it was given to a unit) is on time. «Late» is
an answer after the due date, or a message still open past it on the day the figures are read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .models import OPEN_STATUSES, Channel, Feedback, Kind, Subject


@dataclass
class Line:
    label: str
    received: int = 0
    answered: int = 0
    on_time: int = 0
    late: int = 0  # answered late, or still open past the due date
    open: int = 0

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.answered) if self.answered else None

    def count(self, row: dict, today: dt.date) -> None:
        self.received += 1
        due = row["due_date"]
        if row["status"] in OPEN_STATUSES:
            self.open += 1
            if due is not None and due < today:
                self.late += 1
            return
        self.answered += 1
        answered_on = timezone.localtime(row["answered_at"]).date() if row["answered_at"] else today
        if due is None or answered_on <= due:
            self.on_time += 1
        else:
            self.late += 1


@dataclass
class FeedbackFigures:
    start: dt.date
    end: dt.date
    total: Line = field(default_factory=lambda: Line(_("Tổng số")))
    by_kind: list[Line] = field(default_factory=list)
    by_subject: list[Line] = field(default_factory=list)
    by_unit: list[Line] = field(default_factory=list)
    by_channel: list[Line] = field(default_factory=list)
    sessions: int = 0  # dialogue conferences whose questions were recorded

    @property
    def groups(self) -> list[tuple[str, list[Line]]]:
        return [
            (_("Theo loại"), self.by_kind),
            (_("Theo lĩnh vực"), self.by_subject),
            (_("Theo đơn vị xử lý"), self.by_unit),
            (_("Theo kênh tiếp nhận"), self.by_channel),
        ]


def feedback_figures(
    *, commune: Commune, start: dt.date, end: dt.date, today: dt.date | None = None
) -> FeedbackFigures:
    """Messages received from ``start`` to ``end`` (both included), in one query."""
    today = today or timezone.localdate()
    begin = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    finish = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    with commune_scope(commune):
        rows = list(
            Feedback.objects.filter(commune=commune, received_at__gte=begin, received_at__lt=finish)
            .values("kind", "subject", "channel", "status", "due_date", "answered_at", "unit__name", "session_id")
            .order_by()
        )
    figures = FeedbackFigures(start=start, end=end)
    kinds = {value: Line(str(label)) for value, label in Kind.choices}
    subjects = {value: Line(str(label)) for value, label in Subject.choices}
    channels = {value: Line(str(label)) for value, label in Channel.choices}
    units: dict[str, Line] = {}
    not_given = _("Chưa giao đơn vị")
    for row in rows:
        unit = row["unit__name"] or not_given
        for line in (figures.total, kinds[row["kind"]], subjects[row["subject"]], channels[row["channel"]],
                     units.setdefault(unit, Line(unit))):  # fmt: skip
            line.count(row, today)
    figures.by_kind = [line for line in kinds.values() if line.received]
    figures.by_subject = [line for line in subjects.values() if line.received]
    figures.by_channel = [line for line in channels.values() if line.received]
    figures.by_unit = sorted(units.values(), key=lambda line: (line.label == not_given, -line.received, line.label))
    figures.sessions = len({row["session_id"] for row in rows if row["session_id"]})
    return figures


def year_figures(*, commune: Commune, year: int, today: dt.date | None = None) -> FeedbackFigures:
    return feedback_figures(commune=commune, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), today=today)


def figures_xlsx(figures: FeedbackFigures, *, commune: Commune) -> bytes:
    """The figures as a workbook for the year-end report: one table, a row per group line."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from cchc.core.spreadsheets import append_row

    book = Workbook()
    sheet = book.active
    sheet.title = _("Phản ánh, kiến nghị")
    bold = Font(bold=True)
    append_row(sheet, [_("Tiếp nhận, xử lý phản ánh, kiến nghị — %(commune)s") % {"commune": commune.name}])
    sheet["A1"].font = bold
    append_row(
        sheet, [_("Từ ngày %(a)s đến ngày %(b)s") % {"a": f"{figures.start:%d/%m/%Y}", "b": f"{figures.end:%d/%m/%Y}"}]
    )
    append_row(sheet, [])
    header = [_("Nhóm"), _("Nội dung"), _("Tiếp nhận"), _("Đã trả lời"), _("Đúng hạn"), _("Trễ hạn"), _("Đang xử lý"),
              _("Tỷ lệ đúng hạn (%)")]  # fmt: skip
    append_row(sheet, header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold

    def line_row(group: str, line: Line) -> list:
        return [group, line.label, line.received, line.answered, line.on_time, line.late, line.open,
                line.on_time_percent if line.on_time_percent is not None else ""]  # fmt: skip

    append_row(sheet, line_row("", figures.total))
    for group, lines in figures.groups:
        for line in lines:
            append_row(sheet, line_row(group, line))
    append_row(sheet, [])
    append_row(sheet, [_("Số hội nghị đối thoại có ghi ý kiến"), "", figures.sessions])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
