"""The read-only open-data API (/api/v1/), with its OpenAPI schema at /api/v1/openapi.json."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from cchc.broadcasts.api import router as devices_router
from cchc.procedures.api import router as procedures_router

api = NinjaAPI(
    title=gettext_lazy("CCHC Xã — dữ liệu mở"),
    version="1",
    description=gettext_lazy("Dữ liệu mở chỉ đọc: thủ tục hành chính dùng chung và thủ tục từng xã công khai."),
    urls_namespace="api_v1",
    docs_url="/tai-lieu/",
    # Swagger UI comes from our static files ("ninja" is an installed app), so the docs work offline;
    # no validator badge calling validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("", procedures_router)
api.add_router("/loa/", devices_router)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("Không tìm thấy.")}, status=404)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": _("Tham số không hợp lệ."), "errors": exc.errors}, status=422)
