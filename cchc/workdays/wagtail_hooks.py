from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CalendarDay


class CalendarDayViewSet(ModelViewSet):
    """Platform administrators keep the calendar from each year's notice; commune officials hold no
    permission on it, so it stays out of their menu."""

    model = CalendarDay
    menu_label = _("Lịch ngày nghỉ, làm bù")
    icon = "date"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["day", "kind", "name"]
    list_filter = ["kind"]
    form_fields = ["day", "kind", "name"]
    ordering = ["-day"]


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return CalendarDayViewSet("lich-ngay-nghi")
