"""The speakers' device API under /api/v1/loa/: a speaker's schedule, its audio, its play reports and health.

Each call carries the cluster's device token (``Authorization: Bearer …``); the token names the cluster and
so the commune, and a speaker reads and writes only its own airings. The reference speaker is ``agent.py``.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import Literal

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from cchc.communes.scoping import commune_scope

from . import devices
from .models import Airing, PlayOutcome, SpeakerCluster

router = Router(tags=[gettext_lazy("Cụm loa")])


class DeviceToken(HttpBearer):
    """Mã thiết bị của cụm loa (cấp trong trang quản trị, chỉ hiện một lần)."""

    openapi_description = "Mã thiết bị của cụm loa, gửi trong tiêu đề «Authorization: Bearer <mã>»."

    def __call__(self, request):
        cluster = super().__call__(request)
        if cluster is None:
            # Ninja's own refusal is in English; a speaker's installer reads this one.
            raise HttpError(401, _("Mã thiết bị không hợp lệ hoặc đã bị thu hồi."))
        return cluster

    def authenticate(self, request, token: str) -> SpeakerCluster | None:
        cluster = devices.cluster_for_token(token)
        if cluster is not None:
            devices.mark_seen(cluster)
        return cluster


device_auth = DeviceToken()


class ErrorOut(Schema):
    detail: str = Field(description="Lý do từ chối.")


class AiringOut(Schema):
    id: int = Field(description="Mã lượt phát; dùng khi tải âm thanh và khi báo cáo đã phát.")
    starts_at: dt.datetime = Field(description="Thời điểm phát (ISO 8601, có múi giờ).")
    priority: Literal["normal", "priority", "emergency"] = Field(
        description="Mức ưu tiên: thông thường, ưu tiên, khẩn cấp (tin khẩn cấp ngắt bài đang phát)."
    )
    volume: int = Field(description="Âm lượng (%), từ 0 đến 100.")
    script_id: int = Field(description="Mã bài phát thanh.")
    script_title: str = Field(description="Tiêu đề bài phát thanh.")
    duration: float | None = Field(description="Thời lượng âm thanh (giây), nếu đã biết.")
    audio_url: str | None = Field(description="Địa chỉ tải tệp âm thanh; rỗng khi bài chưa có âm thanh để phát.")
    audio_sha256: str | None = Field(description="Mã băm SHA-256 của tệp âm thanh, để thiết bị lưu đệm theo nội dung.")


class ScheduleOut(Schema):
    cluster: str = Field(description="Tên cụm loa.")
    generated_at: dt.datetime = Field(description="Thời điểm máy chủ lập lịch này.")
    airings: list[AiringOut] = Field(description="Các lượt phát sắp tới (48 giờ) và tin khẩn cấp chưa báo đã phát.")


class PlayIn(Schema):
    report_key: str = Field(
        min_length=8,
        max_length=64,
        description="Mã riêng của báo cáo do thiết bị tạo (UUID); gửi lại không bị ghi hai lần.",
    )
    airing_id: int = Field(description="Mã lượt phát đã phát.")
    started_at: dt.datetime = Field(description="Thời điểm bắt đầu phát (ISO 8601, có múi giờ).")
    duration: float | None = Field(None, ge=0, le=86400, description="Thời lượng đã phát (giây).")
    outcome: Literal["played", "failed", "skipped"] = Field(
        PlayOutcome.PLAYED.value, description="Kết quả: played (đã phát), failed (phát lỗi), skipped (bỏ qua)."
    )
    detail: str = Field("", max_length=500, description="Ghi chú, ví dụ lỗi của trình phát.")


class PlaysIn(Schema):
    plays: list[PlayIn] = Field(
        max_length=devices.MAX_PLAYS_PER_REPORT, description="Các lượt đã phát, tối đa 500 mỗi lần gửi."
    )


class PlaysOut(Schema):
    stored: int = Field(description="Số báo cáo mới được ghi.")
    duplicates: int = Field(description="Số báo cáo đã ghi từ trước (gửi lại), không ghi lần nữa.")
    refused: int = Field(description="Số báo cáo bị từ chối vì lượt phát không thuộc cụm loa này.")
    stored_keys: list[str] = Field(description="Mã các báo cáo mới được ghi.")
    duplicate_keys: list[str] = Field(description="Mã các báo cáo đã có từ trước.")
    refused_keys: list[str] = Field(description="Mã các báo cáo bị từ chối.")
    settled: list[str] = Field(description="Mã các báo cáo máy chủ đã xử lý xong; thiết bị xóa chúng khỏi hàng chờ.")


class HealthIn(Schema):
    version: str = Field("", max_length=40, description="Phiên bản phần mềm trên thiết bị.")
    volume: int | None = Field(None, ge=0, le=100, description="Âm lượng đang đặt (%).")
    disk_free_mb: int | None = Field(None, ge=0, description="Dung lượng đĩa còn trống (MB).")
    cached_files: int | None = Field(None, ge=0, description="Số tệp âm thanh đang lưu đệm.")
    pending_reports: int | None = Field(None, ge=0, description="Số báo cáo phát chưa gửi được.")
    last_error: str = Field("", max_length=500, description="Lỗi gần nhất của thiết bị.")


class HealthOut(Schema):
    last_seen_at: dt.datetime = Field(description="Thời điểm máy chủ ghi nhận liên lạc.")


_UNAUTHORIZED = {401: ErrorOut}


def _airing_out(request, airing: Airing) -> dict:
    script = airing.broadcast.script
    sha = (script.on_air_sha256 or None) if script.on_air else None
    url = None
    if sha:
        url = request.build_absolute_uri(reverse("api_v1:loa_audio", kwargs={"airing_id": airing.pk}))
    return {
        "id": airing.pk,
        "starts_at": timezone.localtime(airing.starts_at),
        "priority": airing.priority,
        "volume": airing.volume,
        "script_id": script.pk,
        "script_title": script.title,
        "duration": script.on_air_duration,
        "audio_url": url,
        "audio_sha256": sha,
    }


@router.get(
    "/lich/",
    auth=device_auth,
    response={200: ScheduleOut, **_UNAUTHORIZED},
    url_name="loa_schedule",
    summary="Lịch phát của cụm loa",
)
def schedule(request):
    """Các lượt phát của chính cụm loa mang mã: từ vài phút trước đến 48 giờ tới, cùng tin khẩn cấp chưa phát."""
    cluster: SpeakerCluster = request.auth
    now = timezone.now()
    with commune_scope(cluster.commune):
        airings = [_airing_out(request, a) for a in devices.upcoming_airings(cluster, now)]
    return {"cluster": cluster.name, "generated_at": timezone.localtime(now), "airings": airings}


@router.get(
    "/am-thanh/{airing_id}",
    auth=device_auth,
    response={200: None, 404: ErrorOut, **_UNAUTHORIZED},
    url_name="loa_audio",
    summary="Tệp âm thanh của một lượt phát",
    openapi_extra={
        "responses": {200: {"description": "Tệp âm thanh (MP3 hoặc WAV).", "content": {"audio/*": {}}}},
    },
)
def audio(request, airing_id: int):
    """Tệp âm thanh sẽ phát của lượt phát; chỉ lượt phát của chính cụm loa này."""
    cluster: SpeakerCluster = request.auth
    with commune_scope(cluster.commune):
        airing = devices.own_airing(cluster, airing_id)
        file = airing.broadcast.script.on_air if airing else None
        if not file:
            raise Http404(_("Không có âm thanh cho lượt phát này."))
        sha = airing.broadcast.script.on_air_sha256
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        response = FileResponse(file.open("rb"), content_type=content_type)
    if sha:
        response["ETag"] = f'"{sha}"'
    return response


@router.post(
    "/nhat-ky/",
    auth=device_auth,
    response={200: PlaysOut, **_UNAUTHORIZED},
    url_name="loa_plays",
    summary="Báo cáo các lượt đã phát",
)
def plays(request, payload: PlaysIn):
    """Ghi nhật ký phát; mỗi mã báo cáo chỉ ghi một lần, nên thiết bị gửi lại sau khi mất mạng không bị trùng."""
    cluster: SpeakerCluster = request.auth
    reports = [devices.PlayReport(**p.model_dump()) for p in payload.plays]
    with commune_scope(cluster.commune):
        receipt = devices.record_plays(cluster, reports)
    return {
        "stored": len(receipt.stored),
        "duplicates": len(receipt.duplicates),
        "refused": len(receipt.refused),
        "stored_keys": receipt.stored,
        "duplicate_keys": receipt.duplicates,
        "refused_keys": receipt.refused,
        "settled": receipt.settled,
    }


@router.post(
    "/tinh-trang/",
    auth=device_auth,
    response={200: HealthOut, **_UNAUTHORIZED},
    url_name="loa_health",
    summary="Báo cáo tình trạng thiết bị",
)
def health(request, payload: HealthIn):
    """Thiết bị báo phiên bản, âm lượng, dung lượng đĩa, số tệp lưu đệm, số báo cáo chưa gửi và lỗi gần nhất."""
    cluster: SpeakerCluster = request.auth
    return {"last_seen_at": timezone.localtime(devices.record_health(cluster, payload.model_dump()))}
