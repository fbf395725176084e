"""Importing survey responses from a spreadsheet (.xlsx) or a CSV file: one row per respondent.

The header row names the columns: criterion codes (``1.1``, ``2.3``…), the campaign's own questions
(``R.1``…), and optionally the procedure field (``procedure``, ``lĩnh vực``, ``thủ tục``) and a
comment (``comment``, ``ý kiến``); other columns are ignored. Every row is checked before anything
is stored; errors name the row as the spreadsheet numbers it (header = row 1) and the column.
Each row's idempotency key is the file's content hash and the row number, so importing the same
file again stores nothing new. Storing goes through ``responses.record_responses``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cchc.communes.scoping import commune_scope
from cchc.core.text import fold_vietnamese
from cchc.procedures.models import ProcedureField

from .models import Campaign, Response
from .responses import Codebook, Form, parse_value, record_responses, value_error

# A criterion column: its code, alone or after the words provinces put before it ("Tiêu chí 1.1", "TC1.1", "Câu 2.3").
CODE_LIKE = re.compile(r"(?:tieu chi|tc|cau hoi|cau)?\s*(\d+\.\d+|r\.\d+)")
FIELD_HEADERS = {"procedure", "procedure_field", "linh vuc", "thu tuc", "linh vuc, thu tuc"}
COMMENT_HEADERS = {"comment", "y kien", "y kien khac", "gop y"}
RECEIPT_HEADERS = {"ma phieu", "receipt"}


class ImportFailed(Exception):
    """The file cannot be imported; ``errors`` are Vietnamese lines naming row and column."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportReport:
    stored: int
    already: int
    skipped_blank: int


# A spreadsheet is read no further than this (a province's forms for one round are a few thousand).
MAX_READ_ROWS = 50_000
MAX_READ_COLUMNS = 200


