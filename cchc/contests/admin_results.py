"""«Kết quả cuộc thi»: the officials' results screens, the ranking workbook and the publish button.

Everyone who may read the commune's rounds (``contests.view_contestround``: the justice officer, the
office, the chairman, and the overseer who only reads) sees each round's ranking, its entrants by
village and by unit, and the contest's overall ranking. Publishing is ``actions.PublishResults``
(``CONTEST_EDITORS`` only, after the round closed), behind a confirmation page. Rounds and contests
are fetched within the official's own commune: another commune's id is a 404.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from cchc.communes.actions import require_permission, require_role
from cchc.core.spreadsheets import append_row
from cchc.core.text import slugify_vi

from . import certificates, ranking, results
from .actions import CONTEST_EDITORS, PUBLISH_REFUSAL, PublishResults
from .models import Contest, ContestRound, IdentityKind

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS_PER_PAGE = 100
READ_PERMISSION = "contests.view_contestround"
READ_REFUSAL = _("Chỉ công chức Tư pháp, Văn phòng, lãnh đạo UBND xã và cấp trên được xem kết quả cuộc thi.")


def require_reader(request) -> None:
    if request.commune is None:
        raise Http404
    require_permission(request.user, READ_PERMISSION, str(READ_REFUSAL))


def may_publish(request) -> bool:
    try:
        require_role(request.user, request.commune, CONTEST_EDITORS, str(PUBLISH_REFUSAL))
    except PermissionDenied:
        return False
    return True


def round_of(request, round_id: int) -> ContestRound:
    require_reader(request)
    found = ContestRound.objects.filter(commune=request.commune, pk=round_id).select_related("contest").first()
    if found is None:
        raise Http404
    return found


def contest_of(request, contest_id: int) -> Contest:
    require_reader(request)
    found = Contest.objects.filter(commune=request.commune, pk=contest_id).first()
    if found is None:
        raise Http404
    return found


def public_url(request, round: ContestRound) -> str:
    """The winners page on the commune's own site (the admin may be opened on another host)."""
    path = reverse("contests:results", args=[round.contest.slug, round.number])
    site = request.commune.site
    return f"{site.root_url}{path}" if site is not None else path


def round_state(round: ContestRound, now) -> str:
    if round.results_published_at is not None:
        return _("Đã công bố kết quả")
    if now < round.opens_at:
        return _("Chưa mở")
    if now < round.closes_at:
        return _("Đang mở")
    return _("Đã kết thúc, chưa công bố kết quả")


# --- screens ------------------------------------------------------------------------------------------------


def results_index(request):
    """Every contest of the commune with its rounds, each leading to its results."""
    require_reader(request)
    now = timezone.now()
    contests = list(Contest.objects.filter(commune=request.commune).prefetch_related("rounds"))
    for contest in contests:
        contest.round_list = [(round, round_state(round, now)) for round in contest.rounds.all()]
    return TemplateResponse(request, "contests/admin/results_index.html", {"contests": contests})


def round_results(request, round_id: int):
    round = round_of(request, round_id)
    report = results.round_report(round, commune=request.commune)
    page = Paginator(report.rows, ROWS_PER_PAGE).get_page(request.GET.get("trang"))
    now = timezone.now()
    context = {
        "round": round,
        "contest": round.contest,
        "report": report,
        "page": page,
        "state": round_state(round, now),
        "closed": now >= round.closes_at,
        "may_publish": may_publish(request),
        "public_url": public_url(request, round),
        "rules_lines": ranking.rules_text(round.ranking_rules),
        "uses_prediction": round.contest.uses_prediction,
    }
    return TemplateResponse(request, "contests/admin/round_results.html", context)


def contest_results(request, contest_id: int):
    contest = contest_of(request, contest_id)
    report = results.contest_report(contest, commune=request.commune)
    page = Paginator(report.rows, ROWS_PER_PAGE).get_page(request.GET.get("trang"))
    context = {
        "contest": contest,
        "report": report,
        "page": page,
        "rules_lines": ranking.overall_rules_text(),
    }
    return TemplateResponse(request, "contests/admin/contest_results.html", context)


@require_http_methods(["GET", "POST"])
def publish(request, round_id: int):
    """«Công bố kết quả»: a page that says what will become public, and the button that does it."""
    round = round_of(request, round_id)
    error = ""
    if request.method == "POST":
        try:
            PublishResults(commune=request.commune, user=request.user, round=round).execute()
        except PermissionDenied as refusal:
            error = str(refusal)
        else:
            messages.success(
                request,
                _("Đã công bố kết quả đợt %(number)d. Trang kết quả: %(url)s")
                % {"number": round.number, "url": public_url(request, round)},
            )
            return redirect("cchc_contests_round_results", round_id=round.pk)
    context = {
        "round": round,
        "contest": round.contest,
        "error": error,
        "may_publish": may_publish(request),
        "closed": timezone.now() >= round.closes_at,
        "winners": results.round_results(round, commune=request.commune, up_to_rank=3),
        "public_url": public_url(request, round),
    }
    return TemplateResponse(request, "contests/admin/publish.html", context, status=403 if error else 200)


