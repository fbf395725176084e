from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.plans.years import advance_plan_years


class Command(BaseCommand):
    help = _("Chuyển các kế hoạch đã hết năm mà còn «Đang thực hiện» sang «Đánh giá, tổng kết». Chạy hằng ngày.")

    def handle(self, *args, **opts):
        moved = []
        for commune in Commune.objects.order_by("pk"):  # each commune in its own scope
            moved += advance_plan_years(commune=commune)
        for plan in moved:
            self.stdout.write(_("%(commune)s: %(plan)s (năm %(year)d)") % {
                "commune": plan.commune.name, "plan": plan.title, "year": plan.year})  # fmt: skip
        self.stdout.write(_("Đã chuyển %(n)d kế hoạch sang đánh giá, tổng kết.") % {"n": len(moved)})
