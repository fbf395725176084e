"""The read-only open-data API (/api/v1/), with its OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from cchc.procedures.api import router as procedures_router

api = NinjaAPI(
    title="CCHC Xã — dữ liệu mở",
    version="1",
    description="Dữ liệu mở chỉ đọc: thủ tục hành chính dùng chung và thủ tục từng xã công khai.",
    urls_namespace="api_v1",
    docs_url="/tai-lieu/",
)
api.add_router("", procedures_router)
