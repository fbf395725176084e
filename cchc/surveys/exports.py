"""A campaign's results as files: an Excel workbook and a report in the official layout (PDF).

The workbook's second sheet has one row per respondent with a column per criterion code, the
procedure field and the comment: the shape ``importing.import_responses`` reads, so an export imports
back (into another campaign) and gives the same index. Names and phone numbers, given with the
respondent's consent, are written only for officials who may see them (``results.may_see_contacts``).

The report is an ``OfficialDocument`` (BÁO CÁO, Decree 30 header and signature) rendered by
``cchc.core.rendering``; the bar chart of the elements is placed into its HTML where a placeholder
paragraph stands, since the official document has no chart block.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.scoping import commune_scope
from cchc.core.official_document import Block, BlockKind, OfficialDocument
from cchc.core.rendering.pdf import html_to_pdf, render_html
from cchc.core.spreadsheets import append_row
from cchc.core.text import format_date_short, format_number, slugify_vi

from . import results as figures
from .models import Answer, Formula, Response
from .paper_form import entry_sections

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_PLACEHOLDER = "BIEU-DO-KET-QUA-KHAO-SAT"
COMMENTS_IN_REPORT = 10


def export_name(campaign, fmt: str) -> str:
    stem = "bao-cao-khao-sat" if fmt == "pdf" else "ket-qua-khao-sat"
    return f"{stem}-{slugify_vi(campaign.title, max_length=60)}.{fmt}"


def formula_text(campaign) -> str:
    """What the percentage means, in the words the results page and the report use."""
    if campaign.formula == Formula.MEAN_SCORE:
        return _(
            "Mỗi tiêu chí: điểm trung bình của các câu trả lời hợp lệ, quy về thang 0–100 theo công thức "
            "(điểm − 1) ÷ 4 × 100. Mỗi yếu tố: trung bình các tiêu chí của yếu tố có câu trả lời; chỉ số chung: "
            "trung bình các yếu tố. Câu để trống không được tính."
        )
    return _(
        "Tỷ lệ hài lòng của một tiêu chí là số ý kiến «Hài lòng» (4) và «Rất hài lòng» (5) chia cho tổng số ý kiến "
        "hợp lệ (từ 1 đến 5) của tiêu chí đó, nhân 100. Câu để trống không được tính. Tỷ lệ của một yếu tố là "
        "trung bình cộng tỷ lệ các tiêu chí của yếu tố có ý kiến; chỉ số hài lòng chung là trung bình cộng tỷ lệ "
        "các yếu tố. Số liệu làm tròn hai chữ số thập phân."
    )


# --- workbook ----------------------------------------------------------------------------------------------


def results_xlsx(campaign, *, with_contacts: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    result = figures.results_for(campaign)
    book = Workbook()
    # The respondents' sheet comes first: the importer reads a workbook's first sheet.
    rows = book.active
    rows.title = _("Phiếu")
    sheet = book.create_sheet(_("Chỉ số"))
    bold = Font(bold=True)
    append_row(sheet, [campaign.title])
    sheet["A1"].font = bold
    append_row(sheet, [_("Số phiếu"), result.responses])
    append_row(sheet, [_("Cách tính"), formula_text(campaign)])
    append_row(sheet, [])
    append_row(sheet, [_("Mã"), _("Yếu tố, tiêu chí"), result.measure])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    append_row(sheet, ["", _("Chỉ số hài lòng chung"), as_cell(result.overall)])
    elements = {line.code: line for line in result.elements}
    by_element = defaultdict(list)
    for line in result.criteria:
        by_element[line.element].append(line)
    for number, element in elements.items():
        append_row(sheet, [number, element.name, as_cell(element.value)])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for line in by_element[number]:
            append_row(sheet, [line.code, line.name, as_cell(line.value)])
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 18

    codes = [code for _heading, items in entry_sections(campaign) for code, _text in items]
    header = [*codes, "lĩnh vực", "ý kiến", "mã phiếu", "hình thức", "thời điểm"]
    if with_contacts:
        header += ["họ và tên", "điện thoại"]
    append_row(rows, header)
    with commune_scope(campaign.commune):
        responses = list(
            Response.objects.filter(campaign=campaign).select_related("procedure_field").order_by("created_at", "pk")
        )
        values: dict[int, dict[str, int]] = defaultdict(dict)
        answers = Answer.objects.filter(campaign=campaign).values_list(
            "response_id", "criterion__code", "question__number", "value"
        )
        for response_id, code, number, value in answers.iterator(chunk_size=5000):
            values[response_id][code or f"R.{number}"] = value
    channels = dict(Response._meta.get_field("channel").choices)
    for response in responses:
        given = values.get(response.pk, {})
        field = response.procedure_field.name if response.procedure_field else response.field_label
        row = [given.get(code) for code in codes]
        row += [
            field,
            response.comment,
            response.receipt_code,
            str(channels.get(response.channel, response.channel)),
            timezone.localtime(response.created_at).replace(tzinfo=None),
        ]
        if with_contacts:
            consented = response.contact_consent
            row += [response.contact_name if consented else "", response.contact_phone if consented else ""]
        append_row(rows, row)
    rows.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_cell(value):
    return None if value is None else float(value)


# --- report ------------------------------------------------------------------------------------------------


def report_document(campaign, result: figures.Results) -> OfficialDocument:
    commune = campaign.commune
    period = ""
    if campaign.period_start and campaign.period_end:
        period = _("từ ngày %(start)s đến ngày %(end)s") % {
            "start": format_date_short(campaign.period_start),
            "end": format_date_short(campaign.period_end),
        }
    general = [
        _("Đợt khảo sát: %(title)s%(period)s.") % {"title": campaign.title, "period": f", {period}" if period else ""},
        _("Mẫu phiếu: %(name)s.") % {"name": campaign.template.name},
    ]
    if campaign.scope_note:
        general.append(_("Phạm vi: %(scope)s.") % {"scope": campaign.scope_note})
    if campaign.respondents:
        general.append(_("Đối tượng khảo sát: %(who)s.") % {"who": campaign.respondents})
    if campaign.sample_target:
        general.append(
            _("Số phiếu thu về: %(n)s/%(target)s phiếu dự kiến (%(share)s%%).")
            % {"n": format_number(result.responses), "target": format_number(campaign.sample_target),
               "share": result.target_share}
        )  # fmt: skip
    else:
        general.append(_("Số phiếu thu về: %(n)s phiếu.") % {"n": format_number(result.responses)})
    general.append(_("Cách tính: %(formula)s") % {"formula": formula_text(campaign)})

    body = [Block(BlockKind.HEADING, _("THÔNG TIN CHUNG"), marker="I.", level=1)]
    body += [Block(BlockKind.BULLET, text, marker="-", level=4) for text in general]
    body.append(Block(BlockKind.HEADING, _("KẾT QUẢ KHẢO SÁT"), marker="II.", level=1))
    body.append(
        Block(
            BlockKind.PARAGRAPH,
            _("Chỉ số hài lòng chung về sự phục vụ hành chính của %(commune)s là %(value)s.")
            % {"commune": commune.name_in_text, "value": result.overall_text},
        )
    )
    if result.published is not None:
        body.append(
            Block(
                BlockKind.PARAGRAPH,
                _("Chỉ số SIPAS năm %(year)s do tỉnh công bố: %(value)s (chênh lệch %(diff)s).")
                % {"year": result.year, "value": result.published_text, "diff": result.difference_text},
            )
        )
    body.append(Block(BlockKind.HEADING, _("Kết quả theo yếu tố"), marker="1.", level=2))
    body.append(
        Block(
            BlockKind.TABLE,
            rows=[[_("Yếu tố"), result.measure]]
            + [[f"{line.code}. {line.name}", line.text] for line in result.elements],
        )
    )
    if result.element_chart:
        body.append(Block(BlockKind.PARAGRAPH, CHART_PLACEHOLDER))
    body.append(Block(BlockKind.HEADING, _("Kết quả theo tiêu chí"), marker="2.", level=2))
    body.append(
        Block(
            BlockKind.TABLE,
            rows=[[_("Mã"), _("Tiêu chí"), result.measure]]
            + [[line.code, line.name, line.text] for line in result.criteria],
        )
    )
    body.append(Block(BlockKind.HEADING, _("NHỮNG TIÊU CHÍ CẦN CẢI THIỆN"), marker="III.", level=1))
    if result.weakest:
        body += [
            Block(BlockKind.BULLET, f"{line.code}. {line.name}: {line.text}", marker="-", level=4)
            for line in result.weakest
        ]
    else:
        body.append(Block(BlockKind.PARAGRAPH, _("Chưa có ý kiến nào.")))
    with commune_scope(commune):
        comments = list(
            Response.objects.filter(campaign=campaign)
            .exclude(comment="")
            .order_by("-created_at", "-pk")
            .values_list("comment", flat=True)[:COMMENTS_IN_REPORT]
        )
    body.append(Block(BlockKind.HEADING, _("Ý KIẾN KHÁC CỦA NGƯỜI DÂN, TỔ CHỨC"), marker="IV.", level=1))
    if comments:
        body += [Block(BlockKind.BULLET, comment, marker="-", level=4) for comment in comments]
    else:
        body.append(Block(BlockKind.PARAGRAPH, _("Không có ý kiến khác.")))
    today = timezone.localdate()
    return OfficialDocument(
        doc_type="BÁO CÁO",
        title=_("Kết quả khảo sát mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của %(commune)s")
        % {"commune": commune.name_in_text}
        + f" — {campaign.title}",
        issuing_body=commune.issuing_body,
        symbol="BC-UBND",
        place=commune.place_name,
        date=today,
        body=body,
        closing=[_("Trên đây là kết quả khảo sát mức độ hài lòng của %(name)s.") % {"name": commune.name_in_text}],
        recipients=[commune.superior_body, _("Lưu: VT")],
        signing_capacity="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        draft=True,
        year=result.year,
    )


def report_html(campaign) -> str:
    result = figures.results_for(campaign)
    html = render_html(report_document(campaign, result))
    figure = f'<div class="chart-figure" style="text-align:center;margin:0 0 8pt">{result.element_chart}</div>'
    # The placeholder paragraph, whatever classes the official template gives it, becomes the chart.
    return re.sub(rf"<p\b[^>]*>\s*{CHART_PLACEHOLDER}\s*</p>", lambda _match: figure, html)


def report_pdf(campaign) -> bytes:
    return html_to_pdf(report_html(campaign))
