"""Listener feedback: admin screens («Ý kiến thính giả»).

Officials read what villagers said of a broadcast, with the receipt code a villager may quote on the
phone, and the contact details they left (shown in full to officials, with whether they consented).
The screen is read-only: feedback is stored by ``actions.listeners.RecordListenerFeedback`` only, and
no one edits or deletes what a villager wrote. Scoped to the official's commune like every viewset of
commune data; who may read it is the model's ``view`` permission (``apps.py``).
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic

from cchc.communes.viewsets import CommuneOwnedViewSet, ReadOnlyViewSetMixin

from .actions.listeners import LOG_ACTION
from .models import ListenerFeedback


class MessageColumn(Column):
    """The message, cut short in the listing; the whole of it is on the inspect page."""

    def get_value(self, instance):
        return Truncator(instance.message).chars(120)


class ContactColumn(Column):
    def get_value(self, instance):
        if not (instance.name or instance.phone):
            return ""
        if instance.phone:
            return format_html('{} <a href="tel:{}">{}</a>', instance.name, instance.phone, instance.phone)
        return instance.name


class ListenerFeedbackIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("script")


class ListenerFeedbackViewSet(ReadOnlyViewSetMixin, CommuneOwnedViewSet):
    model = ListenerFeedback
    icon = "comment"
    menu_label = _("Ý kiến thính giả")
    index_view_class = ListenerFeedbackIndexView
    list_display = [
        "code",  # leads to the whole feedback (the inspect page)
        DateColumn("created_at", label=_("Ngày gửi"), sort_key="created_at"),
        Column("script", label=_("Bài phát thanh")),
        MessageColumn("message", label=_("Ý kiến")),
        ContactColumn("contact", label=_("Họ tên, điện thoại")),
        BooleanColumn("consent", label=_("Đồng ý liên hệ")),
    ]
    list_filter = ["consent"]
    search_fields = ["code", "message", "name", "phone"]
    ordering = ["-created_at", "-pk"]
    inspect_view_fields = ["created_at", "code", "script", "message", "consent", "name", "phone"]


# In the «Truyền thanh» menu group (``admin_scripts.RadioGroup``), which registers it.
listener_feedback_viewset = ListenerFeedbackViewSet("y-kien-thinh-gia")


@hooks.register("register_log_actions")
def register_listener_feedback_log(actions):
    actions.register_action(LOG_ACTION, _("Nhận ý kiến thính giả"), _("Nhận ý kiến thính giả"))
