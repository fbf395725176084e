"""Schedule rules: the times officials type, the airings a rule makes, quiet hours, overlaps, edit and cancel."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cchc.broadcasts import schedule
from cchc.broadcasts.actions.schedule import (
    CancelBroadcast,
    EditBroadcast,
    ScheduleBroadcast,
    SendEmergency,
)
from cchc.broadcasts.models import Airing, Broadcast, PlayLog, Priority, SpeakerCluster
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope

ZONE = timezone.get_default_timezone()
# A Monday, well ahead of the test clock's "now" below.
MONDAY = dt.date(2031, 3, 3)
NOW = timezone.make_aware(dt.datetime(2031, 3, 1, 9, 0), ZONE)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)), ZONE)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("6:00", "06:00"), ("06:00", "06:00"), ("17h", "17:00"), ("17h30", "17:30"), (" 5:05 ", "05:05")],
)
def test_officials_write_times_their_own_way(typed, kept):
    assert schedule.parse_times(typed) == [kept]


def test_a_list_of_times_is_sorted_and_said_back_as_typed():
    assert schedule.parse_times("17h, 6:00; 17:00 11 h30") == ["06:00", "11:30", "17:00"]
    assert schedule.format_times(["06:00", "17:30"]) == "6:00, 17:30"


@pytest.mark.parametrize("typed", ["25:00", "6:75", "sáng", "6.30", "1730"])
def test_a_wrong_time_is_refused_in_vietnamese(typed):
    with pytest.raises(ValidationError) as refused:
        schedule.parse_times(f"6:00, {typed}")
    assert f"«{typed}» không phải là giờ hợp lệ" in refused.value.messages[0]
    assert "17h30" in refused.value.messages[0]


def test_no_time_at_all_is_refused():
    with pytest.raises(ValidationError, match="ít nhất một giờ phát"):
        schedule.parse_times(" , ")


@pytest.fixture
def script_a(commune_a, make_script):
    return make_script(commune_a, audio_duration=120.0, audio="truyen-thanh/bai.mp3")


@pytest.fixture
def two_clusters(commune_a, make_cluster):
    return [make_cluster(commune_a, "Cụm loa xóm 1"), make_cluster(commune_a, "Cụm loa xóm 2")]


def rule_of(commune, script, **fields):
    values = {"starts_on": MONDAY, "ends_on": MONDAY + dt.timedelta(days=13), "times": ["06:00", "17:00"]}
    values.update(fields)
    return Broadcast(commune=commune, script=script, **values)


def test_twice_a_day_for_two_weeks_is_28_airings_per_cluster(commune_a, script_a, two_clusters):
    with commune_scope(commune_a):
        airings = schedule.expand(rule_of(commune_a, script_a), two_clusters)
    assert len(airings) == 56
    first = [a for a in airings if a.cluster == two_clusters[0]]
    assert len(first) == 28
    assert timezone.localtime(first[0].starts_at).strftime("%d/%m/%Y %H:%M") == "03/03/2031 06:00"
    assert timezone.localtime(first[-1].starts_at).strftime("%d/%m/%Y %H:%M") == "16/03/2031 17:00"


def test_only_the_chosen_weekdays_within_the_dates_are_aired(commune_a, script_a, two_clusters):
    rule = rule_of(commune_a, script_a, weekdays=[1, 5], times=["6:00"])  # Mondays and Fridays
    with commune_scope(commune_a):
        airings = schedule.expand(rule, two_clusters[:1])
    days = [timezone.localtime(a.starts_at).date() for a in airings]
    assert days == [MONDAY, MONDAY + dt.timedelta(days=4), MONDAY + dt.timedelta(days=7), MONDAY + dt.timedelta(11)]


def test_reversed_dates_and_huge_rules_are_refused(commune_a, script_a, two_clusters):
    with pytest.raises(ValidationError, match="Ngày kết thúc phải sau"):
        schedule.expand(rule_of(commune_a, script_a, ends_on=MONDAY - dt.timedelta(days=1)), two_clusters)
    year = rule_of(commune_a, script_a, ends_on=MONDAY + dt.timedelta(days=364), times=["6:00", "11:00", "17:00"])
    with pytest.raises(ValidationError) as refused:
        schedule.expand(year, two_clusters)
    assert "2.190 lượt phát, quá giới hạn 2.000 lượt" in refused.value.messages[0]


def test_an_airing_lasts_as_long_as_its_audio_else_an_estimate_from_the_text(commune_a, make_script):
    recorded = make_script(commune_a, title="Có ghi âm", audio_duration=95.0, audio="a.mp3")
    assert schedule.airing_duration(recorded) == dt.timedelta(seconds=95)
    words = " ".join(["loa"] * 260)  # 260 words at 130 a minute
    unrecorded = make_script(commune_a, title="Chưa có âm thanh", body=words)
    assert schedule.airing_duration(unrecorded) == dt.timedelta(minutes=2)
    assert not schedule.has_audio(unrecorded)


def breaks(commune, script, clusters, **fields):
    with commune_scope(commune):
        rule = rule_of(commune, script, ends_on=MONDAY, **fields)
        return [b.message for b in schedule.quiet_hour_breaks(rule, clusters)]


@pytest.mark.parametrize("early", ["4:30", "5:00", "5:59"])
def test_airings_before_six_are_refused(commune_a, script_a, two_clusters, early):
    found = breaks(commune_a, script_a, two_clusters[:1], times=[early])
    assert found == [f"Cụm loa xóm 1: bắt đầu lúc {early}, trước giờ được phát 6:00 (1 lượt, ngày 03/03/2031)."]


def test_six_oclock_is_fine_but_running_past_nine_pm_is_not(commune_a, script_a, two_clusters):
    # The script lasts two minutes: 20:58 ends at 21:00 sharp, 20:59 runs past it.
    assert breaks(commune_a, script_a, two_clusters[:1], times=["6:00", "20:58"]) == []
    assert breaks(commune_a, script_a, two_clusters[:1], times=["6:00", "20:59"]) == [
        "Cụm loa xóm 1: phát từ 20:59 đến 21:01, quá giờ được phát 21:00 (1 lượt, ngày 03/03/2031)."
    ]


def test_a_cluster_with_its_own_hours_is_checked_against_them(commune_a, script_a, make_cluster):
    late_riser = make_cluster(commune_a, "Cụm loa bản Mông", day_starts=dt.time(7, 0))
    assert breaks(commune_a, script_a, [late_riser], times=["6:30"])[0].endswith(
        "trước giờ được phát 7:00 (1 lượt, ngày 03/03/2031)."
    )


def test_an_emergency_at_eleven_pm_breaks_no_quiet_hours(commune_a, script_a, two_clusters):
    assert breaks(commune_a, script_a, two_clusters, times=["23:00"], priority=Priority.EMERGENCY) == []


def schedule_rule(commune, script, clusters, user=None, **fields):
    confirm = fields.pop("confirm_conflicts", False)
    now = fields.pop("now", NOW)
    rule = rule_of(commune, script, **fields)
    return ScheduleBroadcast(
        rule, commune=commune, user=user, clusters=clusters, confirm_conflicts=confirm, now=now
    ).execute()


def airings_of(commune, rule):
    with commune_scope(commune):
        return list(Airing.objects.filter(broadcast=rule).order_by("starts_at", "cluster__name"))


def test_scheduling_saves_the_rule_and_its_airings(commune_a, script_a, two_clusters, broadcaster_a):
    rule = schedule_rule(commune_a, script_a, two_clusters, user=broadcaster_a)
    airings = airings_of(commune_a, rule)
    assert len(airings) == 56
    assert {a.priority for a in airings} == {Priority.NORMAL}
    with commune_scope(commune_a):
        assert set(rule.clusters.all()) == set(two_clusters)


def test_a_quiet_hour_break_is_refused_and_nothing_is_saved(commune_a, script_a, two_clusters, broadcaster_a):
    with pytest.raises(ValidationError) as refused:
        schedule_rule(commune_a, script_a, two_clusters, user=broadcaster_a, times=["4:30", "17:00"])
    assert "chỉ tin khẩn cấp mới được phát ngoài giờ" in refused.value.messages[0]
    assert "Cụm loa xóm 2: bắt đầu lúc 4:30" in " ".join(refused.value.messages)
    with commune_scope(commune_a):
        assert not Broadcast.objects.exists()
        assert not Airing.objects.exists()


def test_an_overlap_is_described_and_saved_only_once_confirmed(commune_a, script_a, two_clusters, make_script):
    make_script(commune_a, title="Thông báo tiêm phòng", audio_duration=600.0, audio="t.mp3")
    with commune_scope(commune_a):
        from cchc.broadcasts.models import Script

        vaccine = Script.objects.get(title="Thông báo tiêm phòng")
    schedule_rule(commune_a, vaccine, two_clusters[:1], priority=Priority.PRIORITY, times=["17:00"], ends_on=MONDAY)
    with pytest.raises(ValidationError) as refused:
        schedule_rule(commune_a, script_a, two_clusters, times=["17:05"], ends_on=MONDAY)
    assert refused.value.messages[1] == (
        "Cụm loa xóm 1, 17:05 03/03/2031: trùng giờ với bài «Thông báo tiêm phòng» (Ưu tiên, phát 17:00–17:10)."
    )
    assert len(refused.value.messages) == 2  # cluster 2 has nothing else on
    rule = schedule_rule(commune_a, script_a, two_clusters, times=["17:05"], ends_on=MONDAY, confirm_conflicts=True)
    assert len(airings_of(commune_a, rule)) == 2


def test_a_bulletin_shorter_than_a_minute_is_shown_ending_at_the_next_minute(commune_a, two_clusters, make_script):
    short = make_script(commune_a, title="Tin ngắn", audio_duration=20.0, audio="n.mp3")
    later = make_script(commune_a, title="Tin sau", audio_duration=20.0, audio="s.mp3")
    schedule_rule(commune_a, short, two_clusters[:1], times=["17:30"], ends_on=MONDAY)
    with pytest.raises(ValidationError) as refused:
        schedule_rule(commune_a, later, two_clusters[:1], times=["17:30"], ends_on=MONDAY)
    assert "(Thông thường, phát 17:30–17:31)" in " ".join(refused.value.messages)


def test_an_emergency_preempts_what_is_on(commune_a, script_a, two_clusters):
    schedule_rule(commune_a, script_a, two_clusters[:1], times=["17:00"], ends_on=MONDAY)
    rule = rule_of(commune_a, script_a, times=["17:01"], ends_on=MONDAY, priority=Priority.EMERGENCY)
    with commune_scope(commune_a):
        found = schedule.plan(rule, two_clusters[:1], since=NOW)
    assert not found.blocked
    assert not found.needs_confirmation
    assert [c.message for c in found.conflicts] == [
        "Cụm loa xóm 1, 17:01 03/03/2031: bài «Tuyên truyền cải cách hành chính» "
        "(Thông thường, 17:00–17:02) sẽ bị ngắt."
    ]


def test_a_cancelled_rule_conflicts_with_nothing(commune_a, script_a, two_clusters, office_a):
    old = schedule_rule(commune_a, script_a, two_clusters, times=["17:00"])
    CancelBroadcast(old, commune=commune_a, user=office_a, now=NOW).execute()
    assert schedule_rule(commune_a, script_a, two_clusters, times=["17:00"]).pk != old.pk


def test_editing_remakes_future_airings_and_keeps_past_ones(commune_a, script_a, two_clusters, broadcaster_a):
    rule = schedule_rule(commune_a, script_a, two_clusters[:1], user=broadcaster_a)
    with commune_scope(commune_a):
        played = Airing.objects.filter(broadcast=rule).order_by("starts_at").first()
        PlayLog.objects.create(
            commune=commune_a, cluster=played.cluster, airing=played, report_key="r1", started_at=played.starts_at
        )
    a_week_in = local(MONDAY + dt.timedelta(days=7), 0)
    rule.times = ["7:00"]
    EditBroadcast(rule, commune=commune_a, user=broadcaster_a, clusters=two_clusters[:1], now=a_week_in).execute()
    airings = airings_of(commune_a, rule)
    past = [a for a in airings if a.starts_at < a_week_in]
    future = [a for a in airings if a.starts_at >= a_week_in and not a.is_cancelled]
    dropped = [a for a in airings if a.starts_at >= a_week_in and a.is_cancelled]
    assert len(past) == 14
    assert not any(a.is_cancelled for a in past)
    assert played in past
    assert {timezone.localtime(a.starts_at).strftime("%H:%M") for a in future} == {"07:00"}
    assert len(future) == 7
    # The dropped 6:00 and 17:00 airings are kept, flagged: a speaker may have played one already.
    assert {timezone.localtime(a.starts_at).strftime("%H:%M") for a in dropped} == {"06:00", "17:00"}
    with commune_scope(commune_a):
        assert PlayLog.objects.get().airing == played


def test_an_edit_that_keeps_a_slot_keeps_its_airing(commune_a, script_a, two_clusters, broadcaster_a):
    rule = schedule_rule(commune_a, script_a, two_clusters[:1], user=broadcaster_a)
    before = {a.starts_at: a.pk for a in airings_of(commune_a, rule) if timezone.localtime(a.starts_at).hour == 17}
    rule.times = ["17:00"]
    rule.volume = 55
    EditBroadcast(rule, commune=commune_a, user=broadcaster_a, clusters=two_clusters[:1], now=NOW).execute()
    live = [a for a in airings_of(commune_a, rule) if not a.is_cancelled]
    assert {a.starts_at: a.pk for a in live} == before  # the speaker's airing ids stay the same
    assert {a.volume for a in live} == {55}


def test_cancelling_removes_future_airings_only(commune_a, script_a, two_clusters, office_a):
    rule = schedule_rule(commune_a, script_a, two_clusters)
    CancelBroadcast(rule, commune=commune_a, user=office_a, now=local(MONDAY, 12)).execute()
    with commune_scope(commune_a):
        rule.refresh_from_db()
    assert rule.is_cancelled
    airings = airings_of(commune_a, rule)
    assert len([a for a in airings if not a.is_cancelled]) == 2  # the two 6:00 airings of the first morning
    assert len([a for a in airings if a.is_cancelled]) == 54  # kept for a speaker's late report
    with pytest.raises(PermissionDenied, match="đã được hủy"):
        CancelBroadcast(rule, commune=commune_a, user=office_a).execute()


def test_an_emergency_airs_now_on_every_active_cluster(commune_a, script_a, two_clusters, make_cluster, office_a):
    make_cluster(commune_a, "Cụm loa hỏng", is_active=False)
    late = local(MONDAY, 23, 10)
    rule = SendEmergency(script_a, commune=commune_a, user=office_a, all_clusters=True, now=late).execute()
    airings = airings_of(commune_a, rule)
    assert [(a.cluster.name, a.starts_at, a.priority) for a in airings] == [
        ("Cụm loa xóm 1", late, Priority.EMERGENCY),
        ("Cụm loa xóm 2", late, Priority.EMERGENCY),
    ]


@pytest.mark.parametrize("role", [Role.FINANCE, Role.JUSTICE, Role.OVERSEER])
def test_other_roles_may_not_schedule(commune_a, script_a, two_clusters, make_official, role):
    official = make_official(commune_a, role)
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ Phát thanh"):
        schedule_rule(commune_a, script_a, two_clusters, user=official)
    with pytest.raises(PermissionDenied):
        SendEmergency(script_a, commune=commune_a, user=official, clusters=two_clusters, now=NOW).execute()


def test_another_communes_clusters_and_scripts_are_refused(
    commune_a, commune_b, script_a, two_clusters, make_cluster, make_script, make_official
):
    theirs = make_cluster(commune_b, "Cụm loa Phú Đình")
    office_b = make_official(commune_b, Role.OFFICE)
    with pytest.raises(PermissionDenied, match="thuộc xã khác"):
        schedule_rule(commune_a, script_a, [*two_clusters, theirs])
    with pytest.raises(PermissionDenied, match="thuộc xã khác"):
        schedule_rule(commune_b, script_a, [theirs], user=office_b)


def test_each_write_leaves_one_record_in_the_communes_log(commune_a, script_a, two_clusters, office_a):
    from cchc.audit.models import CommuneLogEntry

    rule = schedule_rule(commune_a, script_a, two_clusters, user=office_a)
    CancelBroadcast(rule, commune=commune_a, user=office_a, now=NOW).execute()
    with commune_scope(commune_a):
        records = list(
            CommuneLogEntry.objects.filter(content_type__model="broadcast", object_id=str(rule.pk))
            .order_by("timestamp", "pk")
            .values_list("action", "data")
        )
    assert records == [
        ("wagtail.create", {"airings": 56, "clusters": [c.pk for c in two_clusters], "conflicts": 0}),
        ("cchc.broadcast_cancel", {"cancelled_airings": 56}),
    ]


def test_a_cluster_that_has_played_is_switched_off_rather_than_deleted(commune_a, two_clusters, broadcaster_a):
    from cchc.broadcasts.actions.schedule import DeleteCluster

    cluster = two_clusters[0]
    with commune_scope(commune_a):
        PlayLog.objects.create(commune=commune_a, cluster=cluster, report_key="r1", started_at=NOW)
    with pytest.raises(PermissionDenied, match="bỏ chọn «đang hoạt động»"):
        DeleteCluster(cluster, user=broadcaster_a).execute()
    DeleteCluster(two_clusters[1], user=broadcaster_a).execute()
    with commune_scope(commune_a):
        assert list(SpeakerCluster.objects.all()) == [cluster]


def test_a_cluster_with_airings_due_already_is_kept_and_one_with_only_future_airings_goes(
    commune_a, script_a, two_clusters, broadcaster_a
):
    from cchc.broadcasts.actions.schedule import DeleteCluster

    past_due, future_only = two_clusters
    last_year = timezone.localdate() - dt.timedelta(days=365)
    long_ago = timezone.make_aware(dt.datetime.combine(last_year - dt.timedelta(days=1), dt.time(9)), ZONE)
    schedule_rule(
        commune_a, script_a, [past_due], user=broadcaster_a, starts_on=last_year, ends_on=last_year, now=long_ago
    )
    schedule_rule(commune_a, script_a, [future_only], user=broadcaster_a, times=["9:00"])
    with pytest.raises(PermissionDenied, match="đã có lượt phát"):
        DeleteCluster(past_due, user=broadcaster_a).execute()
    DeleteCluster(future_only, user=broadcaster_a).execute()
    with commune_scope(commune_a):
        assert list(SpeakerCluster.objects.all()) == [past_due]
        assert not Airing.objects.filter(cluster_id=future_only.pk).exists()
        assert Airing.objects.filter(cluster=past_due).exists()
