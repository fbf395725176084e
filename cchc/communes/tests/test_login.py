from django.conf import settings
from django.urls import reverse


def _login(client, username, password):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def test_an_official_logs_in_to_the_admin_in_vietnamese(client, office_a):
    page = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Đăng nhập" in page
    response = _login(client, office_a.username, "mat-khau-thu-1")
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_repeated_wrong_passwords_lock_the_login_even_for_the_right_password(client, office_a):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, office_a.username, "sai-mat-khau")
        assert response.status_code in (200, 429)
    locked = _login(client, office_a.username, "mat-khau-thu-1")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_lockout_of_one_official_does_not_lock_another(client, office_a, office_b):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, office_a.username, "sai-mat-khau")
    assert _login(client, office_b.username, "mat-khau-thu-1").status_code == 302
