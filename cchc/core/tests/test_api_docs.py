"""The open-data API's documentation page works without the Internet: Swagger UI comes from our own server."""

import json
import re

import pytest


@pytest.mark.django_db
def test_the_api_docs_load_everything_from_our_own_server(client):
    response = client.get("/api/v1/tai-lieu/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "CCHC Xã — dữ liệu mở" in html
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(address.endswith("swagger-ui-bundle.js") for address in addresses)
    for address in addresses:
        assert re.match(r"/[^/]", address), address  # a path on this server, no other host
        assert client.get(address).status_code == 200, address
    settings = json.loads(re.search(r'id="swagger-settings">(.*?)</script>', html, flags=re.S).group(1))
    assert settings["url"] == "/api/v1/openapi.json"
    assert settings["validatorUrl"] is None  # the validator badge would call validator.swagger.io
    assert client.get(settings["url"]).status_code == 200
