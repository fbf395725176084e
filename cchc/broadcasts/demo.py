"""Demo: the commune radio of Định Biên over the past two weeks and the two to come.

One loudspeaker cluster per village; a script read from a demo article and two written by the commune
(online public services, the satisfaction survey); three schedules started two weeks ago, so that there
are past airings and future ones. The speakers' reports are made up the way a speaker sends them
(``devices.record_plays``): most past airings played, those of Làng Vẹ during a power cut missed, and the
Nong Nia cluster never called in, so that the coverage report has something to point at.

Every write goes through the radio's actions, as the officials' screens do, acted by the commune's
broadcasting officer. Audio is only requested (the worker makes it); loading needs no speech engine.
Running it again changes nothing, unless a device token is asked for (see ``load_demo_radio``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.communes.models import Commune, Membership, Village
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope

from .actions.devices import IssueDeviceToken
from .actions.schedule import CreateCluster, CreateProgramme, ScheduleBroadcast
from .actions.scripts import CreateScript, RequestRender, ScriptFromPage
from .agent import VERSION as AGENT_VERSION
from .devices import PlayReport, record_health, record_plays
from .models import AudioStatus, Broadcast, PlayOutcome, Priority, Programme, Script, SpeakerCluster
from .schedule import airing_duration

# Where each village's cluster stands (illustrative, as the villages' figures are).
LOCATIONS = {
    "Đồng Đau": "Nhà văn hóa xóm Đồng Đau",
    "Đồng Rằm": "Cột điện ngã ba đường vào xóm Đồng Rằm",
    "Gốc Thông": "Nhà văn hóa xóm Gốc Thông",
    "Khau Diều": "Cột điện cạnh nhà văn hóa xóm Khau Diều",
    "Khau Lầu": "Đầu xóm Khau Lầu, cạnh đường liên xóm",
    "Làng Quặng": "Nhà văn hóa xóm Làng Quặng",
    "Làng Vẹ": "Cột điện giữa xóm Làng Vẹ",
    "Nà To": "Nhà văn hóa xóm Nà To",
    "Nong Nia": "Cuối xóm Nong Nia, gần điểm trường mầm non",
}
# Never called in: installed, not yet connected (the coverage report shows it silent, every airing missed).
SILENT_VILLAGE = "Nong Nia"
# A power cut: nothing played from six to four days ago, the first airing reported as failed.
POWER_CUT_VILLAGE = "Làng Vẹ"
POWER_CUT_DAYS_AGO = (4, 6)
# The cluster whose device token the demo may print, for the sample speaker software.
AGENT_VILLAGE = "Đồng Đau"

PROGRAMME = "Chuyên mục Cải cách hành chính"
PROGRAMME_DESCRIPTION = (
    "Thông tin về thủ tục hành chính, dịch vụ công trực tuyến và kết quả cải cách hành chính của xã, "
    "phát trên hệ thống truyền thanh cơ sở."
)
# The demo article the radio reads (cchc.portal.demo).
ARTICLE_TITLE = "Chỉ số PAR INDEX, PCI, PAPI là gì và vì sao người dân nên quan tâm"

ONLINE_SERVICES = (
    "Thông báo về nộp hồ sơ thủ tục hành chính trực tuyến",
    "Ủy ban nhân dân xã Định Biên thông báo đến toàn thể nhân dân trong xã:\n"
    "Từ nay, bà con có thể nộp hồ sơ nhiều thủ tục hành chính trên Cổng Dịch vụ công quốc gia mà không "
    "phải đến trụ sở xã, như đăng ký khai sinh, đăng ký kết hôn, chứng thực bản sao, xác nhận tình trạng "
    "hôn nhân.\n"
    "Để nộp hồ sơ, bà con đăng nhập bằng tài khoản định danh điện tử VNeID mức độ 2. Kết quả được gửi qua "
    "bưu điện hoặc nhận tại Bộ phận Tiếp nhận và trả kết quả của xã.\n"
    "Bà con chưa biết cách làm có thể đến nhà văn hóa xóm vào tối thứ Bảy hằng tuần để được Tổ công nghệ "
    "số cộng đồng hướng dẫn, hoặc gọi điện đến Văn phòng UBND xã trong giờ hành chính.\n"
    "Ủy ban nhân dân xã trân trọng thông báo.",
)
SURVEY_NOTICE = (
    "Thông báo về khảo sát sự hài lòng của người dân",
    "Ủy ban nhân dân xã Định Biên đang tổ chức khảo sát sự hài lòng của người dân đối với việc giải quyết "
    "thủ tục hành chính tại xã.\n"
    "Người từ 18 tuổi trở lên đã đến làm thủ tục tại Bộ phận một cửa của xã trong năm có thể được mời trả lời "
    "phiếu khảo sát. Phiếu không ghi tên; bà con điền phiếu giấy tại xã hoặc trả lời trên trang thông tin "
    "điện tử của xã.\n"
    "Ý kiến trung thực của bà con giúp Ủy ban nhân dân xã biết việc gì đã làm tốt, việc gì cần sửa để phục "
    "vụ nhân dân tốt hơn.\n"
    "Đề nghị trưởng các xóm thông báo rộng rãi đến các hộ gia đình.",
)


@dataclass(frozen=True)
class Rule:
    """One demo schedule: which script, from how many days ago to how many days ahead, when."""

    script: str  # the script's title
    first_day: int  # days before today (negative: after)
    last_day: int  # days after today
    times: tuple[str, ...]
    weekdays: tuple[int, ...] = ()
    priority: str = Priority.NORMAL
    volume: int = 80


RULES = [
    Rule(ONLINE_SERVICES[0], 14, 14, ("06:30", "17:00"), weekdays=(2, 4, 6)),
    Rule(ARTICLE_TITLE, 12, 2, ("06:45",), weekdays=(1, 3, 5)),
    Rule(SURVEY_NOTICE[0], 5, 10, ("17:30",), priority=Priority.PRIORITY, volume=90),
]


@dataclass(frozen=True)
class RadioDemo:
    clusters: list[SpeakerCluster]
    scripts: list[Script]
    device_token: str | None = None  # readable this once; None unless asked for

    def accounts_line(self) -> str:
        """What the demo's accounts file says of the token, or nothing."""
        if not self.device_token:
            return ""
        return _(
            "Mã thiết bị của cụm loa xóm %(village)s (cho phần mềm cụm loa mẫu, cchc.broadcasts.agent): %(token)s"
        ) % {"village": AGENT_VILLAGE, "token": self.device_token}


