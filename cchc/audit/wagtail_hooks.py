from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.log_actions import LogFormatter, log

from cchc.communes.models import Commune, CommuneOwned

from . import views
from .models import CommuneLogEntry
from .readers import can_read_commune_log


@hooks.register("register_log_actions", order=100)
def name_the_common_actions_in_vietnamese(actions):
    """Wagtail's own labels translate "Created" as a column heading ("Ngày tạo"); in a log they are verbs."""
    actions.register_action("wagtail.create", _("Tạo mới"), _("Đã tạo"))
    actions.register_action("wagtail.edit", _("Sửa"), _("Đã sửa"))
    actions.register_action("wagtail.delete", _("Xóa"), _("Đã xóa"))


@hooks.register("register_log_actions")
def register_commune_log(actions):
    for model in (CommuneOwned, Commune, AbstractImage, AbstractDocument):
        actions.register_model(model, CommuneLogEntry)

    actions.register_action("cchc.login", _("Đăng nhập"), _("Đăng nhập trang quản trị"))
    actions.register_action("cchc.export", _("Xuất văn bản"), _("Tải văn bản xuất ra"))
    actions.register_action("cchc.download", _("Tải tệp nội bộ"), _("Tải tệp chỉ dành cho cán bộ"))
    actions.register_action("cchc.import", _("Nhập từ tệp"), _("Nhập từ tệp"))
    actions.register_action("cchc.survey_response", _("Ghi nhận phiếu khảo sát"), _("Ghi nhận phiếu khảo sát"))
    actions.register_action("cchc.publish", _("Công khai"), _("Công khai"))
    actions.register_action("cchc.posting", _("Ghi sổ niêm yết"), _("Ghi sổ niêm yết"))

    @actions.register_action("cchc.status")
    class StatusChange(LogFormatter):
        label = _("Chuyển trạng thái")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Chuyển trạng thái từ «%(old)s» sang «%(new)s»") % {
                "old": data.get("old_label", data.get("old", "")),
                "new": data.get("new_label", data.get("new", "")),
            }


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [path("nhat-ky/", views.commune_log, name="cchc_audit_log")]


class CommuneLogMenuItem(MenuItem):
    def is_shown(self, request):
        commune = getattr(request, "commune", None)
        return commune is not None and can_read_commune_log(request.user, commune)


@hooks.register("register_settings_menu_item")
def register_audit_menu_item():
    return CommuneLogMenuItem(_("Nhật ký hoạt động của xã"), reverse("cchc_audit_log"), icon_name="history", order=50)


@hooks.register("before_serve_document", order=100)
def log_private_document_downloads(document, request):
    """Internal documents are private data: each download is recorded (after the checks that may refuse it)."""
    if document.collection.get_view_restrictions().exists():
        user = request.user if request.user.is_authenticated else None
        log(instance=document, action="cchc.download", user=user, data={"file": document.file.name})
