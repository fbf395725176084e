import csv
import io


def test_the_openapi_schema_describes_the_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/v1/fields", "/api/v1/procedures/{code}", "/api/v1/communes/{slug}/procedures",
            "/api/v1/communes/{slug}/procedures/{code}", "/api/v1/communes/{slug}/procedures.csv"} <= paths  # fmt: skip


def test_a_communes_procedures_and_one_procedure(client, published_a):
    listing = client.get(f"/api/v1/communes/{published_a.slug}/procedures").json()
    assert len(listing) == 8
    assert listing[0]["url"].startswith(published_a.site.root_url)
    one = client.get(f"/api/v1/communes/{published_a.slug}/procedures/1.001193").json()
    assert one["name"] == "Đăng ký khai sinh"
    assert one["local"]["desk"] == "Bộ phận Tiếp nhận và trả kết quả"
    assert one["submission"][0]["label"] == "Nộp trực tiếp"
    found = client.get(f"/api/v1/communes/{published_a.slug}/procedures", {"q": "lay vo"}).json()
    assert found[0]["code"] == "1.000894"


def test_the_api_shows_only_what_each_commune_publishes(client, published_a, published_b_only_marriage):
    b = published_b_only_marriage.slug
    assert [p["code"] for p in client.get(f"/api/v1/communes/{b}/procedures").json()] == ["1.000894"]
    assert client.get(f"/api/v1/communes/{b}/procedures/1.001193").status_code == 404
    local = client.get(f"/api/v1/communes/{published_a.slug}/procedures/1.000894").json()["local"]
    assert local["local_fee"] == ""
    unknown = client.get("/api/v1/communes/khong-co/procedures")
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "Không có xã này"


def test_national_fields_and_procedure(client, catalogue):
    assert {f["code"] for f in client.get("/api/v1/fields").json()} == {"HT", "CT"}
    assert client.get("/api/v1/procedures/2.000884").json()["fees"] == "10.000 đồng/trường hợp"
    missing = client.get("/api/v1/procedures/9.999999")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Không có thủ tục mang mã này trong danh mục."


def test_csv_export_opens_in_excel_with_vietnamese(client, published_a):
    response = client.get(f"/api/v1/communes/{published_a.slug}/procedures.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][2] == "Tên thủ tục"
    assert any(row[2] == "Đăng ký khai sinh" for row in rows[1:])
    assert "attachment" in response["Content-Disposition"]
