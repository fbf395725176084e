import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.plans.importer.uploads import KEEP_UNCONFIRMED, discard_unconfirmed_imports


class Command(BaseCommand):
    help = _("Xóa tệp và bản ghi của các lần nhập kế hoạch không đọc được hoặc không ai lưu thành kế hoạch sau N ngày.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=KEEP_UNCONFIRMED.days, help=_("Giữ lại các lần nhập mới hơn số ngày này")
        )

    def handle(self, *args, days, **opts):
        if days < 0:
            raise CommandError(_("Số ngày phải từ 0 trở lên."))
        total = 0
        for commune in Commune.objects.order_by("pk"):  # each commune in its own scope
            total += discard_unconfirmed_imports(commune=commune, older_than=dt.timedelta(days=days))
        self.stdout.write(
            _("Đã xóa %(n)d lần nhập kế hoạch chưa được lưu quá %(days)d ngày.") % {"n": total, "days": days}
        )
