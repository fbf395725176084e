from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.core.text import format_number
from cchc.plans.export import FORMATS, export_plan
from cchc.plans.models import Plan


class Command(BaseCommand):
    help = _("Xuất kế hoạch ra tệp Word (.docx) hoặc PDF theo thể thức Nghị định 30/2020/NĐ-CP.")

    def add_arguments(self, parser):
        parser.add_argument("--commune", required=True, help=gettext_lazy("Đường dẫn (slug) của xã"))
        parser.add_argument("--plan", required=True, type=int, help=gettext_lazy("Mã số kế hoạch"))
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        parser.add_argument("--output", required=True, help=gettext_lazy("Tệp sẽ ghi ra"))

    def handle(self, *args, commune, plan, fmt, output, **opts):
        target = Commune.objects.filter(slug=commune).first()
        if target is None:
            raise CommandError(_("Không có xã nào có đường dẫn '%(slug)s'.") % {"slug": commune})
        with commune_scope(target):
            found = Plan.objects.filter(pk=plan).first()
            if found is None:
                raise CommandError(
                    _("%(commune)s không có kế hoạch số %(plan)d.") % {"commune": target.name, "plan": plan}
                )
            content, _name = export_plan(found, fmt=fmt)
            log(instance=found, action="cchc.export", data={"format": fmt, "by": "manage.py export_plan"})
        Path(output).write_bytes(content)
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã ghi %(path)s (%(size)s byte).") % {"path": output, "size": format_number(len(content))}
            )
        )
