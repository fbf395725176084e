"""The calendar is kept by platform administrators; a commune's official neither sees nor changes it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cchc.communes.roles import Role
from cchc.workdays.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_a_platform_administrator_enters_a_day_off_from_the_notice(client):
    admin = get_user_model().objects.create_superuser("quantri-thu", "qt@example.vn", "mat-khau-thu-1")
    client.force_login(admin)
    listing = client.get(reverse("lich-ngay-nghi:index"))
    assert listing.status_code == 200
    assert "Tết Nguyên đán" in listing.content.decode()
    answer = client.post(reverse("lich-ngay-nghi:add"),
                         {"day": "2026-04-27", "kind": "nghi", "name": "Nghỉ bù Giỗ Tổ Hùng Vương"})  # fmt: skip
    assert answer.status_code == 302
    assert CalendarDay.objects.get(day="2026-04-27").name == "Nghỉ bù Giỗ Tổ Hùng Vương"


def test_a_communes_official_cannot_change_the_calendar(client, commune_a, make_official):
    client.force_login(make_official(commune_a, Role.OFFICE))
    assert client.get(reverse("lich-ngay-nghi:index")).status_code in (302, 403)
    client.post(reverse("lich-ngay-nghi:add"), {"day": "2026-12-24", "kind": "nghi", "name": "Không được"})
    assert not CalendarDay.objects.filter(day="2026-12-24").exists()
