import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.procedures.printed_sets import build_printed_sets


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse wants a str, translated when the command runs
        return _(
            "Dựng ngay các bộ tờ niêm yết, tờ gấp đã thay đổi của một xã hoặc mọi xã đang hoạt động "
            "(thường do tác vụ nền làm)."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--commune", help=_("Đường dẫn (slug, ví dụ xa-dinh-bien) hoặc mã của xã; bỏ trống là mọi xã")
        )

    def handle(self, *args, commune=None, **opts):
        communes = Commune.objects.filter(is_active=True).order_by("code")
        if commune:
            communes = Commune.objects.filter(Q(slug=commune) | Q(code=commune))
            if not communes.exists():
                raise CommandError(_("Không có xã nào có đường dẫn hoặc mã '%(code)s'.") % {"code": commune})
        for item in communes:
            started = time.perf_counter()
            report = build_printed_sets(commune=item)
            self.stdout.write(
                _("%(commune)s: dựng %(built)d bộ, %(unchanged)d bộ không đổi, bỏ %(removed)d bộ (%(seconds).1f giây).")
                % {
                    "commune": item.name,
                    "built": len(report.built),
                    "unchanged": report.unchanged,
                    "removed": report.removed,
                    "seconds": time.perf_counter() - started,
                }
            )
