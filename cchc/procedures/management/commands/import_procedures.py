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
        parser.add_argument(
            "path",
            help=_(
                "Tệp .json hoặc .xlsx, định dạng mô tả trong docs/thu-tuc-hanh-chinh.md; hoặc danh mục .xlsx xuất từ "
                "Cơ sở dữ liệu quốc gia về thủ tục hành chính (docs/thu-tuc-quoc-gia.md)"
            ),
        )

    def _say_layout(self, layout) -> None:
        """A national list is read by guessing its columns: say what was read and what was left out."""
        if layout is None:
            return
        self.stdout.write(
            _(
                "Đọc theo mẫu danh mục của Cơ sở dữ liệu quốc gia: trang «%(sheet)s», dòng tiêu đề %(row)d; "
                "%(n)d thủ tục cấp xã (%(kept)d đã có trong hệ thống giữ trình tự, hồ sơ, mẫu đơn của phiên bản hiện "
                "hành)."
            )
            % {"sheet": layout.sheet, "row": layout.header_row, "n": layout.procedures, "kept": layout.inherited}
        )
        self.stdout.write(_("Các cột đã đọc: %(columns)s.") % {"columns": "; ".join(layout.read)})
        if layout.ignored:
            self.stdout.write(_("Các cột không dùng: %(columns)s.") % {"columns": "; ".join(layout.ignored)})
        if layout.other_levels:
            levels = ", ".join(f"{name} ({count})" for name, count in sorted(layout.skipped_levels.items()))
            self.stdout.write(
                _("Bỏ qua %(n)d thủ tục không thực hiện ở cấp xã: %(levels)s.")
                % {"n": layout.other_levels, "levels": levels}
            )
        if layout.repeated:
            self.stdout.write(_("Bỏ qua %(n)d dòng lặp lại cùng một thủ tục.") % {"n": layout.repeated})

    def handle(self, *args, path, **opts):
        file = Path(path)
        if not file.is_file():
            raise CommandError(_("Không tìm thấy tệp: %(path)s") % {"path": path})
        try:
            data = read_catalogue_file(file)
            self._say_layout(data.get("_layout") if isinstance(data, dict) else None)
            report = load_catalogue(data)
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
