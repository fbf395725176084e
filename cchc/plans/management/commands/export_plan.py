from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.plans.export import FORMATS, export_plan
from cchc.plans.models import Plan


class Command(BaseCommand):
    help = "Xuất kế hoạch ra tệp Word (.docx) hoặc PDF theo thể thức Nghị định 30/2020/NĐ-CP."

    def add_arguments(self, parser):
        parser.add_argument("--commune", required=True, help="Đường dẫn (slug) của xã")
        parser.add_argument("--plan", required=True, type=int, help="Mã số kế hoạch")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        parser.add_argument("--output", required=True, help="Tệp sẽ ghi ra")

    def handle(self, *args, commune, plan, fmt, output, **opts):
        target = Commune.objects.filter(slug=commune).first()
        if target is None:
            raise CommandError(f"Không có xã nào có đường dẫn '{commune}'.")
        with commune_scope(target):
            found = Plan.objects.filter(pk=plan).first()
            if found is None:
                raise CommandError(f"{target.name} không có kế hoạch số {plan}.")
            content, _ = export_plan(found, fmt=fmt)
        Path(output).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {output} ({len(content):,} byte).".replace(",", ".")))
