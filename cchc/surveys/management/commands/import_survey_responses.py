"""``manage.py import_survey_responses PATH --commune SLUG --campaign "TITLE"``: see ``cchc.surveys.importing``."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.communes.scoping import commune_scope
from cchc.surveys.actions import CreateCampaign
from cchc.surveys.importing import ImportFailed, import_responses
from cchc.surveys.models import Campaign, CampaignStatus
from cchc.surveys.official import default_template

from ._common import find_campaign, find_commune


class Command(BaseCommand):
    help = _("Nhập phiếu khảo sát sự hài lòng từ tệp Excel (.xlsx) hoặc CSV, mỗi dòng một người trả lời.")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("Đường dẫn tệp .xlsx hoặc .csv"))
        parser.add_argument("--commune", required=True, help=_("Đường dẫn (slug) hoặc mã của xã"))
        parser.add_argument("--campaign", required=True, help=_("Tên đợt khảo sát; chưa có thì được tạo mới"))

    def handle(self, *args, path, commune, campaign, **options):
        path = Path(path)
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp “%(path)s”.") % {"path": path})
        if path.suffix.lower() not in {".csv", ".xlsx", ".xlsm"}:
            raise CommandError(_("Chỉ nhập được tệp .xlsx hoặc .csv."))
        commune_obj = find_commune(commune)
        title = campaign.strip()
        if not title:
            raise CommandError(_("Hãy ghi tên đợt khảo sát."))
        try:
            with transaction.atomic():
                target = find_campaign(commune_obj, title)
                created = target is None
                if created:
                    with commune_scope(commune_obj):
                        target = CreateCampaign(
                            Campaign(
                                commune=commune_obj,
                                title=title,
                                template=default_template(),
                                status=CampaignStatus.OPEN,
                            ),
                            user=None,
                        ).execute()
                report = import_responses(path=path, campaign=target)
        except ImportFailed as failed:
            raise CommandError(
                "\n".join([_("Không nhập tệp, chưa lưu phiếu nào. Hãy sửa các lỗi sau rồi nhập lại:"), *failed.errors])
            ) from failed
        except PermissionDenied as refused:
            raise CommandError(str(refused)) from refused
        if created:
            self.stdout.write(_("Đã tạo đợt khảo sát “%(title)s” theo mẫu phiếu mặc định.") % {"title": title})
        self.stdout.write(
            _("Đã lưu %(stored)d phiếu mới; %(already)d phiếu đã có từ lần nhập trước; bỏ qua %(blank)d dòng trống.")
            % {"stored": report.stored, "already": report.already, "blank": report.skipped_blank}
        )
