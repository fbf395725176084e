from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cchc.communes.actions import units_of

from . import admin_views, handling
from .limits import LOG_LIMITS
from .receiving import LOG_RECEIVE
from .reminders import reminders_for


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    for action, label in (
        (LOG_RECEIVE, _("Tiếp nhận phản ánh, kiến nghị")),
        (handling.LOG_ASSIGN, _("Giao phản ánh cho đơn vị xử lý")),
        (handling.LOG_DECLINE, _("Không xử lý phản ánh")),
        (handling.LOG_DRAFT, _("Soạn trả lời phản ánh")),
        (handling.LOG_RETURN, _("Trả lại bản trả lời để sửa")),
        (handling.LOG_APPROVE, _("Duyệt trả lời phản ánh")),
        (handling.LOG_PUBLISH, _("Công khai câu hỏi, trả lời")),
        (handling.LOG_UNPUBLISH, _("Thôi công khai câu hỏi, trả lời")),
        (LOG_LIMITS, _("Đặt thời hạn trả lời phản ánh")),
    ):
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path("phan-anh-kien-nghi/", admin_views.received, name="cchc_feedback_received"),
        path("phan-anh-kien-nghi/nhap/", admin_views.enter, name="cchc_feedback_enter"),
        path("phan-anh-kien-nghi/so-lieu/", admin_views.figures, name="cchc_feedback_figures"),
        path("phan-anh-kien-nghi/thoi-han/", admin_views.time_limits, name="cchc_feedback_limits"),
        path("phan-anh-kien-nghi/<int:pk>/", admin_views.detail, name="cchc_feedback_detail"),
        path("phan-anh-kien-nghi/<int:pk>/anh/<int:photo_pk>/", admin_views.photo, name="cchc_feedback_photo"),
    ]


class FeedbackMenuItem(MenuItem):
    """Shown to those who read every message, and to unit officials, who read those given to their unit."""

    def is_shown(self, request):
        user = request.user
        if user.is_superuser or user.has_perm("feedback.view_feedback"):
            return True
        commune = getattr(request, "commune", None)
        return commune is not None and bool(units_of(user, commune))


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(_("Phản ánh, kiến nghị"), reverse("cchc_feedback_received"), icon_name="mail", order=160)


class FeedbackRemindersPanel(Component):
    """On the home page: messages to triage, answers to approve, messages due soon or late."""

    name = "feedback_reminders"
    order = 35

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        commune = getattr(request, "commune", None)
        if commune is None:
            return ""
        found = reminders_for(commune=commune, user=request.user)
        if not found:
            return ""
        return render_to_string("feedback/admin/home_panel.html", {"found": found}, request=request)


@hooks.register("construct_homepage_panels")
def show_feedback_reminders(request, panels):
    panels.append(FeedbackRemindersPanel())
