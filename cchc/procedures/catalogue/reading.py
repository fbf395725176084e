"""Reading a catalogue file into the catalogue's data: JSON; Excel with one sheet per table (the project's own
layout); or the list the national procedure database exports for a province (``national``), recognised by its
header row."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils.translation import gettext as _

from . import national
from .common import JSON_KEYS, LIST_KEYS, CatalogueError

PROCEDURES_SHEET = "thu_tuc"
FIELDS_SHEET = "linh_vuc"
LIFE_EVENTS_SHEET = "su_kien"


def read_catalogue_file(path: Path) -> dict:
    """The file's data as a dict of ``fields``, ``life_events`` and ``procedures``; CatalogueError if unreadable.

    A national list also gives ``_layout`` (a ``national.Layout``): what was read and what was left out.
    """
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as exc:
            raise CatalogueError(
                [
                    _("Tệp JSON sai cú pháp ở dòng %(line)d, cột %(column)d: %(reason)s")
                    % {"line": exc.lineno, "column": exc.colno, "reason": exc.msg}
                ]
            ) from exc
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise CatalogueError(
        [_("Chỉ nhận tệp .json hoặc .xlsx, không nhận «%(name)s».") % {"name": path.suffix or path.name}]
    )


def _cell_list(value) -> list[str]:
    if value is None:
        return []
    return [line.strip() for line in str(value).splitlines() if line.strip()]


def _rows(book, sheet_name: str) -> list[tuple[int, dict]]:
    """The sheet's non-empty rows as dicts keyed by the header row, with their row numbers in Excel."""
    if sheet_name not in book.sheetnames:
        return []
    values = list(book[sheet_name].iter_rows(values_only=True))
    if not values:
        return []
    header = [str(h).strip() if h is not None else "" for h in values[0]]
    return [
        (number, dict(zip(header, row, strict=False)))
        for number, row in enumerate(values[1:], start=2)
        if any(cell not in (None, "") for cell in row)
    ]


def _procedure_row(number: int, row: dict, errors: list[str]) -> dict:
    where = _("Trang «%(sheet)s», dòng %(row)d") % {"sheet": PROCEDURES_SHEET, "row": number}
    item = {k: v for k, v in row.items() if k}
    for key in ("code", "field"):
        if isinstance(item.get(key), (int, float)):
            errors.append(
                _(
                    "%(where)s: ô «%(key)s» là số (%(value)s); Excel có thể đã bỏ số 0 ở cuối. "
                    "Định dạng cột này là Văn bản (Text) rồi gõ lại."
                )
                % {"where": where, "key": key, "value": item[key]}
            )
    for key in LIST_KEYS:
        if key in item:
            item[key] = _cell_list(item[key])
    for key in JSON_KEYS:
        if isinstance(item.get(key), str) and item[key].strip():
            try:
                item[key] = json.loads(item[key])
            except json.JSONDecodeError:
                errors.append(_("%(where)s: cột «%(key)s» không phải JSON hợp lệ.") % {"where": where, "key": key})
        elif item.get(key) in (None, ""):
            item[key] = []
    item["_row"] = where
    return item


def _read_xlsx(path: Path) -> dict:
    from openpyxl import load_workbook

    national.check_size(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a corrupt file raises anything from zipfile to KeyError
        raise CatalogueError([_("Không đọc được tệp Excel: %(reason)s") % {"reason": exc}]) from exc
    if PROCEDURES_SHEET not in book.sheetnames:
        header = national.find_header(book)
        book.close()
        if header is None:
            raise CatalogueError(
                [
                    _(
                        "Tệp Excel cần có trang tính «%(sheet)s» (mẫu của hệ thống), hoặc là danh mục thủ tục xuất từ "
                        "Cơ sở dữ liệu quốc gia về thủ tục hành chính (có dòng tiêu đề với các cột «Mã thủ tục», "
                        "«Tên thủ tục», «Lĩnh vực»)."
                    )
                    % {"sheet": PROCEDURES_SHEET}
                ]
            )
        return national.read_national(path, header)
    errors: list[str] = []
    procedures = [_procedure_row(number, row, errors) for number, row in _rows(book, PROCEDURES_SHEET)]
    if errors:
        raise CatalogueError(errors)
    return {
        "fields": [{"code": r.get("code"), "name": r.get("name")} for _n, r in _rows(book, FIELDS_SHEET)],
        "life_events": [
            {
                "slug": r.get("slug"),
                "name": r.get("name"),
                "procedures": [c.strip() for c in str(r.get("procedures") or "").split(",") if c.strip()],
            }
            for _n, r in _rows(book, LIFE_EVENTS_SHEET)
        ],
        "procedures": procedures,
    }
