from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from cchc.communes.models import Commune, CommuneKind
from cchc.communes.provisioning import CommuneSpec, create_commune


class Command(BaseCommand):
    help = _("Tạo một xã mới: trang web riêng, trang chủ, thư mục ảnh - tài liệu và các nhóm vai trò.")

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help=gettext_lazy("Tên xã, ví dụ: 'Xã Định Biên'"))
        parser.add_argument("--code", required=True, help=gettext_lazy("Mã đơn vị hành chính, ví dụ: 05575"))
        parser.add_argument("--province", required=True, help=gettext_lazy("Ví dụ: 'Tỉnh Thái Nguyên'"))
        parser.add_argument(
            "--superior", required=True, help=gettext_lazy("Cơ quan cấp trên, ví dụ: 'UBND huyện Định Hóa'")
        )
        parser.add_argument(
            "--hostname", required=True, help=gettext_lazy("Tên miền của trang xã, ví dụ: dinhbien.example.vn")
        )
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--district", default="", help=gettext_lazy("Huyện (với dữ liệu trước 7/2025)"))
        parser.add_argument("--kind", default=CommuneKind.XA, choices=list(CommuneKind.values))
        parser.add_argument("--slug", default="")
        parser.add_argument(
            "--default-site", action="store_true", help=gettext_lazy("Dùng làm trang mặc định của máy chủ")
        )

    def handle(self, *args, **opts):
        if Commune.objects.filter(code=opts["code"]).exists():
            raise CommandError(_("Đã có xã mang mã %(code)s.") % {"code": opts["code"]})
        spec = CommuneSpec(
            name=opts["name"].strip(),
            code=opts["code"].strip(),
            province=opts["province"].strip(),
            superior_body=opts["superior"].strip(),
            hostname=opts["hostname"].strip().lower(),
            port=opts["port"],
            district=opts["district"].strip(),
            kind=opts["kind"],
            slug=opts["slug"],
            is_default_site=opts["default_site"],
        )
        try:
            commune = create_commune(spec)
        except IntegrityError as exc:
            failed = _("Không tạo được xã (trùng tên miền hoặc đường dẫn?): %(error)s")
            raise CommandError(failed % {"error": exc}) from exc
        log(instance=commune, action="wagtail.create", data={"by": "manage.py create_commune"})
        created = _("Đã tạo %(name)s (mã %(code)s) tại %(url)s") % {
            "name": commune.name,
            "code": commune.code,
            "url": f"http://{spec.hostname}:{spec.port}/",
        }
        self.stdout.write(self.style.SUCCESS(created))
