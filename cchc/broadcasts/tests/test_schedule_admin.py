"""The schedule screens: clusters, programmes, the two-step schedule form, cancelling, emergencies, device tokens."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.broadcasts.models import Airing, Broadcast, Priority, Programme, SpeakerCluster
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope

# What the two listings cost, whatever the number of rows (the admin's own session, menu and commune included).
LISTING_QUERIES = 20
CLUSTER_QUERIES = 19
TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def script_a(commune_a, make_script):
    return make_script(commune_a, audio_duration=120.0, audio="truyen-thanh/bai.mp3")


@pytest.fixture
def two_clusters(commune_a, make_cluster):
    return [make_cluster(commune_a, "Cụm loa xóm 1"), make_cluster(commune_a, "Cụm loa xóm 2")]


def form_data(script, clusters, **changes):
    data = {
        "script": script.pk,
        "programme": "",
        "priority": Priority.NORMAL,
        "starts_on": TOMORROW.isoformat(),
        "ends_on": (TOMORROW + dt.timedelta(days=13)).isoformat(),
        "times": "6:00, 17h",
        "clusters": [c.pk for c in clusters],
        "volume": "80",
    }
    data.update(changes)
    return data


def rules_of(commune):
    with commune_scope(commune):
        return list(Broadcast.objects.all())


def airing_count(commune):
    with commune_scope(commune):
        return Airing.objects.filter(is_cancelled=False).count()


def test_a_scripts_page_leads_to_the_schedule_form_with_that_script_chosen(
    client, commune_a, commune_b, broadcaster_a, script_a, make_script
):
    other = make_script(commune_a, title="Bài khác")
    theirs = make_script(commune_b, title="Bài của xã Phú Đình")
    client.force_login(broadcaster_a)
    page = client.get(reverse("cchc_broadcasts_script", args=[script_a.pk])).content.decode()
    link = f"{reverse('lich-phat:add')}?bai={script_a.pk}"
    assert "Lên lịch phát bài này" in page
    assert link in page
    form = client.get(link).content.decode()
    assert f'<option value="{script_a.pk}" selected>' in form
    assert f'<option value="{other.pk}">' in form
    # Another commune's script, or nonsense, chooses nothing.
    for wanted in (theirs.pk, "9" * 30, "abc"):
        choices = client.get(f"{reverse('lich-phat:add')}?bai={wanted}").content.decode()
        choices = choices.split('name="script"')[1].split("</select>")[0]
        assert 'value="" selected>' in choices
        assert "Phú Đình" not in choices


def test_a_schedule_is_previewed_then_saved_on_confirmation(client, commune_a, broadcaster_a, script_a, two_clusters):
    client.force_login(broadcaster_a)
    form = client.get(reverse("lich-phat:add")).content.decode()
    assert "Cụm loa xóm 1" in form
    assert "Tuyên truyền cải cách hành chính" in form
    preview = client.post(reverse("lich-phat:add"), form_data(script_a, two_clusters))
    page = preview.content.decode()
    assert "56 lượt phát sắp tới" in page
    assert "Không trùng giờ với lịch phát nào khác." in page
    assert "Xác nhận lưu" in page
    assert "Bài chưa có âm thanh" not in page
    assert rules_of(commune_a) == []  # nothing saved by the preview
    saved = client.post(reverse("lich-phat:add"), {**form_data(script_a, two_clusters), "xac_nhan": "1"})
    assert saved.status_code == 302
    [rule] = rules_of(commune_a)
    assert (rule.times, rule.created_by) == (["06:00", "17:00"], broadcaster_a)
    assert airing_count(commune_a) == 56
    listing = client.get(reverse("lich-phat:index")).content.decode()
    assert "Đã lưu lịch phát «Tuyên truyền cải cách hành chính»: 56 lượt phát sắp tới." in listing
    assert "6:00, 17:00" in listing


def test_a_script_without_audio_can_be_scheduled_with_a_warning(
    client, commune_a, broadcaster_a, make_script, two_clusters
):
    silent = make_script(commune_a, title="Bài mới viết")
    client.force_login(broadcaster_a)
    page = client.post(reverse("lich-phat:add"), form_data(silent, two_clusters)).content.decode()
    assert "Bài chưa có âm thanh." in page
    assert "Xác nhận lưu" in page


def test_a_quiet_hour_break_shows_on_the_preview_and_cannot_be_saved(
    client, commune_a, broadcaster_a, script_a, two_clusters
):
    client.force_login(broadcaster_a)
    data = form_data(script_a, two_clusters[:1], times="4:30", ends_on=TOMORROW.isoformat())
    page = client.post(reverse("lich-phat:add"), data).content.decode()
    assert "Cụm loa xóm 1: bắt đầu lúc 4:30, trước giờ được phát 6:00" in page
    assert "Xác nhận lưu" not in page
    forced = client.post(reverse("lich-phat:add"), {**data, "xac_nhan": "1"}).content.decode()
    assert "Lịch phát chưa được lưu." in forced
    assert "bắt đầu lúc 4:30" in forced
    assert rules_of(commune_a) == []


def test_a_wrong_time_is_said_on_the_form(client, commune_a, broadcaster_a, script_a, two_clusters):
    client.force_login(broadcaster_a)
    page = client.post(reverse("lich-phat:add"), form_data(script_a, two_clusters, times="6:00, 25h")).content.decode()
    assert "«25h» không phải là giờ hợp lệ." in page


def test_overlaps_are_listed_before_saving(client, commune_a, broadcaster_a, script_a, two_clusters):
    client.force_login(broadcaster_a)
    one_day = {"ends_on": TOMORROW.isoformat(), "times": "17:00"}
    client.post(reverse("lich-phat:add"), {**form_data(script_a, two_clusters[:1], **one_day), "xac_nhan": "1"})
    page = client.post(reverse("lich-phat:add"), form_data(script_a, two_clusters, **one_day)).content.decode()
    assert f"Cụm loa xóm 1, 17:00 {TOMORROW:%d/%m/%Y}: trùng giờ với bài «Tuyên truyền cải cách hành chính»" in page
    assert "Xác nhận lưu" in page


def test_editing_a_rule_remakes_its_upcoming_airings(client, commune_a, broadcaster_a, script_a, two_clusters):
    client.force_login(broadcaster_a)
    client.post(reverse("lich-phat:add"), {**form_data(script_a, two_clusters), "xac_nhan": "1"})
    [rule] = rules_of(commune_a)
    form = client.get(reverse("lich-phat:edit", args=[rule.pk])).content.decode()
    assert 'value="6:00, 17:00"' in form
    data = {**form_data(script_a, two_clusters[:1], times="7:00"), "xac_nhan": "1"}
    assert client.post(reverse("lich-phat:edit", args=[rule.pk]), data).status_code == 302
    assert airing_count(commune_a) == 14


def test_cancelling_asks_first_then_removes_upcoming_airings(client, commune_a, office_a, script_a, two_clusters):
    client.force_login(office_a)
    client.post(reverse("lich-phat:add"), {**form_data(script_a, two_clusters), "xac_nhan": "1"})
    [rule] = rules_of(commune_a)
    question = client.get(reverse("lich-phat:cancel", args=[rule.pk])).content.decode()
    assert "56 lượt phát sắp tới sẽ không phát nữa." in question
    assert airing_count(commune_a) == 56
    assert client.post(reverse("lich-phat:cancel", args=[rule.pk])).status_code == 302
    assert airing_count(commune_a) == 0
    assert rules_of(commune_a)[0].is_cancelled
    listing = client.get(reverse("lich-phat:index")).content.decode()
    assert "Đã hủy" in listing
    assert "<td>56</td>" not in listing  # nothing is left to air
    assert "<td>0</td>" in listing


def test_an_emergency_is_confirmed_then_airs_now(client, commune_a, office_a, script_a, two_clusters):
    client.force_login(office_a)
    data = {"script": script_a.pk, "all_clusters": "on", "volume": "100"}
    question = client.post(reverse("phat-khan-cap:index"), data).content.decode()
    assert "trên 2 cụm loa" in question
    assert "Phát ngay" in question
    assert airing_count(commune_a) == 0
    before = timezone.now()
    assert client.post(reverse("phat-khan-cap:index"), {**data, "xac_nhan": "1"}).status_code == 302
    with commune_scope(commune_a):
        airings = list(Airing.objects.all())
    assert len(airings) == 2
    assert {a.priority for a in airings} == {Priority.EMERGENCY}
    assert all(before - dt.timedelta(seconds=1) <= a.starts_at <= timezone.now() for a in airings)


def test_another_communes_rules_and_clusters_are_not_found(
    client, commune_a, commune_b, office_a, office_b, script_a, two_clusters, make_cluster
):
    client.force_login(office_a)
    client.post(reverse("lich-phat:add"), {**form_data(script_a, two_clusters), "xac_nhan": "1"}, follow=True)
    [rule] = rules_of(commune_a)
    client.force_login(office_b)
    for url in (
        reverse("lich-phat:edit", args=[rule.pk]),
        reverse("lich-phat:cancel", args=[rule.pk]),
        reverse("cum-loa:edit", args=[two_clusters[0].pk]),
        reverse("cum-loa:token", args=[two_clusters[0].pk, "cap"]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("lich-phat:cancel", args=[rule.pk])).status_code == 404
    assert "Tuyên truyền cải cách hành chính" not in client.get(reverse("lich-phat:index")).content.decode()
    form = client.get(reverse("lich-phat:add")).content.decode()
    assert "Cụm loa xóm 1" not in form
    assert "Tuyên truyền cải cách hành chính" not in form
    mine = make_cluster(commune_b, "Cụm loa Phú Đình")
    for data in (form_data(script_a, [mine]), form_data(script_a, two_clusters)):
        page = client.post(reverse("lich-phat:add"), {**data, "xac_nhan": "1"}).content.decode()
        assert "Hãy chọn một lựa chọn hợp lệ" in page or "không phải là một lựa chọn" in page.lower(), page[:2000]
    assert rules_of(commune_b) == []
    assert not rules_of(commune_a)[0].is_cancelled


@pytest.mark.parametrize("role", [Role.FINANCE, Role.JUSTICE])
def test_other_roles_are_refused(client, commune_a, make_official, script_a, two_clusters, role):
    client.force_login(make_official(commune_a, role))
    # Wagtail's admin answers a refusal with a redirect and its message.
    assert client.get(reverse("lich-phat:add")).status_code in (302, 403)
    response = client.post(reverse("lich-phat:add"), {**form_data(script_a, two_clusters), "xac_nhan": "1"})
    assert response.status_code in (302, 403)
    emergency = client.post(
        reverse("phat-khan-cap:index"), {"script": script_a.pk, "all_clusters": "on", "xac_nhan": "1"}
    )
    assert emergency.status_code in (302, 403)
    assert client.get(reverse("cum-loa:add")).status_code in (302, 403)
    assert rules_of(commune_a) == []
    assert airing_count(commune_a) == 0


def test_the_broadcaster_adds_a_cluster_and_sees_it_listed(client, commune_a, broadcaster_a, make_cluster):
    heard = make_cluster(commune_a, "Cụm loa xóm 3", last_seen_at=timezone.now(), token_hint="a1b2")
    make_cluster(commune_a, "Cụm loa xóm 4", last_seen_at=timezone.now() - dt.timedelta(hours=2))
    client.force_login(broadcaster_a)
    with commune_scope(commune_a):
        village = heard.village
    response = client.post(
        reverse("cum-loa:add"),
        {
            "name": "Cụm loa bản Mông",
            "village": village.pk,
            "location": "Nhà văn hóa",
            "day_starts": "07:00",
            "day_ends": "20:30",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    listing = client.get(reverse("cum-loa:index")).content.decode()
    assert "Cụm loa bản Mông" in listing
    assert "Chưa kết nối" in listing
    assert "Đang liên lạc" in listing
    assert "Mất liên lạc" in listing
    assert "a1b2" in listing
    assert "Cấp mã thiết bị" in listing
    with commune_scope(commune_a):
        added = SpeakerCluster.objects.get(name="Cụm loa bản Mông")
    assert (added.commune, added.day_starts) == (commune_a, dt.time(7, 0))


def test_programmes_are_the_communes_own(client, commune_a, office_b, broadcaster_a):
    client.force_login(broadcaster_a)
    data = {"name": "Chuyên mục cải cách hành chính", "description": ""}
    assert client.post(reverse("chuong-trinh-phat-thanh:add"), data).status_code == 302
    with commune_scope(commune_a):
        programme = Programme.objects.get()
    client.force_login(office_b)
    assert client.get(reverse("chuong-trinh-phat-thanh:edit", args=[programme.pk])).status_code == 404


def test_the_schedule_listing_reads_its_rows_in_a_fixed_number_of_queries(
    client, commune_a, broadcaster_a, script_a, make_cluster, django_assert_max_num_queries
):
    clusters = [make_cluster(commune_a, f"Cụm loa xóm {n}") for n in range(1, 4)]
    client.force_login(broadcaster_a)

    def add_rule(hour):
        data = {**form_data(script_a, clusters, times=f"{hour}:00", ends_on=TOMORROW.isoformat()), "xac_nhan": "1"}
        assert client.post(reverse("lich-phat:add"), data).status_code == 302

    add_rule(7)
    client.get(reverse("lich-phat:index"))
    with django_assert_max_num_queries(LISTING_QUERIES):
        client.get(reverse("lich-phat:index"))
    for hour in (8, 9, 10, 11):
        add_rule(hour)
    with django_assert_max_num_queries(LISTING_QUERIES):
        page = client.get(reverse("lich-phat:index")).content.decode()
    assert page.count("Cụm loa xóm 3") == 5


def test_the_cluster_listing_reads_its_rows_in_a_fixed_number_of_queries(
    client, commune_a, broadcaster_a, make_cluster, django_assert_max_num_queries
):
    make_cluster(commune_a, "Cụm loa xóm 1")
    client.force_login(broadcaster_a)
    client.get(reverse("cum-loa:index"))
    with django_assert_max_num_queries(CLUSTER_QUERIES):
        client.get(reverse("cum-loa:index"))
    for n in range(2, 7):
        make_cluster(commune_a, f"Cụm loa xóm {n}")
    with django_assert_max_num_queries(CLUSTER_QUERIES):
        page = client.get(reverse("cum-loa:index")).content.decode()
    assert "Cụm loa xóm 6" in page


def test_a_device_token_is_shown_once_after_asking_and_works_until_revoked(
    client, commune_a, broadcaster_a, two_clusters
):
    client.force_login(broadcaster_a)
    url = reverse("cum-loa:token", args=[two_clusters[0].pk, "cap"])
    assert "mã cũ sẽ không dùng được nữa" in client.get(url).content.decode()
    shown = client.post(url)
    assert "no-cache" in shown.headers.get("Cache-Control", "") or "max-age=0" in shown.headers["Cache-Control"]
    cluster = SpeakerCluster._base_manager.get(pk=two_clusters[0].pk)
    token = next(
        word for word in re.findall(r"[\w-]{30,}", shown.content.decode()) if word.endswith(cluster.token_hint)
    )
    schedule = "/api/v1/loa/lich/"
    assert client.get(schedule, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert token not in client.get(reverse("cum-loa:index")).content.decode()  # shown once only
    revoke = client.post(reverse("cum-loa:token", args=[two_clusters[0].pk, "thu-hoi"]), follow=True)
    assert "Đã thu hồi mã thiết bị của Cụm loa xóm 1." in revoke.content.decode()
    assert client.get(schedule, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_token_roles_are_checked(client, commune_a, make_official, two_clusters):
    client.force_login(make_official(commune_a, Role.FINANCE))
    assert client.post(reverse("cum-loa:token", args=[two_clusters[0].pk, "cap"])).status_code in (302, 403)
    assert not SpeakerCluster._base_manager.get(pk=two_clusters[0].pk).token_digest


def test_the_cluster_list_reads_yes_and_no_in_vietnamese(client, commune_a, broadcaster_a, make_cluster):
    make_cluster(commune_a, "Cụm loa đang dùng")
    make_cluster(commune_a, "Cụm loa đã tháo", is_active=False)
    client.force_login(broadcaster_a)
    html = client.get(reverse("cum-loa:index")).content.decode()
    read_aloud = re.findall(r'class="w-sr-only">\s*([^<]*?)\s*</span>', html)
    assert {"Có", "Không"} <= set(read_aloud)
    assert not {"True", "False"} & set(read_aloud)
