import copy

import pytest

from cchc.communes.scoping import commune_scope
from cchc.procedures.catalogue import load_catalogue
from cchc.procedures.models import OneStopDesk, Procedure
from cchc.procedures.publishing import publish_all


def _procedure(code, name, field, **extra):
    base = {
        "code": code,
        "name": name,
        "field": field,
        "steps": ["Nộp hồ sơ tại Bộ phận một cửa.", "Công chức kiểm tra, giải quyết.", "Nhận kết quả."],
        "submission": [{"method": "truc_tiep", "time": "Trong ngày", "fee": "Không"}],
        "dossier": [{"name": "Tờ khai theo mẫu", "copies": "01 bản chính"}],
        "processing_time": "Ngay trong ngày làm việc",
        "agency": "Ủy ban nhân dân cấp xã",
        "result": "Giấy tờ theo yêu cầu",
    }
    base.update(extra)
    return base


MINI = {
    "fields": [{"code": "HT", "name": "Hộ tịch"}, {"code": "CT", "name": "Chứng thực"}],
    "life_events": [{"slug": "sinh-con", "name": "Sinh con", "procedures": ["1.001193"]}],
    "procedures": [
        _procedure(
            "1.001193",
            "Đăng ký khai sinh",
            "HT",
            keywords=["làm giấy khai sinh", "khai sinh cho con"],
            fees="Miễn lệ phí khi đăng ký đúng hạn",
            forms=[
                {
                    "slug": "to-khai-khai-sinh",
                    "name": "Tờ khai đăng ký khai sinh",
                    "fields": ["Họ, chữ đệm, tên người yêu cầu", "Nơi cư trú", "Quan hệ với người được khai sinh"],
                }
            ],
        ),
        _procedure("1.004884", "Đăng ký lại khai sinh", "HT"),
        _procedure("1.000894", "Đăng ký kết hôn", "HT", keywords=["lấy vợ", "đăng ký kết hôn"]),
        _procedure("1.000656", "Đăng ký khai tử", "HT", keywords=["báo tử"]),
        _procedure("1.004873", "Xác nhận tình trạng hôn nhân", "HT", keywords=["giấy độc thân"]),
        _procedure("2.000635", "Cấp bản sao trích lục hộ tịch", "HT", fees="8.000 đồng/bản sao"),
        _procedure(
            "2.000815",
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
            "CT",
            keywords=["công chứng giấy tờ"],
            fees="2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang",
        ),
        _procedure("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "CT", fees="10.000 đồng/trường hợp"),
    ],
}


@pytest.fixture
def mini_catalogue_data():
    return copy.deepcopy(MINI)


@pytest.fixture
def catalogue(db, mini_catalogue_data):
    load_catalogue(mini_catalogue_data)
    return Procedure.objects.filter(is_current=True)


@pytest.fixture
def published_a(commune_a, catalogue):
    with commune_scope(commune_a):
        desk = OneStopDesk.objects.create(commune=commune_a, name="Bộ phận Tiếp nhận và trả kết quả",
                                          address="Trụ sở UBND xã", opening_hours="Sáng 7:30 - 11:30")  # fmt: skip
        publish_all(commune=commune_a, desk=desk)
    return commune_a


@pytest.fixture
def published_b_only_marriage(commune_b, catalogue):
    from cchc.procedures.models import PublishedProcedure

    with commune_scope(commune_b):
        p = Procedure.objects.get(code="1.000894")
        PublishedProcedure.objects.create(
            commune=commune_b, procedure=p, code=p.code, local_fee="Phí riêng của Phú Đình"
        )
    return commune_b
