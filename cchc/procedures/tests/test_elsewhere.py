"""Needs the commune does not handle: the page and the API say where to go first, then the commune's own
related procedures; what the commune does about the same thing (a certified copy) is never sent away."""

from __future__ import annotations

import pytest

from cchc.procedures.elsewhere import NEEDS, find_elsewhere


@pytest.mark.parametrize(
    ("query", "need"),
    [
        ("hai vợ chồng tôi không sống được với nhau nữa, muốn làm đơn ly hôn", "ly_hon"),
        ("xin ly di o dau", "ly_hon"),
        ("con tôi 14 tuổi làm căn cước ở đâu", "can_cuoc"),
        ("mat cccd roi phai lam sao", "can_cuoc"),
        ("chuyển hộ khẩu cho vợ về nhà chồng", "cu_tru"),
        ("dang ky tam tru cho cong nhan thue tro", "cu_tru"),
        ("lam ho chieu di xuat khau lao dong", "ho_chieu"),
        ("xin giấy lý lịch tư pháp để đi làm", "ly_lich_tu_phap"),
        ("đổi bằng lái xe máy hết hạn", "bang_lai"),
        ("mua xe may cu muon sang ten xe", "dang_ky_xe"),
        ("tách thửa đất cho con trai ra ở riêng", "dat_dai"),
        ("sang tên sổ đỏ bố mẹ cho con", "dat_dai"),
        ("công chứng hợp đồng mua bán nhà", "cong_chung"),
        ("làm sao để được hưởng chế độ thai sản", "bhxh"),
        ("gia han the bao hiem y te cho ba me", "bhxh"),
        # A notary insisted on: the commune's certification refused by whoever asks for the paper.
        ("bên cho vay không chịu chứng thực ở xã, bắt làm hợp đồng ở phòng công chứng", "cong_chung"),
        # Heirs who cannot agree, said a few words away from the inheritance.
        ("chia đất bố mẹ để lại, mấy anh em không thỏa thuận được phần thừa kế", "thua_ke"),
        ("vo cu dang nuoi con, toi muon doi nguoi nuoi con", "nuoi_con"),
        ("cccd", "can_cuoc"),
        ("the can cuoc bi in sai que quan", "can_cuoc"),
        ("mua xe cũ của người quen, giờ đổi chủ xe làm ở đâu", "dang_ky_xe"),
    ],
)
def test_needs_handled_elsewhere_are_recognised(query, need):
    found = find_elsewhere(query)
    assert found is not None, query
    assert found.key == need


@pytest.mark.parametrize(
    "query",
    [
        "chứng thực bản sao căn cước",
        "photo công chứng sổ đỏ",
        "xác nhận tình trạng hôn nhân để làm sổ đỏ",
        "bố vợ tôi mới mất, làm giấy báo tử ở đâu",
        "cấp sổ đỏ lần đầu cho đất ông bà để lại",
        "chứng thực hợp đồng chuyển nhượng quyền sử dụng đất",
        "đăng ký khai sinh cho con mới đẻ",
        "đăng ký kết hôn lại sau khi đã ly hôn",
        "hòa giải tranh chấp đất với hàng xóm",
        # «Công chứng» of a paper is the commune's certified copy; a divorce long done is history, not the need;
        # a need said as the purpose of a paper the commune gives is not what is asked; never paid in is no case
        # for the insurance agency.
        "công chứng bằng lái với học bạ cho con",
        "coong chuwngs hoc ba va bang lai",  # Telex typed without a Vietnamese keyboard
        "ly di may nam nay roi, gio xin giay chua co vo",
        "xin giấy xác nhận chưa có chồng để đi làm hộ chiếu",
        "bố tôi 80 tuổi chưa đóng bảo hiểm ngày nào, có tiền hằng tháng không",
        # A card named as what to bring or to match; a notary or a court the villager will not go to.
        "đăng ký kết hôn mang theo cccd với gì nữa",
        "sửa năm sinh trong giấy khai sinh cho giống căn cước",
        "muốn chứng thực hợp đồng tặng cho ở xã chứ không lên văn phòng công chứng",
        "tranh chấp đất hòa giải không thành, muốn chủ tịch xã giải quyết chứ không muốn ra tòa",
        "",
        "<script>alert(1)</script>",
    ],
)
def test_what_the_commune_does_is_never_sent_away(query):
    assert find_elsewhere(query) is None


def test_every_entry_names_a_body_what_to_bring_and_its_basis():
    keys = set()
    for entry in NEEDS:
        assert entry.key not in keys
        keys.add(entry.key)
        assert all(str(text) for text in (entry.body, entry.note, entry.source))
        assert entry.body_key in {"cong_an_xa", "cong_an_tinh", "toa_an", "van_phong_dang_ky_dat_dai", "cong_chung",
                                  "bhxh"}  # fmt: skip


def test_the_page_says_where_to_go_first_then_the_communes_related_procedures(client, published_a):
    page = client.get("/thu-tuc-hanh-chinh/", {"q": "muốn ly hôn thì làm thế nào"},
                      HTTP_HOST=published_a.site.hostname).content.decode()  # fmt: skip
    assert "Ly hôn: không làm ở xã" in page
    assert "Tòa án nhân dân khu vực" in page
    assert page.index("Tòa án nhân dân khu vực") < page.index("Thủ tục liên quan xã giải quyết")
    ordinary = client.get("/thu-tuc-hanh-chinh/", {"q": "lam giay khai sinh"},
                          HTTP_HOST=published_a.site.hostname).content.decode()  # fmt: skip
    assert "không làm ở xã" not in ordinary
    assert "Đăng ký khai sinh" in ordinary


def test_the_search_api_answers_the_same(client, published_a):
    url = f"/api/v1/communes/{published_a.slug}/search"
    away = client.get(url, {"q": "xin cấp hộ chiếu cho con"}).json()
    assert away["elsewhere"]["need"] == "Làm hộ chiếu"
    assert "Xuất nhập cảnh".lower() in away["elsewhere"]["body"].lower()
    assert set(away["elsewhere"]) == {"need", "body", "note"}
    here = client.get(url, {"q": "lay vo"}).json()
    assert here["elsewhere"] is None
    assert here["results"][0]["code"] == "1.000894"
    assert set(here["results"][0]) == {"code", "name", "url"}
    assert here["results"][0]["url"].startswith(published_a.site.root_url)
    assert client.get(url, {"q": ""}).json() == {"elsewhere": None, "results": []}
    assert client.get(url, {"q": "x" * 5000}).status_code == 200
    assert client.get("/api/v1/communes/khong-co/search", {"q": "ly hon"}).status_code == 404
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/communes/{slug}/search" in schema["paths"]
