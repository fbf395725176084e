from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cchc.procedures.learning import KEPT_DAYS, forget_old_searches


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse wants a str, translated when the command runs
        return _("Xóa nhật ký tìm thủ tục cũ hơn số ngày cho trước (mặc định %(days)d ngày), ở mọi xã.") % {
            "days": KEPT_DAYS
        }

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=KEPT_DAYS, help=_("Giữ lại bao nhiêu ngày gần nhất"))

    def handle(self, *args, days, **opts):
        if days < 30:
            raise CommandError(_("Cần giữ ít nhất 30 ngày để cán bộ xem được báo cáo tháng."))
        self.stdout.write(_("Đã xóa %(n)d lượt tìm cũ.") % {"n": forget_old_searches(days=days)})
