from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cchc.procedures.catalogue import CatalogueError, load_catalogue, read_catalogue_file


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse wants a str, translated when the command runs
        return _(
            "Nạp danh mục thủ tục hành chính dùng chung từ tệp JSON hoặc Excel (.xlsx); tệp có lỗi không được nạp."
        )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("Tệp .json hoặc .xlsx, định dạng mô tả trong docs/thu-tuc-hanh-chinh.md"))

    def handle(self, *args, path, **opts):
        file = Path(path)
        if not file.is_file():
            raise CommandError(_("Không tìm thấy tệp: %(path)s") % {"path": path})
        try:
            report = load_catalogue(read_catalogue_file(file))
        except CatalogueError as exc:
            for error in exc.errors:
                self.stderr.write(f"  - {error}")
            raise CommandError(
                _("Tệp có %(n)d lỗi; chưa nạp thủ tục nào. Sửa các lỗi trên rồi chạy lại.") % {"n": len(exc.errors)}
            ) from exc
        summary = _(
            "Đã nạp: %(created)d thủ tục mới, %(versions)d thủ tục có phiên bản mới, %(unchanged)d không đổi; "
            "%(fields)d lĩnh vực, %(events)d sự kiện."
        ) % {
            "created": len(report.created),
            "versions": len(report.new_versions),
            "unchanged": len(report.unchanged),
            "fields": report.fields,
            "events": report.life_events,
        }
        self.stdout.write(self.style.SUCCESS(summary))
        if report.new_versions:
            self.stdout.write(
                _("Các tờ niêm yết của phiên bản cũ được đánh dấu «đã cũ»: %(codes)s")
                % {"codes": ", ".join(report.new_versions)}
            )
