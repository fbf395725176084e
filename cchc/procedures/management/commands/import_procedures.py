from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.procedures.catalogue import CatalogueError, load_catalogue, read_catalogue_file


class Command(BaseCommand):
    help = "Nạp danh mục thủ tục hành chính dùng chung từ tệp JSON hoặc Excel (.xlsx); tệp có lỗi không được nạp."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp .json hoặc .xlsx, định dạng mô tả trong docs/thu-tuc-hanh-chinh.md")

    def handle(self, *args, path, **opts):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp: {path}")
        try:
            report = load_catalogue(read_catalogue_file(file))
        except CatalogueError as exc:
            for error in exc.errors:
                self.stderr.write(f"  - {error}")
            raise CommandError(
                f"Tệp có {len(exc.errors)} lỗi; chưa nạp thủ tục nào. Sửa các lỗi trên rồi chạy lại."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp: {len(report.created)} thủ tục mới, {len(report.new_versions)} thủ tục có phiên bản mới, "
                f"{len(report.unchanged)} không đổi; {report.fields} lĩnh vực, {report.life_events} sự kiện."
            )
        )
        if report.new_versions:
            self.stdout.write(
                "Các tờ niêm yết của phiên bản cũ được đánh dấu «đã cũ»: " + ", ".join(report.new_versions)
            )
