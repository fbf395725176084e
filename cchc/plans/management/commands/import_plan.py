from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.plans.actions import ImportPlan
from cchc.plans.importer import parse_file


class Command(BaseCommand):
    help = _("Nhập một kế hoạch từ tệp .txt hoặc .docx vào một xã, và báo các dòng chưa xếp được.")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("Đường dẫn tệp .txt hoặc .docx"))
        parser.add_argument("--commune", required=True, help=_("Đường dẫn (slug) của xã, ví dụ xa-dinh-bien"))
        parser.add_argument(
            "--accept-other-issuer",
            action="store_true",
            help=_("Vẫn nhập khi phần đầu văn bản ghi cơ quan ban hành là một xã khác"),
        )

    def handle(self, *args, path, commune, **opts):
        target = Commune.objects.filter(slug=commune).first()
        if target is None:
            raise CommandError(_("Không có xã nào có đường dẫn '%(slug)s'.") % {"slug": commune})
        file = Path(path)
        if not file.is_file():
            raise CommandError(_("Không tìm thấy tệp: %(path)s") % {"path": path})
        try:
            parsed = parse_file(file)  # limits apply; refused files raise ImportRefused, a ValueError
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        action = ImportPlan(
            commune=target, parsed=parsed, source_name=file.name, other_issuer_confirmed=opts["accept_other_issuer"]
        )
        try:
            plan = action.execute()
        except PermissionDenied as refusal:
            raise CommandError(str(refusal)) from refusal
        with commune_scope(target):
            sections, tasks = plan.sections.count(), plan.tasks.count()
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã nhập kế hoạch #%(id)d «%(title)s» vào %(commune)s: %(sections)d đoạn, %(tasks)d nhiệm vụ.")
                % {"id": plan.pk, "title": plan.title, "commune": target.name, "sections": sections, "tasks": tasks}
            )
        )
        if parsed.unplaced:
            self.stdout.write(
                self.style.WARNING(_("%(n)d dòng chưa xếp được vào phần nào:") % {"n": len(parsed.unplaced)})
            )
            for item in parsed.unplaced:
                self.stdout.write(_("  dòng %(line)d: %(text)s — %(reason)s") % vars(item))
