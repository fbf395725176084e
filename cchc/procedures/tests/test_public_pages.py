import pytest
from django.urls import reverse


def host(commune):
    return {"HTTP_HOST": commune.site.hostname}


def test_the_procedures_page_lists_fields_and_life_events(client, published_a):
    page = client.get("/thu-tuc-hanh-chinh/", **host(published_a)).content.decode()
    assert "Hộ tịch" in page
    assert "Chứng thực" in page
    assert "Sinh con" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lam giay khai sinh cho con", "Đăng ký khai sinh"),
        ("dang ky ket hon", "Đăng ký kết hôn"),
        ("ĐĂNG KÝ KẾT HÔN", "Đăng ký kết hôn"),
        ("khai snh", "Đăng ký khai sinh"),
        ("cong chung giay to", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
        ("xin giay doc than", "Xác nhận tình trạng hôn nhân"),
    ],
)
def test_search_ignores_tones_tolerates_typos_and_understands_everyday_words(client, published_a, query, expected):
    page = client.get("/thu-tuc-hanh-chinh/", {"q": query}, **host(published_a)).content.decode()
    first = page.split('<ol class="procs">', 1)[1].split("</li>", 1)[0]
    assert expected in first


def test_a_search_with_nothing_found_says_so_in_vietnamese(client, published_a):
    page = client.get("/thu-tuc-hanh-chinh/", {"q": "zzzz qqqq"}, **host(published_a)).content.decode()
    assert "Chưa tìm thấy thủ tục phù hợp" in page


def test_hostile_queries_are_escaped_and_bounded(client, published_a):
    response = client.get("/thu-tuc-hanh-chinh/", {"q": "<script>alert(1)</script>" + "a" * 5000}, **host(published_a))
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_the_detail_page_shows_what_to_bring_and_the_local_desk(client, published_a):
    page = client.get("/thu-tuc-hanh-chinh/dang-ky-khai-sinh-1-001193/", **host(published_a)).content.decode()
    assert "<h1>Đăng ký khai sinh</h1>" in page
    assert "Tờ khai theo mẫu" in page
    assert "Bộ phận Tiếp nhận và trả kết quả" in page
    assert "<script" not in page
    assert "Tờ khai đăng ký khai sinh" in page


def test_a_form_template_downloads_as_word(client, published_a):
    from io import BytesIO

    from docx import Document

    url = "/thu-tuc-hanh-chinh/dang-ky-khai-sinh-1-001193/mau/to-khai-khai-sinh.docx"
    response = client.get(url, **host(published_a))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "Họ, chữ đệm, tên người yêu cầu" in text


def test_a_procedure_another_commune_publishes_is_not_shown_here(client, published_a, published_b_only_marriage):
    b = host(published_b_only_marriage)
    assert client.get("/thu-tuc-hanh-chinh/dang-ky-khai-sinh-1-001193/", **b).status_code == 404
    page = client.get("/thu-tuc-hanh-chinh/dang-ky-ket-hon-1-000894/", **b).content.decode()
    assert "Phí riêng của Phú Đình" in page
    page_a = client.get("/thu-tuc-hanh-chinh/dang-ky-ket-hon-1-000894/", **host(published_a)).content.decode()
    assert "Phí riêng của Phú Đình" not in page_a
    results = client.get("/thu-tuc-hanh-chinh/", {"q": "khai sinh"}, **b).content.decode()
    assert "Đăng ký khai sinh" not in results


def test_field_and_life_event_pages(client, published_a):
    assert (
        "Đăng ký khai tử" in client.get("/thu-tuc-hanh-chinh/linh-vuc/ho-tich/", **host(published_a)).content.decode()
    )
    assert (
        "Đăng ký khai sinh" in client.get("/thu-tuc-hanh-chinh/su-kien/sinh-con/", **host(published_a)).content.decode()
    )
    assert client.get("/thu-tuc-hanh-chinh/linh-vuc/khong-co/", **host(published_a)).status_code == 404


def test_a_procedure_posting_sheet_is_a_pdf(client, published_a):
    sheet = client.get(reverse("procedures:sheet", args=["dang-ky-khai-sinh-1-001193"]), **host(published_a))
    assert sheet.content.startswith(b"%PDF")
    assert sheet["Content-Disposition"] == 'inline; filename="niem-yet-dang-ky-khai-sinh-1-001193.pdf"'
