"""«Nhập câu hỏi từ Excel»: the upload screen over ``actions.ImportQuestions``, and the blank template.

Every row is checked before anything is stored (``importing.parse_questions``): a wrong file shows each
wrong cell by row and column and saves nothing. Only ``actions.CONTEST_EDITORS`` may import; the menu
entry is shown to those holding ``contests.add_question`` (the same roles, ``apps.py``).
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cchc.communes.actions import require_role

from .actions import CONTEST_EDITORS, IMPORT_REFUSAL, ImportQuestions
from .importing import MAX_BYTES, MAX_ROWS, ImportFailed, read_question_file
from .models import Topic

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_HEADER = [
    "STT",
    "Câu hỏi",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Đáp án đúng",
    "Căn cứ pháp lý",
    "Chủ đề",
]
TEMPLATE_EXAMPLE = [
    1,
    "Luật Tiếp công dân được Quốc hội thông qua năm nào?",
    "2011",
    "2013",
    "2015",
    "2018",
    "B",
    "Luật Tiếp công dân 2013",
]


def require_importer(request) -> None:
    if request.commune is None:
        raise Http404
    require_role(request.user, request.commune, CONTEST_EDITORS, str(IMPORT_REFUSAL))


def template_xlsx() -> bytes:
    """A sheet with the columns the import reads, one example row, and the topics on a second sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Câu hỏi")
    sheet.append(TEMPLATE_HEADER)
    topics = list(Topic.objects.all())
    sheet.append([*TEMPLATE_EXAMPLE, topics[0].name if topics else ""])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (6, 60, 24, 24, 24, 24, 14, 32, 36), strict=True):
        sheet.column_dimensions[column].width = width
    names = book.create_sheet(_("Chủ đề"))
    names.append([_("Tên chủ đề (ghi vào cột «Chủ đề», nhiều chủ đề cách nhau bằng dấu phẩy)")])
    names["A1"].font = Font(bold=True)
    names.column_dimensions["A"].width = 70
    for topic in topics:
        names.append([topic.name])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def download_template(request):
    require_importer(request)
    response = HttpResponse(template_xlsx(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-cau-hoi.xlsx"'
    return response


def import_questions(request):
    require_importer(request)
    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            errors = [_("Hãy chọn tệp Excel (.xlsx) để nhập.")]
        else:
            try:
                rows = read_question_file(upload.name, upload.read(MAX_BYTES + 1))
                report = ImportQuestions(
                    commune=request.commune, user=request.user, rows=rows, source_name=upload.name
                ).execute()
            except ImportFailed as failed:
                errors = failed.errors
            except PermissionDenied as refusal:
                errors = [str(refusal)]
            else:
                message = _("Đã thêm %(stored)d câu hỏi vào ngân hàng câu hỏi của xã.") % {"stored": report.stored}
                if report.already:
                    message += " " + _("%(already)d câu đã có trong ngân hàng nên không thêm lại.") % {
                        "already": report.already
                    }
                messages.success(request, message)
                return redirect("ngan-hang-cau-hoi:index")
    context = {
        "errors": errors,
        "max_mb": MAX_BYTES // 1024 // 1024,
        "max_rows": MAX_ROWS,
        "topics": Topic.objects.all(),
    }
    return TemplateResponse(request, "contests/admin/import.html", context, status=400 if errors else 200)