# --- the workbook -------------------------------------------------------------------------------------------


def round_workbook(round: ContestRound, report: results.Report) -> bytes:
    """The ranking (name, village, unit, the masked last digits, never the hash), then the village and unit
    tables. Every row goes through ``append_row``: a name typed as ``=…`` stays text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    contest = round.contest
    book = Workbook()
    sheet = book.active
    sheet.title = _("Xếp hạng")
    append_row(sheet, [str(round)])
    sheet["A1"].font = bold
    append_row(sheet, [" ".join(ranking.rules_text(round.ranking_rules))])
    append_row(sheet, [])
    number_label = _("Số điện thoại") if contest.identity_kind == IdentityKind.PHONE else _("Số căn cước")
    header = [
        _("Hạng"),
        _("Họ và tên"),
        _("Thôn, xóm"),
        _("Cơ quan, đoàn thể"),
        _("%(number)s (số cuối)") % {"number": number_label},
        _("Số câu đúng"),
        _("Số câu hỏi"),
        _("Thời gian làm bài (giây)"),
        _("Nộp bài lúc"),
    ]
    if contest.uses_prediction:
        header += [_("Dự đoán số người dự thi"), _("Chênh lệch dự đoán")]
    append_row(sheet, header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.freeze_panes = f"A{sheet.max_row + 1}"
    for row in report.rows:
        values = [
            row.rank,
            row.full_name,
            row.village_name,
            row.unit_name,
            row.masked_identity,
            row.score,
            row.total,
            row.seconds,
            timezone.localtime(row.submitted_at).replace(tzinfo=None),
        ]
        if contest.uses_prediction:
            values += [row.prediction, row.distance]
        append_row(sheet, values)
    for column, width in zip("ABCDEFGHIJK", (7, 30, 22, 26, 16, 12, 12, 14, 20, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width
    for title, groups, label in (
        (_("Theo thôn, xóm"), report.villages, _("Thôn, xóm")),
        (_("Theo đơn vị"), report.units, _("Cơ quan, đoàn thể")),
    ):
        table = book.create_sheet(title)
        append_row(table, [label, _("Số người dự thi"), _("Số bài dự thi"), _("Điểm trung bình")])
        for cell in table[1]:
            cell.font = bold
        for group in groups:
            average = round_score(group.average_score)
            append_row(table, [group.name, group.entrants, group.entries, average])
        table.column_dimensions["A"].width = 34
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def round_score(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# Certificates are printed for the placings up to this rank (ties included): the prize-winners of a
# round, a dozen pages or so, which the renderer makes in a few seconds within the request.
CERTIFICATE_RANKS = 10


def round_certificates(request, round_id: int):
    """The round's certificates as one PDF, once the round has closed and its ranking no longer moves."""
    round = round_of(request, round_id)
    if timezone.now() < round.closes_at:
        messages.error(request, _("Đợt thi chưa kết thúc nên chưa in được giấy chứng nhận."))
        return redirect("cchc_contests_round_results", round.pk)
    rows = results.round_results(round, commune=request.commune, up_to_rank=CERTIFICATE_RANKS)
    recipients = [
        certificates.Recipient(
            rank=row.rank,
            full_name=row.full_name,
            village=row.village_name,
            unit=row.unit_name,
            score=row.score,
            total=row.total,
        )
        for row in rows
    ]
    try:
        content = certificates.certificates_pdf(
            commune=request.commune, contest=round.contest, round=round, recipients=recipients
        )
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("cchc_contests_round_results", round.pk)
    log(instance=round, action="cchc.export", user=request.user, data={"format": "pdf", "rows": len(recipients)})
    name = f"giay-chung-nhan-{slugify_vi(round.contest.title, max_length=50)}-dot-{round.number}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def round_xlsx(request, round_id: int):
    round = round_of(request, round_id)
    report = results.round_report(round, commune=request.commune)
    content = round_workbook(round, report)
    log(instance=round, action="cchc.export", user=request.user, data={"format": "xlsx", "rows": len(report.rows)})
    name = f"ket-qua-{slugify_vi(round.contest.title, max_length=50)}-dot-{round.number}.xlsx"
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
