from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cchc.api import api

handler500 = "cchc.core.errors.server_error"

urlpatterns = [
    path(settings.WAGTAILADMIN_PATH.strip("/") + "/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("thu-tuc-hanh-chinh/", include("cchc.procedures.urls")),
    path("chi-so/", include("cchc.indices.urls")),
    path("khao-sat/", include("cchc.surveys.urls")),
    path("truyen-thanh/", include("cchc.broadcasts.urls")),
    path("cuoc-thi/", include("cchc.contests.urls")),
    path("phan-anh-kien-nghi/", include("cchc.feedback.urls")),
    path("api/v1/", api.urls),
    path("", include("cchc.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