def _broadcaster(commune: Commune):
    """The commune's broadcasting officer (the chairman when there is none), who acts in the demo."""
    for role in (Role.BROADCASTER, Role.CHAIRMAN):
        member = Membership.objects.filter(commune=commune, role=role).select_related("user").order_by("id").first()
        if member is not None:
            return member.user
    return None


def _clusters(commune: Commune, user) -> list[SpeakerCluster]:
    clusters = []
    for village in Village.objects.filter(commune=commune).order_by("sort_order", "name"):
        name = f"Cụm loa xóm {village.name}"
        cluster = SpeakerCluster.objects.filter(commune=commune, name=name).first()
        if cluster is None:
            location = LOCATIONS.get(village.name, f"Nhà văn hóa xóm {village.name}")
            cluster = CreateCluster(
                SpeakerCluster(commune=commune, name=name, village=village, location=location), user=user
            ).execute()
        clusters.append(cluster)
    return clusters


def _programme(commune: Commune, user) -> Programme:
    programme = Programme.objects.filter(commune=commune, name=PROGRAMME).first()
    if programme is None:
        programme = CreateProgramme(
            Programme(commune=commune, name=PROGRAMME, description=PROGRAMME_DESCRIPTION), user=user
        ).execute()
    return programme


def _scripts(commune: Commune, user) -> list[Script]:
    from cchc.portal.models import ArticlePage

    scripts = []
    article = ArticlePage.objects.live().descendant_of(commune.root_page).filter(title=ARTICLE_TITLE).first()
    if article is not None:
        script = Script.objects.filter(commune=commune, source_page=article).first()
        scripts.append(script or ScriptFromPage(article, commune=commune, user=user).execute())
    for title, body in (ONLINE_SERVICES, SURVEY_NOTICE):
        script = Script.objects.filter(commune=commune, title=title).first()
        scripts.append(script or CreateScript(Script(commune=commune, title=title, body=body), user=user).execute())
    for script in scripts:
        if script.audio_status == AudioStatus.NONE:
            RequestRender(script, commune=commune, user=user).execute()
    return scripts


