"""Every entry of the admin menu that a role sees opens for that role: nothing leads to "no permission"."""

import json
import re

import pytest
from django.urls import reverse

from cchc.communes.roles import Role


def _menu_urls(html: str) -> set[str]:
    match = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    assert match, "the admin sidebar is rendered"
    urls: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "url" and isinstance(value, str) and value.startswith("/quan-tri/"):
                    urls.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(match.group(1)))
    return urls


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PLATFORM_ADMIN])
def test_every_menu_entry_a_role_sees_opens_for_it(client, commune_a, make_official, role):
    user = make_official(commune_a, role)
    client.force_login(user)
    urls = _menu_urls(client.get(reverse("wagtailadmin_home")).content.decode())
    assert urls
    refused = []
    for url in sorted(urls - {reverse("wagtailadmin_logout")}):
        response = client.get(url, follow=True)
        landed = response.redirect_chain[-1][0] if response.redirect_chain else url
        # Wagtail answers a refusal with a redirect to the admin home and a message.
        if response.status_code != 200 or (landed == reverse("wagtailadmin_home") != url):
            refused.append((url, response.status_code, landed))
    assert refused == []


def test_the_import_entry_is_for_those_who_may_import(client, commune_a, make_official):
    for role, shown in ((Role.OVERSEER, False), (Role.UNIT_MEMBER, False), (Role.OFFICE, True)):
        client.force_login(make_official(commune_a, role))
        urls = _menu_urls(client.get(reverse("wagtailadmin_home")).content.decode())
        assert (reverse("cchc_plans_upload") in urls) is shown, role


def test_wagtails_page_reports_are_not_called_plain_reports(client, commune_a, make_official):
    client.force_login(make_official(commune_a, Role.OFFICE))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert "Báo cáo trang web" in json.dumps(json.loads(props), ensure_ascii=False)


def test_yes_no_columns_are_read_in_vietnamese(client, commune_a, make_official):
    from cchc.communes.actions import CreateRecord
    from cchc.communes.models import Village
    from cchc.communes.scoping import commune_scope

    with commune_scope(commune_a):
        CreateRecord(Village(commune=commune_a, name="Nà To", is_ethnic_minority=True)).execute()
    client.force_login(make_official(commune_a, Role.OFFICE))
    html = client.get(reverse("thon-xom:index")).content.decode()
    read_aloud = re.findall(r'class="w-sr-only">\s*([^<]*?)\s*</span>', html)
    assert "Có" in read_aloud
    assert "Không" in read_aloud  # "Số liệu minh họa" is off
    assert not {"True", "False"} & set(read_aloud)


def test_the_admin_wears_the_products_name_not_wagtails(client, commune_a, make_official):
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Đăng nhập CCHC Xã" in login
    assert "communes/logo" in login
    client.force_login(make_official(commune_a, Role.OFFICE))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "communes/logo" in home
    assert "<title>" in home
    assert "Wagtail</title>" not in home
