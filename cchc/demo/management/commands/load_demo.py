import os

from django.core.management.base import BaseCommand

from cchc.demo.communes import DEMO_LOGINS, DEMO_PASSWORD
from cchc.demo.loading import load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (xã Định Biên năm 2022 và một xã thứ hai). Chạy lại nhiều lần không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--quiet", action="store_true", help="Không in danh sách tài khoản mẫu")

    def handle(self, *args, **opts):
        demo = load_demo(port=opts["port"], device_token=not opts["quiet"])
        communes, plan = demo.communes, demo.plan
        if opts["quiet"]:
            return
        port = opts["port"]
        self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu đã sẵn sàng:"))
        for commune in communes:
            self.stdout.write(f"  {commune.name}: http://{commune.site.hostname}:{port}/")
        self.stdout.write(
            f"  Kế hoạch mẫu: http://127.0.0.1:{port}/quan-tri/ke-hoach/{plan.pk}/tong-quan/ (nhập từ văn bản gốc)"
        )
        self.stdout.write(f"  Cuộc thi tìm hiểu pháp luật: http://{communes[0].site.hostname}:{port}/cuoc-thi/")
        self.stdout.write(
            f"\nĐăng nhập trang quản trị http://127.0.0.1:{port}/quan-tri/ (mật khẩu chung: {DEMO_PASSWORD})"
        )
        for username, name, role, where in DEMO_LOGINS:
            self.stdout.write(f"  {username:<18} {role:<32} {where} — {name}")
        if line := demo.radio.accounts_line():
            self.stdout.write(f"\n{line}")