def _schedule(commune: Commune, user, scripts: list[Script], programme: Programme, today: dt.date) -> list[Broadcast]:
    """The demo's rules not yet there, each saved as the official would have saved it on its first day."""
    by_title = {script.title: script for script in scripts}
    new = []
    for rule in RULES:
        script = by_title.get(rule.script)
        if script is None or Broadcast.objects.filter(commune=commune, script=script).exists():
            continue
        starts_on = today - dt.timedelta(days=rule.first_day)
        saved_at = timezone.make_aware(dt.datetime.combine(starts_on, dt.time.min))
        broadcast = Broadcast(
            commune=commune,
            programme=programme,
            script=script,
            priority=rule.priority,
            starts_on=starts_on,
            ends_on=today + dt.timedelta(days=rule.last_day),
            times=list(rule.times),
            weekdays=list(rule.weekdays),
            all_clusters=True,
            volume=rule.volume,
        )
        new.append(ScheduleBroadcast(broadcast, commune=commune, user=user, now=saved_at).execute())
    return new


def _reports(cluster: SpeakerCluster, broadcasts: list[Broadcast], now: dt.datetime) -> list[PlayReport]:
    """What the cluster's speaker would have reported of the new rules' airings already due."""
    if cluster.village and cluster.village.name == SILENT_VILLAGE:
        return []
    airings = cluster.airings.filter(broadcast__in=broadcasts, starts_at__lt=now).select_related("broadcast__script")
    power_cut = cluster.village is not None and cluster.village.name == POWER_CUT_VILLAGE
    today = timezone.localdate(now)
    reports = []
    for airing in airings.order_by("starts_at"):
        days_ago = (today - timezone.localdate(airing.starts_at)).days
        started_at = airing.starts_at + dt.timedelta(seconds=2)
        key = f"demo-{airing.pk}"
        if power_cut and POWER_CUT_DAYS_AGO[0] <= days_ago <= POWER_CUT_DAYS_AGO[1]:
            if not any(r.outcome == PlayOutcome.FAILED for r in reports):
                reports.append(
                    PlayReport(
                        key,
                        airing.pk,
                        started_at,
                        outcome=PlayOutcome.FAILED,
                        detail="Mất điện lưới giữa bài, loa tắt.",
                    )
                )
            continue
        duration = airing_duration(airing.broadcast.script).total_seconds()
        reports.append(PlayReport(key, airing.pk, started_at, duration=duration))
    return reports


def _speakers_report(clusters: list[SpeakerCluster], broadcasts: list[Broadcast], now: dt.datetime) -> None:
    for cluster in clusters:
        reports = _reports(cluster, broadcasts, now)
        if not reports:
            continue
        record_plays(cluster, reports)
        health = {
            "version": AGENT_VERSION,
            "volume": 80,
            "disk_free_mb": 2900,
            "cached_files": 3,
            "pending_reports": 0,
            "last_error": "",
        }
        record_health(cluster, health, now=now - dt.timedelta(minutes=2))


@transaction.atomic
def load_demo_radio(commune: Commune, *, now: dt.datetime | None = None, issue_token: bool = False) -> RadioDemo:
    """Clusters, scripts, schedules and the speakers' reports once; running it again changes nothing.

    With ``issue_token``, the Đồng Đau cluster gets a new device token on every run (a token is readable
    only when issued, and the accounts file is written anew each time); the one before stops working.
    """
    now = now or timezone.now()
    with commune_scope(commune):
        user = _broadcaster(commune)
        clusters = _clusters(commune, user)
        scripts = _scripts(commune, user)
        new = _schedule(commune, user, scripts, _programme(commune, user), timezone.localdate(now))
        if new:
            _speakers_report(clusters, new, now)
        token = None
        if issue_token:
            cluster = next((c for c in clusters if c.village and c.village.name == AGENT_VILLAGE), None)
            if cluster is not None:
                token = IssueDeviceToken(cluster, user, commune=commune).execute()
    return RadioDemo(clusters=clusters, scripts=scripts, device_token=token)
