"""A plan whose header names another commune is not imported into this one without the official's word."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.communes.scoping import commune_scope
from cchc.plans.actions import ImportPlan, other_issuer
from cchc.plans.importer import parse_text
from cchc.plans.models import Plan

PLAN = """{body}
{issuer}
Số: 12/KH-UBND                         {place}, ngày 10 tháng 01 năm 2023
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2023
I. NỘI DUNG
- Quý I/2023: Tuyên truyền trên loa truyền thanh về thủ tục hành chính.
"""


def _plan(parent: str, body: str, place: str):
    return parse_text(PLAN.format(body=parent, issuer=body, place=place))


@pytest.mark.parametrize(
    ("parent", "body", "place", "other"),
    [
        ("UBND HUYỆN ĐỊNH HÓA", "ỦY BAN NHÂN DÂN XÃ ĐỊNH BIÊN", "Định Biên", False),
        ("", "UBND XÃ ĐỊNH BIÊN", "Định Biên", False),
        ("UBND HUYỆN ĐỊNH HÓA", "ỦY BAN NHÂN DÂN XÃ PHÚ ĐÌNH", "Phú Đình", True),
        ("UBND TỈNH THÁI NGUYÊN", "ỦY BAN NHÂN DÂN XÃ BÌNH YÊN", "Bình Yên", True),
        ("", "UBND PHƯỜNG PHAN ĐÌNH PHÙNG", "Thái Nguyên", True),
    ],
)
def test_the_header_tells_whose_plan_it_is(commune_a, parent, body, place, other):
    assert bool(other_issuer(_plan(parent, body, place), commune=commune_a)) is other


def test_another_communes_plan_needs_the_officials_word(commune_a, office_a):
    parsed = _plan("UBND HUYỆN ĐỊNH HÓA", "ỦY BAN NHÂN DÂN XÃ PHÚ ĐÌNH", "Phú Đình")
    with pytest.raises(PermissionDenied, match="XÃ PHÚ ĐÌNH"):
        ImportPlan(commune=commune_a, user=office_a, parsed=parsed, source_name="kh.txt").execute()
    with commune_scope(commune_a):
        assert not Plan.objects.exists()
    ImportPlan(
        commune=commune_a, user=office_a, parsed=parsed, source_name="kh.txt", other_issuer_confirmed=True
    ).execute()
    with commune_scope(commune_a):
        assert Plan.objects.count() == 1


def test_the_preview_warns_and_saving_asks_for_the_tick(client, commune_a, office_a):
    text = PLAN.format(body="UBND HUYỆN ĐỊNH HÓA", issuer="ỦY BAN NHÂN DÂN XÃ PHÚ ĐÌNH", place="Phú Đình")
    client.force_login(office_a)
    response = client.post(reverse("cchc_plans_upload"), {"file": SimpleUploadedFile("kh.txt", text.encode())})
    preview_url = response["Location"]
    page = client.get(preview_url).content.decode()
    assert "không phải xã Định Biên" in page
    assert 'name="other_issuer_confirmed"' in page
    refused = client.post(preview_url, follow=True).content.decode()
    assert "hãy đánh dấu xác nhận" in refused
    with commune_scope(commune_a):
        assert not Plan.objects.exists()
    client.post(preview_url, {"other_issuer_confirmed": "1"})
    with commune_scope(commune_a):
        assert Plan.objects.count() == 1
