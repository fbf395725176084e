"""Load the national catalogue of procedures from JSON or Excel: all rows or none.

Every bad row is reported with its reason; a file with any error changes nothing. A procedure
whose content changed gets a new version, and the communes that publish it follow the new one
(their posted sheets of the old version then show as outdated).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DataError, IntegrityError, transaction

from cchc.core.text import slugify_vi

from .models import FormTemplate, LifeEvent, Procedure, ProcedureField, PublishedProcedure

REQUIRED = ["code", "name", "field", "steps", "dossier", "processing_time", "agency", "result", "submission"]
LIST_KEYS = ["audiences", "steps", "legal_basis", "keywords", "sources"]
JSON_KEYS = ["submission", "dossier", "forms"]
METHODS = {"truc_tiep", "buu_chinh", "truc_tuyen"}
CONTENT_KEYS = [
    "name", "field", "level", "audiences", "steps", "submission", "dossier", "forms", "processing_time",
    "processing_days", "fees", "who_may_submit", "agency", "result", "conditions", "legal_basis",
    "effective_date", "online_level", "keywords", "code_verified", "sources",
]  # fmt: skip


class CatalogueError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class CatalogueReport:
    created: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    fields: int = 0
    life_events: int = 0


def read_catalogue_file(path: Path) -> dict:
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as exc:
            raise CatalogueError([f"Tệp JSON sai cú pháp ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}"]) from exc
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise CatalogueError([f"Chỉ nhận tệp .json hoặc .xlsx, không nhận «{path.suffix or path.name}»."])


def _cell_list(value) -> list[str]:
    if value is None:
        return []
    return [line.strip() for line in str(value).splitlines() if line.strip()]


def _read_xlsx(path: Path) -> dict:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a corrupt file raises anything from zipfile to KeyError
        raise CatalogueError([f"Không đọc được tệp Excel: {exc}"]) from exc

    def rows(sheet_name: str) -> list[tuple[int, dict]]:
        if sheet_name not in book.sheetnames:
            return []
        sheet = book[sheet_name]
        values = list(sheet.iter_rows(values_only=True))
        if not values:
            return []
        header = [str(h).strip() if h is not None else "" for h in values[0]]
        return [
            (number, dict(zip(header, row, strict=False)))
            for number, row in enumerate(values[1:], start=2)
            if any(cell not in (None, "") for cell in row)
        ]

    if "thu_tuc" not in book.sheetnames:
        raise CatalogueError(["Tệp Excel cần có trang tính «thu_tuc»."])
    errors: list[str] = []
    procedures = []
    for number, row in rows("thu_tuc"):
        item = {k: v for k, v in row.items() if k}
        for key in ("code", "field"):
            if isinstance(item.get(key), (int, float)):
                errors.append(
                    f"Trang «thu_tuc», dòng {number}: ô «{key}» là số ({item[key]}); Excel có thể đã bỏ số 0 ở cuối. "
                    "Định dạng cột này là Văn bản (Text) rồi gõ lại."
                )
        for key in LIST_KEYS:
            if key in item:
                item[key] = _cell_list(item[key])
        for key in JSON_KEYS:
            if isinstance(item.get(key), str) and item[key].strip():
                try:
                    item[key] = json.loads(item[key])
                except json.JSONDecodeError:
                    errors.append(f"Trang «thu_tuc», dòng {number}: cột «{key}» không phải JSON hợp lệ.")
            elif item.get(key) in (None, ""):
                item[key] = []
        item["_row"] = f"Trang «thu_tuc», dòng {number}"
        procedures.append(item)
    if errors:
        raise CatalogueError(errors)
    return {
        "fields": [{"code": r.get("code"), "name": r.get("name")} for _, r in rows("linh_vuc")],
        "life_events": [
            {
                "slug": r.get("slug"),
                "name": r.get("name"),
                "procedures": [c.strip() for c in str(r.get("procedures") or "").split(",") if c.strip()],
            }
            for _, r in rows("su_kien")
        ],
        "procedures": procedures,
    }


def _where(item: dict, index: int) -> str:
    code = item.get("code") or "?"
    return item.get("_row") or f"Thủ tục thứ {index} (mã {code})"


def validate(data: dict, *, known_fields: set[str]) -> list[str]:
    """Every problem of the file, in Vietnamese, each with where it is."""
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        return ["Tệp cần có danh sách «procedures»."]
    errors: list[str] = []
    data["fields"] = data.get("fields") or []
    data["life_events"] = data.get("life_events") or []
    field_codes = {str(f.get("code") or "").strip() for f in data["fields"] if isinstance(f, dict)}
    field_slugs: set[str] = set()
    for f in data["fields"]:
        if not isinstance(f, dict) or not isinstance(f.get("code"), str) or not isinstance(f.get("name"), str):
            errors.append(f"Lĩnh vực {f!r}: cần có «code» và «name» dạng chữ.")
            continue
        slug = slugify_vi(f["name"])
        if slug in field_slugs:
            errors.append(f"Lĩnh vực «{f['name']}»: trùng tên với một lĩnh vực khác.")
        field_slugs.add(slug)
    fields = field_codes | known_fields
    seen: set[str] = set()
    for index, item in enumerate(data["procedures"], start=1):
        if not isinstance(item, dict):
            errors.append(f"Thủ tục thứ {index}: không phải một đối tượng JSON.")
            continue
        where = _where(item, index)
        missing = [key for key in REQUIRED if item.get(key) in (None, "", [])]
        if missing:
            errors.append(f"{where}: thiếu {', '.join(missing)}.")
        for key in ("code", "name", "field", "processing_time", "agency", "result"):
            if item.get(key) not in (None, "") and not isinstance(item[key], str):
                errors.append(f"{where}: «{key}» phải là chữ.")
        for key, limit in (("code", 40), ("name", 400), ("agency", 255), ("level", 60)):
            if isinstance(item.get(key), str) and len(item[key]) > limit:
                errors.append(f"{where}: «{key}» dài quá {limit} ký tự.")
        slugs = [form.get("slug") or form.get("name") for form in item.get("forms") or [] if isinstance(form, dict)]
        if any(not isinstance(form, dict) or not isinstance(form.get("name"), str) for form in item.get("forms") or []):
            errors.append(f"{where}: mỗi mẫu đơn cần có «name».")
        elif len(set(slugs)) != len(slugs):
            errors.append(f"{where}: hai mẫu đơn trùng đường dẫn (slug).")
        code = str(item.get("code") or "").strip()
        if code and code in seen:
            errors.append(f"{where}: mã {code} bị lặp trong tệp.")
        seen.add(code)
        if isinstance(item.get("field"), str) and item["field"] not in fields:
            errors.append(f"{where}: lĩnh vực «{item['field']}» không có trong danh mục lĩnh vực.")
        for key in LIST_KEYS + JSON_KEYS:
            if key in item and not isinstance(item[key], list):
                errors.append(f"{where}: «{key}» phải là một danh sách.")
        for row in item.get("submission") or []:
            if not isinstance(row, dict) or row.get("method") not in METHODS:
                errors.append(f"{where}: cách thức nộp phải là truc_tiep, buu_chinh hoặc truc_tuyen.")
                break
        for row in item.get("dossier") or []:
            if not isinstance(row, dict) or not row.get("name"):
                errors.append(f"{where}: mỗi giấy tờ trong hồ sơ cần có «name».")
                break
        days = item.get("processing_days")
        if days not in (None, "") and not (str(days).isascii() and str(days).isdigit() and int(days) <= 3650):
            errors.append(f"{where}: «processing_days» phải là số ngày (số nguyên từ 0 đến 3650).")
        version = item.get("version")
        if version not in (None, "") and not (
            str(version).isascii() and str(version).isdigit() and 0 < int(version) < 1000
        ):
            errors.append(f"{where}: «version» phải là số nguyên dương.")
        date = item.get("effective_date")
        if date not in (None, ""):
            try:
                dt.date.fromisoformat(str(date)[:10])
            except ValueError:
                errors.append(f"{where}: ngày hiệu lực «{date}» phải có dạng NNNN-TT-NN.")
    for event in data["life_events"]:
        if not isinstance(event, dict) or not isinstance(event.get("procedures", []), list):
            errors.append(f"Sự kiện {event!r}: cần là một đối tượng có danh sách «procedures».")
            continue
        unknown = [
            c for c in event.get("procedures", []) if c not in seen and not Procedure.objects.filter(code=c).exists()
        ]
        if not event.get("slug") or not event.get("name"):
            errors.append(f"Sự kiện {event!r}: cần có «slug» và «name».")
        if unknown:
            errors.append(f"Sự kiện «{event.get('name')}»: không có thủ tục mã {', '.join(unknown)}.")
    return errors


def _hash(item: dict) -> str:
    content = {key: item.get(key) for key in CONTENT_KEYS}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def load_catalogue(data: dict) -> CatalogueReport:
    errors = validate(data, known_fields=set(ProcedureField.objects.values_list("code", flat=True)))
    if errors:
        raise CatalogueError(errors)
    try:
        with transaction.atomic():
            return _load(data)
    except (IntegrityError, DataError) as exc:  # what validation could not foresee; nothing was kept
        raise CatalogueError([f"Không lưu được danh mục: {exc}"]) from exc


def _load(data: dict) -> CatalogueReport:
    report = CatalogueReport()
    for order, f in enumerate(data.get("fields", []), start=1):
        ProcedureField.objects.update_or_create(
            code=f["code"].strip(),
            defaults={"name": f["name"].strip(), "slug": slugify_vi(f["name"]), "sort_order": order},
        )
        report.fields += 1
    fields = {f.code: f for f in ProcedureField.objects.all()}
    for item in data["procedures"]:
        _load_procedure(item, fields, report)
    for order, event in enumerate(data.get("life_events", []), start=1):
        LifeEvent.objects.update_or_create(
            slug=event["slug"],
            defaults={"name": event["name"], "procedure_codes": event.get("procedures", []), "sort_order": order},
        )
        report.life_events += 1
    return report


def _load_procedure(item: dict, fields: dict[str, ProcedureField], report: CatalogueReport) -> None:
    code = str(item["code"]).strip()
    digest = _hash(item)
    current = Procedure.objects.filter(code=code, is_current=True).first()
    if current is not None and current.content_hash == digest:
        report.unchanged.append(code)
        return
    version = (current.version + 1) if current else int(item.get("version") or 1)
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    days = item.get("processing_days")
    date = item.get("effective_date")
    procedure = Procedure.objects.create(
        code=code,
        version=version,
        is_current=True,
        name=str(item["name"]).strip(),
        slug=f"{slugify_vi(item['name'], max_length=100)}-{slugify_vi(code)}"[:120],
        field=fields[item["field"]],
        level=item.get("level") or "Cấp xã",
        audiences=item.get("audiences") or [],
        steps=item["steps"],
        submission=item["submission"],
        dossier=item["dossier"],
        processing_time=item["processing_time"],
        processing_days=int(days) if days not in (None, "") else None,
        fees=item.get("fees") or "",
        who_may_submit=item.get("who_may_submit") or "",
        agency=item["agency"],
        result=item["result"],
        conditions=item.get("conditions") or "",
        legal_basis=item.get("legal_basis") or [],
        effective_date=dt.date.fromisoformat(str(date)[:10]) if date else None,
        online_level=item.get("online_level") or "",
        keywords=item.get("keywords") or [],
        code_verified=bool(item.get("code_verified")),
        sources=item.get("sources") or [],
        content_hash=digest,
    )
    for form in item.get("forms") or []:
        FormTemplate.objects.create(
            procedure=procedure, slug=form.get("slug") or slugify_vi(form["name"]), name=form["name"],
            fields=form.get("fields") or [],
        )  # fmt: skip
    if current is not None:
        # Every commune that publishes the procedure follows the new version (a cross-commune update
        # of the shared catalogue, done by the platform).
        PublishedProcedure._base_manager.filter(code=code).update(procedure=procedure)
        report.new_versions.append(code)
    else:
        report.created.append(code)


def load_shipped_catalogue() -> CatalogueReport:
    """The catalogue that ships with the project (cchc/procedures/data/catalogue.json)."""
    return load_catalogue(read_catalogue_file(Path(__file__).resolve().parent / "data" / "catalogue.json"))
