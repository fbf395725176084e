"""What a villager is told about a procedure's fee and where and when to hand it in is the same on
the web page, in the API, on the posting sheet and on the leaflet."""

from __future__ import annotations

import html
import re

import pytest

from cchc.communes.scoping import commune_scope
from cchc.procedures.catalogue import load_catalogue
from cchc.procedures.models import OneStopDesk, Procedure, ProcedureField, PublishedProcedure
from cchc.procedures.printing import leaflet_html, posting_sheets_html

NATIONAL_FEE = "Theo mức do Hội đồng nhân dân tỉnh quy định"
NATIONAL_ROW_FEE = "Theo mức thu của tỉnh"
LOCAL_FEE = "5.000 đồng/bản theo Nghị quyết của Hội đồng nhân dân tỉnh"
COMMUNE_HOURS = "Giờ hành chính các ngày làm việc"
DESK_HOURS = "Sáng 7 giờ 30 đến 11 giờ 30, từ thứ Hai đến thứ Sáu"
OWN_HOURS = "Chỉ sáng thứ Năm hằng tuần"
DESK = "Trung tâm Phục vụ hành chính công xã Định Biên"
DESK_ADDRESS = "Thôn Bản Quyền, xã Định Biên"
COMMUNE_ADDRESS = "Trụ sở Ủy ban nhân dân xã Định Biên, thôn Nà Tồng"

CATALOGUE = {
    "fields": [{"code": "CT", "name": "Chứng thực"}],
    "procedures": [
        {
            "code": "2.000815",
            "name": "Chứng thực bản sao từ bản chính",
            "field": "CT",
            "steps": ["Nộp hồ sơ.", "Nhận kết quả."],
            "submission": [
                {"method": "truc_tiep", "time": "Trong ngày", "fee": NATIONAL_ROW_FEE},
                {"method": "buu_chinh", "time": "Trong ngày", "fee": NATIONAL_ROW_FEE},
            ],
            "dossier": [{"name": "Bản chính giấy tờ", "copies": "01 bản"}],
            "processing_time": "Trong ngày làm việc",
            "fees": NATIONAL_FEE,
            "agency": "Ủy ban nhân dân cấp xã",
            "result": "Bản sao được chứng thực",
        }
    ],
}


def _arrange(commune_a, arrangement: str):
    """One published procedure with a local fee, under one of three arrangements of the desk."""
    load_catalogue(CATALOGUE)
    commune_a.office_hours = COMMUNE_HOURS
    commune_a.address = COMMUNE_ADDRESS
    commune_a.save()
    procedure = Procedure.objects.get(code="2.000815", is_current=True)
    with commune_scope(commune_a):
        desk = None
        if arrangement != "no desk":
            desk = OneStopDesk.objects.create(
                commune=commune_a, name=DESK, address=DESK_ADDRESS, opening_hours=DESK_HOURS, phone="0208 3878 111"
            )
        published = PublishedProcedure.objects.create(
            commune=commune_a, procedure=procedure, code=procedure.code, desk=desk, local_fee=LOCAL_FEE,
            official_in_charge="Bà Lường Thị Hương",
            opening_hours=OWN_HOURS if arrangement == "own hours" else "",
        )  # fmt: skip
    expected = {
        "desk hours": {"hours": DESK_HOURS, "place": DESK, "address": DESK_ADDRESS},
        "own hours": {"hours": OWN_HOURS, "place": DESK, "address": DESK_ADDRESS},
        "no desk": {"hours": COMMUNE_HOURS, "place": "Ủy ban nhân dân xã Định Biên", "address": COMMUNE_ADDRESS},
    }[arrangement]
    return commune_a, procedure, published, expected


def _text(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def _outputs(client, commune, procedure, published) -> dict[str, str]:
    page = client.get(procedure.get_absolute_url(), HTTP_HOST=commune.site.hostname).content.decode()
    api = client.get(f"/api/v1/communes/{commune.slug}/procedures/{procedure.code}").json()
    with commune_scope(commune):
        sheet = posting_sheets_html(commune=commune, items=[(procedure, published)], page_url=lambda p: "https://x/")
        leaflet = leaflet_html(
            commune=commune, field=ProcedureField.objects.get(code="CT"), items=[(procedure, published)],
            page_url=lambda p: "https://x/", list_url="https://x/linh-vuc/",
        )  # fmt: skip
    return {"page": _text(page), "sheet": _text(sheet), "leaflet": _text(leaflet), "api": api}


@pytest.mark.parametrize("arrangement", ["desk hours", "own hours", "no desk"])
def test_page_api_sheet_and_leaflet_give_the_same_fee_hours_and_place(client, commune_a, arrangement):
    commune, procedure, published, expected = _arrange(commune_a, arrangement)
    outputs = _outputs(client, commune, procedure, published)
    api = outputs.pop("api")
    for where, text in outputs.items():
        assert LOCAL_FEE in text, where
        # The national wording would contradict the commune's own fee, wherever it shows.
        assert NATIONAL_FEE not in text, where
        assert NATIONAL_ROW_FEE not in text, where
        assert expected["hours"] in text, where
        assert expected["place"] in text, where
        assert expected["address"] in text, where
    local = api["local"]
    assert (api["fees"], local["fee"]) == (LOCAL_FEE, LOCAL_FEE)
    assert {row["fee"] for row in api["submission"]} == {LOCAL_FEE}
    assert (local["opening_hours"], local["desk"], local["desk_address"]) == (
        expected["hours"], expected["place"], expected["address"],
    )  # fmt: skip
    assert "Bà Lường Thị Hương" in outputs["page"]
    assert "Bà Lường Thị Hương" in outputs["sheet"]
    assert local["official_in_charge"] == "Bà Lường Thị Hương"


def test_csv_export_gives_the_fee_and_place_that_apply_at_the_commune(client, commune_a):
    commune, *_ = _arrange(commune_a, "desk hours")
    text = client.get(f"/api/v1/communes/{commune.slug}/procedures.csv").content.decode("utf-8-sig")
    row = text.splitlines()[1]
    assert LOCAL_FEE in row
    assert NATIONAL_FEE not in row
    assert DESK in row
