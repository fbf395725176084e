"""Demo: the shipped catalogue, published by Định Biên in full and by Phú Đình for civil status only,
with the one-stop desk and village cultural houses as posting places, a posting register, and one
procedure changed after posting so that an outdated sheet shows."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from cchc.communes.models import Commune, Village
from cchc.communes.scoping import commune_scope

from .actions import PublishCatalogue, RecordPosting
from .catalogue import load_catalogue
from .models import OneStopDesk, PlaceKind, PostingPlace, Procedure, ProcedureField, PublishedProcedure
from .printed_sets import request_rebuild

CATALOGUE = Path(__file__).resolve().parent / "data" / "catalogue.json"
VILLAGE_FIELDS = ("HT", "CT", "BTXH")


# What villagers searched in the demo, so that «Người dân tìm gì» has something to read: needs the search knows,
# a need sent elsewhere, and local words it does not know yet (which the office then teaches it one of).
DEMO_SEARCHES = (
    "làm giấy khai sinh cho con", "làm giấy khai sinh cho con", "bố tôi vừa mất làm giấy gì", "chung thuc ban sao",
    "xin giấy độc thân để cưới", "ly hôn ở đâu", "giấy đi rừng lấy củi", "giấy đi rừng lấy củi", "sổ hộ nghèo",
    "làm giấy phép mở quán tạp hóa", "xin giấy chứng nhận cây lâm sản", "trợ cấp người già",
)  # fmt: skip


def _searches(commune: Commune) -> None:
    from django.contrib.auth import get_user_model

    from . import publishing
    from .learning import AddEquivalence, SearchChannel
    from .models import SearchLog

    with commune_scope(commune):
        if SearchLog.objects.exists():
            return
    for query in DEMO_SEARCHES:
        publishing.answer(query, commune=commune, channel=SearchChannel.WEB)
    office = get_user_model().objects.filter(username="vanphong").first()
    if office is not None:
        AddEquivalence(commune=commune, user=office, says="giấy nghèo", procedure_code="1.011608").execute()


def _desk(commune: Commune) -> OneStopDesk:
    desk = OneStopDesk.objects.first()
    if desk is None:
        desk = OneStopDesk.objects.create(
            commune=commune, name="Bộ phận Tiếp nhận và trả kết quả", address=commune.address,
            opening_hours=commune.office_hours, phone=commune.phone,
        )  # fmt: skip
    return desk


@transaction.atomic
def load_demo_procedures(dinh_bien: Commune, phu_dinh: Commune) -> None:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    first_time = not Procedure.objects.exists()
    if first_time:  # loading it again would undo the demo's changed procedure with a third version
        load_catalogue(data)
    with commune_scope(dinh_bien):
        if not PublishedProcedure.objects.exists():
            PublishCatalogue(commune=dinh_bien, desk=_desk(dinh_bien)).execute()
            _postings(dinh_bien)
    with commune_scope(phu_dinh):
        if not PublishedProcedure.objects.exists():
            desk = _desk(phu_dinh)
            for p in Procedure.objects.filter(is_current=True, field__code="HT"):
                PublishedProcedure.objects.create(commune=phu_dinh, procedure=p, code=p.code, desk=desk)
    if first_time:
        _change_one_procedure(data)
    _searches(dinh_bien)
    for commune in (dinh_bien, phu_dinh):  # the worker builds their sheets and leaflets once this commits
        request_rebuild(commune=commune)


def _postings(commune: Commune) -> None:
    desk_place = PostingPlace.objects.create(
        commune=commune, name="Bộ phận Tiếp nhận và trả kết quả", kind=PlaceKind.DESK, expects_full_set=True
    )
    current = list(Procedure.objects.filter(is_current=True))
    RecordPosting(commune=commune, place=desk_place, procedures=current, posted_on=dt.date(2022, 1, 20),
                  checked_by="Hoàng Thị Lan").execute()  # fmt: skip
    fields = list(ProcedureField.objects.filter(code__in=VILLAGE_FIELDS))
    for index, village in enumerate(Village.objects.all()):
        place = PostingPlace.objects.create(
            commune=commune, name=f"Nhà văn hóa xóm {village.name}", kind=PlaceKind.VILLAGE_HOUSE, village=village
        )
        place.fields.set(fields)
        if index % 3 != 2:  # a third of the houses have not had their sheets yet
            posted = [p for p in current if p.field.code in VILLAGE_FIELDS]
            RecordPosting(commune=commune, place=place, procedures=posted, posted_on=dt.date(2022, 2, 15),
                          checked_by="Ma Văn Hùng").execute()  # fmt: skip


def _change_one_procedure(data: dict) -> None:
    """A new version of the first civil-status procedure, as when the province republishes it."""
    changed = copy.deepcopy(data)
    for item in changed["procedures"]:
        if item["field"] == "HT":
            item["processing_time"] = item["processing_time"] + " (cập nhật theo quyết định công bố mới)"
            break
    load_catalogue(changed)