def read_rows(path: Path, content: bytes) -> list[list[Any]]:
    """The file's rows (header first) as lists of cell values."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFailed(
                [
                    _(
                        "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không phải bảng tính. "
                        "Hãy mở và lưu lại rồi thử lại."
                    )
                ]
            ) from error
        sheet = book.worksheets[0]
        # Bounded: a small file may declare a million rows or columns; read one row past the limit
        # so that the caller can say the file is too long.
        rows = [
            list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_READ_ROWS + 1, max_col=MAX_READ_COLUMNS)
        ]
        book.close()
        return rows
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed([_("Tệp CSV phải được lưu với mã UTF-8.")]) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def criterion_code(header: str) -> str | None:
    """``"1.1"``, ``"R.2"``… when the header names a criterion or an own question, else None."""
    found = CODE_LIKE.fullmatch(fold_vietnamese(header).strip().lower())
    return found.group(1).upper() if found else None


def header_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return repr(cell)
    return str(cell).strip()


def blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def field_lookup() -> dict[str, ProcedureField]:
    """Procedure fields by folded name, code and slug."""
    table: dict[str, ProcedureField] = {}
    for item in ProcedureField.objects.all():
        for key in (item.name, item.code, item.slug):
            table[fold_vietnamese(key).strip().lower()] = item
    return table


def find_field(value: str, table: dict[str, ProcedureField]) -> ProcedureField | None:
    key = fold_vietnamese(value).strip().lower()
    found = table.get(key)
    if found is None and key.startswith("linh vuc "):
        found = table.get(key.removeprefix("linh vuc "))
    return found


def row_key(answers: dict, field_label: str, comment: str, receipt: str, seen: Counter) -> str:
    """The idempotency key of one row: what it says, not where it sits in which file.

    A province sends the same forms again with rows added, sorted or the file saved anew: rows seen
    before are recognised and not stored twice. Identical rows (two villagers who answered alike)
    are told apart by their order among themselves. A row carrying a form's code (``mã phiếu``, as
    the export writes it) is that form.
    """
    if receipt:
        return f"import:receipt:{receipt[:60]}"
    content = json.dumps([sorted(answers.items()), field_label, comment], ensure_ascii=False)
    digest = hashlib.sha256(content.encode()).hexdigest()[:40]
    seen[digest] += 1
    return f"import:{digest}:{seen[digest]}"


def import_responses(*, path: Path, campaign: Campaign, user=None) -> ImportReport:
    """Check every row of the file, then store its responses once; ``ImportFailed`` stores nothing."""
    path = Path(path)
    content = path.read_bytes()
    rows = read_rows(path, content)
    if not rows:
        raise ImportFailed([_("Tệp không có dòng tiêu đề.")])
    if len(rows) - 1 > MAX_READ_ROWS:
        raise ImportFailed(
            [
                _("Tệp có hơn %(max)s dòng: hãy chia thành nhiều tệp nhỏ hơn.")
                % {"max": f"{MAX_READ_ROWS:,}".replace(",", ".")}
            ]
        )
    codebook = Codebook.of(campaign)
    headers = [header_text(cell) for cell in rows[0]]
    errors: list[str] = []
    answer_columns: dict[int, str] = {}
    field_column = comment_column = receipt_column = None
    for index, header in enumerate(headers):
        folded = fold_vietnamese(header).strip().lower()
        code = criterion_code(header)
        if code is not None:
            if not codebook.knows(code):
                errors.append(
                    _("Dòng 1, cột %(column)s: mã tiêu chí “%(code)s” không có trong mẫu phiếu của đợt khảo sát.")
                    % {"column": header, "code": code}
                )
            elif code in answer_columns.values():
                errors.append(_("Dòng 1, cột %(column)s: cột bị lặp lại.") % {"column": header})
            else:
                answer_columns[index] = code
        elif folded in FIELD_HEADERS and field_column is None:
            field_column = index
        elif folded in COMMENT_HEADERS and comment_column is None:
            comment_column = index
        elif folded in RECEIPT_HEADERS and receipt_column is None:
            receipt_column = index
    if not answer_columns and not errors:
        errors.append(_("Dòng 1: không có cột nào mang mã tiêu chí (ví dụ 1.1, 2.3)."))
    if errors:
        raise ImportFailed(errors)

    fields = field_lookup() if field_column is not None else {}
    forms: list[Form] = []
    skipped = 0
    seen: Counter = Counter()
    for number, row in enumerate(rows[1:], start=2):
        row = list(row) + [None] * (len(headers) - len(row))
        cells = {code: row[index] for index, code in answer_columns.items()}
        if all(blank(cell) for cell in cells.values()):
            skipped += 1
            continue
        answers: dict[str, Any] = {}
        for index, code in answer_columns.items():
            cell = row[index]
            try:
                answers[code] = parse_value(cell)
            except ValueError:
                errors.append(
                    _("Dòng %(row)d, cột %(column)s: %(reason)s.")
                    % {"row": number, "column": headers[index], "reason": value_error(cell)}
                )
        procedure_field, field_label = None, ""
        if field_column is not None and not blank(row[field_column]):
            # A field the catalogue does not know ("Hộ tịch" written by hand) is kept as written.
            field_label = str(row[field_column]).strip()
            procedure_field = find_field(field_label, fields)
        comment = "" if comment_column is None or blank(row[comment_column]) else str(row[comment_column]).strip()
        receipt = "" if receipt_column is None or blank(row[receipt_column]) else str(row[receipt_column]).strip()
        forms.append(
            Form(
                answers=answers,
                idempotency_key=row_key(answers, field_label, comment, receipt, seen),
                procedure_field=procedure_field,
                field_label=field_label,
                comment=comment,
            )
        )
    if errors:
        raise ImportFailed(errors)
    # Forms this round already holds under their own code (an export of the round imported back).
    receipts = [
        f.idempotency_key.removeprefix("import:receipt:")
        for f in forms
        if f.idempotency_key.startswith("import:receipt:")
    ]
    with commune_scope(campaign.commune):
        held = set(
            Response.objects.filter(campaign=campaign, receipt_code__in=receipts).values_list("receipt_code", flat=True)
        )
    if held:
        forms = [f for f in forms if f.idempotency_key.removeprefix("import:receipt:") not in held]
    try:
        result = record_responses(commune=campaign.commune, campaign=campaign, forms=forms, user=user)
    except ValidationError as error:  # a rule of the campaign (closed…), the cells were checked above
        raise ImportFailed([str(message) for message in error.messages]) from error
    return ImportReport(stored=result.stored, already=result.already + len(held), skipped_blank=skipped)
