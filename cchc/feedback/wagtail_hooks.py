from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cchc.communes.menus import PermissionMenuItem

from . import admin_views
from .receiving import LOG_RECEIVE


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(LOG_RECEIVE, _("Tiếp nhận phản ánh, kiến nghị"), _("Tiếp nhận phản ánh, kiến nghị"))


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path("phan-anh-kien-nghi/", admin_views.received, name="cchc_feedback_received"),
        path("phan-anh-kien-nghi/nhap/", admin_views.enter, name="cchc_feedback_enter"),
    ]


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return PermissionMenuItem(_("Phản ánh, kiến nghị"), reverse("cchc_feedback_received"),
                              permission="feedback.view_feedback", icon_name="mail", order=160)  # fmt: skip
