"""The periodic jobs in one long-running process, for machines without cron (and for `make run`).

Every minute: publish the pages whose scheduled time has come (Wagtail's ``publish_scheduled``).
Once a day: move plans whose year is over to evaluation, and drop abandoned plan uploads.
Production may run the same commands from cron instead (README).
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.management import BaseCommand, call_command
from django.db import close_old_connections
from django.utils import timezone

EVERY_MINUTE = (("publish_scheduled", {}),)
EVERY_DAY = (("advance_plan_years", {}), ("cleanup_plan_imports", {"days": 7}))


class Command(BaseCommand):
    help = "Chạy các việc định kỳ: xuất bản bài đã hẹn giờ (mỗi phút), chuyển năm kế hoạch (mỗi ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60, help="số giây giữa hai lần xuất bản hẹn giờ")
        parser.add_argument("--once", action="store_true", help="chạy mỗi việc một lần rồi dừng")

    def handle(self, *args, interval: float, once: bool, **options):
        last_day: dt.date | None = None
        while True:
            for name, kwargs in EVERY_MINUTE:
                self._run(name, kwargs)
            today = timezone.localdate()
            if today != last_day:
                for name, kwargs in EVERY_DAY:
                    self._run(name, kwargs)
                last_day = today
            if once:
                return
            time.sleep(interval)
            # A database restart during the sleep must not stop the rounds that follow. Not before
            # the first round: a caller's open transaction (a test's, a shell's) is not ours to drop.
            close_old_connections()

    def _run(self, name: str, kwargs: dict) -> None:
        # One failing job must not stop the others, nor the next round.
        try:
            call_command(name, stdout=self.stdout, stderr=self.stderr, **kwargs)
        except Exception as error:
            self.stderr.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} {name}: {error!r}")
