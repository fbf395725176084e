from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.plans.importer import parse_file
from cchc.plans.importer.saving import save_parsed_plan


class Command(BaseCommand):
    help = "Nhập một kế hoạch từ tệp .txt hoặc .docx vào một xã, và báo các dòng chưa xếp được."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp .txt hoặc .docx")
        parser.add_argument("--commune", required=True, help="Đường dẫn (slug) của xã, ví dụ xa-dinh-bien")

    def handle(self, *args, path, commune, **opts):
        target = Commune.objects.filter(slug=commune).first()
        if target is None:
            raise CommandError(f"Không có xã nào có đường dẫn '{commune}'.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp: {path}")
        try:
            parsed = parse_file(file)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        plan = save_parsed_plan(commune=target, parsed=parsed, source_name=file.name)
        with commune_scope(target):
            sections, tasks = plan.sections.count(), plan.tasks.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập kế hoạch #{plan.pk} «{plan.title}» vào {target.name}: {sections} đoạn, {tasks} nhiệm vụ."
            )
        )
        if parsed.unplaced:
            self.stdout.write(self.style.WARNING(f"{len(parsed.unplaced)} dòng chưa xếp được vào phần nào:"))
            for item in parsed.unplaced:
                self.stdout.write(f"  dòng {item.line}: {item.text} — {item.reason}")
