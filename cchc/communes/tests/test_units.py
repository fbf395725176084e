import pytest

from cchc.communes.models import Unit
from cchc.communes.units import kind_for, match_unit, names_one_unit

UNITS = [
    Unit(name="Ban Văn hóa, Thông tin và tuyên truyền", short_name="VH-TT"),
    Unit(name="Ban Tài chính - Ngân sách", short_name="TC-NS"),
    Unit(name="Văn phòng HĐND và UBND xã", short_name="VP"),
    Unit(name="Công chức Tư pháp - Hộ tịch", short_name="TP"),
    Unit(name="Cán bộ Phát thanh - Truyền thông", short_name="PT-TT"),
    Unit(name="Hội Nông dân xã", short_name="HND"),
    Unit(name="Hội Liên hiệp Phụ nữ xã", short_name="HPN"),
]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Ban Văn hóa, Thông tin và tuyên truyền", "Ban Văn hóa, Thông tin và tuyên truyền"),
        ("Ban tài chính- Ngân sách", "Ban Tài chính - Ngân sách"),
        ("Văn phòng HĐND và UBND xã", "Văn phòng HĐND và UBND xã"),
        ("Văn phòng HĐND - UBND xã", "Văn phòng HĐND và UBND xã"),
        ("Công chức Tư pháp", "Công chức Tư pháp - Hộ tịch"),
        ("Cán bộ làm công tác Phát thanh -Truyền thông", "Cán bộ Phát thanh - Truyền thông"),
        ("HỘI NÔNG DÂN XÃ", "Hội Nông dân xã"),
        ("Hội Phụ nữ xã", "Hội Liên hiệp Phụ nữ xã"),
    ],
)
def test_a_unit_is_found_however_the_document_spells_it(written, expected):
    assert match_unit(written, UNITS).name == expected


@pytest.mark.parametrize("written", ["Công an xã", "Các cơ quan, đơn vị, các ban ngành đoàn thể trên địa bàn xã", ""])
def test_no_unit_is_guessed_when_none_is_close(written):
    assert match_unit(written, UNITS) is None


def test_collective_names_are_not_taken_for_one_unit():
    assert names_one_unit("Ban Văn hóa, Thông tin và tuyên truyền")
    assert names_one_unit("Đoàn Thanh niên xã")
    assert not names_one_unit("Các cơ quan, đơn vị, các ban ngành đoàn thể trên địa bàn xã")
    assert kind_for("Hội Cựu chiến binh xã") == "doan_the"
