"""``manage.py survey_kiosk --commune SLUG --campaign "TITLE" [--new]``: the address of the campaign's kiosk.

The kiosk at the one-stop desk opens ``/khao-sat/quay/<token>/`` on the commune's site; the token is
made here on first use (``--new`` replaces it, so that a leaked address stops working), through the
campaign's edit action, which leaves an audit record.
"""

from __future__ import annotations

import secrets

from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.communes.scoping import commune_scope
from cchc.surveys.actions import EditCampaign

from ._common import existing_campaign, find_commune


def issue_kiosk_token(campaign, *, renew: bool = False, user=None) -> str:
    """The campaign's kiosk token, made (or replaced when ``renew``) through ``EditCampaign``."""
    if campaign.kiosk_token and not renew:
        return campaign.kiosk_token
    campaign.kiosk_token = secrets.token_urlsafe(24)
    with commune_scope(campaign.commune):
        EditCampaign(campaign, user=user).execute()
    return campaign.kiosk_token


class Command(BaseCommand):
    help = _("In địa chỉ máy khảo sát (kiosk) của một đợt khảo sát; tạo mã máy nếu chưa có.")

    def add_arguments(self, parser):
        parser.add_argument("--commune", required=True, help=_("Đường dẫn (slug) hoặc mã của xã"))
        parser.add_argument("--campaign", required=True, help=_("Tên đợt khảo sát"))
        parser.add_argument("--new", action="store_true", help=_("Đổi mã máy mới (địa chỉ cũ thôi hoạt động)"))

    def handle(self, *args, commune, campaign, new: bool = False, **options):
        commune_obj = find_commune(commune)
        target = existing_campaign(commune_obj, campaign)
        token = issue_kiosk_token(target, renew=new)
        self.stdout.write(commune_obj.site.root_url + reverse("surveys:kiosk", args=[token]))
