"""Every problem of a catalogue file, in Vietnamese, each with where it is: a file with any is not loaded."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from cchc.core.text import slugify_vi

from ..models import Procedure
from .common import JSON_KEYS, LIST_KEYS, METHODS, REQUIRED

MAX_LENGTHS = (("code", 40), ("name", 400), ("agency", 255), ("level", 60))
TEXT_KEYS = ("code", "name", "field", "processing_time", "agency", "result")


def _where(item: dict, index: int) -> str:
    return item.get("_row") or _("Thủ tục thứ %(index)d (mã %(code)s)") % {
        "index": index,
        "code": item.get("code") or "?",
    }


def _is_count(value, *, low: int, high: int) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and low <= int(text) <= high


def _field_errors(fields: list) -> list[str]:
    errors: list[str] = []
    slugs: set[str] = set()
    for f in fields:
        if not isinstance(f, dict) or not isinstance(f.get("code"), str) or not isinstance(f.get("name"), str):
            errors.append(_("Lĩnh vực %(field)r: cần có «code» và «name» dạng chữ.") % {"field": f})
            continue
        slug = slugify_vi(f["name"])
        if slug in slugs:
            errors.append(_("Lĩnh vực «%(name)s»: trùng tên với một lĩnh vực khác.") % {"name": f["name"]})
        slugs.add(slug)
    return errors


def _procedure_errors(item: dict, where: str, *, fields: set[str]) -> list[str]:
    errors: list[str] = []

    def add(message: str, **values) -> None:
        errors.append(message % {"where": where, **values})

    missing = [key for key in REQUIRED if item.get(key) in (None, "", [])]
    if missing:
        add(_("%(where)s: thiếu %(keys)s."), keys=", ".join(missing))
    for key in TEXT_KEYS:
        if item.get(key) not in (None, "") and not isinstance(item[key], str):
            add(_("%(where)s: «%(key)s» phải là chữ."), key=key)
    for key, limit in MAX_LENGTHS:
        if isinstance(item.get(key), str) and len(item[key]) > limit:
            add(_("%(where)s: «%(key)s» dài quá %(limit)d ký tự."), key=key, limit=limit)
    forms = item.get("forms") or []
    slugs = [form.get("slug") or form.get("name") for form in forms if isinstance(form, dict)]
    if any(not isinstance(form, dict) or not isinstance(form.get("name"), str) for form in forms):
        add(_("%(where)s: mỗi mẫu đơn cần có «name»."))
    elif len(set(slugs)) != len(slugs):
        add(_("%(where)s: hai mẫu đơn trùng đường dẫn (slug)."))
    if isinstance(item.get("field"), str) and item["field"] not in fields:
        add(_("%(where)s: lĩnh vực «%(field)s» không có trong danh mục lĩnh vực."), field=item["field"])
    for key in LIST_KEYS + JSON_KEYS:
        if key in item and not isinstance(item[key], list):
            add(_("%(where)s: «%(key)s» phải là một danh sách."), key=key)
    if any(not isinstance(row, dict) or row.get("method") not in METHODS for row in item.get("submission") or []):
        add(_("%(where)s: cách thức nộp phải là truc_tiep, buu_chinh hoặc truc_tuyen."))
    if any(not isinstance(row, dict) or not row.get("name") for row in item.get("dossier") or []):
        add(_("%(where)s: mỗi giấy tờ trong hồ sơ cần có «name»."))
    days = item.get("processing_days")
    if days not in (None, "") and not _is_count(days, low=0, high=3650):
        add(_("%(where)s: «processing_days» phải là số ngày (số nguyên từ 0 đến 3650)."))
    version = item.get("version")
    if version not in (None, "") and not _is_count(version, low=1, high=999):
        add(_("%(where)s: «version» phải là số nguyên dương."))
    date = item.get("effective_date")
    if date not in (None, ""):
        try:
            dt.date.fromisoformat(str(date)[:10])
        except ValueError:
            add(_("%(where)s: ngày hiệu lực «%(date)s» phải có dạng NNNN-TT-NN."), date=date)
    return errors


def _life_event_errors(events: list, *, codes: set[str]) -> list[str]:
    errors: list[str] = []
    for event in events:
        if not isinstance(event, dict) or not isinstance(event.get("procedures", []), list):
            errors.append(_("Sự kiện %(event)r: cần là một đối tượng có danh sách «procedures».") % {"event": event})
            continue
        wanted = [c for c in event.get("procedures", []) if c not in codes]
        known = set(Procedure.objects.filter(code__in=wanted).values_list("code", flat=True))
        unknown = [c for c in wanted if c not in known]
        if not event.get("slug") or not event.get("name"):
            errors.append(_("Sự kiện %(event)r: cần có «slug» và «name».") % {"event": event})
        if unknown:
            errors.append(
                _("Sự kiện «%(name)s»: không có thủ tục mã %(codes)s.")
                % {"name": event.get("name"), "codes": ", ".join(unknown)}
            )
    return errors


def validate(data: dict, *, known_fields: set[str]) -> list[str]:
    """Every problem of the file, in Vietnamese, each with where it is."""
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        return [_("Tệp cần có danh sách «procedures».")]
    data["fields"] = data.get("fields") or []
    data["life_events"] = data.get("life_events") or []
    errors = _field_errors(data["fields"])
    fields = {str(f.get("code") or "").strip() for f in data["fields"] if isinstance(f, dict)} | known_fields
    seen: set[str] = set()
    for index, item in enumerate(data["procedures"], start=1):
        if not isinstance(item, dict):
            errors.append(_("Thủ tục thứ %(index)d: không phải một đối tượng JSON.") % {"index": index})
            continue
        where = _where(item, index)
        errors.extend(_procedure_errors(item, where, fields=fields))
        code = str(item.get("code") or "").strip()
        if code and code in seen:
            errors.append(_("%(where)s: mã %(code)s bị lặp trong tệp.") % {"where": where, "code": code})
        seen.add(code)
    errors.extend(_life_event_errors(data["life_events"], codes=seen))
    return errors
